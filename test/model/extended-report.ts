/** The example report with every new optional part: server monitoring, probe summaries, capacity, baseline. */
import type { CapacityStep, RunReport, ServerMonitoring } from '../../src/model/types.ts';
import { buildCapabilityMatrix } from '../../src/probes/imap/capabilities.ts';
import { exampleReport } from './example-report.ts';

export function monitoring(): ServerMonitoring {
  const node = (route: string, offset: number) => ({
    route,
    url: `http://127.0.0.1:${18000 + offset}`,
    points: [0, 1, 2, 3].map((i) => ({ t: i + 1, health: 'UP' as const, rps: 10 + i + offset, p95Ms: 40 + 5 * i, errors: 0, sessions: 2 + i, memoryBytes: (100 + i) * 2 ** 20, cpu: 0.1 * (i + 1) })),
    actions: [{ name: 'mail.all', requests: 40, errors: 0, rps: 10, p95Ms: 50 }],
    summary: { scrapes: 5, healthyScrapes: offset === 0 ? 5 : 4, requests: 46, errors: 0, rps: 11.5, p95Ms: 55, maxSessions: 5, maxMemoryBytes: 103 * 2 ** 20, maxCpu: 0.4, meanCpu: 0.25 },
  });
  return {
    startedAt: '2025-03-01T14:25:10.000Z',
    finishedAt: '2025-03-01T14:25:15.000Z',
    intervalMs: 1000,
    nodes: [node('OX1', 0), node('OX2', 1)],
    incidents: [{ route: 'OX2', at: '2025-03-01T14:25:13.000Z', t: 3, health: 'DOWN', detail: 'HTTP 503: database DOWN' }],
  };
}

function step(index: number, level: number, passed: boolean, p95Ms: number): CapacityStep {
  return {
    index,
    level,
    passed,
    stoppedEarly: !passed && level > 30,
    hardBreak: false,
    bindingSlo: 'mail.all p95 < 500ms',
    slack: passed ? 0.2 : -0.3,
    p95Ms,
    throughput: level * 2.5,
    errorRate: passed ? 0 : 0.02,
    requests: level * 75,
    slos: [{ action: '*', metric: 'p95', op: '<', threshold: 500, measured: p95Ms, unit: 'ms', passed }],
    server: [{ route: 'OX1', scrapes: 30, healthyScrapes: 30, requests: level * 37, errors: 0, rps: level * 1.2, p95Ms: p95Ms - 10, maxCpu: 0.8 }],
    startedAt: '2025-03-01T14:30:00.000Z',
    wallTimeS: 30,
    dir: `steps/${index}`,
  };
}

export function extendedReport(): RunReport {
  const report = exampleReport();
  report.load[0]!.monitoring = monitoring();
  report.load[0]!.segments = 2;
  const matrix = buildCapabilityMatrix(['IMAP4rev1', 'STARTTLS'], ['IMAP4rev1', 'NAMESPACE', 'UIDPLUS', 'IDLE', 'SPECIAL-USE', 'CHILDREN', 'QUOTA', 'ACL', 'XLIST']);
  report.probes = {
    imap: { matrix, latency: { 'LOGIN (connect+auth)': { count: 3, p50: 12.5, p95: 20.1, max: 20.1 }, SELECT: { count: 6, p50: 1.2, p95: 2, max: 2.4 } } },
    ldap: {
      url: 'ldap://127.0.0.1:3890',
      transport: 'starttls',
      tls: { protocol: 'TLSv1.3', authorized: true },
      boundAs: 'cn=admin,dc=example,dc=com',
      configuredMode: 'auto',
      modes: [
        { mode: 'bindOnly', succeeded: 0, tried: 3, reason: 'invalid credentials for uid=anton,ou=users,dc=ctx1' },
        { mode: 'search', succeeded: 3, tried: 3 },
      ],
      usedMode: 'search',
      userCount: 42,
      latency: { bind: { count: 6, p50: 3.1, p95: 4.2, max: 4.2 } },
    },
    accounts: { csvFile: 'fixtures/accounts.csv', total: 50, verified: 48, failed: 2, failedByReason: { IMAP_LOGIN_FAILED: 2 }, concurrency: 4, durationMs: 5300, accountsPerSecond: 9.4, steps: ['ldap', 'imap', 'ox'] },
    gui: { timings: { 'desktop.gui.smoke.login': 812, 'desktop.gui.smoke.first-mail-list': 230, 'mobile.gui.smoke.login': 1012, 'gui.wallMs': 21000 } },
  };
  report.capacity = {
    scenario: 'webmail-user',
    model: 'closed',
    unit: 'sessions',
    capacity: 24,
    atLeast: false,
    bracket: { lastPassing: 24, firstFailing: 26 },
    precision: 0.083,
    range: { min: 5, max: 40 },
    slos: ['mail.all p95 < 500ms'],
    curve: [step(1, 5, true, 120), step(2, 40, false, 900), step(3, 22, true, 380), step(4, 24, true, 450), step(5, 26, false, 560)],
    knee: { level: 24, server: [{ route: 'OX1', scrapes: 30, healthyScrapes: 30, requests: 900, errors: 0, rps: 28.8, p95Ms: 440, maxSessions: 24, maxMemoryBytes: 300 * 2 ** 20, maxCpu: 0.9 }] },
    steps: 5,
    stepDurationS: 30,
    wallTimeS: 160,
    startedAt: '2025-03-01T14:30:00.000Z',
    finishedAt: '2025-03-01T14:32:40.000Z',
    k6: { version: 'v2.2.0' },
  };
  report.baseline = {
    baselineRunId: '20250228-020000-aaaaaa',
    metrics: [
      { scenario: 'webmail-user', action: 'mail.all', metric: 'p95', baseline: 300, current: 412, change: 0.3733, kind: 'regression' },
      { scenario: 'webmail-user', action: 'mail.get', metric: 'errorRate', baseline: 0, current: 0.01, change: null, kind: 'regression' },
      { scenario: 'webmail-user', action: 'login', metric: 'p50', baseline: 200, current: 120, change: -0.4, kind: 'improvement' },
    ],
    checks: [
      { id: 'load.webmail.slo.mail.all.p95', title: 'mail.all p95 < 500 ms', baseline: 'passed', current: 'failed', change: 'new-failure' },
      { id: 'imap.idle', title: 'IDLE', baseline: 'failed', current: 'passed', change: 'fixed' },
    ],
    regressed: true,
  };
  return report;
}
