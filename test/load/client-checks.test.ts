import { describe, expect, it } from 'vitest';
import { clientChecks } from '../../src/load/client-checks.ts';
import { loadChecks } from '../../src/load/checks.ts';
import type { ActionStats, LoadResult, OxClientFigures } from '../../src/model/types.ts';

const NONE: OxClientFigures = { rateLimited: 0, rateLimitedShare: 0, firstRateLimitedS: null, rateLimitedByRoute: {}, rateLimitedByAction: {}, excludedFromLatency: 0, retries: {}, parked: {}, warnings: {} };

function action(name: string, overrides: Partial<ActionStats> = {}): ActionStats {
  return { name, latency: { p50: 1, p90: 1, p95: 1, p99: 1, max: 1, min: 1, mean: 1, count: 100 }, requests: 100, failures: 0, errorRate: 0, throughput: 1, apdex: { t: 500, score: 1 }, errorsByCode: {}, ...overrides };
}

function result(overrides: Partial<LoadResult> = {}): LoadResult {
  return {
    scenario: 'webmail-user',
    profile: { name: 'load', executor: 'ramping-vus', description: '', maxVUs: 5, durationS: 8 },
    startedAt: '2026-11-25T10:00:00.000Z',
    finishedAt: '2026-11-25T10:00:08.000Z',
    overall: { p50: 1, p90: 1, p95: 1, p99: 1, max: 1, min: 1, mean: 1, count: 200 },
    totals: { requests: 200, failures: 0, iterations: 10, sessions: 5, dataReceivedBytes: 0, dataSentBytes: 0 },
    actions: [action('login'), action('mail.all')],
    slos: [],
    series: { resolutionS: 1, points: [] },
    k6: { version: '2.2.0', exitCode: 0, thresholdsPassed: true },
    oxClient: NONE,
    ...overrides,
  };
}

const options = { requirementIds: ['REQ-LOAD-01'] };

describe('clientChecks: rate limiting', () => {
  it('passes the rate-limit check when the target never answered HTTP 429', () => {
    const [check, ...rest] = clientChecks(result(), options);
    expect(rest).toEqual([]);
    expect(check).toMatchObject({ id: 'load.webmail-user.rate-limit', family: 'load', status: 'passed', requirementIds: ['REQ-LOAD-01'] });
    expect(check?.title).toBe('webmail-user: the target did not rate-limit the load generator (HTTP 429)');
    expect(check?.hint).toBeUndefined();
  });

  it('fails on any HTTP 429 with its share, the first time, the nodes, and a hint naming OX rate-limit settings', () => {
    const figures: OxClientFigures = { ...NONE, rateLimited: 150, rateLimitedShare: 0.75, firstRateLimitedS: 2.5, rateLimitedByRoute: { OX1: 100, none: 50 }, rateLimitedByAction: { login: 50, 'mail.all': 100 }, excludedFromLatency: 150 };
    const [check] = clientChecks(result({ oxClient: figures }), options);
    expect(check).toMatchObject({ id: 'load.webmail-user.rate-limit', status: 'failed', title: 'webmail-user: the target rate-limited the load generator (HTTP 429)' });
    expect(check?.criteria).toEqual([
      { name: 'HTTP 429 answers (rate limited)', expected: '== 0', measured: '150 (75.0 % of 200 requests)', passed: false },
      { name: 'first HTTP 429', expected: 'none', measured: 'after 2.5 s', passed: false },
      { name: 'HTTP 429 on OX1', expected: '== 0', measured: '100', passed: false },
      { name: 'HTTP 429 on no node yet (before a session)', expected: '== 0', measured: '50', passed: false },
      { name: 'latency samples excluded (HTTP 429)', expected: 'reported', measured: '150', passed: true },
    ]);
    for (const setting of ['com.openexchange.servlet.maxRate', 'maxRateTimeWindow', 'maxRateLenientClients', 'maxRateLenientRemoteAddresses']) expect(check?.hint).toContain(setting);
  });

  it('skips the rate-limit check of a run without requests', () => {
    const [check] = clientChecks(result({ totals: { requests: 0, failures: 0, iterations: 0, sessions: 0, dataReceivedBytes: 0, dataSentBytes: 0 }, actions: [] }), options);
    expect(check?.status).toBe('skipped');
  });
});

