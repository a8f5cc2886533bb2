/** The comparison of a run with a baseline run (src/report/baseline.ts computes it; pure data). */

export type OutcomeChange = 'new-failure' | 'fixed' | 'regressed' | 'improved' | 'new-check' | 'removed-check';

export interface MetricRegression {
  scenario: string;
  action: string;
  metric: 'p50' | 'p90' | 'p95' | 'p99' | 'max' | 'errorRate';
  baseline: number;
  current: number;
  /**
   * Relative change, (current - baseline) / baseline. Infinity when the
   * baseline was 0 — which JSON cannot hold, so a stored report has null there.
   */
  change: number | null;
  kind: 'regression' | 'improvement';
}

export interface CheckOutcomeChange {
  id: string;
  title: string;
  baseline: string | null;
  current: string | null;
  change: OutcomeChange;
}

export interface BaselineComparison {
  baselineRunId: string;
  metrics: MetricRegression[];
  checks: CheckOutcomeChange[];
  /** True when anything got worse: a regression, a new failure or a regressed check. */
  regressed: boolean;
}

/** The comparison as report.json can hold it: non-finite changes become null. */
export function storableComparison(comparison: BaselineComparison): BaselineComparison {
  return { ...comparison, metrics: comparison.metrics.map((m) => ({ ...m, change: m.change !== null && Number.isFinite(m.change) ? m.change : null })) };
}

/** The regressions and new failures of a comparison: what JUnit and the console list as failures. */
export function worsenings(comparison: BaselineComparison): { metrics: MetricRegression[]; checks: CheckOutcomeChange[] } {
  return {
    metrics: comparison.metrics.filter((m) => m.kind === 'regression'),
    checks: comparison.checks.filter((c) => c.change === 'new-failure' || c.change === 'regressed'),
  };
}
