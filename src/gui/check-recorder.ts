/**
 * What one Playwright test records for its CheckResult: timed steps (each a
 * criterion and a timing, with a screenshot in the run folder), extra
 * criteria (expected vs measured) and evidence files. The fixture attaches
 * the record to the test result; our reporter turns it into the CheckResult.
 */
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { test, type Page } from '@playwright/test';
import type { Evidence } from '../model/types.ts';
import type { CheckRecord } from './record.ts';
import { slug } from './slug.ts';

function firstLine(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return (message.split('\n').find((line) => line.trim() !== '') ?? message).trim();
}

export class CheckRecorder {
  readonly record: CheckRecord = { criteria: [], evidence: [], timings: {} };
  private page: Page | undefined;
  private readonly runDir: string;
  /** Absolute folder for this test's screenshots, inside the run folder. */
  readonly evidenceDir: string;
  private screenshotCount = 0;
  private current: string | undefined;

  constructor(runDir: string, evidenceDir: string) {
    this.runDir = runDir;
    this.evidenceDir = evidenceDir;
  }

  usePage(page: Page): void {
    this.page = page;
  }

  get unfinishedStep(): string | undefined {
    return this.current;
  }

  criterion(name: string, expected: string, measured: string, passed: boolean): boolean {
    this.record.criteria.push({ name, expected, measured, passed });
    return passed;
  }

  /** Adds a file (absolute path, inside the run folder) as evidence. */
  evidence(kind: Evidence['kind'], file: string, title?: string): void {
    this.record.evidence.push({ kind, path: path.relative(this.runDir, file).split(path.sep).join('/'), ...(title ? { title } : {}) });
  }

  /**
   * Runs one timed step as a Playwright step: its duration becomes a timing and
   * a criterion; a screenshot shows where it ended. A throw fails the criterion
   * and the test (later steps do not run).
   */
  async step<T>(name: string, body: () => Promise<T>, options: { screenshot?: boolean } = {}): Promise<T> {
    return test.step(name, async () => {
      this.current = name;
      const started = performance.now();
      try {
        const result = await body();
        const ms = Math.round(performance.now() - started);
        this.record.timings[name] = ms;
        this.criterion(name, 'completes', `${ms} ms`, true);
        this.current = undefined;
        if (options.screenshot !== false) await this.screenshot(name);
        return result;
      } catch (error) {
        const ms = Math.round(performance.now() - started);
        this.current = undefined;
        this.criterion(name, 'completes', `failed after ${ms} ms: ${firstLine(error)}`, false);
        throw error;
      }
    });
  }

  /** Full-page screenshot into the evidence folder; never throws (evidence must not mask the result). */
  async screenshot(title: string): Promise<void> {
    if (!this.page || this.page.isClosed()) return;
    this.screenshotCount += 1;
    const file = path.join(this.evidenceDir, `${String(this.screenshotCount).padStart(2, '0')}-${slug(title)}.png`);
    try {
      await mkdir(this.evidenceDir, { recursive: true });
      await this.page.screenshot({ path: file, timeout: 5_000, animations: 'disabled' });
      this.evidence('screenshot', file, title);
    } catch {
      // The page may be gone (crash, closed context): the failure says why.
    }
  }
}
