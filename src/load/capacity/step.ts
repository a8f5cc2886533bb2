/**
 * One step of a capacity search: the compiled scenario at one load level for a
 * fixed time (a small wrapper module re-exports the scenario with the step's
 * executor, so the scenario is compiled once), the nodes monitored meanwhile,
 * SLOs judged on the step's own samples. A step whose SLOs break hard is
 * stopped early: its verdict cannot change any more.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import type { LoadProfile, Slo } from '../../config/load.ts';
import { SignoffError } from '../../errors.ts';
import { startMonitor, type Monitor } from '../../monitor/monitor.ts';
import { percentileMs } from '../histogram.ts';
import { Ingester } from '../ingest.ts';
import { k6OptionsFor } from '../k6-options.ts';
import { K6RunError, runK6 } from '../k6-process.ts';
import { evaluateSlos } from '../slo.ts';
import { bindingSlo, DEFAULT_HARD_BREAK, isHardBreak, type HardBreakLimits } from './slack.ts';
import { k6EnvFor, type LoadTarget } from './target.ts';
import type { CapacityStep, LoadModel } from './types.ts';

export interface StepInput {
  index: number;
  level: number;
  model: LoadModel;
  scenario: string;
  /** The compiled scenario (its own options are replaced by the step's). */
  scriptPath: string;
  slos: readonly Slo[];
  stepDurationS: number;
  target: LoadTarget;
  k6Path: string;
  /** The search's folder; the step gets `step-<index>` in it. */
  runDir: string;
  /** Open model: most VUs per session start per second (default 30: sessions of up to ~30 s). */
  vusPerRate?: number;
  hardBreak?: HardBreakLimits;
  monitorIntervalMs?: number;
  signal?: AbortSignal;
}

/** Sessions need a moment to log in before a hard break is believed. */
const HARD_BREAK_AFTER_S = 2;
const HARD_BREAK_MIN_REQUESTS = 20;

export function stepProfile(model: LoadModel, level: number, durationS: number, vusPerRate = 30): LoadProfile {
  const duration = `${durationS}s`;
  if (model === 'closed') return { kind: 'smoke', vus: level, duration };
  const maxVUs = Math.max(10, Math.ceil(level * vusPerRate));
  return { kind: 'constant-arrival-rate', rate: level, timeUnit: '1s', duration, preAllocatedVUs: Math.max(1, Math.ceil(maxVUs / 4)), maxVUs };
}

async function writeStepScript(input: StepInput, dir: string): Promise<string> {
  const options = k6OptionsFor(input.scenario, stepProfile(input.model, input.level, input.stepDurationS, input.vusPerRate), input.slos);
  // Sessions still running at the end are cut short: a step measures a level, not whole sessions.
  for (const scenario of Object.values(options.scenarios as Record<string, Record<string, unknown>>)) scenario.gracefulStop = '1s';
  const file = join(dir, 'step.js');
  const spec = JSON.stringify(`./${relative(dir, input.scriptPath)}`);
  await writeFile(file, `// signoff capacity step ${input.index}: ${input.level} (${input.model} model)\nexport * from ${spec};\nexport { default } from ${spec};\nexport const options = ${JSON.stringify(options, null, 2)};\n`);
  return file;
}

export async function runStep(input: StepInput): Promise<CapacityStep> {
  if (input.slos.length === 0) throw new SignoffError('USAGE', 'capacity: at least one SLO is needed to find where the load stops holding');
  const dir = join(input.runDir, `step-${input.index}`);
  const startedAt = new Date();
  await mkdir(dir, { recursive: true });
  const scriptPath = await writeStepScript(input, dir);
  const limits = input.hardBreak ?? DEFAULT_HARD_BREAK;

  const ingester = new Ingester();
  const stop = new AbortController();
  const onOuterAbort = (): void => stop.abort();
  input.signal?.addEventListener('abort', onOuterAbort, { once: true });
  let stoppedEarly = false;
  const monitor: Monitor | undefined = input.target.nodes?.length
    ? await startMonitor({
        nodes: input.target.nodes,
        intervalMs: input.monitorIntervalMs ?? 1000,
        ...(input.target.caFile ? { caFile: input.target.caFile } : {}),
        ...(input.target.monitorBasicAuth ? { basicAuth: input.target.monitorBasicAuth } : {}),
        check: { id: `capacity.step-${input.index}.health`, during: `capacity step ${input.index} (${input.level})` },
      })
    : undefined;

  try {
    await runK6({
      k6Path: input.k6Path,
      scriptPath,
      runDir: dir,
      env: k6EnvFor(input.target),
      ingester,
      signal: stop.signal,
      onProgress: (progress) => {
        if (stoppedEarly || progress.elapsedS < HARD_BREAK_AFTER_S) return;
        const totals = ingester.totalsOf('*');
        if (!totals || totals.requests < HARD_BREAK_MIN_REQUESTS) return;
        if (isHardBreak(evaluateSlos(input.slos, { ingester }), totals.failures / totals.requests, limits)) {
          stoppedEarly = true;
          stop.abort();
        }
      },
    });
  } catch (error) {
    const ours = stoppedEarly && !input.signal?.aborted && error instanceof K6RunError && error.code === 'INTERRUPTED';
    if (!ours) {
      await monitor?.stop().catch(() => undefined);
      throw error;
    }
  } finally {
    input.signal?.removeEventListener('abort', onOuterAbort);
  }
  const server = await monitor?.stop();

  const verdicts = evaluateSlos(input.slos, { ingester });
  const totals = ingester.totalsOf('*') ?? { requests: 0, failures: 0, sessionsLost: 0 };
  const errorRate = totals.requests > 0 ? totals.failures / totals.requests : 0;
  const binding = bindingSlo(verdicts);
  const hardBreak = isHardBreak(verdicts, errorRate, limits);
  const passed = totals.requests > 0 && verdicts.every((v) => v.passed) && !stoppedEarly;
  const step: CapacityStep = {
    index: input.index,
    level: input.level,
    passed,
    stoppedEarly,
    hardBreak,
    slack: binding ? Math.round(binding.slack * 1000) / 1000 : 0,
    p95Ms: percentileMs(ingester.overallLatency(), 95),
    throughput: ingester.spanS > 0 ? Math.round((totals.requests / ingester.spanS) * 100) / 100 : 0,
    errorRate: Math.round(errorRate * 1e4) / 1e4,
    requests: totals.requests,
    slos: verdicts,
    startedAt: startedAt.toISOString(),
    wallTimeS: Math.round((Date.now() - startedAt.getTime()) / 100) / 10,
    dir: `step-${input.index}`,
  };
  if (binding) step.bindingSlo = input.slos[binding.index]?.source ?? '';
  if (server) {
    step.server = server.nodes.map((n) => ({ route: n.route, ...n.summary }));
    step.health = server.check;
  }
  return step;
}
