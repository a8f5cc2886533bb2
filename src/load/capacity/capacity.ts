/**
 * findCapacity: the largest number of concurrent sessions (closed model) or
 * session starts per second (open model) at which every SLO holds, found with
 * few, bounded k6 steps (search.ts), each judged on its own samples, with the
 * nodes' server-side figures at the knee.
 */
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Slo } from '../../config/load.ts';
import { SignoffError } from '../../errors.ts';
import { compileScenario } from '../compile.ts';
import { stepProfile, runStep } from './step.ts';
import { searchCapacity } from './search.ts';
import type { LoadTarget } from './target.ts';
import type { CapacityResult, CapacityStep, LoadModel } from './types.ts';
import { bindingRatio, type HardBreakLimits } from './slack.ts';

export interface FindCapacityOptions {
  /** A name in scenarios/ or a .ts path. */
  scenarioFile: string;
  slos: Slo[];
  model: LoadModel;
  maxSessions: number;
  /** Lowest level the search may go down to; default maxSessions/40 (at least 1 session). The first step is at max/√8, not here. */
  minSessions?: number;
  stepDurationS: number;
  target: LoadTarget;
  /** Folder for the compiled script, the steps and capacity.json. */
  runDir: string;
  k6Path: string;
  k6Version?: string;
  /** Relative bracket width to stop at, default 0.05. */
  precision?: number;
  maxSteps?: number;
  hardBreak?: HardBreakLimits;
  monitorIntervalMs?: number;
  signal?: AbortSignal;
  onStep?: (step: CapacityStep) => void;
}

export async function findCapacity(options: FindCapacityOptions): Promise<CapacityResult> {
  const { model, maxSessions, stepDurationS } = options;
  const integer = model === 'closed';
  if (options.slos.length === 0) throw new SignoffError('USAGE', 'capacity: give at least one SLO (--slo "mail.all p95 < 500ms")');
  if (!(maxSessions > 0) || (integer && !Number.isInteger(maxSessions))) throw new SignoffError('USAGE', `capacity: --max-sessions must be a positive ${integer ? 'whole ' : ''}number, got ${maxSessions}`);
  if (!(stepDurationS >= 2)) throw new SignoffError('USAGE', `capacity: a step must last at least 2 s, got ${stepDurationS}`);
  const min = options.minSessions ?? (integer ? Math.max(1, Math.round(maxSessions / 40)) : maxSessions / 40);
  if (!(min > 0 && min <= maxSessions)) throw new SignoffError('USAGE', `capacity: --min-sessions must be in 1..${maxSessions}, got ${min}`);

  const startedAt = new Date();
  const compiled = await compileScenario({
    scenarioFile: options.scenarioFile,
    profileName: 'capacity',
    profile: stepProfile(model, min, stepDurationS),
    slos: options.slos,
    outDir: options.runDir,
  });
  const curve: CapacityStep[] = [];
  const search = await searchCapacity({
    min,
    max: maxSessions,
    integer,
    ...(options.precision === undefined ? {} : { precision: options.precision }),
    ...(options.maxSteps === undefined ? {} : { maxSteps: options.maxSteps }),
    probe: async (level) => {
      if (options.signal?.aborted) throw new SignoffError('INTERRUPTED', `capacity search stopped after ${curve.length} steps`);
      const step = await runStep({
        index: curve.length + 1,
        level,
        model,
        scenario: compiled.scenario,
        scriptPath: compiled.scriptPath,
        slos: options.slos,
        stepDurationS,
        target: options.target,
        k6Path: options.k6Path,
        runDir: options.runDir,
        ...(options.hardBreak ? { hardBreak: options.hardBreak } : {}),
        ...(options.monitorIntervalMs === undefined ? {} : { monitorIntervalMs: options.monitorIntervalMs }),
        ...(options.signal ? { signal: options.signal } : {}),
      });
      curve.push(step);
      options.onStep?.(step);
      const ratio = bindingRatio(step.slos);
      return { passed: step.passed, slack: step.slack, ...(ratio === undefined ? {} : { ratio }) };
    },
  });

  const kneeStep = curve.find((s) => s.passed && s.level === search.lastPassing);
  const finishedAt = new Date();
  const result: CapacityResult = {
    scenario: compiled.scenario,
    model,
    unit: model === 'closed' ? 'sessions' : 'sessions/s',
    capacity: search.lastPassing ?? 0,
    atLeast: search.firstFailing === null,
    bracket: { lastPassing: search.lastPassing, firstFailing: search.firstFailing },
    precision: search.achievedPrecision,
    range: { min, max: maxSessions },
    slos: options.slos.map((s) => s.source),
    curve: [...curve].sort((a, b) => a.level - b.level || a.index - b.index),
    steps: search.steps,
    stepDurationS,
    wallTimeS: Math.round((finishedAt.getTime() - startedAt.getTime()) / 100) / 10,
    startedAt: startedAt.toISOString(),
    finishedAt: finishedAt.toISOString(),
    k6: { version: options.k6Version ?? 'unknown' },
  };
  if (kneeStep?.server) result.knee = { level: kneeStep.level, server: kneeStep.server };
  await writeFile(join(options.runDir, 'capacity.json'), `${JSON.stringify(result, null, 2)}\n`);
  return result;
}
