/** Number and status formatting shared by the text renderers (deterministic: no locale). */
import type { BaselineComparison, CheckStatus, MetricRegression, RunStatus, SloVerdict } from '../src/model/types.ts';

export function formatMs(ms: number): string {
  if (ms >= 10_000) return `${(ms / 1000).toFixed(1)} s`;
  return `${Math.round(ms)} ms`;
}

export function formatPercent(ratio: number): string {
  return `${(ratio * 100).toFixed(ratio > 0 && ratio < 0.001 ? 3 : 2)} %`;
}

export function formatSeconds(ms: number): string {
  return `${(ms / 1000).toFixed(1)} s`;
}

/** An SLO value in its unit: ms, %, count or req/s. */
export function formatSloValue(verdict: Pick<SloVerdict, 'unit'>, value: number): string {
  switch (verdict.unit) {
    case 'ms':
      return formatMs(value);
    case 'ratio':
      return formatPercent(value);
    case 'req/s':
      return `${value.toFixed(1)} req/s`;
    case 'count':
      return String(value);
  }
}

export function sloName(verdict: SloVerdict): string {
  return `${verdict.action} ${verdict.metric}`;
}

export const STATUS_MARK: Record<CheckStatus | RunStatus, string> = {
  passed: 'PASS',
  failed: 'FAIL',
  skipped: 'SKIP',
  error: 'ERROR',
  interrupted: 'INTERRUPTED',
};

/** A relative change as "+12.5 %"; "new" when the baseline was 0 (no finite ratio). */
export function formatChange(change: number | null, digits = 1): string {
  if (change === null || !Number.isFinite(change)) return 'new';
  return `${change >= 0 ? '+' : ''}${(change * 100).toFixed(digits)} %`;
}

/** A baseline metric value in its unit. */
export function formatBaselineMetric(metric: MetricRegression['metric'], value: number): string {
  return metric === 'errorRate' ? formatPercent(value) : formatMs(value);
}

/** One line per metric and check change of a baseline comparison, headed by its verdict. */
export function describeBaseline(comparison: BaselineComparison): string[] {
  const lines = [`baseline ${comparison.baselineRunId}: ${comparison.regressed ? 'REGRESSED' : 'no regression'}`];
  for (const m of comparison.metrics) {
    lines.push(`  ${m.kind} ${m.scenario} ${m.action} ${m.metric}: ${formatBaselineMetric(m.metric, m.baseline)} → ${formatBaselineMetric(m.metric, m.current)} (${formatChange(m.change, 0)})`);
  }
  for (const c of comparison.checks) lines.push(`  ${c.change} ${c.id}: ${c.baseline ?? '-'} → ${c.current ?? '-'}`);
  return lines;
}
