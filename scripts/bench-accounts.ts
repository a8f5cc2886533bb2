/**
 * Benchmark of migrated-account verification on a sandbox: the 50 fixture
 * accounts verified in several passes, sequential vs concurrency 32.
 * Usage: scripts/with-tools node scripts/bench-accounts.ts [--passes 3] [--keep <sandbox name>]
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { verifyAccounts } from '../src/probes/accounts/index.ts';
import { accountsTarget } from '../src/runner/tasks/accounts.ts';
import { sandboxTarget } from '../src/runner/tasks/sandbox.ts';
import { readSandbox, sandboxDown, sandboxUp, type SandboxInfo } from '../src/sandbox/sandbox.ts';

const { values } = parseArgs({ options: { passes: { type: 'string', default: '3' }, sandbox: { type: 'string' } } });
const passes = Number(values.passes);
const name = values.sandbox ?? `benchacc${process.pid}`;
const info: SandboxInfo = values.sandbox ? await readSandbox(name) : await sandboxUp({ name, nodes: 2 });
const runDir = await mkdtemp(join(tmpdir(), 'bench-accounts-'));

async function rate(concurrency: number): Promise<number> {
  let accounts = 0;
  let seconds = 0;
  for (let pass = 0; pass < passes; pass++) {
    const { summary } = await verifyAccounts({
      csvFile: info.accountsFile,
      concurrency,
      progress: false,
      target: accountsTarget(sandboxTarget(name, info)),
      runDir,
      evidenceDir: join(runDir, 'evidence'),
    });
    if (summary.failed > 0) throw new Error(`pass ${pass} at concurrency ${concurrency}: ${summary.failed} accounts failed`);
    accounts += summary.total;
    seconds += summary.total / summary.accountsPerSecond;
  }
  return accounts / seconds;
}

try {
  await rate(8); // warm-up: Dovecot auth processes, slapd, node sessions
  const sequential = await rate(1);
  const parallel = await rate(32);
  console.log(JSON.stringify({ passes, accounts: info.accountCount, sequentialPerSecond: Math.round(sequential * 10) / 10, concurrency32PerSecond: Math.round(parallel * 10) / 10, speedup: Math.round((parallel / sequential) * 10) / 10 }));
} finally {
  await rm(runDir, { recursive: true, force: true });
  if (!values.sandbox) await sandboxDown(name);
}
