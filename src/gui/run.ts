/**
 * runGuiChecks: runs the Playwright specs in suites/gui against a target and
 * returns CheckResults. Steps:
 *   1. preflight: Chromium present (else TOOL_MISSING with the fix);
 *   2. scratch folder outside the run folder: spec input, generated config;
 *   3. the Playwright CLI as a child process (passwords in its environment only),
 *      stopped on the deadline or the caller's signal;
 *   4. our reporter's file → CheckResults, timings, deviations.
 */
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { constants, createWriteStream } from 'node:fs';
import { access, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Brand } from '../config/brand.ts';
import { SignoffError } from '../errors.ts';
import type { CheckResult, Deviation } from '../model/types.ts';
import { writeConfig, type GuiProject, type GuiSpec } from './playwright-config.ts';
import type { ReportFile } from './reporter.ts';
import type { GuiTimings } from '../model/probes.ts';
import { timingsOf, toCheckResults } from './results.ts';
import type { SelectorSetName } from './selectors.ts';
import { DEFAULT_TOLERANCES, INPUT_ENV, PASSWORDS_ENV, type BrandingTolerances, type SpecInput } from './spec-input.ts';

export const DEFAULT_CHROMIUM = '/usr/bin/chromium';
/** Overrides the Chromium executable (tests, other distributions). */
export const CHROMIUM_ENV = 'SIGNOFF_CHROMIUM';

const PLAYWRIGHT_CLI = path.resolve(import.meta.dirname, '../../node_modules/@playwright/test/cli.js');
/** After Playwright's own global timeout, how long it gets to report before it is killed. */
const KILL_GRACE_MS = 15_000;

export interface GuiAccount {
  login: string;
  password: string;
  email: string;
}

export interface GuiRunInput {
  baseUrl: string;
  uiPath: string;
  apiPath?: string;
  caFile?: string;
  selectorSet: SelectorSetName;
  /** The expected brand; without it the branding checks are skipped. */
  brand?: Brand;
  /** Sender and recipient of the smoke mail. */
  accounts: [GuiAccount, GuiAccount];
  projects?: GuiProject[];
  specs?: GuiSpec[];
  /** Folder of screenshot baselines; without it the baseline check is skipped. */
  baselineDir?: string;
  /** Rewrite the baselines from this run (recorded as a deviation). */
  updateBaselines?: boolean;
  runDir: string;
  /** Absolute, inside runDir: screenshots, traces, diffs. */
  evidenceDir: string;
  /** The whole Playwright run (default 120 s). */
  timeoutMs?: number;
  /** One test (default 60 s). */
  testTimeoutMs?: number;
  tolerances?: Partial<BrandingTolerances>;
  chromiumPath?: string;
  signal?: AbortSignal;
}

export interface GuiRunOutput {
  checks: CheckResult[];
  timings: GuiTimings;
  deviations: Deviation[];
  baselinesUpdated: boolean;
}

export async function assertChromium(executable: string): Promise<void> {
  try {
    await access(executable, constants.X_OK);
  } catch (cause) {
    throw new SignoffError('TOOL_MISSING', `Chromium not found at ${executable}: the GUI checks need it`, {
      cause,
      hint: `Install Debian's Chromium (\`apt-get install chromium\`, which provides /usr/bin/chromium) or run \`npm run bootstrap\`; set ${CHROMIUM_ENV} to use another executable.`,
    });
  }
}

interface ChildOutcome {
  exitCode: number | null;
  stoppedBecause: string | undefined;
}

/** Runs the Playwright CLI in its own process group, so a stop ends Chromium too (by that group's id only). */
function runPlaywright(configFile: string, env: NodeJS.ProcessEnv, logFile: string, hardLimitMs: number, signal: AbortSignal | undefined): Promise<ChildOutcome> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [PLAYWRIGHT_CLI, 'test', '--config', configFile], { env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
    const log = createWriteStream(logFile);
    child.stdout.pipe(log, { end: false });
    child.stderr.pipe(log, { end: false });
    let stoppedBecause: string | undefined;
    const stop = (reason: string) => {
      if (stoppedBecause || child.exitCode !== null || child.pid === undefined) return;
      stoppedBecause = reason;
      try {
        process.kill(-child.pid, 'SIGKILL');
      } catch {
        // Already gone.
      }
    };
    const timer = setTimeout(() => stop(`the GUI run exceeded ${Math.round(hardLimitMs / 1000)} s`), hardLimitMs);
    const onAbort = () => stop(`interrupted: ${String(signal?.reason instanceof Error ? signal.reason.message : signal?.reason ?? 'aborted')}`);
    if (signal?.aborted) onAbort();
    signal?.addEventListener('abort', onAbort, { once: true });
    child.on('error', reject);
    child.on('close', (exitCode) => {
      clearTimeout(timer);
      signal?.removeEventListener('abort', onAbort);
      log.end();
      resolve({ exitCode, stoppedBecause });
    });
  });
}

