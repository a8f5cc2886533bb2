/**
 * bench-gui: wall time of the GUI smoke + branding checks for both projects
 * (desktop, mobile) against a fresh sandbox, and the peak memory of the
 * Playwright and Chromium processes (sampled from /proc: the sum of RSS, which
 * counts shared pages once per process, and the sum of PSS, which shares them
 * out). Goal: ≤ 60 s wall time.
 *
 *   scripts/with-tools node scripts/bench-gui.ts [--runs N]
 */
import { readdirSync, readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { loadAccounts } from '../src/config/accounts.ts';
import { loadBrand } from '../src/config/brand.ts';
import { runGuiChecks } from '../src/gui/run.ts';
import { sandboxDown, sandboxUp } from '../src/sandbox/sandbox.ts';

const REPO = path.resolve(import.meta.dirname, '..');
const SANDBOX = `bench-gui-${process.pid}`;
const GOAL_MS = 60_000;

/** Our descendants (the Playwright CLI, its workers, Chromium and its helpers), from /proc. */
function descendants(root: number): number[] {
  const children = new Map<number, number[]>();
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = readFileSync(`/proc/${name}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      children.set(ppid, [...(children.get(ppid) ?? []), Number(name)]);
    } catch {
      // The process ended while we looked.
    }
  }
  const found: number[] = [];
  const queue = [...(children.get(root) ?? [])];
  while (queue.length > 0) {
    const pid = queue.shift() as number;
    found.push(pid);
    queue.push(...(children.get(pid) ?? []));
  }
  return found;
}

function memoryKb(pid: number): { rss: number; pss: number } {
  try {
    const rollup = readFileSync(`/proc/${pid}/smaps_rollup`, 'utf8');
    const field = (name: string) => Number(new RegExp(`^${name}:\\s+(\\d+) kB`, 'm').exec(rollup)?.[1] ?? 0);
    return { rss: field('Rss'), pss: field('Pss') };
  } catch {
    return { rss: 0, pss: 0 };
  }
}

function sampler(): { stop(): { rssMb: number; pssMb: number; processes: number } } {
  let peak = { rss: 0, pss: 0, processes: 0 };
  const timer = setInterval(() => {
    const pids = descendants(process.pid);
    const total = pids.map(memoryKb).reduce((a, b) => ({ rss: a.rss + b.rss, pss: a.pss + b.pss }), { rss: 0, pss: 0 });
    peak = { rss: Math.max(peak.rss, total.rss), pss: Math.max(peak.pss, total.pss), processes: Math.max(peak.processes, pids.length) };
  }, 200);
  return {
    stop() {
      clearInterval(timer);
      return { rssMb: Math.round(peak.rss / 1024), pssMb: Math.round(peak.pss / 1024), processes: peak.processes };
    },
  };
}

const { values } = parseArgs({ options: { runs: { type: 'string', default: '1' } } });
const runs = Math.max(1, Number(values.runs));
const { accounts } = await loadAccounts(path.join(REPO, 'fixtures/accounts.csv'), { strict: true });
const [a, b] = accounts;
if (!a?.password || !b?.password) throw new Error('fixtures/accounts.csv: two accounts with passwords are needed');
const brand = await loadBrand(path.join(REPO, 'fixtures/brand/acme'));
const sandbox = await sandboxUp({ name: SANDBOX, nodes: 2, brandDir: brand.dir });
try {
  for (let i = 1; i <= runs; i++) {
    const runDir = await mkdtemp(path.join(os.tmpdir(), 'signoff-bench-gui-'));
    const memory = sampler();
    const started = performance.now();
    const out = await runGuiChecks({
      baseUrl: sandbox.balancerUrl, uiPath: sandbox.uiPath, selectorSet: '7.10', brand,
      accounts: [{ login: a.login, password: a.password, email: a.email }, { login: b.login, password: b.password, email: b.email }],
      projects: ['desktop', 'mobile'], runDir, evidenceDir: path.join(runDir, 'evidence', 'gui'),
    });
    const wallMs = Math.round(performance.now() - started);
    const peak = memory.stop();
    const count = (status: string) => out.checks.filter((c) => c.status === status).length;
    console.log(`run ${i}: wall ${(wallMs / 1000).toFixed(1)} s (goal ≤ ${GOAL_MS / 1000} s: ${wallMs <= GOAL_MS ? 'met' : 'missed'}), ` +
      `peak memory RSS ${peak.rssMb} MB / PSS ${peak.pssMb} MB over ${peak.processes} processes, ` +
      `checks ${out.checks.length}: ${count('passed')} passed, ${count('failed')} failed, ${count('error')} not run, ${count('skipped')} skipped`);
    for (const check of out.checks.filter((c) => c.status === 'failed' || c.status === 'error')) console.log(`  ${check.status} ${check.id}: ${check.error?.message.split('\n')[0] ?? ''}`);
    const steps = Object.entries(out.timings).filter(([name]) => /login-page-ready|sign-in-until|mail-list-shown|compose-and-send|arrival/.test(name));
    for (const [name, ms] of steps) console.log(`  ${name}: ${ms} ms`);
    await rm(runDir, { recursive: true, force: true });
  }
} finally {
  await sandboxDown(SANDBOX);
}
