/**
 * The load path's failure behaviour, end to end: the real CLI (`scripts/signoff
 * run`), one real sandbox for the file, real k6, real faults. Each test asserts
 * the exit code, the report.json it leaves (schema-valid, status, checks) and
 * the side effects (run folder complete, no k6 left behind).
 *
 * Suites: test/fixtures/suites/load-webmail.ts (5 VUs, 8 s, mail.all p95 < 200 ms,
 * stickiness, balance), load-unknown-scenario.ts, load-bad-slo.ts, and the
 * configured targets of test/fixtures/suites/load-faults/signoff.config.ts.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT, signoff, type CliOptions, type CliResult } from '../support/cli.ts';
import { reportProblems } from '../../src/model/schema.ts';
import type { CheckResult, RunReport } from '../../src/model/types.ts';

const NAME = `rlf${process.pid}`.slice(0, 24);
const SUITE = 'test/fixtures/suites/load-webmail.ts';
const REMOTE_CONFIG = 'test/fixtures/suites/load-faults/signoff.config.ts';
const REMOTE_SUITE = 'test/fixtures/suites/load-faults/suite.ts';
/** A generous bound for one short load run on a busy 2-core machine. */
const RUN_TIMEOUT = 240_000;

let balancerUrl = '';
const outDirs: string[] = [];

type Result = CliResult;
type SpawnOptions = Omit<CliOptions, 'cwd'>;


async function freshOut(): Promise<string> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'signoff-load-faults-'));
  outDirs.push(dir);
  return dir;
}

interface RunResult extends Result {
  out: string;
  runDir: string;
  report: RunReport;
}

/** `signoff run … --json --out <fresh dir>`, with the report read back from the run folder. */
async function run(args: string[], options: SpawnOptions & { out?: string } = {}): Promise<RunResult> {
  const out = options.out ?? (await freshOut());
  const result = await signoff(['run', ...args, '--json', '--out', out], options);
  const last = result.stdout.trim().split('\n').at(-1) ?? '';
  let runDir: string;
  try {
    runDir = (JSON.parse(last) as { runDir: string }).runDir;
  } catch {
    throw new Error(`no JSON line on stdout (exit ${result.code}); stderr:\n${result.stderr}`);
  }
  const report = JSON.parse(readFileSync(path.join(runDir, 'report.json'), 'utf8')) as RunReport;
  return { ...result, out, runDir, report };
}

async function fault(...args: string[]): Promise<void> {
  const result = await signoff(['sandbox', 'fault', ...args, '--name', NAME]);
  if (result.code !== 0) throw new Error(`sandbox fault ${args.join(' ')} failed (${result.code}): ${result.stderr}`);
}

/** Runs `body` with a fault applied, and clears every fault afterwards. */
async function withFault<T>(args: string[], body: () => Promise<T>): Promise<T> {
  await fault(...args);
  try {
    return await body();
  } finally {
    await fault('clear');
  }
}

const check = (report: RunReport, id: string): CheckResult => {
  const found = report.checks.find((c) => c.id === id);
  if (!found) throw new Error(`no check ${id}; checks: ${report.checks.map((c) => c.id).join(', ')}`);
  return found;
};
const statusOf = (report: RunReport) => Object.fromEntries(report.checks.map((c) => [c.id, c.status]));
const criterion = (c: CheckResult, name: string) => c.criteria.find((x) => x.name === name);

/** PIDs of k6 processes whose command line mentions `needle` (the run's --out folder), read from /proc. */
function k6ProcessesMentioning(needle: string): number[] {
  const pids: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    let argv: string[];
    try {
      argv = readFileSync(`/proc/${entry}/cmdline`, 'utf8').split('\0');
    } catch {
      continue; // gone meanwhile
    }
    if (path.basename(argv[0] ?? '') === 'k6' && argv.some((a) => a.includes(needle))) pids.push(Number(entry));
  }
  return pids;
}

/** Waits until a k6 of this run is running, then `settleMs` more so samples have flowed; its PID. */
async function k6OfRun(out: string, settleMs: number, timeoutMs = 120_000): Promise<number> {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    const [pid] = k6ProcessesMentioning(out);
    if (pid !== undefined) {
      await sleep(settleMs);
      return pid;
    }
    await sleep(100);
  }
  throw new Error(`no k6 process for ${out} appeared`);
}

