import { describe, expect, it } from 'vitest';
import { decodeHistogram, percentilesOf } from '../../src/load/histogram.ts';
import { Ingester, OTHER_ACTION, type IngesterJson } from '../../src/load/ingest.ts';
import { k6Point, rateLimitedLines, requestLines, seededRandom } from './k6-lines.ts';

const START = Date.parse('2026-11-25T10:00:00Z');
const ACTIONS = ['login', 'mail.all', 'folders.list', 'multiple.boot'];

/** A run of `requests` requests over ~`seconds`, with VU gauges, sessions, errors and lost sessions. */
function runLines(requests: number, seconds: number, seed = 1, instance = ''): string[] {
  const random = seededRandom(seed);
  const lines: string[] = [];
  for (let i = 0; i < requests; i++) {
    const t = START + Math.floor((i / requests) * seconds * 1000);
    const name = ACTIONS[i % ACTIONS.length]!;
    // Long-tailed latencies from 0.05 ms to several seconds.
    const duration = Math.round(-Math.log(random()) * 150_000 * (name === 'login' ? 3 : 1)) / 1000 + 0.05;
    lines.push(...requestLines(name, t, duration, random() < 0.03));
    if (name === 'login') lines.push(k6Point('ox_sessions', t, 1, { group: '', route: i % 8 === 0 ? 'OX2' : 'OX1', scenario: 'default' }));
    if (i % 97 === 0) lines.push(k6Point('ox_session_lost', t, 1, { code: 'SES-0203', name, group: '' }));
    if (i % 500 === 0) lines.push(k6Point('ox_route_changes', t, 1, {}));
    if (i % 4 === 3) lines.push(k6Point('iterations', t, 1, { group: '', scenario: 'default' }), k6Point('data_received', t, 1000, {}));
    if (i % 50 === 0) lines.push(k6Point('vus', t, 10 + (i % 7), instance ? { instance_id: instance } : {}));
    // Throttling and the client's resilience, so merging and restoring cover them too.
    if (i % 61 === 0) lines.push(...rateLimitedLines(name, t, 0.4, i % 2 ? 'OX1' : 'OX2'));
    if (i % 83 === 0) lines.push(k6Point('ox_retries', t, 1, { name, reason: i % 2 ? 'rate-limited' : 'login-failed' }));
    if (i % 211 === 0) lines.push(k6Point('ox_parked', t, 1, { reason: 'login-failed' }));
    if (i % 37 === 0) lines.push(k6Point('ox_warnings', t, 1, { name, code: 'MSG-0113' }));
  }
  return lines;
}

/**
 * toJSON with each encoded histogram replaced by its distribution (count and
 * the value at every 0.1 percentile): two encodings of the same counts may
 * differ in internal layout (auto-resize history), never in content.
 */
function canonical(json: IngesterJson): unknown {
  const distribution = (encoded: string): number[] => {
    const h = decodeHistogram(encoded);
    return [h.totalCount, ...Array.from({ length: 1001 }, (_, i) => h.getValueAtPercentile(i / 10))];
  };
  return {
    ...json,
    actions: json.actions.map((a) => ({ ...a, latency: distribution(a.latency) })),
    series: { ...json.series, buckets: json.series.buckets.map((b) => ({ ...b, latency: distribution(b.latency) })) },
  };
}

function feed(lines: string[], ingester = new Ingester()): Ingester {
  for (const line of lines) ingester.line(line);
  return ingester;
}

