/**
 * The check-family tasks on a real sandbox: each maps its probe's result into
 * report checks (requirements by check name, statuses triaged), streams them,
 * and leaves its evidence under evidence/<family>/ of the run folder.
 */
import { existsSync, readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunPlan } from '../../../src/config/plan.ts';
import { resolveConfig } from '../../../src/config/resolve.ts';
import type { CheckResult } from '../../../src/model/types.ts';
import { systemClock } from '../../../src/runner/clock.ts';
import type { RunTarget, Task } from '../../../src/runner/task.ts';
import { runTasks } from '../../../src/runner/task-runner.ts';
import type { TaskRunnerOutcome } from '../../../src/runner/task-runner.ts';
import { familyTasks } from '../../../src/runner/tasks/index.ts';
import { guiTask } from '../../../src/runner/tasks/gui.ts';
import { sandboxTask } from '../../../src/runner/tasks/sandbox.ts';
import { applyFault, clearFaults, readSandbox, sandboxDown, sandboxUp } from '../../../src/sandbox/sandbox.ts';

const ROOT = path.resolve(import.meta.dirname, '../../..');
const NAME = 'run-families';
const SUITE = path.join(ROOT, 'test/fixtures/suites/families.ts');
let plan: RunPlan;
const runDirs: string[] = [];

/** The sandbox task (reading the running sandbox) followed by the chosen family tasks, as executeRun would run them. */
async function run(families: string[]): Promise<{ outcome: TaskRunnerOutcome; streamed: CheckResult[]; runDir: string; target: RunTarget | undefined }> {
  const runDir = await mkdtemp(path.join(os.tmpdir(), 'signoff-families-'));
  runDirs.push(runDir);
  const lifecycle = { up: () => Promise.reject(new Error('not started here')), read: readSandbox, down: () => Promise.resolve() };
  const setup = sandboxTask({ kind: 'sandbox', id: 'sandbox', title: 'Sandbox', sandboxName: NAME, start: false }, plan.target.name, lifecycle);
  const tasks: Task[] = [setup, ...familyTasks(plan).filter((t) => families.includes(t.family))];
  const streamed: CheckResult[] = [];
  const state = { target: undefined as RunTarget | undefined };
  const outcome = await runTasks({ runId: 'test', runDir, tasks, state, clock: systemClock, deadlineMs: 600_000, hooks: { onCheckEnd: (c) => void streamed.push(c) } });
  return { outcome, streamed, runDir, target: state.target };
}

const byId = (checks: CheckResult[], id: string): CheckResult => {
  const check = checks.find((c) => c.id === id);
  if (!check) throw new Error(`no check ${id}; have ${checks.map((c) => c.id).join(', ')}`);
  return check;
};
const notPassed = (checks: CheckResult[]) => checks.filter((c) => c.status !== 'passed').map((c) => `${c.id}: ${c.status} ${c.error?.code ?? ''}`);

beforeAll(async () => {
  await sandboxUp({ name: NAME });
  plan = await resolveConfig({ configFile: path.join(ROOT, 'signoff.config.ts'), suiteFile: SUITE, overrides: { targetName: `sandbox:${NAME}` } });
}, 180_000);

afterAll(async () => {
  await sandboxDown(NAME);
  for (const dir of runDirs) await rm(dir, { recursive: true, force: true });
});

