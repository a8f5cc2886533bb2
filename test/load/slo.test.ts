import { describe, expect, it } from 'vitest';
import { parseSlo, type Slo } from '../../src/config/load.ts';
import { Ingester } from '../../src/load/ingest.ts';
import { evaluateSlo, evaluateSlos } from '../../src/load/slo.ts';
import { thresholdResultsOf } from '../../src/load/summary-export.ts';
import { k6Point, requestLines } from './k6-lines.ts';

const START = Date.parse('2026-11-25T10:00:00Z');

function slo(source: string): Slo {
  const parsed = parseSlo(source);
  if (!parsed.ok) throw new Error(parsed.message);
  return parsed.slo;
}

/** mail.all: 100 requests of 1..100 ms over 10 s, 2 failed; login: 10 requests of 1 s, none failed; 1 lost session. */
function ingested(): Ingester {
  const ingester = new Ingester();
  for (let i = 1; i <= 100; i++) for (const line of requestLines('mail.all', START + i * 100, i, i <= 2)) ingester.line(line);
  for (let i = 0; i < 10; i++) for (const line of requestLines('login', START + i * 1000, 1000)) ingester.line(line);
  ingester.line(k6Point('ox_session_lost', START + 5000, 1, { name: 'mail.all', code: 'SES-0203' }));
  return ingester;
}

describe('evaluateSlos', () => {
  const ingester = ingested();
  const verdict = (source: string) => evaluateSlo(slo(source), { ingester, durationS: 10 });

  /** HDR percentiles are bucket upper bounds: never below the exact value, at most 0.1 % above it. */
  const near = (exact: number) => ({ asymmetricMatch: (v: number) => v >= exact && v <= exact * 1.001, toString: () => `≈${exact}` });

  it('judges latency percentiles and max of one action, in ms', () => {
    expect(verdict('mail.all p50 <= 51ms')).toMatchObject({ measured: near(50), unit: 'ms', passed: true });
    expect(verdict('mail.all p90 < 91ms')).toMatchObject({ measured: near(90), passed: true });
    expect(verdict('mail.all p95 < 95ms')).toMatchObject({ measured: near(95), passed: false });
    expect(verdict('mail.all p99 >= 99ms')).toMatchObject({ measured: near(99), passed: true });
    expect(verdict('mail.all max < 100ms')).toMatchObject({ measured: near(100), passed: false });
    expect(verdict('login p99 <= 1.01s')).toMatchObject({ measured: near(1000), threshold: 1010, passed: true });
  });

  it('judges "*" over all actions together', () => {
    // 110 requests: 100 of 1..100 ms, then 10 of 1000 ms; p90 is rank 99 → 99 ms, p95 is 1000 ms.
    expect(verdict('* p90 < 100ms')).toMatchObject({ action: '*', measured: near(99), passed: true });
    expect(verdict('* p95 < 500ms')).toMatchObject({ measured: near(1000), passed: false });
    expect(verdict('* errorRate < 2%')).toMatchObject({ measured: 2 / 110, unit: 'ratio', passed: true });
    expect(verdict('* throughput >= 11 req/s')).toMatchObject({ measured: 11, unit: 'req/s', passed: true });
  });

  it('judges error rate, lost sessions and throughput of one action', () => {
    expect(verdict('mail.all errorRate < 1%')).toMatchObject({ measured: 0.02, passed: false });
    expect(verdict('login errorRate == 0%')).toMatchObject({ measured: 0, passed: true });
    expect(verdict('mail.all sessionLost == 0')).toMatchObject({ measured: 1, unit: 'count', passed: false });
    expect(verdict('login sessionLost == 0')).toMatchObject({ measured: 0, passed: true });
    expect(verdict('* sessionLost <= 1')).toMatchObject({ measured: 1, passed: true });
    expect(verdict('mail.all throughput > 10 req/s')).toMatchObject({ measured: 10, passed: false });
  });

  it('fails latency, error rate and throughput SLOs of an action that never ran', () => {
    expect(verdict('calendar.all p95 < 500ms')).toMatchObject({ measured: 0, passed: false });
    expect(verdict('calendar.all errorRate < 1%')).toMatchObject({ passed: false });
    expect(verdict('calendar.all throughput > 0 req/s')).toMatchObject({ passed: false });
    expect(verdict('calendar.all sessionLost == 0')).toMatchObject({ passed: true });
  });

  it('measures throughput over the span of the samples when no duration is given', () => {
    // Samples span START (first login) to START + 10 s (last mail.all).
    expect(evaluateSlo(slo('login throughput >= 1 req/s'), { ingester })).toMatchObject({ measured: 1, passed: true });
  });

  it("keeps k6's own threshold result for the same expression as k6Passed", () => {
    const k6Thresholds = thresholdResultsOf({
      metrics: {
        'http_req_duration{name:mail.all}': { 'p(95)': 95, thresholds: { 'p(95)<95': true } },
        ox_failed: { rate: 0.018, thresholds: { 'rate<0.02': false } },
      },
    });
    const verdicts = evaluateSlos([slo('mail.all p95 < 95ms'), slo('* errorRate < 2%'), slo('login p99 < 2s')], { ingester, k6Thresholds });
    expect(verdicts.map((v) => [v.passed, v.k6Passed])).toEqual([
      [false, false],
      [true, true],
      [true, undefined],
    ]);
  });
});
