/** Number and status formatting shared by the text renderers (deterministic: no locale). */
import type { BaselineComparison, CheckStatus, LoadResult, MetricRegression, OxClientFigures, RunStatus, SloVerdict } from '../src/model/types.ts';

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

/** "a 2, b 1"; "none" when empty. */
export function formatCounts(counts: Record<string, number>): string {
  const entries = Object.entries(counts).filter(([, n]) => n > 0);
  return entries.length ? entries.map(([k, n]) => `${k} ${n}`).join(', ') : 'none';
}

const total = (counts: Record<string, number>): number => Object.values(counts).reduce((sum, n) => sum + n, 0);

/** The rate-limit verdict in one line: "412 (3.20 % of requests), first after 12.5 s; OX1 200, OX2 212". */
export function describeRateLimit(f: OxClientFigures): string {
  if (f.rateLimited === 0) return 'none';
  const first = f.firstRateLimitedS === null ? '' : `, first after ${f.firstRateLimitedS} s`;
  const routes = Object.keys(f.rateLimitedByRoute).length ? `; by node ${formatCounts(f.rateLimitedByRoute)}` : '';
  return `${f.rateLimited} (${formatPercent(f.rateLimitedShare)} of requests)${first}${routes}`;
}

/**
 * What the OX client met besides answers, as [figure, value] rows shared by
 * every renderer: HTTP 429s, the latency samples left out, retries, parked
 * VUs, warnings. Empty for reports without these figures.
 */
export function oxClientRows(load: Pick<LoadResult, 'oxClient'>): [string, string][] {
  const f = load.oxClient;
  if (!f) return [];
  return [
    ['HTTP 429 (rate limited)', describeRateLimit(f)],
    ['Excluded from latency and Apdex', f.excludedFromLatency ? `${f.excludedFromLatency} HTTP 429 answers` : 'none'],
    ['Retries after backoff', total(f.retries) ? `${total(f.retries)} (${formatCounts(f.retries)})` : 'none'],
    ['VUs parked after the retry cap', total(f.parked) ? `${total(f.parked)} (${formatCounts(f.parked)})` : 'none'],
    ['Answers with warnings (counted as success)', total(f.warnings) ? `${total(f.warnings)} (${formatCounts(f.warnings)})` : 'none'],
  ];
}
