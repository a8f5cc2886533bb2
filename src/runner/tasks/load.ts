/**
 * One load item of the suite:
 *   setup    account pool (temp, 0600) → k6 located → scenario compiled into
 *            the run folder → target reachable
 *   run      k6 runs, samples stream into the ingester, progress goes live
 *            → LoadResult + one check per SLO (+ stickiness/balance)
 *   teardown the account pool is deleted
 * On abort, runK6 stops k6 and hands back what it measured; partialOutput()
 * turns that into a LoadResult so an interrupted run still reports it.
 */
import path from 'node:path';
import type { LoadTaskSpec, RunPlan } from '../../config/plan.ts';
import type { LoadProfile } from '../../config/load.ts';
import { SignoffError } from '../../errors.ts';
import { clusterChecks, loadChecks } from '../../load/checks.ts';
import { compileScenario } from '../../load/compile.ts';
import type { CompiledScenario } from '../../load/compile.ts';
import { Ingester } from '../../load/ingest.ts';
import { durationMs, scenarioFor } from '../../load/k6-options.ts';
import { assertReachable, K6RunError, runK6 } from '../../load/k6-process.ts';
import type { K6RunOutcome } from '../../load/k6-process.ts';
import { buildLoadResult } from '../../load/result.ts';
import type { CheckResult, Evidence, LoadResult } from '../../model/types.ts';
import { resolveK6 } from '../../tools/k6.ts';
import type { RunTarget, Task, TaskContext, TaskOutput } from '../task.ts';
import { writeAccountPool } from './account-pool.ts';
import type { AccountPool } from './account-pool.ts';

/** The profile as the report shows it: executor, peak VUs, planned duration. */
export function describeProfile(name: string, profile: LoadProfile): LoadResult['profile'] {
  const executor = scenarioFor(profile).executor;
  switch (profile.kind) {
    case 'ramping-vus': {
      const maxVUs = Math.max(profile.startVUs, ...profile.stages.map((s) => s.target));
      const durationS = profile.stages.reduce((sum, s) => sum + durationMs(s.duration), 0) / 1000;
      return { name, executor, maxVUs, durationS, description: `ramping to ${maxVUs} VUs over ${profile.stages.length} stages, ${durationS} s` };
    }
    case 'constant-arrival-rate':
      return { name, executor, maxVUs: profile.maxVUs, durationS: durationMs(profile.duration) / 1000, description: `${profile.rate} iterations per ${profile.timeUnit} for ${profile.duration}` };
    case 'ramping-arrival-rate': {
      const durationS = profile.stages.reduce((sum, s) => sum + durationMs(s.duration), 0) / 1000;
      return { name, executor, maxVUs: profile.maxVUs, durationS, description: `arrival rate ramping over ${profile.stages.length} stages, ${durationS} s` };
    }
    default:
      return { name, executor, maxVUs: profile.vus, durationS: durationMs(profile.duration) / 1000, description: `${profile.kind}: ${profile.vus} VUs for ${profile.duration}` };
  }
}

function requireLoadTarget(ctx: TaskContext, id: string): RunTarget {
  const target = ctx.state.target;
  if (!target) throw new SignoffError('INTERNAL', `${id}: no target is known when the load starts`);
  if (!target.allowLoad) throw new SignoffError('LOAD_NOT_ALLOWED', `target "${target.name}" does not allow load`);
  if (!target.accounts) throw new SignoffError('CONFIG_INVALID', `target "${target.name}" has no accounts for the load`);
  return target;
}