/** The run folder is complete: renamed from `.<id>.partial`, nothing partial left beside it. */
function expectCompleteRunFolder(r: RunResult): void {
  expect(readdirSync(r.out)).toEqual([path.basename(r.runDir)]);
  expect(path.basename(r.runDir).startsWith('.')).toBe(false);
  expect(existsSync(path.join(r.runDir, 'report.json'))).toBe(true);
  expect(existsSync(path.join(r.runDir, 'junit.xml'))).toBe(true);
}

function closedPort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

beforeAll(async () => {
  const up = await signoff(['sandbox', 'up', '--name', NAME, '--json']);
  if (up.code !== 0) throw new Error(`sandbox up failed (${up.code}): ${up.stderr}`);
  balancerUrl = (JSON.parse(up.stdout) as { balancerUrl: string }).balancerUrl;
}, 240_000);

afterAll(async () => {
  await signoff(['sandbox', 'down', '--name', NAME]);
  await Promise.all(outDirs.map((d) => rm(d, { recursive: true, force: true })));
}, 120_000);

describe('signoff run: load against a healthy sandbox', () => {
  it(
    'passes every load and cluster check, exits 0 and writes report.json and junit.xml',
    async () => {
      const r = await run([SUITE, '--target', `sandbox:${NAME}`]);
      expect(r.stderr).not.toContain('INTERNAL');
      expect(reportProblems(r.report)).toEqual([]);
      expect(r.report.checks.filter((c) => c.status !== 'passed').map((c) => `${c.id}: ${c.status} ${JSON.stringify(c.criteria)}`)).toEqual([]);
      expect(r.code).toBe(0);
      expect(r.report.run.status).toBe('passed');
      // One check per SLO and the two cluster checks of the suite (other checks, e.g. node health, may join them).
      expect(Object.keys(statusOf(r.report))).toEqual(
        expect.arrayContaining(['cluster.webmail-user.balance', 'cluster.webmail-user.stickiness', 'load.webmail-user.slo.all.errorRate', 'load.webmail-user.slo.mail.all.p95']),
      );
      expect(r.report.load).toHaveLength(1);
      expect(r.report.load[0]?.totals.requests).toBeGreaterThan(0);
      expect(Object.keys(r.report.load[0]?.cluster?.sessionsByRoute ?? {}).sort()).toEqual(['OX1', 'OX2']);
      expectCompleteRunFolder(r);
      const junit = readFileSync(path.join(r.runDir, 'junit.xml'), 'utf8');
      expect(junit.match(/<testcase /g)).toHaveLength(r.report.checks.length);
    },
    RUN_TIMEOUT,
  );
});

