import { describe, expect, it } from 'vitest';
import { decode } from 'he';
import { create } from 'xmlbuilder2';
import { renderJunit } from '../../reporters/junit.ts';
import { exampleReport } from '../model/example-report.ts';
import { extendedReport } from '../model/extended-report.ts';

interface Testcase {
  '@name': string;
  failure?: { '@message': string; '#': string };
  error?: { '@type': string; '@message': string };
  skipped?: unknown;
}
interface Testsuite {
  '@name': string;
  '@tests': string;
  '@failures': string;
  testcase: Testcase | Testcase[];
}

function parse(xml: string): { testsuites: { '@tests': string; testsuite: Testsuite[] } } {
  return create(xml).end({ format: 'object' }) as never;
}

const testcases = (suite: Testsuite): Testcase[] => (Array.isArray(suite.testcase) ? suite.testcase : [suite.testcase]);

describe('junit reporter', () => {
  it('writes one testsuite per family and one testcase per check', () => {
    const report = exampleReport();
    const doc = parse(renderJunit(report));
    expect(doc.testsuites['@tests']).toBe(String(report.checks.length));
    expect(doc.testsuites.testsuite.map((s) => s['@name'])).toEqual(['load', 'cluster', 'api']);
    expect(doc.testsuites.testsuite.flatMap(testcases)).toHaveLength(report.checks.length);
  });

  it('gives a failed check a failure with expected vs measured for each failed criterion', () => {
    const load = parse(renderJunit(exampleReport())).testsuites.testsuite[0]!;
    const failed = testcases(load).find((t) => t['@name'].startsWith('load.webmail.slo.mail.all.p95'))!;
    expect(decode(failed.failure?.['@message'] ?? '')).toBe('mail.all p95: expected < 500 ms, measured 612 ms (failed)');
    expect(load['@failures']).toBe('1');
  });

  it('marks errors with their code and skipped checks as skipped', () => {
    const api = testcases(parse(renderJunit(exampleReport())).testsuites.testsuite[2]!);
    expect(api[0]!.error?.['@type']).toBe('TARGET_UNREACHABLE');
    expect(decode(api[0]!.error?.['@message'] ?? '')).toContain('<ECONNREFUSED> & "quoted"');
    expect(api[1]!.skipped).toBeDefined();
  });

  it('renders the same report to identical bytes', () => {
    const reordered = Object.fromEntries(Object.entries(exampleReport()).reverse()) as ReturnType<typeof exampleReport>;
    expect(renderJunit(exampleReport())).toBe(renderJunit(exampleReport()));
    expect(renderJunit(reordered)).toBe(renderJunit(exampleReport()));
  });

  it('keeps control characters from servers out of the XML', () => {
    const report = exampleReport();
    report.checks[3]!.error = { code: 'K6_FAILED', message: 'bad\u0000byte\u001b[31m' };
    expect(() => parse(renderJunit(report))).not.toThrow();
  });
});

describe('junit.xml with a baseline comparison', () => {
  it('adds a "baseline" testsuite with one failing testcase per metric regression and per new failure or regressed check', () => {
    const xml = renderJunit(extendedReport());
    const suites = parse(xml).testsuites.testsuite;
    const baseline = suites.find((s) => s['@name'] === 'baseline')!;
    expect(baseline).toBeDefined();
    const cases = testcases(baseline);
    expect(cases.map((c) => decode(c['@name']))).toEqual(['webmail-user mail.all p95', 'webmail-user mail.get errorRate', 'load.webmail.slo.mail.all.p95: mail.all p95 < 500 ms']);
    expect(baseline['@failures']).toBe('3');
    expect(xml).toContain('p95 of mail.all regressed against 20250228-020000-aaaaaa: 300 ms → 412 ms (+37.3 %)');
    expect(xml).toContain('new-failure against 20250228-020000-aaaaaa: passed → failed');
  });

  it('has no baseline testsuite when nothing got worse', () => {
    const report = extendedReport();
    report.baseline = { ...report.baseline!, metrics: report.baseline!.metrics.filter((m) => m.kind === 'improvement'), checks: report.baseline!.checks.filter((c) => c.change === 'fixed'), regressed: false };
    expect(renderJunit(report)).not.toContain('name="baseline"');
  });
});