export function loadTask(spec: LoadTaskSpec, plan: RunPlan): Task {
  const { item } = spec;
  const profile = describeProfile(spec.profileName, spec.profile);
  const relDir = `load/${item.id}`;
  let pool: AccountPool | undefined;
  let compiled: CompiledScenario | undefined;
  let k6 = { path: '', version: 'unknown' };
  let target: RunTarget | undefined;
  let partial: K6RunOutcome | undefined;
  let ctxRef: TaskContext | undefined;

  const evidence = (): Evidence[] => [
    { kind: 'log', path: `${relDir}/k6.log`, title: 'k6 log' },
    ...(compiled ? [{ kind: 'file' as const, path: `${relDir}/${path.basename(compiled.scriptPath)}`, title: 'compiled k6 script' }] : []),
  ];

  const output = (outcome: K6RunOutcome): TaskOutput => {
    const result = buildLoadResult({
      scenario: compiled?.scenario ?? item.scenario,
      profile,
      ingester: outcome.ingester,
      slos: spec.slos,
      startedAt: outcome.startedAt,
      finishedAt: outcome.finishedAt,
      k6: { version: k6.version, exitCode: outcome.exitCode ?? -1, thresholdsPassed: outcome.thresholdsPassed },
      k6Thresholds: outcome.thresholds,
      routes: target?.nodes.map((n) => n.route) ?? [],
    });
    const loadDurationMs = Math.max(0, Date.parse(outcome.finishedAt) - Date.parse(outcome.startedAt));
    const checks: CheckResult[] = loadChecks(result, { requirementIds: item.requirementIds, evidence: evidence() });
    if (item.stickiness || item.balance) {
      const cluster = clusterChecks(result, {
        stickinessRequirementIds: item.stickiness?.requirementIds ?? [],
        balanceRequirementIds: item.balance?.requirementIds ?? [],
        routes: target?.nodes.map((n) => n.route) ?? [],
        ...(item.balance ? { maxDeviation: item.balance.maxDeviation } : {}),
        evidence: evidence(),
      });
      checks.push(...cluster.filter((c) => (c.id.endsWith('.stickiness') ? item.stickiness : item.balance)));
    }
    return { checks: checks.map((c) => ({ ...c, durationMs: loadDurationMs })), load: [result], toolVersions: { k6: k6.version } };
  };

  return {
    id: spec.id,
    title: spec.title,
    family: 'load',
    requirementIds: item.requirementIds,
    async setup(ctx) {
      ctxRef = ctx;
      target = requireLoadTarget(ctx, spec.id);
      pool = await writeAccountPool(target.accounts!, plan.projectDir);
      ctx.log(`${pool.size} accounts in the pool`);
      k6 = await resolveK6();
      compiled = await compileScenario({ scenarioFile: spec.scenarioFile, profileName: spec.profileName, profile: spec.profile, slos: spec.slos, outDir: path.join(ctx.runDir, relDir) });
      await assertReachable(target.baseUrl, target.caFile ? { caFile: target.caFile } : {});
    },
    async run(ctx) {
      if (!compiled || !pool || !target) throw new SignoffError('INTERNAL', `${spec.id}: run without setup`);
      const env: Record<string, string> = { SIGNOFF_BASE_URL: target.baseUrl, SIGNOFF_API_PATH: target.apiPath, SIGNOFF_ACCOUNTS_FILE: pool.file };
      if (target.caFile) env.SSL_CERT_FILE = target.caFile;
      ctx.log(`k6 ${k6.version}: ${profile.description}`);
      try {
        const outcome = await runK6({
          k6Path: k6.path,
          scriptPath: compiled.scriptPath,
          runDir: path.join(ctx.runDir, relDir),
          env,
          ingester: new Ingester({ apdexTMs: item.apdexT }),
          signal: ctx.signal,
          onProgress: (p) => ctx.progress({ scenario: item.scenario, elapsedS: p.elapsedS, totalS: profile.durationS, vus: p.vus, rps: p.rps, p95: p.requests > 0 ? p.p95Ms : undefined, errorRate: p.errorRate }),
        });
        return output(outcome);
      } catch (error) {
        if (error instanceof K6RunError) partial = error.partial;
        throw error;
      }
    },
    partialOutput() {
      if (!partial) return undefined;
      try {
        return output(partial);
      } catch (error) {
        ctxRef?.log(`the partial load result could not be built: ${(error as Error).message}`, 'warn');
        return undefined;
      }
    },
    async teardown() {
      await pool?.dispose();
    },
  };
}
