/**
 * Our reporter's file → CheckResults. One check per test and project
 * (`gui.desktop.smoke.login`). Steps after a failed journey step are `error`
 * ("not run"), never silently skipped; a timeout names the step that hung;
 * every message passes the secret filter.
 */
import { copyFile, mkdir } from 'node:fs/promises';
import path from 'node:path';
import type { CheckFamily, CheckResult, Criterion, Evidence } from '../model/types.ts';
import { redactSecrets } from '../probes/common/redact.ts';
import type { ReportFile, ReportedTest } from './reporter.ts';
import { slug } from './slug.ts';

export interface MapOptions {
  runDir: string;
  evidenceDir: string;
  secrets: readonly string[];
  /** Set when the runner had to stop Playwright (deadline, abort): tests still running were cut off there. */
  stoppedBecause?: string;
}

function identity(test: ReportedTest): { id: string; family: CheckFamily; title: string } {
  const [family, name] = (test.check ?? `gui:${slug(test.title)}`).split(':') as [string, string];
  return { id: `${family}.${test.project}.${name}`, family: family === 'branding' ? 'branding' : 'gui', title: `${test.title} (${test.project})` };
}

function firstLines(text: string, count = 6): string {
  return text.split('\n').map((line) => line.trimEnd()).filter((line) => line.trim() !== '').slice(0, count).join('\n');
}

/** Copies Playwright's own image attachments (screenshot comparison: expected/actual/diff) into the run folder. */
async function copyAttachments(test: ReportedTest, id: string, options: MapOptions): Promise<Evidence[]> {
  const evidence: Evidence[] = [];
  const dir = path.join(options.evidenceDir, test.project, slug(`${id}-playwright`));
  for (const attachment of test.attachments) {
    const target = path.join(dir, path.basename(attachment.path));
    try {
      await mkdir(dir, { recursive: true });
      await copyFile(attachment.path, target);
    } catch {
      continue;
    }
    evidence.push({ kind: /diff/i.test(attachment.name) ? 'diff' : 'screenshot', path: path.relative(options.runDir, target).split(path.sep).join('/'), title: attachment.name });
  }
  return evidence;
}

export async function toCheckResults(report: ReportFile, options: MapOptions): Promise<CheckResult[]> {
  const redact = (text: string) => redactSecrets(text, options.secrets);
  const results: CheckResult[] = [];
  // The first failure per project and spec file: why the rest of that journey did not run.
  const journeyFailures = new Map<string, string>();
  for (const test of report.tests) {
    const { id, family, title } = identity(test);
    const journey = `${test.project}:${test.file}`;
    const failedHere = () => journeyFailures.has(journey) || journeyFailures.set(journey, id);
    const record = test.record;
    const criteria: Criterion[] = (record?.criteria ?? []).map((c) => ({ ...c, measured: redact(c.measured), expected: redact(c.expected) }));
    const evidence: Evidence[] = [...(record?.evidence ?? [])];
    const base = { id, title, family, requirementIds: [], durationMs: Math.round(test.durationMs) };
    const hungStep = record?.unfinishedStep ?? test.runningStep;

    if (test.status === 'passed') {
      const status = criteria.length > 0 && criteria.every((c) => c.passed) ? 'passed' : 'failed';
      if (status === 'failed') failedHere();
      results.push({ ...base, status, criteria, evidence });
      continue;
    }
    if (test.status === 'skipped' && test.skipReason) {
      results.push({ ...base, status: 'skipped', criteria: [{ name: 'precondition', expected: 'configured', measured: test.skipReason, passed: true }], evidence });
      continue;
    }
    if (test.status === 'skipped' || test.status === 'pending') {
      const why = options.stoppedBecause && test.status === 'pending' ? options.stoppedBecause : `an earlier step failed (${journeyFailures.get(journey) ?? 'see the checks before'})`;
      results.push({ ...base, status: 'error', criteria, evidence, error: { code: 'NOT_RUN', message: `not run: ${why}` } });
      continue;
    }
    evidence.push(...(await copyAttachments(test, id, options)));
    failedHere();
    if (test.status === 'failed') {
      const message = redact(firstLines(test.error ?? 'failed'));
      results.push({ ...base, status: 'failed', criteria, evidence, error: { code: 'GUI_STEP_FAILED', message: hungStep ? `${message} (step "${hungStep}")` : message } });
      continue;
    }
    // timedOut, interrupted, or still running when Playwright was stopped.
    const where = hungStep ? `in step "${hungStep}"` : 'before its first step';
    const cause = test.status === 'timedOut' ? 'test timeout' : options.stoppedBecause ?? 'run stopped';
    if (hungStep && !criteria.some((c) => c.name === hungStep && !c.passed)) {
      criteria.push({ name: hungStep, expected: 'completes', measured: `did not complete (${cause})`, passed: false });
    }
    results.push({ ...base, status: 'failed', criteria, evidence, error: { code: 'GUI_TIMEOUT', message: `timed out ${where} (${cause})` } });
  }
  return results;
}

/** Step timings of all tests as `<project>.<check>.<step>` → ms, for the run's figures. */
export function timingsOf(report: ReportFile): Record<string, number> {
  const timings: Record<string, number> = {};
  for (const test of report.tests) {
    const { id } = identity(test);
    for (const [step, ms] of Object.entries(test.record?.timings ?? {})) timings[`${id}.${slug(step)}`] = ms;
  }
  return timings;
}