/** Nearest-rank percentile, the definition HDR approximates. */
function exactPercentile(sorted: number[], p: number): number {
  return sorted[Math.max(0, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

describe('Ingester', () => {
  it('gives percentiles that match the exact percentiles of the same samples within HDR precision', () => {
    const random = seededRandom(7);
    const durations = Array.from({ length: 20_000 }, () => Math.round(-Math.log(random()) * 200_000) / 1000 + 0.01);
    const ingester = feed(durations.map((d, i) => k6Point('http_req_duration', START + i, d, { name: 'mail.all' })));
    const got = percentilesOf(ingester.actions.get('mail.all')!.latency);
    const sorted = [...durations].sort((a, b) => a - b);

    for (const [key, p] of [['p50', 50], ['p90', 90], ['p95', 95], ['p99', 99]] as const) {
      const exact = exactPercentile(sorted, p);
      expect(Math.abs(got[key] - exact)).toBeLessThanOrEqual(exact * 0.001 + 0.001);
    }
    expect(Math.abs(got.max - sorted.at(-1)!)).toBeLessThanOrEqual(sorted.at(-1)! * 0.001 + 0.001);
    expect(Math.abs(got.min - sorted[0]!)).toBeLessThanOrEqual(sorted[0]! * 0.001 + 0.001);
    expect(got.count).toBe(durations.length);
    expect(Math.abs(got.mean - durations.reduce((s, d) => s + d, 0) / durations.length)).toBeLessThan(0.5);
  });

  it('counts requests, failures, errors by code, APDEX, sessions by route, route changes and lost sessions', () => {
    const ingester = feed([
      ...requestLines('login', START, 100),
      ...requestLines('login', START + 10, 900),
      ...requestLines('login', START + 20, 2500, true),
      k6Point('ox_errors', START + 20, 1, { code: 'SES-0203', name: 'login' }),
      k6Point('ox_sessions', START, 1, { route: 'OX1' }),
      k6Point('ox_sessions', START, 1, { route: 'OX2' }),
      k6Point('ox_route_changes', START, 2, {}),
      k6Point('ox_session_lost', START, 1, { name: 'login', code: 'SES-0203' }),
    ]);
    const login = ingester.actions.get('login')!;
    expect(login.latency.totalCount).toBe(3);
    expect(login.oxFailures).toBe(1);
    expect(Object.fromEntries(login.errorsByCode)).toEqual({ 'HTTP-503': 1, 'SES-0203': 1 });
    expect([login.apdexSatisfied, login.apdexTolerating]).toEqual([1, 1]);
    expect(Object.fromEntries(ingester.sessionsByRoute)).toEqual({ OX1: 1, OX2: 1 });
    expect(ingester.routeChanges).toBe(2);
    expect(ingester.totalsOf('*')).toEqual({ requests: 3, failures: 1, sessionsLost: 1 });
  });

  it('merges two ingesters into exactly what one ingester fed all samples holds', () => {
    const a = runLines(6000, 40, 1);
    const b = runLines(4000, 40, 2);
    const merged = feed(a).merge(feed(b));
    const single = feed([...a, ...b]);
    expect(canonical(merged.toJSON())).toEqual(canonical(single.toJSON()));
    expect(merged.series.points(true)).toEqual(single.series.points(true));
  });

  it('survives toJSON/fromJSON unchanged, so runners can ship their ingest and be merged later', () => {
    const ingester = feed(runLines(3000, 20));
    const json = JSON.parse(JSON.stringify(ingester.toJSON()));
    const restored = Ingester.fromJSON(json);
    expect(canonical(restored.toJSON())).toEqual(canonical(ingester.toJSON()));
    expect(percentilesOf(restored.overallLatency())).toEqual(percentilesOf(ingester.overallLatency()));
    const merged = Ingester.fromJSON(json).merge(Ingester.fromJSON(json));
    expect(merged.actions.get('login')!.latency.totalCount).toBe(2 * ingester.actions.get('login')!.latency.totalCount);
  });

  it('keeps the series bounded by coarsening, and merging coarsened series stays exact', () => {
    const options = { resolutionS: 1, maxPoints: 50 };
    const a = runLines(4000, 180, 3);
    const b = runLines(2000, 60, 4);
    const single = feed([...a, ...b], new Ingester(options));
    const merged = feed(a, new Ingester(options)).merge(feed(b, new Ingester(options)));
    expect(single.series.resolutionS).toBe(4);
    expect(single.series.points(true).length).toBeLessThanOrEqual(50);
    expect(canonical(merged.toJSON())).toEqual(canonical(single.toJSON()));
  });

  it('sums VUs over k6 instances per bucket and reports them in the series', () => {
    const ingester = feed([k6Point('vus', START, 10, { instance_id: '1' }), k6Point('vus', START + 200, 12, { instance_id: '2' }), k6Point('vus', START + 400, 11, { instance_id: '1' })]);
    expect(ingester.series.points(true)).toEqual([{ t: 0, vus: 23, rps: 0, p95: 0, errors: 0 }]);
  });

  it('reports per-second requests, p95 and failures in the series and the live window', () => {
    const ingester = feed([...requestLines('a', START, 10), ...requestLines('a', START + 500, 20, true), ...requestLines('a', START + 1500, 30)]);
    const points = ingester.series.points(true);
    expect(points.map((p) => [p.t, p.rps, p.errors])).toEqual([[0, 2, 1], [1, 1, 0]]);
    expect(points[0]!.p95).toBeCloseTo(20, 0);
    expect(ingester.drainWindow()).toMatchObject({ requests: 3, failures: 1 });
    expect(ingester.drainWindow()).toMatchObject({ requests: 0, failures: 0, p95Ms: 0 });
  });

  it('folds names beyond maxActions into one action, so unnamed URLs cannot grow memory', () => {
    const ingester = feed(Array.from({ length: 20 }, (_, i) => k6Point('http_req_duration', START, 1, { name: `http://x/${i}` })), new Ingester({ maxActions: 5 }));
    expect(ingester.actions.size).toBe(6);
    expect(ingester.actions.get(OTHER_ACTION)!.latency.totalCount).toBe(15);
  });

  it('keeps HTTP 429 answers out of latency and APDEX, but counts them as requests and failures', () => {
    const ingester = feed([
      ...Array.from({ length: 4 }, (_, i) => requestLines('login', START + i, 3000)).flat(),
      ...Array.from({ length: 96 }, (_, i) => rateLimitedLines('login', START + 10 + i, 0.8)).flat(),
    ]);
    const login = ingester.actions.get('login')!;
    // Before: 100 latency samples, p95 0.8 ms and APDEX 0.96 — the limiter's speed, not the service's.
    expect(login.latency.totalCount).toBe(4);
    expect(percentilesOf(login.latency).p50).toBeGreaterThanOrEqual(3000);
    expect(login.rateLimited).toBe(96);
    expect([login.apdexSatisfied, login.apdexTolerating]).toEqual([0, 0]);
    expect(ingester.totalsOf('login')).toEqual({ requests: 100, failures: 96, sessionsLost: 0 });
    expect(ingester.series.points(true)[0]).toMatchObject({ rps: 100, errors: 96 });
    expect(ingester.drainWindow()).toMatchObject({ requests: 100, failures: 96 });
  });

  it('counts HTTP 429 by node, retries and parked VUs by reason, warnings by code, and the time of the first 429', () => {
    const ingester = feed([
      ...requestLines('login', START, 50),
      ...rateLimitedLines('mail.all', START + 2500, 1, 'OX1'),
      ...rateLimitedLines('mail.all', START + 3000, 1, 'OX2'),
      ...rateLimitedLines('login', START + 4000, 1),
      k6Point('ox_retries', START + 2600, 1, { name: 'mail.all', reason: 'rate-limited' }),
      k6Point('ox_retries', START + 4100, 1, { name: 'login', reason: 'login-failed' }),
      k6Point('ox_parked', START + 5000, 1, { reason: 'login-failed' }),
      k6Point('ox_warnings', START + 100, 2, { name: 'mail.all', code: 'MSG-0113' }),
    ]);
    expect(Object.fromEntries(ingester.rateLimitedByRoute)).toEqual({ OX1: 1, OX2: 1, none: 1 });
    expect(ingester.firstRateLimitedMs - ingester.firstMs).toBe(2500);
    expect(Object.fromEntries(ingester.retriesByReason)).toEqual({ 'rate-limited': 1, 'login-failed': 1 });
    expect(Object.fromEntries(ingester.parkedByReason)).toEqual({ 'login-failed': 1 });
    expect(Object.fromEntries(ingester.actions.get('mail.all')!.warningsByCode)).toEqual({ 'MSG-0113': 2 });
    // Warnings are successes: no failure from them.
    expect(ingester.totalsOf('mail.all')).toEqual({ requests: 2, failures: 2, sessionsLost: 0 });
  });

  it('reads an ingest dump written before the rate-limit counters as "none seen"', () => {
    const json = feed(requestLines('login', START, 5)).toJSON() as Partial<IngesterJson> & IngesterJson;
    for (const key of ['rateLimitedByRoute', 'firstRateLimitedMs', 'retriesByReason', 'parkedByReason'] as const) delete json[key];
    for (const a of json.actions) {
      delete a.rateLimited;
      delete a.warningsByCode;
    }
    const restored = Ingester.fromJSON(json);
    expect(restored.actions.get('login')).toMatchObject({ rateLimited: 0 });
    expect(restored.firstRateLimitedMs).toBe(Infinity);
    expect(restored.totalsOf('*')).toEqual({ requests: 1, failures: 0, sessionsLost: 0 });
  });

  it('falls back to http_req_failed when the script emits no ox_failed', () => {
    const ingester = feed(requestLines('a', START, 1, true).filter((l) => !l.includes('"ox_failed"')));
    expect(ingester.usesOxFailures).toBe(false);
    expect(ingester.totalsOf('a')).toEqual({ requests: 1, failures: 1, sessionsLost: 0 });
  });
});