describe('clientChecks: IP check and autologin', () => {
  it('names SES-0205 as a deployment or balancer problem, located per action, with X-Forwarded-For and com.openexchange.IPCheck in the hint', () => {
    const checks = clientChecks(result({ actions: [action('login'), action('mail.all', { errorsByCode: { 'SES-0205': 7 } }), action('folders.list', { errorsByCode: { 'SES-0205': 2 } })] }), options);
    const ip = checks.find((c) => c.id === 'load.webmail-user.ip-check');
    expect(ip).toMatchObject({ status: 'failed', title: "webmail-user: the target's IP check ended sessions (SES-0205): a deployment or balancer problem" });
    expect(ip?.criteria).toEqual([{ name: 'answers SES-0205 (session IP changed)', expected: '== 0', measured: '9 (mail.all 7, folders.list 2)', passed: false }]);
    for (const word of ['X-Forwarded-For', 'com.openexchange.IPCheck', 'egress']) expect(ip?.hint).toContain(word);
  });

  it('fails "autologin is off on this target" on AUTOLOGIN-OFF, with com.openexchange.sessiond.autologin in the hint', () => {
    const checks = clientChecks(result({ actions: [action('autologin', { errorsByCode: { 'AUTOLOGIN-OFF': 5 } })] }), options);
    const autologin = checks.find((c) => c.id === 'load.webmail-user.autologin');
    expect(autologin).toMatchObject({ status: 'failed', title: 'webmail-user: autologin is off on this target' });
    expect(autologin?.criteria[0]).toMatchObject({ measured: '5 (autologin 5)', passed: false });
    expect(autologin?.hint).toContain('com.openexchange.sessiond.autologin');
  });

  it('adds neither check when neither code was seen', () => {
    expect(clientChecks(result({ actions: [action('login', { errorsByCode: { 'SES-0203': 3 } })] }), options).map((c) => c.id)).toEqual(['load.webmail-user.rate-limit']);
  });
});

describe('clientChecks: --verify-responses', () => {
  it('passes the contract check when every answer matched, and reports it only when answers were verified', () => {
    expect(clientChecks(result(), options).map((c) => c.id)).not.toContain('load.webmail-user.contract');
    const passed = clientChecks(result(), { ...options, verifiedResponses: true }).find((c) => c.id === 'load.webmail-user.contract');
    expect(passed).toMatchObject({ status: 'passed', criteria: [{ measured: '0 of 200', passed: true }] });
  });

  it('fails it naming the actions whose answers broke their contract', () => {
    const checks = clientChecks(result({ actions: [action('login'), action('mail.all', { errorsByCode: { CONTRACT: 4 } })] }), { ...options, verifiedResponses: true });
    const contract = checks.find((c) => c.id === 'load.webmail-user.contract');
    expect(contract).toMatchObject({ status: 'failed', criteria: [{ measured: '4 (mail.all 4)', passed: false }] });
    expect(contract?.hint).toContain('src/contract');
  });
});

describe('loadChecks with HTTP 429 only', () => {
  it('says a latency SLO had no answers, only HTTP 429, instead of showing 0 ms', () => {
    const checks = loadChecks(
      result({
        actions: [action('mail.all', { latency: { p50: 0, p90: 0, p95: 0, p99: 0, max: 0, min: 0, mean: 0, count: 0 }, requests: 40, failures: 40, rateLimited: 40 })],
        slos: [{ action: 'mail.all', metric: 'p95', op: '<', threshold: 500, measured: 0, unit: 'ms', passed: false }],
      }),
      options,
    );
    expect(checks[0]?.criteria[0]).toMatchObject({ measured: 'no answers, only HTTP 429', passed: false });
  });
});
