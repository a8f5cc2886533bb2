/**
 * SLO slack: how far a measured value is from its threshold, as a ratio, so
 * SLOs of different units compare. Positive = holds, negative = missed.
 * Upper bounds (p95 < 500 ms): (threshold − measured)/threshold; lower bounds
 * (throughput > 10 req/s): (measured − threshold)/threshold; both kept to
 * [−1, 1] so one hard break does not dominate the interpolation.
 * Also "hard" misses: far enough off that a longer step cannot save it.
 */
import type { SloVerdict } from '../../model/types.ts';

const CAP = 1;

export function slackOf(verdict: SloVerdict): number {
  const { measured, threshold, op, passed } = verdict;
  let slack: number;
  if (threshold <= 0 || op === '==') slack = passed ? CAP : -CAP;
  else if (op === '<' || op === '<=') slack = (threshold - measured) / threshold;
  else slack = (measured - threshold) / threshold;
  // A verdict sitting exactly on the threshold: its sign must follow the verdict.
  if (passed && slack <= 0) slack = 1e-6;
  if (!passed && slack >= 0) slack = -1e-6;
  return Math.max(-CAP, Math.min(CAP, slack));
}

/** The SLO nearest to (or furthest past) its threshold, and its slack. */
export function bindingSlo(verdicts: readonly SloVerdict[]): { index: number; slack: number } | undefined {
  let worst: { index: number; slack: number } | undefined;
  verdicts.forEach((v, index) => {
    const slack = slackOf(v);
    if (!worst || slack < worst.slack) worst = { index, slack };
  });
  return worst;
}

/**
 * How loaded an SLO is, unclamped: measured / threshold for upper bounds,
 * threshold / measured for lower bounds, so < 1 holds and > 1 is missed on
 * every SLO (what the search fits against the load level). Undefined where
 * there is no such ratio (==, a threshold of 0).
 */
export function loadRatioOf(verdict: SloVerdict): number | undefined {
  const { measured, threshold, op } = verdict;
  if (threshold <= 0 || op === '==' || !Number.isFinite(measured)) return undefined;
  if (op === '<' || op === '<=') return measured / threshold;
  return measured > 0 ? threshold / measured : Number.POSITIVE_INFINITY;
}

/** The highest load ratio of the verdicts (the binding SLO's), undefined when none has one. */
export function bindingRatio(verdicts: readonly SloVerdict[]): number | undefined {
  const ratios = verdicts.map(loadRatioOf).filter((r): r is number => r !== undefined);
  return ratios.length > 0 ? Math.max(...ratios) : undefined;
}

export interface HardBreakLimits {
  /** Default 0.5. */
  errorRate: number;
  /** Latency SLOs: measured beyond this multiple of the threshold, default 5. */
  latencyFactor: number;
}

export const DEFAULT_HARD_BREAK: HardBreakLimits = { errorRate: 0.5, latencyFactor: 5 };

/** True when the step is broken beyond doubt: most requests fail, or a latency is a multiple of its SLO. */
export function isHardBreak(verdicts: readonly SloVerdict[], overallErrorRate: number, limits: HardBreakLimits = DEFAULT_HARD_BREAK): boolean {
  if (overallErrorRate > limits.errorRate) return true;
  return verdicts.some((v) => v.unit === 'ms' && (v.op === '<' || v.op === '<=') && v.threshold > 0 && v.measured > limits.latencyFactor * v.threshold);
}
