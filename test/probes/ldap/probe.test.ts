/**
 * The LDAP probe against the sandbox's slapd: StartTLS and ldaps, OX bindOnly
 * vs search mode, a CA that did not issue the certificate, slapd down, and no
 * password in any evidence file.
 */
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadAccounts } from '../../../src/config/accounts.ts';
import { runLdapProbe, type LdapProbeInput, type LdapProbeResult } from '../../../src/probes/ldap/index.ts';
import { applyFault, clearFaults, sandboxDown, sandboxUp, type SandboxInfo } from '../../../src/sandbox/sandbox.ts';
import { filesContainingSecrets, makeRunDir } from '../../support/evidence.ts';

const NAME = `pldap${process.pid}`;
let info: SandboxInfo;
let base: Omit<LdapProbeInput, 'runDir' | 'evidenceDir'>;
const runDirs: string[] = [];

async function probe(overrides: Partial<LdapProbeInput> = {}): Promise<LdapProbeResult> {
  const dirs = await makeRunDir('ldap-probe');
  runDirs.push(dirs.runDir);
  return runLdapProbe({ ...base, ...dirs, ...overrides });
}

const check = (result: LdapProbeResult, id: string) => result.checks.find((c) => c.id === id);

beforeAll(async () => {
  info = await sandboxUp({ name: NAME, nodes: 1 });
  const { accounts } = await loadAccounts(info.accountsFile, { strict: true });
  const sample = accounts.slice(0, 3).map((a) => ({ login: a.login, password: a.password as string }));
  base = { url: info.ldap.url, startTls: true, caFile: info.caFile, baseDn: info.ldap.peopleDn, accounts: sample, probeAccountForWrongPassword: sample[0]?.login as string };
});

afterAll(async () => {
  await sandboxDown(NAME);
});

describe('runLdapProbe', () => {
  it('passes over StartTLS in auto mode, uses search mode and explains why bindOnly fails', async () => {
    const result = await probe();
    expect(result.checks.filter((c) => c.status !== 'passed').map((c) => `${c.id}: ${c.status}`)).toEqual([]);
    expect(result.summary).toMatchObject({ transport: 'starttls', tls: { authorized: true }, usedMode: 'search', boundAs: 'anonymous' });
    const bindOnly = result.summary.modes.find((m) => m.mode === 'bindOnly');
    expect(bindOnly?.succeeded).toBe(0);
    expect(bindOnly?.reason).toMatch(/invalidCredentials \(49\).*finds the users under ou=ctx1,ou=people/);
    expect(result.summary.userCount).toBeGreaterThanOrEqual(3);
    expect(check(result, 'ldap.wrong-password')?.criteria[0]?.measured).toBe('invalidCredentials (49)');
    expect(Object.keys(result.summary.latency)).toEqual(expect.arrayContaining(['bind (user)', 'search (user)']));
  });

  it('passes in bindOnly mode over ldaps when the bind DN is built per context', async () => {
    const result = await probe({ url: info.ldap.tlsUrl, startTls: false, mode: 'bindOnly', contextBaseDn: (context) => `ou=ctx${context},${info.ldap.peopleDn}` });
    expect(result.checks.filter((c) => c.status !== 'passed').map((c) => c.id)).toEqual([]);
    expect(result.summary).toMatchObject({ transport: 'ldaps', usedMode: 'bindOnly' });
    expect(check(result, 'ldap.bind')?.criteria[0]?.measured).toBe(`success as uid=anna.adler,ou=ctx1,${info.ldap.peopleDn}`);
  });

  it('fails the auth-mode check when bindOnly is configured against the OX default single base', async () => {
    const result = await probe({ mode: 'bindOnly' });
    expect(check(result, 'ldap.auth-mode')?.status).toBe('failed');
    expect(check(result, 'ldap.bind')?.status).toBe('failed');
  });

  it('skips the wrong-password check unless a probe account is designated', async () => {
    const { probeAccountForWrongPassword: _unused, ...withoutProbe } = base;
    const dirs = await makeRunDir('ldap-probe');
    runDirs.push(dirs.runDir);
    const result = await runLdapProbe({ ...withoutProbe, ...dirs });
    expect(check(result, 'ldap.wrong-password')?.status).toBe('skipped');
  });

  it('fails the connection with TLS_FAILED when the CA file did not issue the certificate', async () => {
    const dirs = await makeRunDir('ldap-wrong-ca');
    runDirs.push(dirs.runDir);
    const wrongCa = join(dirs.runDir, 'wrong-ca.crt');
    execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', join(dirs.runDir, 'wrong-ca.key'), '-out', wrongCa, '-days', '1', '-subj', '/CN=not the sandbox CA'], { stdio: 'ignore' });
    for (const transport of [{ url: info.ldap.url, startTls: true }, { url: info.ldap.tlsUrl, startTls: false }]) {
      const result = await runLdapProbe({ ...base, ...dirs, ...transport, caFile: wrongCa });
      expect(check(result, 'ldap.connection')).toMatchObject({ status: 'failed', error: { code: 'TLS_FAILED' } });
      expect(result.checks.filter((c) => c.status === 'passed')).toEqual([]);
    }
  });

  it('fails every check with LDAP_UNREACHABLE and returns when the directory is down', async () => {
    await applyFault(NAME, { kind: 'ldap-down' });
    try {
      const result = await probe();
      expect(check(result, 'ldap.connection')).toMatchObject({ status: 'failed', error: { code: 'LDAP_UNREACHABLE' } });
      for (const c of result.checks) {
        expect(c.status, c.id).not.toBe('passed');
        expect(c.error?.code, c.id).toBe('LDAP_UNREACHABLE');
      }
    } finally {
      await clearFaults(NAME);
    }
  });

  it('writes no password into any evidence file of any run above', async () => {
    const secrets = base.accounts.map((a) => a.password);
    expect(runDirs.length).toBeGreaterThanOrEqual(5);
    for (const dir of runDirs) expect(await filesContainingSecrets(dir, secrets)).toEqual([]);
  });
});
