import { describe, expect, it } from 'vitest';
import { reportProblems, validateReport } from '../../src/model/schema.ts';
import { SignoffError } from '../../src/errors.ts';
import { exampleReport } from './example-report.ts';

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
