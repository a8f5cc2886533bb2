import { describe, expect, it } from 'vitest';
import { clusterChecks, loadChecks } from '../../src/load/checks.ts';
import type { LoadResult } from '../../src/model/types.ts';

function result(overrides: Partial<LoadResult> = {}): LoadResult {
  return {
    scenario: 'webmail',
    profile: { name: 'load', executor: 'constant-vus', description: '', maxVUs: 10, durationS: 60 },
    startedAt: '2026-11-25T10:00:00.000Z',
    finishedAt: '2026-11-25T10:01:00.000Z',
    overall: { p50: 1, p90: 1, p95: 1, p99: 1, max: 1, min: 1, mean: 1, count: 100 },
    totals: { requests: 100, failures: 0, iterations: 10, sessions: 100, dataReceivedBytes: 0, dataSentBytes: 0 },
    actions: [{ name: 'mail.all', latency: { p50: 1, p90: 1, p95: 412, p99: 1, max: 1, min: 1, mean: 1, count: 100 }, requests: 100, failures: 0, errorRate: 0, throughput: 1.7, apdex: { t: 500, score: 1 }, errorsByCode: {} }],
    slos: [],
    series: { resolutionS: 1, points: [] },
    cluster: { sessionsByRoute: { OX1: 52, OX2: 48 }, routeChanges: 0, sessionsLost: 0, maxDeviation: 0.04 },
    k6: { version: '2.2.0', exitCode: 0, thresholdsPassed: true },
    ...overrides,
  };
}

const clusterOptions = { stickinessRequirementIds: ['REQ-LB-01'], balanceRequirementIds: ['REQ-LB-02'], routes: ['OX1', 'OX2'] };

describe('loadChecks', () => {
  it('makes one load check per SLO with expected against measured', () => {
    const checks = loadChecks(
      result({
        slos: [
          { action: 'mail.all', metric: 'p95', op: '<', threshold: 500, measured: 412.3, unit: 'ms', passed: true, k6Passed: true },
          { action: '*', metric: 'errorRate', op: '<', threshold: 0.01, measured: 0.0234, unit: 'ratio', passed: false },
          { action: 'calendar.all', metric: 'p95', op: '<', threshold: 500, measured: 0, unit: 'ms', passed: false },
          { action: 'mail.all', metric: 'p95', op: '>', threshold: 1, measured: 412.3, unit: 'ms', passed: true },
        ],
      }),
      { requirementIds: ['REQ-LOAD-01'], sloRequirementIds: { 1: ['REQ-LOAD-02'] }, evidence: [{ kind: 'log', path: 'load/webmail/k6.log' }] },
    );
    expect(checks.map((c) => [c.id, c.family, c.status, c.requirementIds])).toEqual([
      ['load.webmail.slo.mail.all.p95', 'load', 'passed', ['REQ-LOAD-01']],
      ['load.webmail.slo.all.errorRate', 'load', 'failed', ['REQ-LOAD-02']],
      ['load.webmail.slo.calendar.all.p95', 'load', 'failed', ['REQ-LOAD-01']],
      ['load.webmail.slo.mail.all.p95.2', 'load', 'passed', ['REQ-LOAD-01']],
    ]);
    expect(checks[0]!.criteria).toEqual([{ name: 'mail.all p95', expected: '< 500 ms', measured: '412 ms', passed: true }]);
    expect(checks[1]!.criteria[0]).toMatchObject({ name: 'all actions errorRate', expected: '< 1 %', measured: '2.34 %' });
    expect(checks[2]!.criteria[0]).toMatchObject({ measured: 'no requests', passed: false });
    expect(checks[0]!.evidence).toEqual([{ kind: 'log', path: 'load/webmail/k6.log' }]);
  });
});

describe('clusterChecks', () => {
  it('passes stickiness and balance for an even, sticky cluster', () => {
    const [stickiness, balance] = clusterChecks(result(), clusterOptions);
    expect(stickiness).toMatchObject({ id: 'cluster.webmail.stickiness', family: 'cluster', status: 'passed', requirementIds: ['REQ-LB-01'] });
    expect(balance).toMatchObject({ id: 'cluster.webmail.balance', status: 'passed', requirementIds: ['REQ-LB-02'] });
    expect(balance!.criteria.find((c) => c.name.startsWith('largest'))).toMatchObject({ expected: '<= 20 %', measured: '4 %', passed: true });
  });

  it('fails stickiness on a route change or a lost session', () => {
    const [changed] = clusterChecks(result({ cluster: { sessionsByRoute: { OX1: 50, OX2: 50 }, routeChanges: 3, sessionsLost: 0, maxDeviation: 0 } }), clusterOptions);
    const [lost] = clusterChecks(result({ cluster: { sessionsByRoute: { OX1: 50, OX2: 50 }, routeChanges: 0, sessionsLost: 2, maxDeviation: 0 } }), clusterOptions);
    expect(changed!.status).toBe('failed');
    expect(changed!.criteria[0]).toMatchObject({ measured: '3', passed: false });
    expect(lost!.status).toBe('failed');
    expect(lost!.criteria[1]).toMatchObject({ name: 'sessions lost', measured: '2', passed: false });
  });

  it('fails balance beyond the allowed deviation, and for a node that takes no sessions', () => {
    const skewed = clusterChecks(result({ cluster: { sessionsByRoute: { OX1: 70, OX2: 30 }, routeChanges: 0, sessionsLost: 0, maxDeviation: 0.4 } }), clusterOptions)[1]!;
    expect(skewed.status).toBe('failed');
    expect(skewed.criteria.find((c) => c.name.startsWith('largest'))).toMatchObject({ measured: '40 %', passed: false });
    expect(clusterChecks(result({ cluster: { sessionsByRoute: { OX1: 70, OX2: 30 }, routeChanges: 0, sessionsLost: 0, maxDeviation: 0.4 } }), { ...clusterOptions, maxDeviation: 0.5 })[1]!.status).toBe('passed');

    const nodeDown = clusterChecks(result({ cluster: { sessionsByRoute: { OX1: 100 }, routeChanges: 0, sessionsLost: 0, maxDeviation: 1 } }), clusterOptions)[1]!;
    expect(nodeDown.status).toBe('failed');
    expect(nodeDown.criteria).toContainEqual({ name: 'sessions on OX2', expected: '> 0', measured: '0', passed: false });
  });

  it('fails balance for sessions without a route or on a route that is not configured', () => {
    const balance = clusterChecks(result({ cluster: { sessionsByRoute: { OX1: 50, OX2: 50, none: 4, OX9: 1 }, routeChanges: 0, sessionsLost: 0, maxDeviation: 0 } }), clusterOptions)[1]!;
    expect(balance.status).toBe('failed');
    expect(balance.criteria.filter((c) => !c.passed).map((c) => c.name)).toEqual(['sessions on no route', 'sessions on unknown route OX9']);
  });

  it('judges the routes seen when none are configured, and skips when there were no sessions', () => {
    expect(clusterChecks(result(), { ...clusterOptions, routes: undefined })[1]!.status).toBe('passed');
    const none = result({ totals: { requests: 0, failures: 0, iterations: 0, sessions: 0, dataReceivedBytes: 0, dataSentBytes: 0 } });
    delete none.cluster;
    expect(clusterChecks(none, { ...clusterOptions, routes: undefined }).map((c) => c.status)).toEqual(['skipped', 'skipped']);
  });
});
