/**
 * Our Playwright reporter (loaded by the Playwright CLI from the generated
 * config). It writes one JSON file with every test: project, check annotation,
 * status, error, the CheckRecord the `check` fixture attached, and the step
 * that is running — rewritten after each event, so that even when the runner
 * has to kill a hung Playwright the file names the step that hung.
 * Mapping to CheckResults happens in the runner (results.ts), not here.
 */
import { renameSync, writeFileSync } from 'node:fs';
import { stripVTControlCharacters } from 'node:util';
import type { FullResult, Reporter, TestCase, TestError, TestResult, TestStep } from '@playwright/test/reporter';
import { CHECK_ANNOTATION, RECORD_ATTACHMENT, type CheckRecord } from './record.ts';

export interface ReportedTest {
  key: string;
  project: string;
  /** Spec file name: a journey is one file in one project. */
  file: string;
  /** `family:name` from the test's annotation. */
  check: string | undefined;
  title: string;
  status: TestResult['status'] | 'running' | 'pending';
  durationMs: number;
  error?: string;
  /** Reason given by test.skip(condition, reason). */
  skipReason?: string;
  runningStep?: string;
  record?: CheckRecord;
  /** Files Playwright itself attached (screenshot-comparison images). */
  attachments: { name: string; path: string; contentType: string }[];
}

export interface ReportFile {
  status: FullResult['status'] | 'running';
  errors: string[];
  tests: ReportedTest[];
}

function errorText(error: TestError | undefined): string | undefined {
  if (!error) return undefined;
  // Playwright colours messages for terminals; the report wants plain text.
  return stripVTControlCharacters(error.message ?? error.value ?? '');
}

export default class SignoffReporter implements Reporter {
  private readonly outputFile: string;
  private readonly report: ReportFile = { status: 'running', errors: [], tests: [] };
  private readonly byKey = new Map<string, ReportedTest>();

  constructor(options: { outputFile: string }) {
    this.outputFile = options.outputFile;
  }

  printsToStdio(): boolean {
    return false;
  }

  onBegin(_config: unknown, suite: { allTests(): TestCase[] }): void {
    for (const test of suite.allTests()) this.entry(test);
    this.flush();
  }

  onTestBegin(test: TestCase): void {
    Object.assign(this.entry(test), { status: 'running' });
    this.flush();
  }

  onStepBegin(test: TestCase, _result: TestResult, step: TestStep): void {
    if (step.category !== 'test.step') return;
    this.entry(test).runningStep = step.title;
    this.flush();
  }

  onStepEnd(test: TestCase, _result: TestResult, step: TestStep): void {
    if (step.category !== 'test.step') return;
    const entry = this.entry(test);
    if (entry.runningStep === step.title) delete entry.runningStep;
  }

  onTestEnd(test: TestCase, result: TestResult): void {
    const entry = this.entry(test);
    entry.status = result.status;
    entry.durationMs = result.duration;
    const error = errorText(result.error);
    if (error) entry.error = error;
    const skip = test.annotations.find((a) => a.type === 'skip');
    if (result.status === 'skipped' && skip?.description) entry.skipReason = skip.description;
    const record = result.attachments.find((a) => a.name === RECORD_ATTACHMENT && a.body);
    if (record?.body) entry.record = JSON.parse(record.body.toString('utf8')) as CheckRecord;
    entry.attachments = result.attachments
      .filter((a) => a.path && a.contentType.startsWith('image/'))
      .map((a) => ({ name: a.name, path: a.path as string, contentType: a.contentType }));
    this.flush();
  }

  onError(error: TestError): void {
    this.report.errors.push(errorText(error) ?? 'unknown error');
    this.flush();
  }

  onEnd(result: FullResult): void {
    this.report.status = result.status;
    this.flush();
  }

  private entry(test: TestCase): ReportedTest {
    let entry = this.byKey.get(test.id);
    if (!entry) {
      const project = test.parent.project()?.name ?? 'default';
      entry = {
        key: test.id,
        project,
        file: test.location.file.split(/[\\/]/).pop() ?? '',
        check: test.annotations.find((a) => a.type === CHECK_ANNOTATION)?.description,
        title: test.title,
        status: 'pending',
        durationMs: 0,
        attachments: [],
      };
      this.byKey.set(test.id, entry);
      this.report.tests.push(entry);
    }
    return entry;
  }

  /** Write-then-rename: a reader (or a kill) never sees half a file. */
  private flush(): void {
    const temp = `${this.outputFile}.tmp`;
    writeFileSync(temp, JSON.stringify(this.report));
    renameSync(temp, this.outputFile);
  }
}
