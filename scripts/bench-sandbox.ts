/**
 * Sandbox benchmark: `up` to ready and `down` (5 runs, median), memory (RSS sum
 * of every sandbox process from /proc) idle and under load, and throughput of
 * a mail list through the balancer with autocannon (50 connections, 10 s).
 * Usage: scripts/with-tools node scripts/bench-sandbox.ts [--runs 5] [--up-only]
 * (--up-only: just the up/down medians, for quick before/after comparisons).
 */
import { readdirSync, readFileSync } from 'node:fs';
import autocannon from 'autocannon';
import { loadAccounts } from '../src/config/accounts.ts';
import { readCredentials, sandboxDown, sandboxUp } from '../src/sandbox/sandbox.ts';
import { leftoverProcesses } from '../src/sandbox/stop.ts';
import type { SandboxInfo } from '../src/sandbox/types.ts';
import { login } from '../test/sandbox/support/ox-session.ts';

const NAME = 'bench';
const runsArg = process.argv.indexOf('--runs');
const RUNS = runsArg > 0 ? Number(process.argv[runsArg + 1]) : 5;
const UP_ONLY = process.argv.includes('--up-only');

const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)] as number;
};

function rssMiB(info: SandboxInfo): number {
  let kib = 0;
  for (const pid of leftoverProcesses(info)) {
    try {
      const m = /VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
      kib += Number(m?.[1] ?? 0);
    } catch {
      // exited meanwhile
    }
  }
  return kib / 1024;
}

await sandboxDown(NAME).catch(() => undefined);
const ups: number[] = [];
const downs: number[] = [];
for (let i = 0; i < RUNS; i++) {
  let t = performance.now();
  const info = await sandboxUp({ name: NAME });
  ups.push(performance.now() - t);
  process.stderr.write(`run ${i + 1}: up ${Math.round(ups.at(-1) as number)} ms ${JSON.stringify(info.timings)}\n`);
  t = performance.now();
  await sandboxDown(NAME);
  downs.push(performance.now() - t);
}
const loadavg = (): string => readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ');
if (UP_ONLY) {
  process.stdout.write(`up to ready: median ${Math.round(median(ups))} ms (min ${Math.round(Math.min(...ups))}, max ${Math.round(Math.max(...ups))}); down median ${Math.round(median(downs))} ms; load average ${loadavg()}\n`);
  process.exit(0);
}

const info = await sandboxUp({ name: NAME });
try {
  await readCredentials(info); // proves the credentials file is readable; nothing printed
  const procs = leftoverProcesses(info).length;
  const idle = rssMiB(info);
  const { accounts } = await loadAccounts(info.accountsFile, { strict: true });
  const anna = accounts[0];
  if (!anna?.password) throw new Error('first account has no password');
  const session = await login(info.balancerUrl, anna.login, anna.password);
  const cookie = [...session.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  let loaded = 0;
  const sampler = setInterval(() => (loaded = Math.max(loaded, rssMiB(info))), 1000);
  const result = await autocannon({
    url: `${info.balancerUrl}/ajax/mail?action=all&folder=default0/INBOX&columns=600,601,607,610&session=${session.session}`,
    connections: 50,
    duration: 10,
    headers: { cookie, 'user-agent': 'signoff-sandbox-test' },
  });
  clearInterval(sampler);
  const rows: [string, string][] = [
    ['up to ready (median of ' + RUNS + ')', `${Math.round(median(ups))} ms (min ${Math.round(Math.min(...ups))}, max ${Math.round(Math.max(...ups))})`],
    ['down (median)', `${Math.round(median(downs))} ms`],
    ['processes', String(procs)],
    ['RSS idle (sum)', `${idle.toFixed(0)} MiB`],
    ['RSS under load (peak sum)', `${loaded.toFixed(0)} MiB`],
    ['mail list via balancer', `${result.requests.average.toFixed(0)} req/s avg, p50 ${result.latency.p50} ms, p99 ${result.latency.p99} ms`],
    ['responses', `${result['2xx']} 2xx, ${result.non2xx} non-2xx, ${result.errors} errors, ${result.timeouts} timeouts`],
  ];
  const width = Math.max(...rows.map(([k]) => k.length));
  process.stdout.write(`${rows.map(([k, v]) => `${k.padEnd(width)}  ${v}`).join('\n')}\n`);
  process.stdout.write(`(load average during the run: ${loadavg()}; ${readdirSync('/sys/devices/system/cpu').filter((d) => /^cpu\d+$/.test(d)).length} CPUs)\n`);
} finally {
  await sandboxDown(NAME);
}