function specInput(input: GuiRunInput, runTag: string): SpecInput {
  return {
    baseUrl: input.baseUrl,
    uiPath: input.uiPath,
    apiPath: input.apiPath ?? '/ajax',
    ...(input.caFile ? { caFile: input.caFile } : {}),
    selectorSet: input.selectorSet,
    ...(input.brand ? { brand: input.brand } : {}),
    accounts: [
      { login: input.accounts[0].login, email: input.accounts[0].email },
      { login: input.accounts[1].login, email: input.accounts[1].email },
    ],
    runDir: input.runDir,
    evidenceDir: input.evidenceDir,
    runTag,
    baselines: input.baselineDir !== undefined,
    tolerances: { ...DEFAULT_TOLERANCES, ...input.tolerances },
  };
}

export async function runGuiChecks(input: GuiRunInput): Promise<GuiRunOutput> {
  const started = performance.now();
  const chromiumPath = input.chromiumPath ?? process.env[CHROMIUM_ENV] ?? DEFAULT_CHROMIUM;
  await assertChromium(chromiumPath);
  if (!path.isAbsolute(input.runDir) || !path.isAbsolute(input.evidenceDir)) {
    throw new SignoffError('USAGE', `runDir and evidenceDir must be absolute paths (got ${input.runDir}, ${input.evidenceDir})`);
  }
  const secrets = input.accounts.map((a) => a.password);
  const timeoutMs = input.timeoutMs ?? 120_000;
  const runTag = randomBytes(4).toString('hex');
  const scratchDir = await mkdtemp(path.join(os.tmpdir(), 'signoff-gui-'));
  try {
    await mkdir(input.evidenceDir, { recursive: true });
    const inputFile = path.join(scratchDir, 'input.json');
    await writeFile(inputFile, JSON.stringify(specInput(input, runTag)), { mode: 0o600 });
    const reportFile = path.join(scratchDir, 'report.json');
    const configFile = await writeConfig({
      scratchDir,
      reportFile,
      chromiumPath,
      projects: input.projects ?? ['desktop', 'mobile'],
      specs: input.specs ?? ['smoke', 'branding'],
      timeoutMs,
      testTimeoutMs: Math.min(input.testTimeoutMs ?? 60_000, timeoutMs),
      baselineDir: input.baselineDir,
      updateBaselines: input.updateBaselines === true,
    });
    const env = { ...process.env, [INPUT_ENV]: inputFile, [PASSWORDS_ENV]: JSON.stringify(secrets), FORCE_COLOR: '0', PW_TEST_HTML_REPORT_OPEN: 'never' };
    const outcome = await runPlaywright(configFile, env, path.join(scratchDir, 'playwright.log'), timeoutMs + KILL_GRACE_MS, input.signal);
    const report = await readReport(reportFile, path.join(scratchDir, 'playwright.log'));
    const checks = await toCheckResults(report, { runDir: input.runDir, evidenceDir: input.evidenceDir, secrets, ...(outcome.stoppedBecause ? { stoppedBecause: outcome.stoppedBecause } : {}) });
    const baselinesUpdated = input.updateBaselines === true && input.baselineDir !== undefined;
    const deviations: Deviation[] = baselinesUpdated
      ? [{ id: 'gui.baselines-updated', text: `Screenshot baselines in ${input.baselineDir} were rewritten from this run (updateBaselines); the baseline check compared against itself.` }]
      : [];
    if (input.signal?.aborted) throw input.signal.reason;
    return { checks, timings: { ...timingsOf(report), 'gui.wallMs': Math.round(performance.now() - started) }, deviations, baselinesUpdated };
  } finally {
    // A browser killed at the timeout may still be flushing its screencast: retry instead of failing the run on ENOTEMPTY.
    await rm(scratchDir, { recursive: true, force: true, maxRetries: 5, retryDelay: 200 });
  }
}

/** The reporter's file; when Playwright never got to write it, its own output says why. */
async function readReport(reportFile: string, logFile: string): Promise<ReportFile> {
  try {
    return JSON.parse(await readFile(reportFile, 'utf8')) as ReportFile;
  } catch (cause) {
    const log = await readFile(logFile, 'utf8').catch(() => '');
    throw new SignoffError('INTERNAL', `Playwright produced no results: ${log.split('\n').filter(Boolean).slice(-8).join('\n') || 'no output'}`, { cause });
  }
}