describe('signoff run: load under injected faults', () => {
  it(
    'with 300 ms of latency on mail.all fails the mail.all p95 SLO with the measured p95 (>= 300 ms) and exits 1',
    async () => {
      const r = await withFault(['latency', '300', '--module', 'mail', '--action', 'all'], () => run([SUITE, '--target', `sandbox:${NAME}`]));
      expect(reportProblems(r.report)).toEqual([]);
      expect(r.code).toBe(1);
      expect(r.report.run.status).toBe('failed');
      const slo = check(r.report, 'load.webmail-user.slo.mail.all.p95');
      expect(slo.status).toBe('failed');
      expect(slo.criteria).toHaveLength(1);
      expect(slo.criteria[0]).toMatchObject({ name: 'mail.all p95', expected: '< 200 ms', passed: false });
      const measured = /^(\d+(?:\.\d+)?) ms$/.exec(slo.criteria[0]?.measured ?? '');
      expect(measured, slo.criteria[0]?.measured).not.toBeNull();
      expect(Number(measured?.[1])).toBeGreaterThanOrEqual(300);
      // The fault is narrowed to mail.all: logins are as fast as ever.
      expect(r.report.load[0]?.actions.find((a) => a.name === 'login')?.latency.p95).toBeLessThan(300);
      expectCompleteRunFolder(r);
    },
    RUN_TIMEOUT,
  );

  it(
    'with stickiness broken at the balancer fails the stickiness check (route changes or lost sessions) and exits 1',
    async () => {
      const r = await withFault(['stickiness-broken'], () => run([SUITE, '--target', `sandbox:${NAME}`]));
      expect(reportProblems(r.report)).toEqual([]);
      expect(r.code).toBe(1);
      expect(r.report.run.status).toBe('failed');
      const stickiness = check(r.report, 'cluster.webmail-user.stickiness');
      expect(stickiness.status).toBe('failed');
      const changes = Number(criterion(stickiness, 'route changes within a session')?.measured);
      const lost = Number(criterion(stickiness, 'sessions lost')?.measured);
      expect(changes + lost).toBeGreaterThan(0);
      expect(r.report.load[0]?.cluster).toMatchObject({ routeChanges: changes, sessionsLost: lost });
    },
    RUN_TIMEOUT,
  );

  it(
    'with node OX2 down fails the balance check (no sessions on OX2) and exits 1',
    async () => {
      const r = await withFault(['node-down', 'OX2'], () => run([SUITE, '--target', `sandbox:${NAME}`]));
      expect(reportProblems(r.report)).toEqual([]);
      expect(r.code).toBe(1);
      expect(r.report.run.status).toBe('failed');
      const balance = check(r.report, 'cluster.webmail-user.balance');
      expect(balance.status).toBe('failed');
      expect(criterion(balance, 'sessions on OX2')).toMatchObject({ expected: '> 0', measured: '0', passed: false });
      expect(Number(criterion(balance, 'sessions on OX1')?.measured)).toBeGreaterThan(0);
    },
    RUN_TIMEOUT,
  );
});

