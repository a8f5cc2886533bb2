/**
 * Session density: how many concurrent `webmail-user` sessions one machine
 * drives with k6 while k6 stays under its CPU budget.
 *
 * Steps of increasing VUs (default 100, 250, 500, 1000, 2000), each a fresh k6
 * process: ramp to N VUs in --ramp, hold N for --hold (the measured window),
 * realistic think time (SIGNOFF_THINK_TIME, default 7 s ±50 % between actions).
 * During the hold, once a second, from /proc:
 *   - k6 CPU  = (utime+stime of the k6 process) / wall time, in % of ONE core
 *     (100 % = one core busy). The budget is 80 % of one core: on this 2-core
 *     machine the sandbox (Apache, two Node stand-ins, Dovecot, slapd) needs
 *     the other core, so one core is what a load generator fairly gets here.
 *     The table also shows it as a share of the whole machine (÷ cores).
 *   - k6 RSS (peak), the sandbox's CPU (its daemons and their children, in %
 *     of one core) and the whole machine's busy % (/proc/stat, everything,
 *     other users' processes included).
 *   - req/s and the error rate of the hold window, p95 of the whole step (k6 samples).
 * Stops after the first step where k6 CPU > budget or errors > 5 %, and says
 * what limited it: k6 CPU, k6 memory, or the sandbox / machine.
 *
 *   scripts/with-tools node scripts/bench-density.ts [--sandbox NAME] [--steps 100,250,500,1000,2000]
 *       [--ramp 5] [--hold 20] [--think 7] [--budget 80] [--max-errors 5]
 *
 * Without --sandbox a sandbox is started for the bench and stopped afterwards.
 */
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { compileScenario } from '../src/load/compile.ts';
import { Ingester } from '../src/load/ingest.ts';
import { percentilesOf } from '../src/load/histogram.ts';
import { runK6 } from '../src/load/k6-process.ts';
import { writeAccountPool } from '../src/runner/tasks/account-pool.ts';
import { readSandbox, sandboxDown, sandboxUp } from '../src/sandbox/sandbox.ts';
import type { SandboxInfo } from '../src/sandbox/types.ts';
import { resolveK6 } from '../src/tools/k6.ts';

const REPO = path.resolve(import.meta.dirname, '..');

const { values: flags } = parseArgs({
  options: {
    sandbox: { type: 'string' },
    steps: { type: 'string', default: '100,250,500,1000,2000' },
    ramp: { type: 'string', default: '5' },
    hold: { type: 'string', default: '20' },
    think: { type: 'string', default: '7' },
    budget: { type: 'string', default: '80' },
    'max-errors': { type: 'string', default: '5' },
  },
});
const steps = flags.steps.split(',').map(Number);
const rampS = Number(flags.ramp);
const holdS = Number(flags.hold);
const budgetPct = Number(flags.budget);
const maxErrorPct = Number(flags['max-errors']);
const cores = os.availableParallelism();
const CLK_TCK = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
const PAGE_KB = Number(execFileSync('getconf', ['PAGESIZE'], { encoding: 'utf8' }).trim()) / 1024 || 4;

// ---------------------------------------------------------------- /proc sampling

interface ProcStat {
  ppid: number;
  /** utime + stime, clock ticks. */
  cpuTicks: number;
  rssKb: number;
}

function procStat(pid: number): ProcStat | undefined {
  try {
    const text = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = text.slice(text.lastIndexOf(')') + 2).split(' ');
    // After the command: state(0) ppid(1) … utime(11) stime(12) … rss(21).
    return { ppid: Number(fields[1]), cpuTicks: Number(fields[11]) + Number(fields[12]), rssKb: Number(fields[21]) * PAGE_KB };
  } catch {
    return undefined; // ended meanwhile
  }
}

function allPids(): number[] {
  return readdirSync('/proc').filter((e) => /^\d+$/.test(e)).map(Number);
}

