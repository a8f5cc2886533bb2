/**
 * gui: the Playwright smoke and branding specs (suites/gui) against the
 * target's UI, per project (desktop, mobile). The expected brand is the
 * suite's gui.brand, else the target's (a sandbox: the brand it serves).
 * `--update-baselines` rewrites the screenshot baselines from this run; the
 * GUI runner reports that as a deviation, which lands in the report.
 */
import path from 'node:path';
import type { RunPlan } from '../../config/plan.ts';
import type { GuiItem } from '../../config/suite.ts';
import { loadBrand } from '../../config/brand.ts';
import { parseDuration } from '../../config/duration.ts';
import { SignoffError } from '../../errors.ts';
import { runGuiChecks } from '../../gui/run.ts';
import type { GuiAccount } from '../../gui/run.ts';
import type { RunTarget, Task } from '../task.ts';
import { familyTask, sampleAccounts, writeJsonEvidence } from './family.ts';
import { brandDirOf } from './sandbox.ts';

export const GUI_TIMINGS_FILE = 'timings.json';

export interface GuiTaskOptions {
  updateBaselines?: boolean | undefined;
}

function brandDirFor(item: GuiItem, plan: RunPlan, target: RunTarget): string | undefined {
  if (item.brand) return path.resolve(plan.projectDir, item.brand);
  if (plan.target.kind === 'remote' && plan.target.config.brand) return path.resolve(plan.projectDir, plan.target.config.brand);
  return brandDirOf(target);
}

export function guiTask(item: GuiItem, plan: RunPlan, options: GuiTaskOptions = {}): Task {
  return familyTask({
    family: 'gui',
    title: `GUI: smoke and branding (${item.projects.join(', ')})`,
    requirementIds: item.requirementIds,
    async run(ctx, target, dirs) {
      const [a, b] = await sampleAccounts(target, plan.projectDir, 2);
      if (!a || !b) throw new SignoffError('ACCOUNTS_INVALID', `target "${target.name}": the GUI smoke needs two accounts (sender and recipient)`);
      const accounts: [GuiAccount, GuiAccount] = [
        { login: a.login, password: a.password, email: a.email },
        { login: b.login, password: b.password, email: b.email },
      ];
      const brandDir = brandDirFor(item, plan, target);
      const brand = brandDir ? await loadBrand(brandDir) : undefined;
      ctx.log(`GUI checks: ${item.projects.join(', ')}, selector set ${item.selectorSet}, brand ${brand?.name ?? 'none (branding skipped)'}`);
      const result = await runGuiChecks({
        baseUrl: target.baseUrl,
        uiPath: target.uiPath,
        apiPath: target.apiPath,
        ...(target.caFile ? { caFile: target.caFile } : {}),
        selectorSet: item.selectorSet,
        ...(brand ? { brand } : {}),
        accounts,
        projects: item.projects,
        ...(item.baselineDir ? { baselineDir: path.resolve(plan.projectDir, item.baselineDir) } : {}),
        updateBaselines: options.updateBaselines === true,
        timeoutMs: parseDuration(item.timeout) ?? 180_000,
        signal: ctx.signal,
        ...dirs,
      });
      const timings = await writeJsonEvidence(dirs, GUI_TIMINGS_FILE, result.timings, 'GUI timings (login, first mail list, wall time)');
      const deviations = [...result.deviations];
      if (options.updateBaselines && !result.baselinesUpdated) {
        deviations.push({ id: 'gui.baselines-updated', text: '--update-baselines was given, but the suite names no gui.baselineDir: no baseline was rewritten and the baseline check was skipped.' });
      }
      return { checks: result.checks.map((c) => ({ ...c, evidence: [...c.evidence, timings] })), deviations, probes: { gui: { timings: result.timings } } };
    },
  });
}
