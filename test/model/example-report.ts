/** A complete RunReport as a fixture: every optional part filled in once. */
import type { RunReport } from '../../src/model/types.ts';

const percentiles = { p50: 120, p90: 310, p95: 412, p99: 890, max: 1402, min: 31, mean: 170.5, count: 1200 };

export function exampleReport(): RunReport {
  return {
    schemaVersion: 1,
    run: {
      id: '20250301-142501-7f3a9c',
      suite: 'nightly',
      startedAt: '2025-03-01T14:25:01.000Z',
      finishedAt: '2025-03-01T14:26:40.000Z',
      status: 'failed',
      harnessVersion: '0.1.0',
      toolVersions: { k6: '2.2.0' },
    },
    target: { name: 'sandbox', baseUrl: 'http://127.0.0.1:18080', apiPath: '/ajax', uiPath: '/appsuite/', kind: 'sandbox', nodes: ['OX1', 'OX2'] },
    environment: { os: 'linux 6.1.0 x64', node: 'v24.0.0', cpus: 2, memoryMb: 7936 },
    requirements: [
      { id: 'REQ-LOAD-01', title: 'Peak load with p95 < 1 s', verification: 'signoff load run' },
      { id: 'REQ-CLUS-01', title: 'Session stickiness' },
    ],
    checks: [
      {
        id: 'load.webmail.slo.mail.all.p95',
        title: 'mail.all p95 < 500 ms',
        family: 'load',
        status: 'failed',
        requirementIds: ['REQ-LOAD-01'],
        criteria: [{ name: 'mail.all p95', expected: '< 500 ms', measured: '612 ms', passed: false }],
        evidence: [{ kind: 'log', path: 'load/webmail/k6.log', title: 'k6 log' }],
        durationMs: 30_512,
      },
      {
        id: 'load.webmail.slo.login.p95',
        title: 'login p95 < 2 s',
        family: 'load',
        status: 'passed',
        requirementIds: ['REQ-LOAD-01'],
        criteria: [{ name: 'login p95', expected: '< 2000 ms', measured: '180 ms', passed: true }],
        evidence: [],
        durationMs: 30_512,
      },
      {
        id: 'cluster.webmail.stickiness',
        title: 'Sessions stay on their node',
        family: 'cluster',
        status: 'passed',
        requirementIds: ['REQ-CLUS-01'],
        criteria: [{ name: 'route changes', expected: '== 0', measured: '0', passed: true }],
        evidence: [],
        durationMs: 0,
      },
      {
        id: 'custom.health',
        title: 'Health endpoint answers',
        family: 'api',
        status: 'error',
        requirementIds: [],
        criteria: [],
        evidence: [],
        durationMs: 5001,
        error: { code: 'TARGET_UNREACHABLE', message: 'http://127.0.0.1:9 is not reachable <ECONNREFUSED> & "quoted"' },
      },
      { id: 'custom.later', title: 'Skipped after the error', family: 'api', status: 'skipped', requirementIds: [], criteria: [], evidence: [], durationMs: 0 },
    ],
    load: [
      {
        scenario: 'webmail-user',
        profile: { name: 'sandbox', executor: 'constant-vus', description: '10 VUs for 30s', maxVUs: 10, durationS: 30 },
        startedAt: '2025-03-01T14:25:05.000Z',
        finishedAt: '2025-03-01T14:25:36.000Z',
        overall: percentiles,
        totals: { requests: 1200, failures: 3, iterations: 40, sessions: 40, dataReceivedBytes: 5_000_000, dataSentBytes: 400_000 },
        actions: [
          { name: 'login', latency: { ...percentiles, p95: 180, count: 40 }, requests: 40, failures: 0, errorRate: 0, throughput: 1.3, apdex: { t: 500, score: 1 }, errorsByCode: {} },
          { name: 'mail.all', latency: { ...percentiles, p95: 612, count: 160 }, requests: 160, failures: 3, errorRate: 0.01875, throughput: 5.3, apdex: { t: 500, score: 0.82 }, errorsByCode: { 'SES-0203': 2, 'HTTP-503': 1 } },
        ],
        slos: [
          { action: 'mail.all', metric: 'p95', op: '<', threshold: 500, measured: 612, unit: 'ms', passed: false, k6Passed: false },
          { action: 'login', metric: 'p95', op: '<', threshold: 2000, measured: 180, unit: 'ms', passed: true },
          { action: '*', metric: 'errorRate', op: '<', threshold: 0.01, measured: 0.0025, unit: 'ratio', passed: true },
        ],
        series: { resolutionS: 1, points: [{ t: 0, vus: 10, rps: 38.5, p95: 400, errors: 0 }, { t: 1, vus: 10, rps: 40, p95: 420, errors: 1 }] },
        cluster: { sessionsByRoute: { OX1: 21, OX2: 19 }, routeChanges: 0, sessionsLost: 0, maxDeviation: 0.05 },
        k6: { version: '2.2.0', exitCode: 99, thresholdsPassed: false },
      },
    ],
    deviations: [{ id: 'DEV-1', text: 'Sandbox instead of staging' }],
    artifacts: [{ path: 'load/webmail/k6.log', sha256: 'a'.repeat(64), bytes: 1234 }],
  };
}