describe('check-family tasks', () => {
  it('run in the order ldap, imap, accounts, api, gui', () => {
    expect(familyTasks(plan).map((t) => t.id)).toEqual(['ldap', 'imap', 'accounts', 'api', 'gui']);
  });

  it('map the LDAP and IMAP probes into passing checks with their requirements, streamed, and the summary and capability matrix as evidence files', async () => {
    const { outcome, streamed, runDir } = await run(['ldap', 'imap']);
    expect(outcome.runError).toBeUndefined();
    expect(notPassed(outcome.checks)).toEqual([]);
    expect(streamed.map((c) => c.id)).toEqual(outcome.checks.map((c) => c.id));
    expect(outcome.checks.filter((c) => c.family === 'ldap').every((c) => c.requirementIds.join() === 'REQ-LDAP-01')).toBe(true);
    // Per-check mapping: only the mapped IMAP checks prove REQ-IMAP-01.
    expect(byId(outcome.checks, 'imap.capabilities').requirementIds).toEqual(['REQ-IMAP-01']);
    expect(byId(outcome.checks, 'imap.idle').requirementIds).toEqual([]);
    const matrix = byId(outcome.checks, 'imap.capabilities').evidence.find((e) => e.path === 'evidence/imap/capability-matrix.json');
    expect(matrix).toBeDefined();
    expect(JSON.parse(readFileSync(path.join(runDir, 'evidence/imap/capability-matrix.json'), 'utf8'))).toMatchObject({ missingBlocking: [] });
    expect(byId(outcome.checks, 'ldap.auth-mode').evidence.map((e) => e.path)).toContain('evidence/ldap/summary.json');
    expect(JSON.parse(readFileSync(path.join(runDir, 'evidence/ldap/summary.json'), 'utf8'))).toMatchObject({ transport: 'starttls' });
    for (const check of outcome.checks) for (const e of check.evidence) expect(existsSync(path.join(runDir, e.path)), e.path).toBe(true);
  });

  it('map the accounts verification and the API round-trips into passing checks with evidence under evidence/accounts and evidence/api', async () => {
    const { outcome, runDir } = await run(['accounts', 'api']);
    expect(notPassed(outcome.checks)).toEqual([]);
    const verified = byId(outcome.checks, 'accounts.verified');
    expect(verified.requirementIds).toEqual(['REQ-ACC-01']);
    expect(verified.evidence.map((e) => e.path)).toEqual(['evidence/accounts/accounts-failures.json', 'evidence/accounts/summary.json']);
    expect(JSON.parse(readFileSync(path.join(runDir, 'evidence/accounts/summary.json'), 'utf8'))).toMatchObject({ total: 50, verified: 50 });
    expect(outcome.checks.filter((c) => c.family === 'api').map((c) => [c.id, c.requirementIds])).toEqual([
      ['api.vcard-roundtrip.contacts-vcard30', ['REQ-MIG-01']],
      ['api.ical-roundtrip.events', ['REQ-MIG-01']],
      ['api.mail-delivery', []],
      ['api.password-change', ['REQ-PWD-01']],
    ]);
    for (const check of outcome.checks) for (const e of check.evidence) expect(e.path.startsWith(`evidence/${check.family}/`), e.path).toBe(true);
  });

  it('map the GUI smoke and branding checks with their requirements and timings as evidence', async () => {
    const { outcome, runDir } = await run(['gui']);
    // The suite names no baseline folder, so only the screenshot comparison is skipped.
    expect(notPassed(outcome.checks)).toEqual(['branding.desktop.screenshots: skipped ']);
    const smoke = outcome.checks.filter((c) => c.family === 'gui');
    const branding = outcome.checks.filter((c) => c.family === 'branding');
    expect(smoke.length).toBeGreaterThan(0);
    expect(branding.length).toBeGreaterThan(0);
    expect(smoke.every((c) => c.requirementIds.join() === 'REQ-GUI-01')).toBe(true);
    expect(branding.every((c) => c.requirementIds.join() === 'REQ-BRAND-01')).toBe(true);
    expect(existsSync(path.join(runDir, 'evidence/gui/timings.json'))).toBe(true);
  });

  it('pass --update-baselines through to the GUI run and record it as a deviation', async () => {
    const baselineDir = await mkdtemp(path.join(os.tmpdir(), 'signoff-baselines-'));
    runDirs.push(baselineDir);
    const item = { ...plan.suite.gui!, baselineDir };
    const runDir = await mkdtemp(path.join(os.tmpdir(), 'signoff-families-'));
    runDirs.push(runDir);
    const { target } = await run([]);
    const outcome = await runTasks({ runId: 'test', runDir, tasks: [guiTask(item, plan, { updateBaselines: true })], state: { target }, clock: systemClock, deadlineMs: 300_000 });
    expect(outcome.deviations.map((d) => d.id)).toEqual(['gui.baselines-updated']);
    expect(byId(outcome.checks, 'branding.desktop.screenshots').status).not.toBe('error');
  });

  it('fail the LDAP checks under ldap-down without stopping the run: the next family still runs, nothing is reported as an infrastructure error', async () => {
    await applyFault(NAME, { kind: 'ldap-down' });
    try {
      const { outcome } = await run(['ldap', 'imap']);
      expect(outcome.runError).toBeUndefined();
      const connection = byId(outcome.checks, 'ldap.connection');
      expect(connection.status).toBe('failed');
      expect(connection.error?.code).toBeTruthy();
      // Checks that could not run after the failed connection are unverified, not errors of the harness.
      expect(byId(outcome.checks, 'ldap.bind').status).toBe('skipped');
      expect(outcome.checks.some((c) => c.family === 'imap')).toBe(true);
      expect(outcome.checks.filter((c) => c.status === 'error').map((c) => `${c.id} ${c.error?.code}`)).toEqual([]);
    } finally {
      await clearFaults(NAME);
    }
  });

  it('report an unreachable IMAP server as one infrastructure error with its code and go on with the next family', async () => {
    const { outcome: healthy, target } = await run([]);
    expect(healthy.runError).toBeUndefined();
    const unreachable = familyTasks(plan).filter((t) => t.family === 'imap' || t.family === 'ldap');
    const runDir = await mkdtemp(path.join(os.tmpdir(), 'signoff-families-'));
    runDirs.push(runDir);
    const state = { target: { ...(target as RunTarget), imap: { host: '127.0.0.1', port: 9, tls: 'starttls' as const } } };
    const outcome = await runTasks({ runId: 'test', runDir, tasks: unreachable.reverse(), state, clock: systemClock, deadlineMs: 120_000 });
    expect(outcome.runError).toBeUndefined();
    expect(byId(outcome.checks, 'imap.tls')).toMatchObject({ status: 'error', error: { code: 'TARGET_UNREACHABLE' } });
    expect(byId(outcome.checks, 'ldap.connection').status).toBe('passed');
  });
});