/** The k6 process whose command line mentions `needle`. */
function findK6(needle: string): number | undefined {
  for (const pid of allPids()) {
    try {
      const argv = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0');
      if (path.basename(argv[0] ?? '') === 'k6' && argv.some((a) => a.includes(needle))) return pid;
    } catch {
      // ended meanwhile
    }
  }
  return undefined;
}

/** `roots` and all their descendants (Apache and Dovecot fork workers). */
function treeOf(roots: number[]): number[] {
  const children = new Map<number, number[]>();
  for (const pid of allPids()) {
    const stat = procStat(pid);
    if (stat) children.set(stat.ppid, [...(children.get(stat.ppid) ?? []), pid]);
  }
  const seen = new Set<number>();
  const queue = [...roots];
  while (queue.length > 0) {
    const pid = queue.pop()!;
    if (seen.has(pid)) continue;
    seen.add(pid);
    queue.push(...(children.get(pid) ?? []));
  }
  return [...seen];
}

function ticksOf(pids: number[]): number {
  return pids.reduce((sum, pid) => sum + (procStat(pid)?.cpuTicks ?? 0), 0);
}

/** Busy and total jiffies of the whole machine. */
function machineTicks(): { busy: number; total: number } {
  const cpu = readFileSync('/proc/stat', 'utf8').split('\n')[0]!.trim().split(/\s+/).slice(1).map(Number);
  const total = cpu.reduce((a, b) => a + b, 0);
  const idle = (cpu[3] ?? 0) + (cpu[4] ?? 0);
  return { busy: total - idle, total };
}

// ---------------------------------------------------------------- one step

interface StepResult {
  vus: number;
  k6CpuPct: number;
  k6RssMb: number;
  sandboxCpuPct: number;
  machineBusyPct: number;
  rps: number;
  p95Ms: number;
  errorPct: number;
  requests: number;
  holdS: number;
}

async function step(vus: number, sandbox: SandboxInfo, k6Path: string, accountsFile: string, workDir: string): Promise<StepResult> {
  const outDir = path.join(workDir, `step-${vus}`);
  const compiled = await compileScenario({
    scenarioFile: 'webmail-user',
    profileName: `density-${vus}`,
    profile: { kind: 'ramping-vus', startVUs: 0, stages: [{ duration: `${rampS}s`, target: vus }, { duration: `${holdS}s`, target: vus }] },
    slos: [],
    outDir,
  });
  const ingester = new Ingester();
  const sandboxRoots = Object.values(sandbox.pids);

  // The hold window: from the moment k6 reports all N VUs running to the end of the hold.
  const hold = { requests: 0, failures: 0, startedAt: 0, endedAt: 0, k6Ticks: 0, sandboxTicks: 0, machine: { busy: 0, total: 0 } };
  let k6Pid: number | undefined;
  let reachedAt: number | undefined;
  let peakRssKb = 0;
  let last: { at: number; k6: number; sandbox: number; machine: { busy: number; total: number } } | undefined;

  const outcome = await runK6({
    k6Path,
    scriptPath: compiled.scriptPath,
    runDir: outDir,
    env: { SIGNOFF_BASE_URL: sandbox.balancerUrl, SIGNOFF_API_PATH: sandbox.apiPath, SIGNOFF_ACCOUNTS_FILE: accountsFile, SIGNOFF_THINK_TIME: flags.think },
    ingester,
    progressIntervalMs: 1000,
    onProgress: (p) => {
      k6Pid ??= findK6(outDir);
      if (k6Pid === undefined) return;
      const k6 = procStat(k6Pid);
      if (!k6) return;
      peakRssKb = Math.max(peakRssKb, k6.rssKb);
      const now = { at: performance.now(), k6: k6.cpuTicks, sandbox: ticksOf(treeOf(sandboxRoots)), machine: machineTicks() };
      // k6 initialises every VU before the ramp starts (seconds for thousands), so the
      // hold is found by the VU count k6 reports, not by the time since it was started.
      if (reachedAt === undefined && p.vus >= vus) reachedAt = now.at;
      const inHold = reachedAt !== undefined && now.at - reachedAt <= (holdS - 1) * 1000;
      if (inHold && last) {
        if (hold.startedAt === 0) hold.startedAt = last.at;
        hold.endedAt = now.at;
        hold.k6Ticks += now.k6 - last.k6;
        hold.sandboxTicks += now.sandbox - last.sandbox;
        hold.machine.busy += now.machine.busy - last.machine.busy;
        hold.machine.total += now.machine.total - last.machine.total;
        // p.rps and p.errorRate are per window; recover the counts.
        const windowS = (now.at - last.at) / 1000;
        const requests = Math.round(p.rps * windowS);
        hold.requests += requests;
        hold.failures += Math.round(p.errorRate * requests);
      }
      last = now;
    },
  });
  const wallS = Math.max(0.001, (hold.endedAt - hold.startedAt) / 1000);
  const pctOfCore = (ticks: number) => Math.round((ticks / CLK_TCK / wallS) * 1000) / 10;
  // p95 over the whole step (ramp and logins included): per-second windows cannot be merged.
  const overall = percentilesOf(ingester.overallLatency());
  const result: StepResult = {
    vus,
    k6CpuPct: pctOfCore(hold.k6Ticks),
    k6RssMb: Math.round(peakRssKb / 1024),
    sandboxCpuPct: pctOfCore(hold.sandboxTicks),
    machineBusyPct: hold.machine.total > 0 ? Math.round((hold.machine.busy / hold.machine.total) * 1000) / 10 : 0,
    rps: Math.round((hold.requests / wallS) * 10) / 10,
    p95Ms: Math.round(overall.p95),
    errorPct: hold.requests > 0 ? Math.round((hold.failures / hold.requests) * 1000) / 10 : 0,
    requests: hold.requests,
    holdS: Math.round(wallS),
  };
  if (outcome.exitCode !== 0) process.stderr.write(`  (k6 exit code ${outcome.exitCode}; log ${outcome.logPath})\n`);
  return result;
}

