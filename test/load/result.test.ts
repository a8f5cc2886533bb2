import { describe, expect, it } from 'vitest';
import { parseSlo, type Slo } from '../../src/config/load.ts';
import { Ingester } from '../../src/load/ingest.ts';
import { buildLoadResult, type LoadResultInput } from '../../src/load/result.ts';
import { k6Point, rateLimitedLines, requestLines } from './k6-lines.ts';

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

describe('buildLoadResult under rate limiting', () => {
  const ingester = new Ingester({ apdexTMs: 500 });
  // 10 real answers at 3 s (frustrated), 90 HTTP 429 answers in 1 ms, the first after 2.5 s.
  for (let i = 0; i < 10; i++) for (const line of requestLines('login', START + i * 100, 3000)) ingester.line(line);
  for (let i = 0; i < 90; i++) for (const line of rateLimitedLines(i % 3 ? 'mail.all' : 'login', START + 2500 + i * 10, 1, i % 2 ? 'OX1' : 'OX2')) ingester.line(line);
  ingester.line(k6Point('ox_retries', START + 2600, 4, { name: 'login', reason: 'rate-limited' }));
  ingester.line(k6Point('ox_parked', START + 3000, 2, { reason: 'login-failed' }));
  ingester.line(k6Point('ox_warnings', START + 3000, 3, { name: 'login', code: 'LGI-0016' }));
  const result = buildLoadResult(input(ingester, { slos: [slo('login p95 < 500ms'), slo('mail.all p95 < 500ms')] }));

  it('computes percentiles and APDEX over real answers only and says how many HTTP 429 samples it left out', () => {
    const login = result.actions.find((a) => a.name === 'login')!;
    // Before: p95 of 1 ms and APDEX 0.75 from the limiter's instant answers.
    expect(login.latency.count).toBe(10);
    expect(login.latency.p95).toBeGreaterThanOrEqual(3000);
    expect(login.apdex.score).toBe(0);
    expect(login).toMatchObject({ requests: 40, failures: 30, rateLimited: 30 });
    expect(result.overall.count).toBe(10);
    expect(result.totals).toMatchObject({ requests: 100, failures: 90 });
    expect(result.oxClient).toMatchObject({ excludedFromLatency: 90, rateLimited: 90 });
  });

  it('reports the share of HTTP 429s, the first one as an offset into the run, per node and per action', () => {
    expect(result.oxClient).toEqual({
      rateLimited: 90,
      rateLimitedShare: 0.9,
      firstRateLimitedS: 2.5,
      rateLimitedByRoute: { OX1: 45, OX2: 45 },
      rateLimitedByAction: { login: 30, 'mail.all': 60 },
      excludedFromLatency: 90,
      retries: { 'rate-limited': 4 },
      parked: { 'login-failed': 2 },
      warnings: { 'LGI-0016': 3 },
    });
  });

  it('fails a latency SLO of an action that got no real answer at all', () => {
    const mail = result.slos.find((s) => s.action === 'mail.all')!;
    expect(mail.passed).toBe(false);
    expect(result.actions.find((a) => a.name === 'mail.all')).toMatchObject({ requests: 60, rateLimited: 60, latency: { count: 0 } });
  });

  it('reports no rate limiting for a run without HTTP 429', () => {
    const healthy = new Ingester();
    for (const line of requestLines('login', START, 20)) healthy.line(line);
    expect(buildLoadResult(input(healthy)).oxClient).toMatchObject({ rateLimited: 0, rateLimitedShare: 0, firstRateLimitedS: null, rateLimitedByRoute: {}, excludedFromLatency: 0 });
    expect(buildLoadResult(input(healthy)).actions[0]).not.toHaveProperty('rateLimited');
  });
});
