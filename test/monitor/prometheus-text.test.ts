import { describe, expect, it } from 'vitest';
import { byAction, combine, deltaOf, quantileMs } from '../../src/monitor/histogram-delta.ts';
import { parseMetrics, sumOf } from '../../src/monitor/prometheus-text.ts';

/** The layout prom-client writes (le first), as the sandbox nodes and OX's Micrometer expose it. */
function exposition(mailAll: number[], login: number[]): string {
  const bounds = ['0.05', '0.1', '0.25', '0.5', '+Inf'];
  const lines = ['# HELP appsuite_httpapi_requests_seconds HTTP API requests', '# TYPE appsuite_httpapi_requests_seconds histogram'];
  const series = (module: string, action: string, status: string, counts: number[]): void => {
    counts.forEach((c, i) => lines.push(`appsuite_httpapi_requests_seconds_bucket{le="${bounds[i]}",module="${module}",action="${action}",status="${status}"} ${c}`));
    lines.push(`appsuite_httpapi_requests_seconds_sum{module="${module}",action="${action}",status="${status}"} 1.5`);
    lines.push(`appsuite_httpapi_requests_seconds_count{module="${module}",action="${action}",status="${status}"} ${counts.at(-1)}`);
  };
  series('mail', 'all', 'OK', mailAll);
  series('login', 'login', 'ERROR', login);
  lines.push('# TYPE appsuite_sessions_active_total gauge', 'appsuite_sessions_active_total{client="all"} 7');
  lines.push('# TYPE process_cpu_seconds_total counter', 'process_cpu_seconds_total 12.5');
  return `${lines.join('\n')}\n`;
}

describe('Prometheus text', () => {
  it('keeps every label set of a histogram apart, with its buckets, sum and count', () => {
    const metrics = parseMetrics(exposition([10, 20, 30, 40, 40], [1, 1, 2, 2, 3]));
    const samples = metrics.histogram('appsuite_httpapi_requests_seconds');
    expect(samples).toHaveLength(2);
    const mail = samples.find((s) => s.labels.module === 'mail');
    expect(mail?.labels).toEqual({ module: 'mail', action: 'all', status: 'OK' });
    expect(mail?.buckets.map((b) => b.le)).toEqual([0.05, 0.1, 0.25, 0.5, Infinity]);
    expect(mail?.count).toBe(40);
    expect(sumOf(metrics, 'appsuite_sessions_active_total')).toBe(7);
    expect(sumOf(metrics, 'process_cpu_seconds_total')).toBe(12.5);
  });

  it('reads request rate, errors and p95 from the difference of two scrapes', () => {
    const before = byAction(parseMetrics(exposition([10, 20, 30, 40, 40], [1, 1, 2, 2, 3])).histogram('appsuite_httpapi_requests_seconds'));
    const after = byAction(parseMetrics(exposition([10, 20, 30, 140, 140], [1, 1, 2, 2, 5])).histogram('appsuite_httpapi_requests_seconds'));
    const mail = deltaOf(before.get('mail.all'), after.get('mail.all')!);
    expect(mail.requests).toBe(100);
    expect(mail.errors).toBe(0);
    // All 100 new requests fell into (0.25 s, 0.5 s]: p95 interpolates to 0.25 + 0.95 × 0.25 s.
    expect(quantileMs(mail.buckets, 0.95)).toBe(487.5);
    const all = combine([...after.values()].map((a) => deltaOf(before.get(a.name), a)));
    expect(all.requests).toBe(102);
    expect(all.errors).toBe(2);
  });

  it('treats a counter that went down (a restarted node) as counting from zero', () => {
    const before = byAction(parseMetrics(exposition([10, 20, 30, 40, 40], [0, 0, 0, 0, 0])).histogram('appsuite_httpapi_requests_seconds'));
    const after = byAction(parseMetrics(exposition([1, 2, 2, 2, 2], [0, 0, 0, 0, 0])).histogram('appsuite_httpapi_requests_seconds'));
    expect(deltaOf(before.get('mail.all'), after.get('mail.all')!).requests).toBe(2);
  });
});
