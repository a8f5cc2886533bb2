/**
 * Playwright traces without secrets. A trace records the parameters of every
 * action (the typed password), DOM snapshots with input values, and the
 * network log with request bodies (the login POST) — and the network log runs
 * on across chunks. So credential steps run with tracing fully *stopped* and
 * restarted after, each test's trace is cut into parts around them, and the
 * parts are kept only when the test failed (no trace on success).
 */
import { mkdir, rename, rm } from 'node:fs/promises';
import path from 'node:path';
import type { BrowserContext } from '@playwright/test';

export class TraceRecorder {
  private readonly context: BrowserContext;
  /** Scratch folder outside the run folder; parts move to the evidence only on failure. */
  private readonly scratchDir: string;
  private parts: string[] = [];
  private running = false;
  private prefix = 'trace';

  constructor(context: BrowserContext, scratchDir: string) {
    this.context = context;
    this.scratchDir = scratchDir;
  }

  async begin(prefix: string, title: string): Promise<void> {
    this.prefix = prefix;
    this.parts = [];
    await mkdir(this.scratchDir, { recursive: true });
    await this.start(title);
  }

  /** Runs a step that handles a secret with tracing stopped (and its network log closed). */
  async withoutTracing<T>(step: () => Promise<T>): Promise<T> {
    await this.stop(true);
    try {
      return await step();
    } finally {
      await this.start('after credentials');
    }
  }

  /** Ends the test's trace; on failure moves its parts into `evidenceDir` and returns their paths. */
  async end(failed: boolean, evidenceDir: string): Promise<string[]> {
    await this.stop(failed);
    if (!failed) {
      await Promise.all(this.parts.map((part) => rm(part, { force: true })));
      return [];
    }
    await mkdir(evidenceDir, { recursive: true });
    const kept: string[] = [];
    for (const part of this.parts) {
      const target = path.join(evidenceDir, path.basename(part));
      await rename(part, target).catch(() => undefined);
      kept.push(target);
    }
    return kept;
  }

  private async start(title: string): Promise<void> {
    if (this.running) return;
    await this.context.tracing.start({ screenshots: true, snapshots: true, title });
    this.running = true;
  }

  private async stop(keep: boolean): Promise<void> {
    if (!this.running) return;
    this.running = false;
    const part = path.join(this.scratchDir, `${this.prefix}-trace-${this.parts.length + 1}.zip`);
    await this.context.tracing.stop(keep ? { path: part } : {});
    if (keep) this.parts.push(part);
  }
}
