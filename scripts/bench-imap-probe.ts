/**
 * Wall time of the full IMAP probe and of the LDAP probe against a fresh
 * sandbox: median of 3 runs each (sandbox start-up is not counted).
 * Run: scripts/with-tools node scripts/bench-imap-probe.ts
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadAccounts } from '../src/config/accounts.ts';
import { runImapProbe } from '../src/probes/imap/index.ts';
import { runLdapProbe } from '../src/probes/ldap/index.ts';
import { sandboxDown, sandboxUp } from '../src/sandbox/sandbox.ts';

const RUNS = 3;
const name = `bench${process.pid}`;
const median = (values: number[]): number => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] as number;

async function timed(run: () => Promise<{ checks: { status: string }[] }>): Promise<{ ms: number; statuses: string }> {
  const start = performance.now();
  const { checks } = await run();
  const ms = performance.now() - start;
  const counts = checks.reduce<Record<string, number>>((acc, c) => ({ ...acc, [c.status]: (acc[c.status] ?? 0) + 1 }), {});
  return { ms, statuses: JSON.stringify(counts) };
}

const runDir = await mkdtemp(join(tmpdir(), 'bench-probes-'));
const info = await sandboxUp({ name, nodes: 1 });
try {
  const { accounts } = await loadAccounts(info.accountsFile, { strict: true });
  const sample = accounts.slice(0, 3);
  const imap = [];
  const ldap = [];
  for (let i = 0; i < RUNS; i += 1) {
    const evidenceDir = join(runDir, `run${i}`);
    imap.push(
      await timed(() =>
        runImapProbe({ host: info.imap.host, port: info.imap.port, tls: 'starttls', caFile: info.caFile, accounts: sample.map((a) => ({ login: a.username, password: a.password as string })), runDir, evidenceDir }),
      ),
    );
    ldap.push(
      await timed(() =>
        runLdapProbe({ url: info.ldap.url, startTls: true, caFile: info.caFile, baseDn: info.ldap.peopleDn, accounts: sample.map((a) => ({ login: a.login, password: a.password as string })), probeAccountForWrongPassword: sample[0]?.login as string, runDir, evidenceDir }),
      ),
    );
  }
  const report = (label: string, runs: { ms: number; statuses: string }[]): void =>
    console.log(`${label}: median ${median(runs.map((r) => r.ms)).toFixed(0)} ms over ${RUNS} runs (${runs.map((r) => r.ms.toFixed(0)).join(', ')} ms); checks ${runs[0]?.statuses}`);
  report('IMAP probe (STARTTLS, 3 accounts, 20 parallel sessions)', imap);
  report('LDAP probe (StartTLS, auto mode, 3 accounts)', ldap);
} finally {
  await sandboxDown(name);
  await rm(runDir, { recursive: true, force: true });
}