// ---------------------------------------------------------------- main

function row(cells: (string | number)[]): string {
  const widths = [6, 10, 12, 8, 14, 13, 8, 8, 8];
  return cells.map((c, i) => String(c).padStart(widths[i] ?? 8)).join(' ');
}

async function main(): Promise<void> {
  const ownName = flags.sandbox === undefined ? `bdens${process.pid}`.slice(0, 24) : undefined;
  const sandbox = ownName ? await sandboxUp({ name: ownName }) : await readSandbox(flags.sandbox);
  const workDir = await mkdtemp(path.join(os.tmpdir(), 'signoff-bench-density-'));
  const pool = await writeAccountPool({ file: sandbox.accountsFile }, REPO);
  const results: StepResult[] = [];
  let limit = `not reached up to ${steps.at(-1)} VUs`;
  try {
    const k6 = await resolveK6();
    process.stdout.write(
      `bench-density: webmail-user, think time ${flags.think} s ±50 %, ramp ${rampS} s + hold ${holdS} s per step, ` +
        `${pool.size} accounts, ${cores} cores, k6 ${k6.version}; budget: k6 CPU <= ${budgetPct} % of one core, errors <= ${maxErrorPct} %\n\n`,
    );
    process.stdout.write(`${row(['VUs', 'k6 CPU %', 'k6 CPU %mch', 'k6 RSS', 'sandbox CPU %', 'machine busy', 'req/s', 'p95 ms', 'errors'])}\n`);
    for (const vus of steps) {
      let r: StepResult;
      try {
        r = await step(vus, sandbox, k6.path, pool.file, workDir);
      } catch (error) {
        // A k6 that fails outright (not a threshold) ends the bench: say why, keep the table.
        limit = `k6 failed at ${vus} VUs: ${(error as Error).message.split('\n').slice(0, 2).join(' | ')}`;
        break;
      }
      results.push(r);
      process.stdout.write(
        `${row([r.vus, r.k6CpuPct, Math.round((r.k6CpuPct / cores) * 10) / 10, `${r.k6RssMb} MB`, r.sandboxCpuPct, `${r.machineBusyPct} %`, r.rps, r.p95Ms, `${r.errorPct} %`])}\n`,
      );
      if (r.k6CpuPct > budgetPct) {
        limit = `k6 CPU: ${r.k6CpuPct} % of one core at ${vus} VUs (budget ${budgetPct} %)`;
        break;
      }
      if (r.errorPct > maxErrorPct) {
        limit = `errors: ${r.errorPct} % at ${vus} VUs (sandbox ${r.sandboxCpuPct} % of a core, machine ${r.machineBusyPct} % busy)`;
        break;
      }
    }
  } finally {
    await pool.dispose();
    await rm(workDir, { recursive: true, force: true });
    if (ownName) await sandboxDown(ownName);
  }
  const within = results.filter((r) => r.k6CpuPct <= budgetPct && r.errorPct <= maxErrorPct);
  const best = within.at(-1);
  const perVuKb = best && best.vus > 0 ? Math.round((best.k6RssMb * 1024) / best.vus) : 0;
  const perCoreAt = best && best.k6CpuPct > 0 ? Math.round((best.vus * budgetPct) / best.k6CpuPct) : 0;
  process.stdout.write(`\nstopped by: ${limit}\n`);
  if (best) {
    process.stdout.write(
      `largest step within budget: ${best.vus} VUs (k6 ${best.k6CpuPct} % of a core, ${best.k6RssMb} MB ≈ ${perVuKb} KB/VU, ${best.rps} req/s); ` +
        `linear extrapolation: ~${perCoreAt} VUs per ${budgetPct} % of one k6 core\n`,
    );
    // k6's CPU follows the request rate more than the VU count (a thinking VU costs little):
    // least squares k6 CPU = a + b · req/s, and the VUs that rate needs at the first step's req/s per VU.
    if (results.length >= 2) {
      const n = results.length;
      const mx = results.reduce((t, r) => t + r.rps, 0) / n;
      const my = results.reduce((t, r) => t + r.k6CpuPct, 0) / n;
      const b = results.reduce((t, r) => t + (r.rps - mx) * (r.k6CpuPct - my), 0) / Math.max(1e-9, results.reduce((t, r) => t + (r.rps - mx) ** 2, 0));
      const a = my - b * mx;
      const rpsAtBudget = b > 0 ? (budgetPct - a) / b : 0;
      const rpsPerVu = results[0]!.rps / results[0]!.vus;
      process.stdout.write(
        `by request rate: k6 CPU ≈ ${a.toFixed(1)} % + ${b.toFixed(3)} % per req/s → the budget at ~${Math.round(rpsAtBudget)} req/s ≈ ` +
          `${Math.round(rpsAtBudget / rpsPerVu)} VUs at ${rpsPerVu.toFixed(3)} req/s per VU (think time ${flags.think} s)\n`,
      );
    }
    const memoryVus = perVuKb > 0 ? Math.round((os.totalmem() * 0.9) / 1024 / perVuKb) : 0;
    process.stdout.write(`memory: ~${memoryVus} VUs would fill 90 % of this machine's ${Math.round(os.totalmem() / 2 ** 30)} GB at ${perVuKb} KB/VU (k6 alone, no sandbox)\n`);
    const last = results.at(-1)!;
    const first = results[0]!;
    if (last.p95Ms > 4 * Math.max(first.p95Ms, 50)) {
      process.stdout.write(
        `latency: p95 grew from ${first.p95Ms} ms at ${first.vus} VUs to ${last.p95Ms} ms at ${last.vus} VUs while k6 used ${last.k6CpuPct} % of a core: ` +
          'the target and the shared machine (the sandbox runs on the same cores) limit before k6 does\n',
      );
    }
    const saturated = results.some((r) => r.machineBusyPct >= 90);
    process.stdout.write(
      saturated
        ? 'note: the machine was >= 90 % busy in at least one step: the sandbox (and anything else running) shares these cores, so latency and errors there measure the machine, not k6.\n'
        : 'note: the sandbox shares these cores with k6; its CPU is shown per step.\n',
    );
  }
}

await main();
