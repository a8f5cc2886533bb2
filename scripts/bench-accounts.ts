/**
 * Benchmark of migrated-account verification on a sandbox: the 50 fixture
 * accounts verified in several passes, sequential vs concurrency 32. The two
 * modes alternate pass by pass, so load from other work on the machine hits
 * both alike; the client's CPU per account is reported next to the rates
 * (on a machine this small the rate is CPU: client + sandbox share the cores).
 * Usage: scripts/with-tools node scripts/bench-accounts.ts [--passes 5] [--sandbox <running sandbox name>]
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { verifyAccounts } from '../src/probes/accounts/index.ts';
import { accountsTarget } from '../src/runner/tasks/accounts.ts';
import { sandboxTarget } from '../src/runner/tasks/sandbox.ts';
import { readSandbox, sandboxDown, sandboxUp, type SandboxInfo } from '../src/sandbox/sandbox.ts';

const { values } = parseArgs({ options: { passes: { type: 'string', default: '5' }, sandbox: { type: 'string' } } });
const passes = Number(values.passes);
const name = values.sandbox ?? `benchacc${process.pid}`;
const info: SandboxInfo = values.sandbox ? await readSandbox(name) : await sandboxUp({ name, nodes: 2 });
const runDir = await mkdtemp(join(tmpdir(), 'bench-accounts-'));

interface Tally {
  accounts: number;
  seconds: number;
  cpuMs: number;
}

/** One pass over the CSV; adds accounts, pool seconds and this process's CPU to the tally. */
async function pass(concurrency: number, tally: Tally): Promise<void> {
  const cpu = process.cpuUsage();
  const { summary } = await verifyAccounts({
    csvFile: info.accountsFile,
    concurrency,
    progress: false,
    target: accountsTarget(sandboxTarget(name, info)),
    runDir,
    evidenceDir: join(runDir, 'evidence'),
  });
  const used = process.cpuUsage(cpu);
  if (summary.failed > 0) throw new Error(`pass at concurrency ${concurrency}: ${summary.failed} accounts failed`);
  tally.accounts += summary.total;
  tally.seconds += summary.total / summary.accountsPerSecond;
  tally.cpuMs += (used.user + used.system) / 1000;
}

const round = (n: number): number => Math.round(n * 10) / 10;

try {
  // Warm-up: Dovecot login/imap processes, slapd, node sessions, JIT.
  await pass(8, { accounts: 0, seconds: 0, cpuMs: 0 });
  const sequential: Tally = { accounts: 0, seconds: 0, cpuMs: 0 };
  const parallel: Tally = { accounts: 0, seconds: 0, cpuMs: 0 };
  const loadBefore = loadavg()[0] ?? 0;
  for (let i = 0; i < passes; i++) {
    await pass(1, sequential);
    await pass(32, parallel);
  }
  const seqRate = sequential.accounts / sequential.seconds;
  const parRate = parallel.accounts / parallel.seconds;
  console.log(
    JSON.stringify({
      passes,
      accounts: info.accountCount,
      sequentialPerSecond: round(seqRate),
      concurrency32PerSecond: round(parRate),
      speedup: round(parRate / seqRate),
      clientCpuMsPerAccount: { sequential: round(sequential.cpuMs / sequential.accounts), concurrency32: round(parallel.cpuMs / parallel.accounts) },
      loadAverage: { before: round(loadBefore), after: round(loadavg()[0] ?? 0) },
    }),
  );
} finally {
  await rm(runDir, { recursive: true, force: true });
  if (!values.sandbox) await sandboxDown(name);
}
