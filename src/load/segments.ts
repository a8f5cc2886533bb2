/**
 * Local execution segments: one compiled script run by N k6 processes at once,
 * each taking a deterministic slice (`--execution-segment i/n:(i+1)/n`) of
 * every scenario's VUs or arrival rate, exactly as the k6-operator splits a
 * TestRun over its runners. k6 has no coordinator and judges thresholds per
 * process, so signoff merges the processes' ingesters (mergeable HDR
 * histograms) and evaluates the SLOs once, on the merged data.
 */
import { join } from 'node:path';
import { SignoffError } from '../errors.ts';
import { Ingester, type IngesterOptions } from './ingest.ts';
import { K6RunError, runK6, type K6Progress, type K6RunOutcome } from './k6-process.ts';

export interface SegmentedRunOptions {
  /** Number of k6 processes (segments), 1–64. */
  n: number;
  k6Path: string;
  scriptPath: string;
  /** Segment i writes its log and summary into `<runDir>/segment-<i+1>`. */
  runDir: string;
  env?: Record<string, string>;
  /** More `k6 run` flags for every process. */
  extraArgs?: string[];
  ingesterOptions?: IngesterOptions;
  signal?: AbortSignal;
  /** Progress of one segment (index from 0). */
  onProgress?: (segment: number, progress: K6Progress) => void;
}

export interface SegmentedRunOutcome {
  /** All segments' samples merged: what one process would have collected. */
  ingester: Ingester;
  segments: K6RunOutcome[];
  startedAt: string;
  finishedAt: string;
  /** The worst exit code (0 < 99 < anything else). */
  exitCode: number;
  /** Every process's own thresholds passed (per process only: the merged SLO verdicts are what counts). */
  thresholdsPassed: boolean;
}

/** `0`, `1/4`, `2/4`, … `1`: k6's fraction syntax, unreduced so the sequence reads evenly. */
function fraction(i: number, n: number): string {
  return i === 0 ? '0' : i === n ? '1' : `${i}/${n}`;
}

/** The flags that give process i (from 0) of n its slice. */
export function segmentArgs(i: number, n: number): string[] {
  if (!Number.isInteger(n) || n < 1) throw new RangeError(`segments: n must be a positive whole number, got ${n}`);
  if (!Number.isInteger(i) || i < 0 || i >= n) throw new RangeError(`segments: index ${i} is outside 0..${n - 1}`);
  if (n === 1) return [];
  const sequence = Array.from({ length: n + 1 }, (_, k) => fraction(k, n)).join(',');
  return ['--execution-segment', `${fraction(i, n)}:${fraction(i + 1, n)}`, '--execution-segment-sequence', sequence];
}

function exitRank(code: number | null): number {
  return code === 0 ? 0 : code === 99 ? 1 : 2;
}

export async function runSegmented(options: SegmentedRunOptions): Promise<SegmentedRunOutcome> {
  const { n } = options;
  if (!Number.isInteger(n) || n < 1 || n > 64) throw new SignoffError('USAGE', `segments: expected 1 to 64 processes, got ${n}`);
  // One account pool for all: the OX client starts each process at its segment's share of it.
  const startedAt = new Date().toISOString();
  // One failing process stops the others: a partial slice would understate the load.
  const stopAll = new AbortController();
  const onOuterAbort = (): void => stopAll.abort();
  options.signal?.addEventListener('abort', onOuterAbort, { once: true });
  try {
    const settled = await Promise.allSettled(
      Array.from({ length: n }, (_, i) =>
        runK6({
          k6Path: options.k6Path,
          scriptPath: options.scriptPath,
          runDir: join(options.runDir, `segment-${i + 1}`),
          env: options.env,
          extraArgs: [...segmentArgs(i, n), ...(options.extraArgs ?? [])],
          ingester: new Ingester(options.ingesterOptions),
          signal: stopAll.signal,
          onProgress: options.onProgress ? (p) => options.onProgress?.(i, p) : undefined,
        }).catch((error: unknown) => {
          stopAll.abort();
          throw error;
        }),
      ),
    );
    const failure = settled.find((s): s is PromiseRejectedResult => s.status === 'rejected');
    const outcomes = settled.map((s) => (s.status === 'fulfilled' ? s.value : s.reason instanceof K6RunError ? s.reason.partial : undefined));
    const merged = new Ingester(options.ingesterOptions);
    for (const outcome of outcomes) if (outcome) merged.merge(outcome.ingester);
    if (failure) {
      // The first real failure (not the aborts it caused) is what the user needs to see.
      const root = settled.find((s): s is PromiseRejectedResult => s.status === 'rejected' && !(s.reason instanceof SignoffError && s.reason.code === 'INTERRUPTED')) ?? failure;
      throw root.reason;
    }
    const segments = outcomes as K6RunOutcome[];
    const worst = segments.reduce((a, b) => (exitRank(b.exitCode) > exitRank(a.exitCode) ? b : a));
    return {
      ingester: merged,
      segments,
      startedAt,
      finishedAt: new Date().toISOString(),
      exitCode: worst.exitCode ?? -1,
      thresholdsPassed: segments.every((s) => s.thresholdsPassed),
    };
  } finally {
    options.signal?.removeEventListener('abort', onOuterAbort);
  }
}
