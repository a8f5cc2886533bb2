/**
 * The IMAP probe against a real sandbox (Dovecot 2.3): healthy, narrowed
 * capabilities (runtime fault), implicit TLS, a CA that did not issue the
 * certificate, and no password in any evidence file.
 */
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadAccounts } from '../../../src/config/accounts.ts';
import { runImapProbe, type ImapProbeInput, type ImapProbeResult } from '../../../src/probes/imap/index.ts';
import { applyFault, clearFaults, sandboxDown, sandboxUp, type SandboxInfo } from '../../../src/sandbox/sandbox.ts';
import { filesContainingSecrets, makeRunDir } from '../../support/evidence.ts';

const NAME = `pimap${process.pid}`;
let info: SandboxInfo;
let base: Omit<ImapProbeInput, 'runDir' | 'evidenceDir'>;
const runDirs: string[] = [];

async function probe(overrides: Partial<ImapProbeInput> = {}): Promise<ImapProbeResult> {
  const dirs = await makeRunDir('imap-probe');
  runDirs.push(dirs.runDir);
  return runImapProbe({ ...base, ...dirs, ...overrides });
}

const statusOf = (result: ImapProbeResult, id: string): string | undefined => result.checks.find((c) => c.id === id)?.status;

beforeAll(async () => {
  info = await sandboxUp({ name: NAME, nodes: 1 });
  const { accounts } = await loadAccounts(info.accountsFile, { strict: true });
  // The uid and the mail address are both IMAP logins in this deployment.
  const sample = accounts.slice(0, 3).map((a, i) => ({ login: i === 2 ? a.email : a.username, password: a.password as string }));
  base = { host: info.imap.host, port: info.imap.port, tls: 'starttls', caFile: info.caFile, accounts: sample };
});

afterAll(async () => {
  await sandboxDown(NAME);
});

describe('runImapProbe', () => {
  it('passes every check on a healthy Dovecot over STARTTLS', async () => {
    const result = await probe();
    const notPassed = result.checks.filter((c) => c.status !== 'passed').map((c) => `${c.id}: ${c.status} ${JSON.stringify(c.criteria.filter((k) => !k.passed))}`);
    expect(notPassed).toEqual([]);
    expect(result.matrix.missingBlocking).toEqual([]);
    expect(result.checks.map((c) => c.id)).toEqual([
      'imap.tls', 'imap.capabilities', 'imap.login', 'imap.namespace', 'imap.special-use', 'imap.folders', 'imap.messages',
      'imap.sort', 'imap.thread', 'imap.quota', 'imap.acl', 'imap.idle', 'imap.parallel-sessions', 'imap.latency',
    ]);
    expect(result.latency['APPEND']?.count).toBe(4);
    expect(result.checks.find((c) => c.id === 'imap.parallel-sessions')?.criteria[0]?.measured).toMatch(/^20 open/);
    expect(result.checks.find((c) => c.id === 'imap.tls')?.criteria.find((c) => c.name === 'certificate validity')?.measured).toMatch(/^\d+ days/);
  });

  it('passes over implicit TLS (IMAPS) as well', async () => {
    const result = await probe({ port: info.imap.tlsPort, tls: 'implicit', parallelSessions: 3 });
    expect(result.checks.filter((c) => c.status !== 'passed').map((c) => c.id)).toEqual([]);
  });

  it('fails the TLS check with a clear message when the CA file did not issue the server certificate', async () => {
    const dirs = await makeRunDir('imap-wrong-ca');
    runDirs.push(dirs.runDir);
    const wrongCa = join(dirs.runDir, 'wrong-ca.crt');
    execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', join(dirs.runDir, 'wrong-ca.key'), '-out', wrongCa, '-days', '1', '-subj', '/CN=not the sandbox CA'], { stdio: 'ignore' });
    const result = await runImapProbe({ ...base, ...dirs, caFile: wrongCa });
    const tls = result.checks.find((c) => c.id === 'imap.tls');
    expect(tls?.status).toBe('failed');
    expect(tls?.error?.code).toBe('TLS_FAILED');
    expect(tls?.error?.message).toContain(wrongCa);
    // Nothing else can be judged without a trusted connection, and nothing pretends to pass.
    expect(result.checks.filter((c) => c.status === 'passed')).toEqual([]);
  });

  it('reports the capabilities a narrowed backend drops with their OX impact, and fails the checks that need them', async () => {
    await applyFault(NAME, { kind: 'imap-capabilities', capability: 'IMAP4rev1 IDLE' });
    try {
      const result = await probe({ parallelSessions: 3 });
      expect(result.matrix.afterLogin).toEqual(['IMAP4REV1', 'IDLE']);
      expect(result.matrix.missingBlocking).toEqual(['SORT', 'NAMESPACE', 'UIDPLUS', 'QUOTA', 'SPECIAL-USE', 'CHILDREN']);
      const quota = result.matrix.rows.find((r) => r.name === 'QUOTA');
      expect(quota?.impact).toMatch(/quota/i);
      const capabilities = result.checks.find((c) => c.id === 'imap.capabilities');
      expect(capabilities?.status).toBe('failed');
      expect(capabilities?.criteria.find((k) => k.name === 'SORT')?.measured).toMatch(/^missing: .*sorted in the middleware/);
      // Recommended capabilities fail their checks; feature capabilities are skipped with the impact noted.
      for (const id of ['imap.sort', 'imap.quota', 'imap.namespace', 'imap.special-use']) expect(statusOf(result, id), id).toBe('failed');
      for (const id of ['imap.thread', 'imap.acl']) expect(statusOf(result, id), id).toBe('skipped');
      expect(result.checks.find((c) => c.id === 'imap.acl')?.criteria[0]?.measured).toMatch(/cannot be shared/);
      // What still works keeps working: IDLE is advertised, MOVE falls back to COPY+EXPUNGE.
      for (const id of ['imap.tls', 'imap.login', 'imap.folders', 'imap.messages', 'imap.idle']) expect(statusOf(result, id), id).toBe('passed');
      expect(result.checks.find((c) => c.id === 'imap.messages')?.criteria.some((k) => k.name.startsWith('COPY+EXPUNGE'))).toBe(true);
    } finally {
      await clearFaults(NAME);
    }
  });

  it('fails the login check for a wrong password and names the account, not the password', async () => {
    const first = base.accounts[0] as { login: string; password: string };
    const wrong = { login: first.login, password: `${first.password}-not-it` };
    const result = await probe({ accounts: [first, wrong], parallelSessions: 2 });
    const login = result.checks.find((c) => c.id === 'imap.login');
    expect(login?.status).toBe('failed');
    expect(login?.criteria[1]?.measured).toMatch(/^IMAP_AUTH_FAILED/);
    expect(JSON.stringify(result)).not.toContain(wrong.password);
  });

  it('writes no password into any evidence file of any run above', async () => {
    const secrets = base.accounts.flatMap((a) => [a.password, `${a.password}-not-it`]);
    expect(runDirs.length).toBeGreaterThanOrEqual(5);
    for (const dir of runDirs) expect(await filesContainingSecrets(dir, secrets)).toEqual([]);
  });
});
