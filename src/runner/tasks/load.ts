/**
 * One load item of the suite:
 *   setup    account pool (temp, 0600) → k6 located → scenario compiled into
 *            the run folder → target reachable
 *   run      k6 runs, samples stream into the ingester, progress goes live
 *            → LoadResult + one check per SLO (+ stickiness/balance)
 *   teardown the account pool is deleted
 * On abort, runK6 stops k6 and hands back what it measured; partialOutput()
 * turns that into a LoadResult so an interrupted run still reports it.
 * When the target names its nodes, the monitor scrapes their /metrics and
 * /health around the k6 run: the series go into LoadResult.monitoring, the
 * node health check ("cluster.health") into the checks. With `segments` > 1
 * the scenario runs as that many k6 processes (execution segments) whose
 * samples are merged into one LoadResult.
 */
import path from 'node:path';
import type { LoadTaskSpec, RunPlan } from '../../config/plan.ts';
import type { LoadProfile } from '../../config/load.ts';
import { resolveMetricsAuth } from '../../config/metrics-auth.ts';
import type { AuthenticatedNode } from '../../config/metrics-auth.ts';
import { displayPath } from '../../config/module-loader.ts';
import { SignoffError } from '../../errors.ts';
import { clusterChecks, loadChecks } from '../../load/checks.ts';
import { clientChecks } from '../../load/client-checks.ts';
import { clientEnv } from '../../load/client-env.ts';
import { compileScenario } from '../../load/compile.ts';
import type { CompiledScenario } from '../../load/compile.ts';
import { Ingester } from '../../load/ingest.ts';
import { durationMs, scenarioFor } from '../../load/k6-options.ts';
import { assertReachable, K6RunError, runK6 } from '../../load/k6-process.ts';
import type { K6Progress, K6RunOutcome } from '../../load/k6-process.ts';
import { buildLoadResult } from '../../load/result.ts';
import { runSegmented } from '../../load/segments.ts';
import { assertNotThrottled, generatorUserAgents } from '../../load/throttle-preflight.ts';
import type { K6ThresholdResults } from '../../load/summary-export.ts';
import type { CheckResult, Evidence, LoadResult } from '../../model/types.ts';
import { startMonitor } from '../../monitor/monitor.ts';
import type { Monitor, MonitorResult } from '../../monitor/monitor.ts';
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

export interface LoadTaskOptions {
  /** k6 processes (execution segments); default 1. */
  segments?: number | undefined;
  /** Monitor scrape interval; default: about 60 points over the profile, 1–5 s. */
  monitorIntervalMs?: number | undefined;
}

/** What one k6 process or the merged segments measured. */
interface LoadOutcome {
  ingester: K6RunOutcome['ingester'];
  startedAt: string;
  finishedAt: string;
  exitCode: number | null;
  thresholdsPassed: boolean;
  /** k6's own verdicts; absent for segments (each process judged only its slice). */
  thresholds?: K6ThresholdResults;
}

export function monitorIntervalFor(durationS: number): number {
  return Math.min(5000, Math.max(1000, Math.round((durationS * 1000) / 60 / 500) * 500));
}

