import { describe, expect, it } from 'vitest';
import { compareWithBaseline } from '../../src/report/baseline.ts';
import type { RunReport } from '../../src/model/types.ts';
import { approvalReport } from '../fixtures/reports/synthetic.ts';

function withCheck(report: RunReport, id: string, status: RunReport['checks'][number]['status']): void {
  const check = report.checks.find((c) => c.id === id);
  if (!check) throw new Error(id);
  check.status = status;
}

describe('baseline comparison', () => {
  it('finds nothing between a run and itself', () => {
    const c = compareWithBaseline(approvalReport(), approvalReport());
    expect(c).toEqual({ baselineRunId: '20250520-080000-a1b2c3', metrics: [], checks: [], regressed: false });
  });

  it('finds each kind: percentile regression, improvement, error-rate regression, new failure, fixed, regressed, improved, new and removed checks', () => {
    const baseline = approvalReport();
    const current = approvalReport();
    const [login, mailAll, mailGet] = current.load[0]!.actions;
    login!.latency.p95 *= 1.5; // regression
    mailAll!.latency.p99 *= 0.5; // improvement
    mailGet!.errorRate = 0.05; // error-rate regression
    current.load[0]!.actions[3]!.latency.p50 += 5; // below the tolerance: noise
    withCheck(current, 'ldap.bind.context1', 'failed'); // new failure
    withCheck(current, 'api.contacts.vcard-roundtrip', 'passed'); // fixed
    withCheck(current, 'accounts.login.user4@4', 'failed'); // error → failed: improved
    withCheck(baseline, 'gui.step.1', 'skipped');
    withCheck(current, 'gui.step.2', 'skipped'); // passed → skipped: regressed
    current.checks.push({ ...current.checks[0]!, id: 'load.new-check' });
    current.checks = current.checks.filter((c) => c.id !== 'ldap.bind.context3');

    const c = compareWithBaseline(current, baseline);
    const metric = (action: string, m: string) => c.metrics.find((x) => x.scenario === 'webmail-user' && x.action === action && x.metric === m);
    expect(metric('login', 'p95')).toMatchObject({ kind: 'regression', change: expect.closeTo(0.5, 5) });
    expect(metric('mail.all', 'p99')).toMatchObject({ kind: 'improvement' });
    expect(metric('mail.get', 'errorRate')).toMatchObject({ kind: 'regression', current: 0.05 });
    expect(metric('calendar.range', 'p50')).toBeUndefined();
    const change = (id: string) => c.checks.find((x) => x.id === id)?.change;
    expect(change('ldap.bind.context1')).toBe('new-failure');
    expect(change('api.contacts.vcard-roundtrip')).toBe('fixed');
    expect(change('accounts.login.user4@4')).toBe('improved');
    expect(change('gui.step.1')).toBe('improved');
    expect(change('gui.step.2')).toBe('regressed');
    expect(change('load.new-check')).toBe('new-check');
    expect(change('ldap.bind.context3')).toBe('removed-check');
    expect(c.regressed).toBe(true);
  });

  it('honours the tolerances', () => {
    const baseline = approvalReport();
    const current = approvalReport();
    current.load[0]!.actions[0]!.latency.p95 *= 1.5;
    expect(compareWithBaseline(current, baseline, { latency: 0.6 }).metrics).toEqual([]);
  });
});
