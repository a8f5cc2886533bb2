/**
 * Runs k6 and streams its samples into an Ingester while it runs. k6 writes
 * its JSON samples to stdout (`--out json=-`), followed by its text summary,
 * which goes to `<runDir>/k6-summary.txt`; its log (stderr) goes to
 * `<runDir>/k6.log`. Nothing is buffered beyond one pipe chunk.
 *
 * Exit codes: 0 passed · 99 thresholds crossed (a result, not a crash) ·
 * anything else, or killed → K6_FAILED; aborted through `signal` →
 * INTERRUPTED. Both errors carry what was ingested so far (`partial`).
 */
import { execFile, spawn } from 'node:child_process';
import { once } from 'node:events';
import { constants, createWriteStream } from 'node:fs';
import { access, mkdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { SignoffError, type ErrorCode } from '../errors.ts';
import { Ingester } from './ingest.ts';
import { ingestStream } from './ingest-stream.ts';
import { allThresholdsPassed, readSummaryExport, type K6ThresholdResults } from './summary-export.ts';

export { assertReachable } from './reachable.ts';

/** k6's exit code when thresholds were crossed. */
export const K6_THRESHOLDS_FAILED = 99;

export interface K6Progress {
  elapsedS: number;
  vus: number;
  /** Requests per second over the last window. */
  rps: number;
  /** p95 in ms over the last window (0 without requests). */
  p95Ms: number;
  /** Failed/requests over the last window. */
  errorRate: number;
  /** Requests so far. */
  requests: number;
}

export interface RunK6Options {
  k6Path: string;
  scriptPath: string;
  runDir: string;
  /** Added to this process's environment (k6 reads `__ENV` and K6_* from it). */
  env?: Record<string, string>;
  /** Default `<runDir>/k6-summary.json`. */
  summaryExportPath?: string;
  /** More `k6 run` flags, e.g. `--execution-segment`. */
  extraArgs?: string[];
  /** Where samples go; a fresh one by default. */
  ingester?: Ingester;
  onProgress?: (progress: K6Progress) => void;
  progressIntervalMs?: number;
  signal?: AbortSignal;
  /** After SIGINT, how long k6 may finish (teardown, summary) before SIGKILL. */
  killGraceMs?: number;
}

export interface K6RunOutcome {
  exitCode: number | null;
  /** The signal that ended k6, when one did. */
  exitSignal: NodeJS.Signals | null;
  thresholdsPassed: boolean;
  /** k6's own threshold results from the summary export (empty when it wrote none). */
  thresholds: K6ThresholdResults;
  ingester: Ingester;
  startedAt: string;
  finishedAt: string;
  logPath: string;
  summaryExportPath: string;
  summaryTextPath: string;
}

/** K6_FAILED or INTERRUPTED, with the samples ingested up to then. */
export class K6RunError extends SignoffError {
  readonly partial: K6RunOutcome;

  constructor(code: ErrorCode, message: string, partial: K6RunOutcome, options: { cause?: unknown; hint?: string } = {}) {
    super(code, message, options);
    this.name = 'K6RunError';
    this.partial = partial;
  }
}

export async function runK6(options: RunK6Options): Promise<K6RunOutcome> {
  const { k6Path, scriptPath, runDir, signal } = options;
  await assertExecutable(k6Path);
  await mkdir(runDir, { recursive: true });
  const logPath = join(runDir, 'k6.log');
  const summaryExportPath = options.summaryExportPath ?? join(runDir, 'k6-summary.json');
  const summaryTextPath = join(runDir, 'k6-summary.txt');
  const ingester = options.ingester ?? new Ingester();
  if (signal?.aborted) throw new SignoffError('INTERRUPTED', 'the load run was stopped before k6 started');

  const args = ['run', '--out', 'json=-', '--summary-export', summaryExportPath, '--quiet', '--no-color', '--no-usage-report', ...(options.extraArgs ?? []), scriptPath];
  const startedAt = new Date();
  const child = spawn(k6Path, args, {
    cwd: runDir,
    env: { ...process.env, K6_NO_USAGE_REPORT: 'true', ...options.env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const log = createWriteStream(logPath);
  const summaryText = createWriteStream(summaryTextPath);
  child.stderr.pipe(log);
  const ingesting = ingestStream(child.stdout, ingester, { onTextLine: (line) => summaryText.write(`${line}\n`) });
  const exited = once(child, 'close') as Promise<[number | null, NodeJS.Signals | null]>;
  exited.catch(() => {}); // a spawn error is reported through spawnFailed
  const spawnFailed = once(child, 'spawn').then(
    () => undefined,
    (error: unknown) => error,
  );

  const progress = startProgress(ingester, startedAt, options);
  let aborted = false;
  let killTimer: NodeJS.Timeout | undefined;
  const onAbort = (): void => {
    aborted = true;
    child.kill('SIGINT');
    killTimer = setTimeout(() => child.kill('SIGKILL'), options.killGraceMs ?? 10_000);
  };
  signal?.addEventListener('abort', onAbort, { once: true });

  try {
    const spawnError = await spawnFailed;
    if (spawnError) throw new SignoffError('K6_NOT_FOUND', `k6 could not be started from ${k6Path}: ${String(spawnError)}`, { cause: spawnError });
    const [[exitCode, exitSignal]] = await Promise.all([exited, ingesting]);
    await Promise.all([endStream(log), endStream(summaryText)]);
    const summary = await readSummaryExport(summaryExportPath);
    const thresholds = summary?.thresholds ?? new Map();
    const outcome: K6RunOutcome = {
      exitCode,
      exitSignal,
      thresholdsPassed: exitCode !== K6_THRESHOLDS_FAILED && allThresholdsPassed(thresholds),
      thresholds,
      ingester,
      startedAt: startedAt.toISOString(),
      finishedAt: new Date().toISOString(),
      logPath,
      summaryExportPath,
      summaryTextPath,
    };
    if (aborted) throw new K6RunError('INTERRUPTED', `k6 was stopped on request (${describeExit(exitCode, exitSignal)}); the samples up to then are kept`, outcome);
    if (exitCode === 0 || exitCode === K6_THRESHOLDS_FAILED) return outcome;
    const tail = await logTail(logPath);
    throw new K6RunError('K6_FAILED', `k6 failed (${describeExit(exitCode, exitSignal)}); log: ${finalPath(logPath)}${tail ? `\n${tail}` : ''}`, outcome);
  } finally {
    progress.stop();
    clearTimeout(killTimer);
    signal?.removeEventListener('abort', onAbort);
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  }
}

/** `k6 version` → "2.2.0". */
export async function readK6Version(k6Path: string): Promise<string> {
  await assertExecutable(k6Path);
  const { stdout } = await promisify(execFile)(k6Path, ['version'], { timeout: 10_000 });
  return /v(\d+\.\d+\.\d+\S*)/.exec(stdout)?.[1] ?? 'unknown';
}

async function assertExecutable(k6Path: string): Promise<void> {
  try {
    await access(k6Path, constants.X_OK);
  } catch (cause) {
    throw new SignoffError('K6_NOT_FOUND', `no executable k6 at ${k6Path}`, { cause });
  }
}

function startProgress(ingester: Ingester, startedAt: Date, options: RunK6Options): { stop(): void } {
  const { onProgress } = options;
  if (!onProgress) return { stop() {} };
  let requests = 0;
  let last = performance.now();
  const timer = setInterval(() => {
    const now = performance.now();
    const window = ingester.drainWindow();
    requests += window.requests;
    onProgress({
      elapsedS: Math.round((Date.now() - startedAt.getTime()) / 100) / 10,
      vus: window.vus,
      rps: Math.round((window.requests / ((now - last) / 1000)) * 10) / 10,
      p95Ms: window.p95Ms,
      errorRate: window.requests > 0 ? window.failures / window.requests : 0,
      requests,
    });
    last = now;
  }, options.progressIntervalMs ?? 1000);
  return { stop: () => clearInterval(timer) };
}

function describeExit(code: number | null, signal: NodeJS.Signals | null): string {
  return signal ? `killed by ${signal}` : `exit code ${code}`;
}

function endStream(stream: NodeJS.WritableStream): Promise<void> {
  return new Promise((resolve) => stream.end(resolve));
}

/** The last error lines of k6's log, for the message. */
async function logTail(logPath: string): Promise<string> {
  const text = await readFile(logPath, 'utf8').catch(() => '');
  return text.trimEnd().split('\n').slice(-5).join('\n');
}

/** Where a file of the run folder will be: runs/.<id>.partial/ is renamed to runs/<id>/ when the run ends. */
export function finalPath(file: string): string {
  return file.replace(/([/\\])\.([^/\\]+)\.partial(?=[/\\])/, '$1$2');
}
