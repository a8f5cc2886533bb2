/**
 * Comparing a run with a baseline run (the last good nightly, or the agreed
 * reference run): per action percentile and error rate beyond a tolerance,
 * and per check a changed outcome (new failure, fixed, regressed, improved).
 * Pure; the protocol, the Markdown summary and the console/JUnit show it.
 */
import type { CheckResult, RunReport } from '../model/types.ts';
import type { BaselineComparison, CheckOutcomeChange, MetricRegression } from '../model/baseline.ts';

export type { BaselineComparison, CheckOutcomeChange, MetricRegression } from '../model/baseline.ts';

export interface Tolerances {
  /** Relative latency change that counts, e.g. 0.1 = 10 %. */
  latency: number;
  /** Absolute error-rate change that counts, e.g. 0.005 = half a percentage point. */
  errorRate: number;
  /** Latency changes below this many ms are noise whatever the ratio. */
  minLatencyMs: number;
  percentiles: ('p50' | 'p90' | 'p95' | 'p99' | 'max')[];
}

export const DEFAULT_TOLERANCES: Tolerances = { latency: 0.1, errorRate: 0.005, minLatencyMs: 20, percentiles: ['p50', 'p95', 'p99'] };

/** Worse to better: an outcome's rank decides regressed vs improved. */
const RANK: Record<CheckResult['status'], number> = { error: 0, failed: 1, skipped: 2, passed: 3 };

function relative(baseline: number, current: number): number {
  if (baseline === 0) return current === 0 ? 0 : Number.POSITIVE_INFINITY;
  return (current - baseline) / baseline;
}

function metricChanges(current: RunReport, baseline: RunReport, t: Tolerances): MetricRegression[] {
  const out: MetricRegression[] = [];
  for (const load of current.load) {
    const before = baseline.load.find((l) => l.scenario === load.scenario);
    if (!before) continue;
    for (const action of load.actions) {
      const old = before.actions.find((a) => a.name === action.name);
      if (!old) continue;
      for (const p of t.percentiles) {
        const [b, c] = [old.latency[p], action.latency[p]];
        const change = relative(b, c);
        if (Math.abs(c - b) < t.minLatencyMs || Math.abs(change) <= t.latency) continue;
        out.push({ scenario: load.scenario, action: action.name, metric: p, baseline: b, current: c, change, kind: c > b ? 'regression' : 'improvement' });
      }
      const delta = action.errorRate - old.errorRate;
      if (Math.abs(delta) > t.errorRate) {
        out.push({ scenario: load.scenario, action: action.name, metric: 'errorRate', baseline: old.errorRate, current: action.errorRate, change: relative(old.errorRate, action.errorRate), kind: delta > 0 ? 'regression' : 'improvement' });
      }
    }
  }
  return out;
}

function checkChanges(current: RunReport, baseline: RunReport): CheckOutcomeChange[] {
  const out: CheckOutcomeChange[] = [];
  const before = new Map(baseline.checks.map((c) => [c.id, c]));
  const failing = (s: CheckResult['status']): boolean => s === 'failed' || s === 'error';
  for (const check of current.checks) {
    const old = before.get(check.id);
    before.delete(check.id);
    if (!old) {
      out.push({ id: check.id, title: check.title, baseline: null, current: check.status, change: failing(check.status) ? 'new-failure' : 'new-check' });
      continue;
    }
    if (old.status === check.status) continue;
    let change: CheckOutcomeChange['change'];
    if (failing(check.status) && !failing(old.status)) change = 'new-failure';
    else if (failing(old.status) && check.status === 'passed') change = 'fixed';
    else change = RANK[check.status] < RANK[old.status] ? 'regressed' : 'improved';
    out.push({ id: check.id, title: check.title, baseline: old.status, current: check.status, change });
  }
  for (const old of before.values()) out.push({ id: old.id, title: old.title, baseline: old.status, current: null, change: 'removed-check' });
  return out;
}

export function compareWithBaseline(current: RunReport, baseline: RunReport, tolerances: Partial<Tolerances> = {}): BaselineComparison {
  const t = { ...DEFAULT_TOLERANCES, ...tolerances };
  const metrics = metricChanges(current, baseline, t);
  const checks = checkChanges(current, baseline);
  const regressed = metrics.some((m) => m.kind === 'regression') || checks.some((c) => c.change === 'new-failure' || c.change === 'regressed');
  return { baselineRunId: baseline.run.id, metrics, checks, regressed };
}
