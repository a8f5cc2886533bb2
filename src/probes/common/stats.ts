/**
 * Latency per protocol command, summarised as nearest-rank percentiles.
 * Probe samples are small (tens to hundreds per command), so the exact
 * sorted-array percentile is both cheaper and more honest than a histogram.
 */

import type { LatencySummary } from '../../model/probes.ts';
import type { CheckResult } from '../../model/types.ts';
import { makeCheck, type CheckIdentity, type RequirementMap } from './check.ts';
import { Criteria } from './criteria.ts';

export type { LatencySummary };

/** Nearest-rank percentile (p in 0..100) of an ascending array; NaN when empty. */
export function percentile(sortedAscending: readonly number[], p: number): number {
  if (sortedAscending.length === 0) return Number.NaN;
  const rank = Math.ceil((p / 100) * sortedAscending.length);
  return sortedAscending[Math.min(sortedAscending.length, Math.max(1, rank)) - 1] as number;
}

const round = (ms: number): number => Math.round(ms * 10) / 10;

export class LatencyRecorder {
  readonly #samples = new Map<string, number[]>();

  record(command: string, ms: number): void {
    const list = this.#samples.get(command);
    if (list) list.push(ms);
    else this.#samples.set(command, [ms]);
  }

  /** Runs `operation` and records its wall time under `command`, also when it throws. */
  async time<T>(command: string, operation: () => Promise<T>): Promise<T> {
    const start = performance.now();
    try {
      return await operation();
    } finally {
      this.record(command, performance.now() - start);
    }
  }

  summary(): Record<string, LatencySummary> {
    const out: Record<string, LatencySummary> = {};
    for (const [command, samples] of [...this.#samples].sort(([a], [b]) => a.localeCompare(b))) {
      const sorted = [...samples].sort((a, b) => a - b);
      out[command] = {
        count: sorted.length,
        p50: round(percentile(sorted, 50)),
        p95: round(percentile(sorted, 95)),
        max: round(sorted[sorted.length - 1] as number),
      };
    }
    return out;
  }
}

export function formatLatency(summary: LatencySummary): string {
  return `p50 ${summary.p50} ms · p95 ${summary.p95} ms · max ${summary.max} ms (n=${summary.count})`;
}

/** A probe's closing check: one row per operation. Figures for the protocol; SLOs on them belong to the suite, not to the probe. */
export function latencyCheck(identity: CheckIdentity, latency: Record<string, LatencySummary>, requirements: RequirementMap): CheckResult {
  const criteria = new Criteria();
  for (const [operation, summary] of Object.entries(latency)) criteria.add(operation, 'measured', formatLatency(summary), true);
  return makeCheck(identity, requirements, performance.now(), { criteria: criteria.items });
}
