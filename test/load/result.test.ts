import { describe, expect, it } from 'vitest';
import { parseSlo, type Slo } from '../../src/config/load.ts';
import { Ingester } from '../../src/load/ingest.ts';
import { buildLoadResult, type LoadResultInput } from '../../src/load/result.ts';
import { k6Point, requestLines } from './k6-lines.ts';

const START = Date.parse('2026-11-25T10:00:00Z');
const slo = (source: string): Slo => (parseSlo(source) as { ok: true; slo: Slo }).slo;

function input(ingester: Ingester, extra: Partial<LoadResultInput> = {}): LoadResultInput {
  return {
    scenario: 'webmail-user',
    profile: { name: 'smoke', executor: 'constant-vus', description: '2 VUs for 10 s', maxVUs: 2, durationS: 10 },
    ingester,
    slos: [slo('mail.all p95 < 500ms'), slo('* errorRate < 1%')],
    startedAt: new Date(START).toISOString(),
    finishedAt: new Date(START + 10_000).toISOString(),
    k6: { version: '2.2.0', exitCode: 0, thresholdsPassed: true },
    ...extra,
  };
}

describe('buildLoadResult', () => {
  const ingester = new Ingester({ apdexTMs: 100 });
  for (let i = 0; i < 10; i++) {
    for (const line of requestLines('mail.all', START + i * 1000, 50 + i * 10, i === 9)) ingester.line(line);
    for (const line of requestLines('login', START + i * 1000 + 500, 300)) ingester.line(line);
    ingester.line(k6Point('ox_sessions', START + i * 1000, 1, { route: i % 2 ? 'OX1' : 'OX2' }));
    ingester.line(k6Point('vus', START + i * 1000, 2, {}));
    ingester.line(k6Point('iterations', START + i * 1000, 1, {}));
    ingester.line(k6Point('data_received', START + i * 1000, 2048, {}));
  }
  ingester.line(k6Point('ox_errors', START, 1, { name: 'mail.all', code: 'SES-0203' }));
  const result = buildLoadResult(input(ingester, { routes: ['OX1', 'OX2'] }));

  it('lists actions sorted by name with latency, counts, throughput, APDEX and errors by code', () => {
    expect(result.actions.map((a) => a.name)).toEqual(['login', 'mail.all']);
    const mail = result.actions[1]!;
    expect(mail).toMatchObject({ requests: 10, failures: 1, errorRate: 0.1, errorsByCode: { 'HTTP-503': 1, 'SES-0203': 1 } });
    // 50..140 ms with T = 100: 6 satisfied, 4 tolerating.
    expect(mail.apdex).toEqual({ t: 100, score: 0.8 });
    expect(mail.throughput).toBeCloseTo(10 / 9.5, 2);
    expect(mail.latency.count).toBe(10);
    expect(result.actions[0]!.apdex.score).toBe(0.5);
  });

  it('sums totals, evaluates the SLOs and carries the k6 facts', () => {
    expect(result.totals).toEqual({ requests: 20, failures: 1, iterations: 10, sessions: 10, dataReceivedBytes: 20480, dataSentBytes: 0 });
    expect(result.overall.count).toBe(20);
    expect(result.slos.map((v) => [v.action, v.metric, v.passed])).toEqual([
      ['mail.all', 'p95', true],
      ['*', 'errorRate', false],
    ]);
    expect(result.k6).toEqual({ version: '2.2.0', exitCode: 0, thresholdsPassed: true });
  });

  it('gives a time series at the ingest resolution and the cluster figures', () => {
    expect(result.series.resolutionS).toBe(1);
    expect(result.series.points).toHaveLength(10);
    expect(result.series.points[0]).toMatchObject({ t: 0, vus: 2, rps: 2, errors: 0 });
    expect(result.series.points[9]).toMatchObject({ t: 9, errors: 1 });
    expect(result.cluster).toEqual({ sessionsByRoute: { OX1: 5, OX2: 5 }, routeChanges: 0, sessionsLost: 0, maxDeviation: 0 });
  });

  it('leaves cluster out when no sessions, routes or route changes were seen', () => {
    const plain = new Ingester();
    for (const line of requestLines('ping', START, 1)) plain.line(line);
    expect(buildLoadResult(input(plain, { slos: [] })).cluster).toBeUndefined();
  });
});
