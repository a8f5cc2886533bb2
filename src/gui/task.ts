/**
 * The GUI checks as a run task: the target comes from the run state (the
 * sandbox task fills it in), the first two accounts send and receive the smoke
 * mail, the brand (when given) is what the branding checks expect. Evidence
 * goes to `evidence/gui/` in the run folder; updated baselines are a deviation.
 */
import path from 'node:path';
import { loadAccounts } from '../config/accounts.ts';
import { loadBrand } from '../config/brand.ts';
import { SignoffError } from '../errors.ts';
import type { Task, TaskContext, TaskOutput } from '../runner/task.ts';
import type { GuiProject, GuiSpec } from './playwright-config.ts';
import { runGuiChecks, type GuiAccount } from './run.ts';
import type { SelectorSetName } from './selectors.ts';

export interface GuiTaskOptions {
  selectorSet: SelectorSetName;
  brandDir?: string;
  projects?: GuiProject[];
  specs?: GuiSpec[];
  baselineDir?: string;
  updateBaselines?: boolean;
  timeoutMs?: number;
  requirementIds?: string[];
}

async function twoAccounts(ctx: TaskContext): Promise<[GuiAccount, GuiAccount]> {
  const config = ctx.state.target?.accounts;
  if (!config) throw new SignoffError('CONFIG_INVALID', 'the GUI checks need target.accounts (two accounts: sender and recipient of the smoke mail)');
  const { accounts } = await loadAccounts(config.file, { strict: true });
  const shared = config.passwordEnv ? process.env[config.passwordEnv] : undefined;
  const usable = accounts.slice(0, 2).map((a) => ({ login: a.login, email: a.email, password: a.password ?? shared ?? '' }));
  const [a, b] = usable;
  if (!a?.password || !b?.password) {
    throw new SignoffError('ACCOUNTS_INVALID', `${config.file}: the GUI checks need two accounts with passwords (in the CSV or via passwordEnv)`);
  }
  return [a, b];
}

export function guiTask(options: GuiTaskOptions): Task {
  const requirementIds = options.requirementIds ?? [];
  return {
    id: 'gui',
    title: 'GUI smoke and branding (Playwright)',
    family: 'gui',
    requirementIds,
    async run(ctx): Promise<TaskOutput> {
      const target = ctx.state.target;
      if (!target) throw new SignoffError('INTERNAL', 'the GUI task ran before the target was known');
      const brand = options.brandDir ? await loadBrand(options.brandDir) : undefined;
      ctx.log(`GUI checks against ${target.baseUrl}${target.uiPath} (${(options.projects ?? ['desktop', 'mobile']).join(', ')})`);
      const out = await runGuiChecks({
        baseUrl: target.baseUrl,
        uiPath: target.uiPath,
        apiPath: target.apiPath,
        ...(target.caFile ? { caFile: target.caFile } : {}),
        selectorSet: options.selectorSet,
        ...(brand ? { brand } : {}),
        accounts: await twoAccounts(ctx),
        ...(options.projects ? { projects: options.projects } : {}),
        ...(options.specs ? { specs: options.specs } : {}),
        ...(options.baselineDir ? { baselineDir: options.baselineDir } : {}),
        updateBaselines: options.updateBaselines === true,
        runDir: ctx.runDir,
        evidenceDir: path.join(ctx.runDir, 'evidence', 'gui'),
        ...(options.timeoutMs ? { timeoutMs: options.timeoutMs } : {}),
        signal: ctx.signal,
      });
      const checks = out.checks.map((check) => ({ ...check, requirementIds: check.requirementIds.length > 0 ? check.requirementIds : requirementIds }));
      return { checks, deviations: out.deviations, toolVersions: { playwright: await playwrightVersion() } };
    },
  };
}

async function playwrightVersion(): Promise<string> {
  const pkg = (await import('@playwright/test/package.json', { with: { type: 'json' } })) as { default: { version: string } };
  return pkg.default.version;
}