describe('signoff run: rate limiting, warnings and the throttle pre-flight', () => {
  const SETTINGS = ['com.openexchange.servlet.maxRate', 'maxRateTimeWindow', 'maxRateLenientClients', 'maxRateLenientRemoteAddresses'];
  /** The suite's VUs and the k6 client's default retry cap (SIGNOFF_RETRY_CAP). */
  const VUS = 5;
  const RETRY_CAP = 3;

  it(
    "with OX's rate limiter switched on (generator not exempt) fails the 429 verdict with its numbers and hint, exits 1, and makes no more failed logins than VUs x the retry cap",
    async () => {
      // 4 per window and User-Agent per node: the pre-flight (at most 4 per agent) passes, the load does not.
      const r = await withFault(['rate-limit', '--max-rate', '4', '--window', '120000'], () => run([SUITE, '--target', `sandbox:${NAME}`]));
      expect(reportProblems(r.report)).toEqual([]);
      expect(r.code).toBe(1);
      expect(r.report.run.status).toBe('failed');
      const verdict = check(r.report, 'load.webmail-user.rate-limit');
      expect(verdict).toMatchObject({ status: 'failed', title: 'webmail-user: the target rate-limited the load generator (HTTP 429)' });
      for (const setting of SETTINGS) expect(verdict.hint).toContain(setting);
      const figures = r.report.load[0]?.oxClient;
      expect(figures?.rateLimited).toBeGreaterThan(0);
      expect(figures?.rateLimitedShare).toBeGreaterThan(0);
      expect(figures?.firstRateLimitedS).not.toBeNull();
      expect(criterion(verdict, 'HTTP 429 answers (rate limited)')?.measured).toMatch(new RegExp(`^${figures?.rateLimited} \\(`));
      expect(criterion(verdict, 'first HTTP 429')?.measured).toBe(`after ${figures?.firstRateLimitedS} s`);
      // Latency over real answers only: every 429 sample left out and counted.
      expect(figures?.excludedFromLatency).toBeGreaterThan(0);
      expect(r.report.load[0]!.overall.count).toBe(r.report.load[0]!.totals.requests - figures!.excludedFromLatency);
      // No retry storm: a VU parks after RETRY_CAP failed logins in a row.
      const login = r.report.load[0]?.actions.find((a) => a.name === 'login');
      expect(login?.failures ?? 0).toBeLessThanOrEqual(VUS * RETRY_CAP);
      expect((login?.requests ?? 0) - r.report.load[0]!.totals.sessions).toBeLessThanOrEqual(VUS * RETRY_CAP);
      // Shown where people look: JUnit and summary.md carry the verdict and its hint.
      const junit = readFileSync(path.join(r.runDir, 'junit.xml'), 'utf8');
      expect(junit).toContain('load.webmail-user.rate-limit');
      expect(junit).toContain('maxRateLenientRemoteAddresses');
      const summary = readFileSync(path.join(r.runDir, 'summary.md'), 'utf8');
      expect(summary).toContain('| load.webmail-user.rate-limit |');
      expect(summary).toContain('HTTP 429 (rate limited)');
      expectCompleteRunFolder(r);
    },
    RUN_TIMEOUT,
  );

  it(
    'with a target that throttles already stops in the pre-flight: exit 3 (TARGET_RATE_LIMITED) with the hint, no k6 started',
    async () => {
      const r = await withFault(['rate-limit', '--max-rate', '1', '--window', '120000'], () => run([SUITE, '--target', `sandbox:${NAME}`]));
      expect(reportProblems(r.report)).toEqual([]);
      expect(r.code).toBe(3);
      expect(r.report.run).toMatchObject({ status: 'error', error: { code: 'TARGET_RATE_LIMITED', phase: 'load.webmail setup' } });
      expect(r.report.run.error?.message).toContain('rate-limits the load generator already before the load');
      for (const setting of SETTINGS) expect(r.report.run.error?.hint).toContain(setting);
      expect(r.stderr).toContain('TARGET_RATE_LIMITED');
      expect(r.report.artifacts.map((a) => a.path)).not.toContain('load/webmail/k6.log');
      expect(r.report.load).toEqual([]);
      expectCompleteRunFolder(r);
    },
    RUN_TIMEOUT,
  );

  it(
    'with a warning on every successful answer counts no failure (error rate, sessions, cluster checks) and reports the warnings',
    async () => {
      const r = await withFault(['warnings', '--rate', '1'], () => run([SUITE, '--target', `sandbox:${NAME}`]));
      expect(reportProblems(r.report)).toEqual([]);
      const load = r.report.load[0]!;
      const failed = load.actions.filter((a) => a.failures > 0).map((a) => `${a.name}: ${a.failures} ${JSON.stringify(a.errorsByCode)}`);
      expect(failed).toEqual([]);
      expect(load.totals.failures).toBe(0);
      // Latency SLOs depend on the machine's load; every verdict about failures must pass.
      for (const id of ['load.webmail-user.slo.all.errorRate', 'cluster.webmail-user.stickiness', 'load.webmail-user.rate-limit']) expect(check(r.report, id).status, id).toBe('passed');
      expect(load.totals.sessions).toBeGreaterThan(0);
      expect(Object.values(load.oxClient?.warnings ?? {}).reduce((sum, n) => sum + n, 0)).toBeGreaterThan(0);
    },
    RUN_TIMEOUT,
  );
});

