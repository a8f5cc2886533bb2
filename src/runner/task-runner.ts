/**
 * Runs tasks in order and their teardowns in reverse, under one deadline and
 * one abort signal. The outcome names what went wrong and in which phase
 * ("load.webmail run"); checks of tasks that never ran are reported skipped,
 * so the requirements they would have proved show up as unverified.
 */
import { SignoffError } from '../errors.ts';
import type { CheckResult, Deviation, LoadResult, ProbeSummaries } from '../model/types.ts';
import type { LoadProgress, LogEvent } from '../model/events.ts';
import type { Clock } from './clock.ts';
import type { RunState, Task, TaskContext, TaskOutput } from './task.ts';

export interface TaskRunnerHooks {
  onTaskStart?(task: Task): Promise<void> | void;
  onCheckEnd?(result: CheckResult): Promise<void> | void;
  onProgress?(progress: LoadProgress): void;
  onLog?(event: LogEvent): void;
}

export interface TaskRunnerOptions {
  runId: string;
  runDir: string;
  tasks: Task[];
  state: RunState;
  clock: Clock;
  /** The whole run, teardowns excepted, must end within this. */
  deadlineMs: number;
  /** External interruption (SIGINT/SIGTERM); its reason should be an INTERRUPTED SignoffError. */
  signal?: AbortSignal | undefined;
  /** How long a teardown, or a task ignoring its abort signal, may take. */
  graceMs?: number;
  hooks?: TaskRunnerHooks;
}

export interface RunError {
  code: string;
  message: string;
  phase?: string;
  hint?: string;
  /** The thrown error, for the exit code. */
  error: unknown;
}

export interface TaskRunnerOutcome {
  checks: CheckResult[];
  load: LoadResult[];
  deviations: Deviation[];
  /** The probe families' summaries, merged (one family, one entry). */
  probes: ProbeSummaries;
  toolVersions: Record<string, string>;
  /** The first thing that stopped the run, if anything did. */
  runError: RunError | undefined;
  /** Teardown failures that came after (or without) a run error. */
  teardownErrors: RunError[];
}

const DEFAULT_GRACE_MS = 30_000;

/** Resolves with the promise, or rejects with the signal's reason once it aborts. */
function raceAbort<T>(promise: Promise<T>, signal: AbortSignal): Promise<T> {
  if (signal.aborted) return Promise.reject(signal.reason);
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(signal.reason);
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(
      (value) => {
        signal.removeEventListener('abort', onAbort);
        resolve(value);
      },
      (error: unknown) => {
        signal.removeEventListener('abort', onAbort);
        reject(error);
      },
    );
  });
}

/** Waits for a promise at most `ms`; used so a stuck task cannot hold up teardown forever. */
async function settleWithin(promise: Promise<unknown>, ms: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  await Promise.race([promise.catch(() => undefined), new Promise<void>((resolve) => (timer = setTimeout(resolve, ms)))]);
  clearTimeout(timer);
}

function toRunError(error: unknown, phase: string): RunError {
  if (error instanceof SignoffError) return { code: error.code, message: error.message, phase, hint: error.hint, error };
  const message = error instanceof Error ? error.message : String(error);
  return { code: 'INTERNAL', message, phase, error };
}

export async function runTasks(options: TaskRunnerOptions): Promise<TaskRunnerOutcome> {
  const { clock, hooks = {} } = options;
  const graceMs = options.graceMs ?? DEFAULT_GRACE_MS;
  const outcome: TaskRunnerOutcome = { checks: [], load: [], deviations: [], probes: {}, toolVersions: {}, runError: undefined, teardownErrors: [] };

  // One controller for the run: the deadline and the external signal both end up here.
  let phase = 'start';
  const controller = new AbortController();
  const deadline = setTimeout(() => {
    controller.abort(new SignoffError('DEADLINE_EXCEEDED', `the run deadline of ${Math.round(options.deadlineMs / 1000)} s passed during ${phase}`));
  }, options.deadlineMs);
  const forward = () => {
    const reason: unknown = options.signal?.reason;
    const what = reason instanceof Error ? reason.message : 'interrupted';
    controller.abort(new SignoffError('INTERRUPTED', `${what} during ${phase}`, { cause: reason }));
  };
  if (options.signal?.aborted) forward();
  else options.signal?.addEventListener('abort', forward, { once: true });

  const context = (task: Task, signal: AbortSignal): TaskContext => ({
    runId: options.runId,
    runDir: options.runDir,
    signal,
    clock,
    state: options.state,
    log: (message, level = 'info') => hooks.onLog?.({ level, message, taskId: task.id }),
    progress: (p) => hooks.onProgress?.({ ...p, taskId: task.id }),
  });

  const addCheck = async (check: CheckResult) => {
    outcome.checks.push(check);
    await hooks.onCheckEnd?.(check);
  };

  const collect = async (output: TaskOutput) => {
    for (const check of output.checks) await addCheck(check);
    outcome.load.push(...(output.load ?? []));
    outcome.deviations.push(...(output.deviations ?? []));
    Object.assign(outcome.probes, output.probes ?? {});
    Object.assign(outcome.toolVersions, output.toolVersions ?? {});
  };

  const started: Task[] = [];
  try {
    for (const task of options.tasks) {
      if (outcome.runError) {
        if (task.family !== 'setup') {
          await addCheck({ id: task.id, title: task.title, family: task.family, status: 'skipped', requirementIds: task.requirementIds, criteria: [], evidence: [], durationMs: 0 });
        }
        continue;
      }
      started.push(task);
      await hooks.onTaskStart?.(task);
      const ctx = context(task, controller.signal);
      const startedAt = clock.now();
      let pending: Promise<unknown> = Promise.resolve();
      try {
        if (task.setup) {
          phase = `${task.id} setup`;
          pending = task.setup(ctx);
          await raceAbort(pending, controller.signal);
        }
        phase = `${task.id} run`;
        const run = task.run(ctx);
        pending = run;
        await collect(await raceAbort(run, controller.signal));
      } catch (error) {
        // The task may still be winding down after an abort; give it a moment before its teardown.
        await settleWithin(pending, graceMs);
        const runError = toRunError(error, phase);
        outcome.runError = runError;
        const partial = task.partialOutput?.();
        if (partial) await collect(partial);
        if (task.family !== 'setup') {
          await addCheck({
            id: task.id,
            title: task.title,
            family: task.family,
            status: 'error',
            requirementIds: task.requirementIds,
            criteria: [],
            evidence: [],
            durationMs: Math.max(0, clock.now() - startedAt),
            error: { code: runError.code, message: runError.message },
          });
        }
      }
    }
  } finally {
    clearTimeout(deadline);
    options.signal?.removeEventListener('abort', forward);
    // Teardowns in reverse, each with a fresh signal of its own: the run's may be aborted already.
    for (const task of started.reverse()) {
      if (!task.teardown) continue;
      const teardownController = new AbortController();
      const timer = setTimeout(() => teardownController.abort(new SignoffError('DEADLINE_EXCEEDED', `${task.id} teardown took longer than ${Math.round(graceMs / 1000)} s`)), graceMs);
      const teardownPhase = `${task.id} teardown`;
      try {
        await raceAbort(task.teardown(context(task, teardownController.signal)), teardownController.signal);
      } catch (error) {
        const runError = toRunError(error, teardownPhase);
        outcome.teardownErrors.push(runError);
        hooks.onLog?.({ level: 'error', message: `${teardownPhase} failed: ${runError.message}`, taskId: task.id });
      } finally {
        clearTimeout(timer);
      }
    }
  }
  return outcome;
}
