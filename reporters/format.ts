/** Number and status formatting shared by the text renderers (deterministic: no locale). */
import type { CheckStatus, RunStatus, SloVerdict } from '../src/model/types.ts';

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