describe('signoff run: configuration errors of a load suite exit 2', () => {
  it('names the suite file and load[0].scenario for an unknown scenario, before creating a run folder', async () => {
    const out = await freshOut();
    const r = await signoff(['run', 'test/fixtures/suites/load-unknown-scenario.ts', '--target', `sandbox:${NAME}`, '--json', '--out', out]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('SUITE_INVALID: test/fixtures/suites/load-unknown-scenario.ts: load[0].scenario: no scenario "webmail-usr"');
    expect(r.stderr).toContain('known: drive-user, groupware-user, login-logout, mixed-day, webmail-user');
    expect(r.stdout).toBe('');
    expect(readdirSync(out)).toEqual([]);
  });

  it('names load[0].slos[1] for an SLO that does not parse', async () => {
    const out = await freshOut();
    const r = await signoff(['run', 'test/fixtures/suites/load-bad-slo.ts', '--target', `sandbox:${NAME}`, '--json', '--out', out]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('SUITE_INVALID: test/fixtures/suites/load-bad-slo.ts: load[0].slos[1]: "mail.all p95 is fast" is not an SLO');
    expect(r.stderr).not.toContain('slos[0]');
    expect(readdirSync(out)).toEqual([]);
  });

  it('names file:line of a malformed accounts CSV of a configured target, before creating a run folder, and starts no k6', async () => {
    // Every input is read before the run folder exists (signoff run): exit 2, nothing written.
    const out = await freshOut();
    const r = await signoff(['run', REMOTE_SUITE, '--config', REMOTE_CONFIG, '--target', 'broken-accounts', '--json', '--out', out], { env: { SIGNOFF_FIXTURE_SANDBOX_URL: balancerUrl } });
    expect(r.code).toBe(2);
    const csv = path.join(ROOT, 'test/fixtures/suites/load-faults/accounts/broken.csv');
    expect(r.stderr).toContain(`ACCOUNTS_INVALID: ${csv}:3: column "email": expected an e-mail address`);
    // The password column of the CSV is never shown.
    expect(r.stderr).not.toContain('Fixture-02-pw!');
    expect(r.stdout).toBe('');
    expect(readdirSync(out)).toEqual([]);
    expect(k6ProcessesMentioning(out)).toEqual([]);
  });

  it('names the accounts file of a configured target when it does not exist, before creating a run folder', async () => {
    const out = await freshOut();
    const r = await signoff(['run', REMOTE_SUITE, '--config', REMOTE_CONFIG, '--target', 'missing-accounts', '--json', '--out', out], { env: { SIGNOFF_FIXTURE_SANDBOX_URL: balancerUrl } });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`ACCOUNTS_INVALID: ${path.join(ROOT, 'test/fixtures/suites/load-faults/accounts/missing.csv')}: cannot read the accounts file`);
    expect(readdirSync(out)).toEqual([]);
  });

  it('refuses a configured target without allowLoad (LOAD_NOT_ALLOWED), before creating a run folder', async () => {
    const out = await freshOut();
    const r = await signoff(['run', REMOTE_SUITE, '--config', REMOTE_CONFIG, '--target', 'no-load', '--json', '--out', out], { env: { SIGNOFF_FIXTURE_SANDBOX_URL: balancerUrl } });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('LOAD_NOT_ALLOWED: test/fixtures/suites/load-faults/signoff.config.ts: targets.no-load.allowLoad');
    expect(r.stderr).toContain('allowLoad: true');
    expect(readdirSync(out)).toEqual([]);
  });
});

describe('signoff run: infrastructure failures of the load exit 3 or 130', () => {
  it(
    'without k6 (empty SIGNOFF_TOOLS_DIR, PATH without k6) reports K6_NOT_FOUND, exit 3',
    async () => {
      const emptyTools = await freshOut();
      const r = await run([SUITE, '--target', `sandbox:${NAME}`], { env: { SIGNOFF_TOOLS_DIR: emptyTools, PATH: '/usr/bin:/bin' } });
      expect(reportProblems(r.report)).toEqual([]);
      expect(r.code).toBe(3);
      expect(r.report.run).toMatchObject({ status: 'error', error: { code: 'K6_NOT_FOUND', phase: 'load.webmail setup' } });
      expect(r.stderr).toContain('K6_NOT_FOUND');
      expect(r.stderr).toContain(`${emptyTools}/k6`);
      expect(check(r.report, 'load.webmail').status).toBe('error');
      expectCompleteRunFolder(r);
    },
    RUN_TIMEOUT,
  );

  it(
    'without k6 says how to install it (npm run bootstrap), on stderr and in report.json',
    async () => {
      const emptyTools = await freshOut();
      const r = await run([SUITE, '--target', `sandbox:${NAME}`], { env: { SIGNOFF_TOOLS_DIR: emptyTools, PATH: '/usr/bin:/bin' } });
      expect(r.code).toBe(3);
      expect(r.stderr).toContain('npm run bootstrap');
      expect(r.report.run.error?.hint).toContain('npm run bootstrap');
    },
    RUN_TIMEOUT,
  );

  it(
    'when k6 is killed mid-run: exit 3, status error (K6_FAILED), the load measured so far kept, the run folder complete',
    async () => {
      const out = await freshOut();
      let killed: number | undefined;
      const r = await run([SUITE, '--target', `sandbox:${NAME}`, '--profile', 'long'], {
        out,
        onSpawn: () => {
          // A k6 that never shows up (or is gone already) leaves `killed` unset; asserted below.
          k6OfRun(out, 4000)
            .then((pid) => {
              process.kill(pid, 'SIGKILL');
              killed = pid;
            })
            .catch(() => undefined);
        },
      });
      expect(killed).toBeDefined();
      expect(reportProblems(r.report)).toEqual([]);
      expect(r.code).toBe(3);
      expect(r.report.run).toMatchObject({ status: 'error', error: { code: 'K6_FAILED', phase: 'load.webmail run' } });
      expect(r.report.run.error?.message).toContain('killed by SIGKILL');
      // The log it names is where the finished run folder has it, not in the .partial folder that is gone.
      expect(r.report.run.error?.message).toContain(`${r.runDir}/load/webmail/k6.log`);
      expect(r.report.run.error?.message).not.toContain('.partial');
      expect(check(r.report, 'load.webmail').status).toBe('error');
      // The partial load: what k6 sent before it died, with its SLO checks judged on it.
      expect(r.report.load).toHaveLength(1);
      expect(r.report.load[0]?.totals.requests).toBeGreaterThan(0);
      expect(r.report.load[0]?.k6.exitCode).toBe(-1);
      expect(r.report.checks.map((c) => c.id)).toEqual(expect.arrayContaining(['load.webmail-user.slo.mail.all.p95', 'cluster.webmail-user.stickiness']));
      expect(r.report.artifacts.map((a) => a.path)).toEqual(expect.arrayContaining(['load/webmail/k6.log', 'load/webmail/webmail-user.js']));
      expectCompleteRunFolder(r);
      expect(k6ProcessesMentioning(out)).toEqual([]);
    },
    RUN_TIMEOUT,
  );

  it(
    'with a configured target on a closed port: exit 3 (TARGET_UNREACHABLE) from the preflight, no k6 started',
    async () => {
      const port = await closedPort();
      const started = Date.now();
      const r = await run([REMOTE_SUITE, '--config', REMOTE_CONFIG, '--target', 'unreachable'], { env: { SIGNOFF_FIXTURE_CLOSED_URL: `http://127.0.0.1:${port}` } });
      const elapsedMs = Date.now() - started;
      expect(reportProblems(r.report)).toEqual([]);
      expect(r.code).toBe(3);
      expect(r.report.run).toMatchObject({ status: 'error', error: { code: 'TARGET_UNREACHABLE', phase: 'load.pause setup' } });
      expect(r.report.run.error?.message).toContain(`http://127.0.0.1:${port} is not reachable`);
      // k6 never ran: no k6 log, no samples.
      expect(r.report.artifacts.map((a) => a.path)).not.toContain('load/pause/k6.log');
      expect(r.report.load).toEqual([]);
      expectCompleteRunFolder(r);
      // "Quickly": no 5 s connect timeout and no load duration, only start-up and compile (loose bound).
      expect(elapsedMs).toBeLessThan(120_000);
    },
    RUN_TIMEOUT,
  );

  it(
    'on SIGINT during the load: exit 130, no k6 left, status interrupted, the run folder complete',
    async () => {
      const out = await freshOut();
      let k6Pid: number | undefined;
      const r = await run([SUITE, '--target', `sandbox:${NAME}`, '--profile', 'long'], {
        out,
        onSpawn: (child) => {
          k6OfRun(out, 3000)
            .then((pid) => {
              k6Pid = pid;
              child.kill('SIGINT');
            })
            .catch(() => undefined);
        },
      });
      expect(k6Pid).toBeDefined();
      expect(r.code).toBe(130);
      expect(k6ProcessesMentioning(out)).toEqual([]);
      expect(existsSync(`/proc/${k6Pid}`)).toBe(false);
      expect(reportProblems(r.report)).toEqual([]);
      expect(r.report.run).toMatchObject({ status: 'interrupted', error: { code: 'INTERRUPTED', phase: 'load.webmail run' } });
      expect(check(r.report, 'load.webmail').status).toBe('error');
      expect(r.report.load).toHaveLength(1);
      expect(r.report.load[0]?.totals.requests).toBeGreaterThan(0);
      expectCompleteRunFolder(r);
    },
    RUN_TIMEOUT,
  );
});
