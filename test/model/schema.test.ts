import { describe, expect, it } from 'vitest';
import { reportProblems, validateReport } from '../../src/model/schema.ts';
import { SignoffError } from '../../src/errors.ts';
import { exampleReport } from './example-report.ts';
import { extendedReport } from './extended-report.ts';
import { rateLimitedReport } from './rate-limited-report.ts';

describe('RunReport schema', () => {
  it('accepts a complete example report', () => {
    expect(reportProblems(exampleReport())).toEqual([]);
    expect(() => validateReport(exampleReport())).not.toThrow();
  });

  it('rejects a broken report and names the JSON pointer of each problem', () => {
    const report = exampleReport() as unknown as { checks: Record<string, unknown>[]; run: Record<string, unknown> };
    report.checks[1]!.status = 'green';
    report.run.surprise = true;
    const problems = reportProblems(report);
    expect(problems).toContainEqual({ pointer: '/checks/1/status', message: expect.stringContaining('"passed"') as string });
    expect(problems).toContainEqual({ pointer: '/run', message: 'unexpected property "surprise"' });
  });

  it('throws REPORT_INVALID with the located problems', () => {
    const report = exampleReport() as unknown as { load: { totals: Record<string, unknown> }[] };
    delete report.load[0]!.totals.sessions;
    let error: unknown;
    try {
      validateReport(report);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(SignoffError);
    expect((error as SignoffError).code).toBe('REPORT_INVALID');
    expect((error as SignoffError).message).toContain("/load/0/totals: must have required property 'sessions'");
  });

  it('rejects artifact paths that leave the run folder', () => {
    const report = exampleReport();
    report.artifacts[0]!.path = '../etc/passwd';
    expect(reportProblems(report).map((p) => p.pointer)).toContain('/artifacts/0/path');
  });
});

describe('RunReport schema: monitoring, probes, capacity and baseline', () => {
  it('accepts a report carrying server monitoring, probe summaries, a capacity search and a baseline comparison', () => {
    expect(reportProblems(extendedReport())).toEqual([]);
  });

  it('keeps reports without the new parts valid', () => {
    const report = exampleReport();
    expect(report.probes ?? report.capacity ?? report.baseline ?? report.load[0]!.monitoring).toBeUndefined();
    expect(reportProblems(report)).toEqual([]);
  });

  it('locates a broken monitoring point, an unknown failure reason and a non-number baseline change', () => {
    const report = extendedReport() as unknown as {
      load: { monitoring: { nodes: { points: Record<string, unknown>[] }[] } }[];
      probes: { accounts: { failedByReason: Record<string, number> } };
      baseline: { metrics: Record<string, unknown>[] };
    };
    report.load[0]!.monitoring.nodes[0]!.points[1]!.health = 'GREEN';
    report.probes.accounts.failedByReason.NOT_A_REASON = 1;
    report.baseline.metrics[0]!.change = 'a lot';
    const pointers = reportProblems(report).map((p) => p.pointer);
    expect(pointers).toContain('/load/0/monitoring/nodes/0/points/1/health');
    expect(pointers).toContain('/probes/accounts/failedByReason');
    expect(pointers).toContain('/baseline/metrics/0/change');
  });
});

describe('RunReport schema: rate limiting and client figures', () => {
  it('accepts a load result with OX client figures, a rate-limited action and a check hint', () => {
    expect(reportProblems(rateLimitedReport())).toEqual([]);
  });

  it('locates an unknown OX client figure, a share above 1 and a non-string hint', () => {
    const report = rateLimitedReport() as unknown as { load: { oxClient: Record<string, unknown> }[]; checks: Record<string, unknown>[] };
    report.load[0]!.oxClient.throttled = true;
    report.load[0]!.oxClient.rateLimitedShare = 1.5;
    report.checks[0]!.hint = 42;
    const pointers = reportProblems(report).map((p) => `${p.pointer}: ${p.message}`);
    expect(pointers).toEqual(expect.arrayContaining(['/load/0/oxClient: unexpected property "throttled"', '/load/0/oxClient/rateLimitedShare: must be <= 1', '/checks/0/hint: must be string']));
  });
});
