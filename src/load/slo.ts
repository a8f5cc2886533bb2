/**
 * SLO verdicts, computed centrally from the ingested (possibly merged) samples,
 * so they hold across execution segments where k6's own thresholds cannot.
 * k6's result for the same expression (compiled by k6-options.ts) is kept
 * next to each verdict as a cross-check. Latencies are HDR bucket upper bounds
 * (never below the exact value, at most 0.1 % above), so a latency SLO passes
 * only when it certainly holds.
 */
import type { Slo } from '../config/load.ts';
import type { SloVerdict } from '../model/types.ts';
import { percentileMs } from './histogram.ts';
import type { Ingester } from './ingest.ts';
import { thresholdFor } from './k6-options.ts';
import type { K6ThresholdResults } from './summary-export.ts';

const PERCENTILE: Record<'p50' | 'p90' | 'p95' | 'p99', number> = { p50: 50, p90: 90, p95: 95, p99: 99 };

const UNIT: Record<Slo['metric'], SloVerdict['unit']> = {
  p50: 'ms',
  p90: 'ms',
  p95: 'ms',
  p99: 'ms',
  max: 'ms',
  errorRate: 'ratio',
  sessionLost: 'count',
  throughput: 'req/s',
};

export interface SloContext {
  ingester: Ingester;
  /** Seconds throughput is measured over; default the span of the samples. */
  durationS?: number;
  /** k6's threshold results from the summary export, for `k6Passed`. */
  k6Thresholds?: K6ThresholdResults;
}

export function evaluateSlos(slos: readonly Slo[], context: SloContext): SloVerdict[] {
  return slos.map((slo) => evaluateSlo(slo, context));
}

export function evaluateSlo(slo: Slo, context: SloContext): SloVerdict {
  const measured = measure(slo, context);
  const verdict: SloVerdict = {
    action: slo.action,
    metric: slo.metric,
    op: slo.op,
    threshold: slo.threshold,
    measured: measured ?? 0,
    unit: UNIT[slo.metric],
    // Nothing measured (an action that never ran) proves nothing: the SLO fails.
    passed: measured !== undefined && compare(measured, slo.op, slo.threshold),
  };
  const k6Passed = k6ResultFor(slo, context.k6Thresholds);
  if (k6Passed !== undefined) verdict.k6Passed = k6Passed;
  return verdict;
}

/** The measured value, undefined when the action has no requests (sessionLost: no samples needed). */
function measure(slo: Slo, { ingester, durationS }: SloContext): number | undefined {
  const totals = ingester.totalsOf(slo.action);
  switch (slo.metric) {
    case 'sessionLost':
      return totals?.sessionsLost ?? 0;
    case 'errorRate':
      return totals && totals.requests > 0 ? Math.min(1, totals.failures / totals.requests) : undefined;
    case 'throughput': {
      const seconds = durationS ?? ingester.spanS;
      return totals && totals.requests > 0 && seconds > 0 ? Math.round((totals.requests / seconds) * 100) / 100 : undefined;
    }
    default: {
      const latency = slo.action === '*' ? ingester.overallLatency() : ingester.actions.get(slo.action)?.latency;
      if (!latency || latency.totalCount === 0) return undefined;
      return percentileMs(latency, slo.metric === 'max' ? 100 : PERCENTILE[slo.metric]);
    }
  }
}

export function compare(measured: number, op: Slo['op'], threshold: number): boolean {
  switch (op) {
    case '<':
      return measured < threshold;
    case '<=':
      return measured <= threshold;
    case '>':
      return measured > threshold;
    case '>=':
      return measured >= threshold;
    case '==':
      return measured === threshold;
  }
}

function k6ResultFor(slo: Slo, thresholds: K6ThresholdResults | undefined): boolean | undefined {
  if (!thresholds) return undefined;
  const [metric, expression] = thresholdFor(slo);
  return thresholds.get(metric)?.get(expression);
}
