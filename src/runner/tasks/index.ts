/**
 * The task registry: a plan's task specs → task modules, with the check
 * families of the suite (ldap, imap, accounts, api, gui) after the setup
 * tasks and before the load, in that order: cheap protocol probes first, so
 * a broken backend is named before minutes of load are spent on it.
 */
import type { RunPlan, TaskSpec } from '../../config/plan.ts';
import type { Task } from '../task.ts';
import { accountsTask } from './accounts.ts';
import { apiTask } from './api.ts';
import { customTask } from './custom.ts';
import { guiTask } from './gui.ts';
import { imapTask } from './imap.ts';
import { ldapTask } from './ldap.ts';
import { loadTask } from './load.ts';
import { sandboxTask } from './sandbox.ts';
import type { SandboxLifecycle } from './sandbox.ts';
import { SignoffError } from '../../errors.ts';

export interface TaskServices {
  sandbox?: SandboxLifecycle | undefined;
  /** `--only-failed`: logins the accounts task checks again, and the file they came from. */
  onlyFailed?: { logins: Set<string>; file: string } | undefined;
  /** `--update-baselines`: the GUI task rewrites its screenshot baselines. */
  updateBaselines?: boolean | undefined;
  /** `--segments N`: k6 processes per load item. */
  segments?: number | undefined;
}

export function createTask(spec: TaskSpec, plan: RunPlan, services: TaskServices = {}): Task {
  switch (spec.kind) {
    case 'sandbox':
      if (!services.sandbox) throw new SignoffError('INTERNAL', 'a sandbox target needs the sandbox lifecycle (ExecuteOptions.sandbox)');
      return sandboxTask(spec, plan.target.name, services.sandbox);
    case 'load':
      return loadTask(spec, plan, { segments: services.segments });
    case 'custom':
      return customTask(spec);
  }
}

/** The suite's check families, in run order. */
export function familyTasks(plan: RunPlan, services: TaskServices = {}): Task[] {
  const { probes, checks, gui } = plan.suite;
  const tasks: Task[] = [];
  if (probes.ldap) tasks.push(ldapTask(probes.ldap, plan));
  if (probes.imap) tasks.push(imapTask(probes.imap, plan));
  if (checks.accounts) tasks.push(accountsTask(checks.accounts, plan, { onlyLogins: services.onlyFailed?.logins, onlyFailedFile: services.onlyFailed?.file }));
  if (checks.api) tasks.push(apiTask(checks.api, plan));
  if (gui) tasks.push(guiTask(gui, plan, { updateBaselines: services.updateBaselines }));
  return tasks;
}

/**
 * Every task of a run: setup (sandbox), the check families, then the plan's
 * load and custom tasks. (The families are derived from the suite here until
 * RunPlan.tasks carries specs for them.) With --only-failed, only the accounts task.
 */
export function createTasks(plan: RunPlan, services: TaskServices = {}): Task[] {
  const specs = plan.tasks;
  const setup = specs.filter((s) => s.kind === 'sandbox').map((s) => createTask(s, plan, services));
  // --only-failed is a re-check of accounts: nothing else of the suite runs.
  if (services.onlyFailed) return [...setup, ...familyTasks(plan, services).filter((t) => t.family === 'accounts')];
  const rest = specs.filter((s) => s.kind !== 'sandbox').map((s) => createTask(s, plan, services));
  return [...setup, ...familyTasks(plan, services), ...rest];
}