export function loadTask(spec: LoadTaskSpec, plan: RunPlan, options: LoadTaskOptions = {}): Task {
  const { item } = spec;
  const profile = describeProfile(spec.profileName, spec.profile);
  const relDir = `load/${item.id}`;
  const segments = options.segments ?? 1;
  if (!Number.isInteger(segments) || segments < 1 || segments > 64) throw new SignoffError('USAGE', `--segments ${segments}: expected 1 to 64 k6 processes`);
  const loadTasks = plan.tasks.filter((t) => t.kind === 'load').length;
  const healthId = loadTasks > 1 ? `cluster.health.${item.id}` : 'cluster.health';
  let pool: AccountPool | undefined;
  let compiled: CompiledScenario | undefined;
  let k6 = { path: '', version: 'unknown' };
  let target: RunTarget | undefined;
  let partial: LoadOutcome | undefined;
  let ctxRef: TaskContext | undefined;
  let monitor: Monitor | undefined;
  /** The target's nodes with their metrics credentials resolved (setup). */
  let monitorNodes: AuthenticatedNode[] = [];
  let monitored: MonitorResult | undefined;

  const logs = (): Evidence[] =>
    segments > 1
      ? Array.from({ length: segments }, (_, i) => ({ kind: 'log' as const, path: `${relDir}/segment-${i + 1}/k6.log`, title: `k6 log, segment ${i + 1} of ${segments}` }))
      : [{ kind: 'log', path: `${relDir}/k6.log`, title: 'k6 log' }];
  const evidence = (): Evidence[] => [
    ...logs(),
    ...(compiled ? [{ kind: 'file' as const, path: `${relDir}/${path.basename(compiled.scriptPath)}`, title: 'compiled k6 script' }] : []),
  ];

  /** Stops the monitor once; a monitor that fails only costs its section, never the load result. */
  const stopMonitor = async (ctx: TaskContext | undefined): Promise<void> => {
    const running = monitor;
    monitor = undefined;
    if (!running) return;
    try {
      monitored = await running.stop();
    } catch (error) {
      ctx?.log(`server monitoring could not be completed: ${(error as Error).message}`, 'warn');
    }
  };

  const output = (outcome: LoadOutcome): TaskOutput => {
    const built = buildLoadResult({
      scenario: compiled?.scenario ?? item.scenario,
      profile,
      ingester: outcome.ingester,
      slos: spec.slos,
      startedAt: outcome.startedAt,
      finishedAt: outcome.finishedAt,
      k6: { version: k6.version, exitCode: outcome.exitCode ?? -1, thresholdsPassed: outcome.thresholdsPassed },
      ...(outcome.thresholds ? { k6Thresholds: outcome.thresholds } : {}),
      routes: target?.nodes.map((n) => n.route) ?? [],
    });
    const result: LoadResult = {
      ...built,
      ...(segments > 1 ? { segments } : {}),
      ...(monitored ? { monitoring: { startedAt: monitored.startedAt, finishedAt: monitored.finishedAt, intervalMs: monitored.intervalMs, nodes: monitored.nodes, incidents: monitored.incidents } } : {}),
    };
    const loadDurationMs = Math.max(0, Date.parse(outcome.finishedAt) - Date.parse(outcome.startedAt));
    const checks: CheckResult[] = loadChecks(result, { requirementIds: item.requirementIds, evidence: evidence() });
    checks.push(...clientChecks(result, { requirementIds: item.requirementIds, evidence: evidence(), verifiedResponses: item.verifyResponses }));
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
    const timed = checks.map((c) => ({ ...c, durationMs: loadDurationMs }));
    if (monitored) timed.push(monitored.check);
    return { checks: timed, load: [result], toolVersions: { k6: k6.version } };
  };

  const progress = (ctx: TaskContext, p: { elapsedS: number; vus: number; rps: number; requests: number; p95Ms: number; errorRate: number }): void =>
    ctx.progress({ scenario: item.scenario, elapsedS: p.elapsedS, totalS: profile.durationS, vus: p.vus, rps: p.rps, p95: p.requests > 0 ? p.p95Ms : undefined, errorRate: p.errorRate });

  const runOne = (ctx: TaskContext, scriptPath: string, env: Record<string, string>): Promise<LoadOutcome> =>
    runK6({ k6Path: k6.path, scriptPath, runDir: path.join(ctx.runDir, relDir), env, ingester: new Ingester({ apdexTMs: item.apdexT }), signal: ctx.signal, onProgress: (p) => progress(ctx, p) });

  const runSegments = async (ctx: TaskContext, scriptPath: string, env: Record<string, string>): Promise<LoadOutcome> => {
    // Progress: the segments' latest figures summed (VUs, req/s), the worst p95 and error rate.
    const latest = new Map<number, K6Progress>();
    const outcome = await runSegmented({
      n: segments,
      k6Path: k6.path,
      scriptPath,
      runDir: path.join(ctx.runDir, relDir),
      env,
      ingesterOptions: { apdexTMs: item.apdexT },
      signal: ctx.signal,
      onProgress: (i, p) => {
        latest.set(i, p);
        const all = [...latest.values()];
        progress(ctx, {
          elapsedS: Math.max(...all.map((x) => x.elapsedS)),
          vus: all.reduce((s, x) => s + x.vus, 0),
          rps: all.reduce((s, x) => s + x.rps, 0),
          requests: all.reduce((s, x) => s + x.requests, 0),
          p95Ms: Math.max(...all.map((x) => x.p95Ms)),
          errorRate: Math.max(...all.map((x) => x.errorRate)),
        });
      },
    });
    return { ingester: outcome.ingester, startedAt: outcome.startedAt, finishedAt: outcome.finishedAt, exitCode: outcome.exitCode, thresholdsPassed: outcome.thresholdsPassed };
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
      compiled = await compileScenario({ scenarioFile: spec.scenarioFile, profileName: spec.profileName, profile: spec.profile, slos: spec.slos, outDir: path.join(ctx.runDir, relDir), verifyResponses: item.verifyResponses });
      await assertReachable(target.baseUrl, target.caFile ? { caFile: target.caFile } : {});
      // A target that throttles already would only measure its limiter: stop before the load.
      const probe = await assertNotThrottled(target.baseUrl, target.apiPath, { userAgents: generatorUserAgents(profile.maxVUs), ...(target.caFile ? { caFile: target.caFile } : {}) });
      ctx.log(`pre-flight: ${probe.requests} requests, none rate-limited (HTTP 429)`);
      // Before k6 starts: a missing metrics password is a config error, not a blind monitor.
      const where = `${plan.configFile ? displayPath(plan.configFile) : 'signoff.config.ts'}: targets.${target.name}`;
      monitorNodes = await resolveMetricsAuth(target.nodes, { baseDir: plan.projectDir, where });
    },
    async run(ctx) {
      if (!compiled || !pool || !target) throw new SignoffError('INTERNAL', `${spec.id}: run without setup`);
      const env: Record<string, string> = { SIGNOFF_BASE_URL: target.baseUrl, SIGNOFF_API_PATH: target.apiPath, SIGNOFF_ACCOUNTS_FILE: pool.file, ...clientEnv(item, plan) };
      if (target.caFile) env.SSL_CERT_FILE = target.caFile;
      ctx.log(`k6 ${k6.version}: ${profile.description}${segments > 1 ? `, as ${segments} k6 processes (execution segments)` : ''}`);
      if (monitorNodes.length > 0) {
        const intervalMs = options.monitorIntervalMs ?? monitorIntervalFor(profile.durationS);
        try {
          monitor = await startMonitor({
            nodes: monitorNodes,
            intervalMs,
            ...(target.caFile ? { caFile: target.caFile } : {}),
            check: { id: healthId, during: `load ${item.id}`, requirementIds: [...new Set([...(item.stickiness?.requirementIds ?? []), ...(item.balance?.requirementIds ?? [])])] },
          });
          ctx.log(`monitoring ${target.nodes.map((n) => n.route).join(', ')} every ${intervalMs / 1000} s`);
        } catch (error) {
          ctx.log(`server monitoring could not start: ${(error as Error).message}`, 'warn');
        }
      }
      try {
        const outcome = segments > 1 ? await runSegments(ctx, compiled.scriptPath, env) : await runOne(ctx, compiled.scriptPath, env);
        await stopMonitor(ctx);
        return output(outcome);
      } catch (error) {
        if (error instanceof K6RunError) partial = error.partial;
        await stopMonitor(ctx);
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
    async teardown(ctx) {
      await stopMonitor(ctx);
      await pool?.dispose();
    },
  };
}
