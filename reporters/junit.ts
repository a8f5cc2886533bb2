/**
 * junit.xml: one <testsuite> per check family, one <testcase> per check, in
 * report order. A failed check carries a <failure> whose message names each
 * failed criterion with expected vs measured, so CI shows why at a glance.
 * With a baseline comparison in the report, a "baseline" testsuite has one
 * failing testcase per metric regression and per check that newly fails or regressed.
 * Pure and deterministic: attributes come from the report only.
 */
import { create } from 'xmlbuilder2';
import type { XMLBuilder } from 'xmlbuilder2/lib/interfaces.js';
import type { BaselineComparison, CheckFamily, CheckResult, Criterion, RunReport } from '../src/model/types.ts';
import { formatBaselineMetric, formatChange } from './format.ts';
import type { ReportFile, Reporter } from './types.ts';

export const JUNIT_FILE = 'junit.xml';

/** Fixed family order, so the file does not depend on which check ran first. */
const FAMILIES: CheckFamily[] = ['load', 'cluster', 'gui', 'branding', 'imap', 'ldap', 'accounts', 'api'];

// XML 1.0 cannot carry most control characters, not even escaped; k6 and server messages may contain them.
// eslint-disable-next-line no-control-regex
const NOT_XML = /[^\x09\x0A\x0D\x20-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu;
const xmlText = (text: string): string => text.replace(NOT_XML, '\uFFFD');

const seconds = (ms: number): string => (ms / 1000).toFixed(3);

function criterionLine(c: Criterion): string {
  return `${c.name}: expected ${c.expected}, measured ${c.measured}${c.passed ? '' : ' (failed)'}`;
}

function addTestcase(suite: XMLBuilder, check: CheckResult, report: RunReport): void {
  const testcase = suite.ele('testcase', { classname: `${report.run.suite}.${check.family}`, name: xmlText(`${check.id}: ${check.title}`), time: seconds(check.durationMs) });
  if (check.requirementIds.length > 0) {
    const properties = testcase.ele('properties');
    for (const id of check.requirementIds) properties.ele('property', { name: 'requirement', value: id });
  }
  const failed = check.criteria.filter((c) => !c.passed);
  if (check.status === 'failed') {
    const message = failed.length > 0 ? failed.map(criterionLine).join('; ') : 'check failed';
    const body = [...check.criteria.map(criterionLine), ...(check.hint ? [`hint: ${check.hint}`] : [])];
    testcase.ele('failure', { message: xmlText(message), type: 'criteria' }).txt(xmlText(body.join('\n')));
  } else if (check.status === 'error') {
    const code = check.error?.code ?? 'ERROR';
    testcase.ele('error', { message: xmlText(check.error?.message ?? 'error'), type: code }).txt(xmlText(`${code}: ${check.error?.message ?? ''}`));
  } else if (check.status === 'skipped') {
    testcase.ele('skipped', check.error ? { message: xmlText(check.error.message) } : {});
  }
  // Evidence and all criteria as plain text, where CI shows a test's output.
  const lines = [...check.criteria.map(criterionLine), ...check.evidence.map((e) => `evidence: ${e.kind} ${e.path}`)];
  if (check.status !== 'failed' && lines.length > 0) testcase.ele('system-out').txt(xmlText(lines.join('\n')));
}

interface BaselineCase {
  name: string;
  message: string;
}

/** The worsenings of a comparison as testcases: metric regressions, then new failures and regressed checks. */
function baselineCases(comparison: BaselineComparison): BaselineCase[] {
  const metrics = comparison.metrics
    .filter((m) => m.kind === 'regression')
    .map((m) => ({
      name: `${m.scenario} ${m.action} ${m.metric}`,
      message: `${m.metric} of ${m.action} regressed against ${comparison.baselineRunId}: ${formatBaselineMetric(m.metric, m.baseline)} → ${formatBaselineMetric(m.metric, m.current)} (${formatChange(m.change)})`,
    }));
  const checks = comparison.checks
    .filter((c) => c.change === 'new-failure' || c.change === 'regressed')
    .map((c) => ({ name: `${c.id}: ${c.title}`, message: `${c.change} against ${comparison.baselineRunId}: ${c.baseline ?? 'absent'} → ${c.current ?? 'absent'}` }));
  return [...metrics, ...checks];
}

function addBaselineSuite(root: XMLBuilder, report: RunReport, comparison: BaselineComparison, cases: BaselineCase[]): void {
  const suite = root.ele('testsuite', { name: 'baseline', tests: String(cases.length), failures: String(cases.length), errors: '0', skipped: '0', time: '0.000', timestamp: report.run.startedAt });
  const properties = suite.ele('properties');
  properties.ele('property', { name: 'run.id', value: report.run.id });
  properties.ele('property', { name: 'baseline.run.id', value: xmlText(comparison.baselineRunId) });
  for (const c of cases) {
    const testcase = suite.ele('testcase', { classname: `${report.run.suite}.baseline`, name: xmlText(c.name), time: '0.000' });
    testcase.ele('failure', { message: xmlText(c.message), type: 'baseline' }).txt(xmlText(c.message));
  }
}

export function renderJunit(report: RunReport): string {
  const count = (checks: CheckResult[], status: CheckResult['status']) => String(checks.filter((c) => c.status === status).length);
  const totalMs = report.checks.reduce((sum, c) => sum + c.durationMs, 0);
  const cases = report.baseline ? baselineCases(report.baseline) : [];
  const root = create({ version: '1.0', encoding: 'UTF-8' }).ele('testsuites', {
    name: xmlText(report.run.suite),
    tests: String(report.checks.length + cases.length),
    failures: String(report.checks.filter((c) => c.status === 'failed').length + cases.length),
    errors: count(report.checks, 'error'),
    skipped: count(report.checks, 'skipped'),
    time: seconds(totalMs),
  });
  for (const family of FAMILIES) {
    const checks = report.checks.filter((c) => c.family === family);
    if (checks.length === 0) continue;
    const suite = root.ele('testsuite', {
      name: family,
      tests: String(checks.length),
      failures: count(checks, 'failed'),
      errors: count(checks, 'error'),
      skipped: count(checks, 'skipped'),
      time: seconds(checks.reduce((sum, c) => sum + c.durationMs, 0)),
      timestamp: report.run.startedAt,
    });
    const properties = suite.ele('properties');
    properties.ele('property', { name: 'run.id', value: report.run.id });
    properties.ele('property', { name: 'target', value: xmlText(`${report.target.name} ${report.target.baseUrl}`) });
    for (const check of checks) addTestcase(suite, check, report);
  }
  if (report.baseline && cases.length > 0) addBaselineSuite(root, report, report.baseline, cases);
  return `${root.end({ prettyPrint: true, indent: '  ' })}\n`;
}

export class JunitReporter implements Reporter {
  readonly name = 'junit';

  onRunEnd(report: RunReport): ReportFile[] {
    return [{ path: JUNIT_FILE, content: renderJunit(report) }];
  }
}
