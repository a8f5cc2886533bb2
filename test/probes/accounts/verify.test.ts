/**
 * Migrated-account verification against the sandbox: every fixture account
 * verifies; a wrong password and a malformed row are reported with reason and
 * line while the others pass; LDAP down fails fast with clear reason codes;
 * --only-failed reads the failures back; no password in any evidence file.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadAccounts } from '../../../src/config/accounts.ts';
import { readFailedLogins, verifyAccounts, type VerifyAccountsInput } from '../../../src/probes/accounts/index.ts';
import { accountsTarget } from '../../../src/runner/tasks/accounts.ts';
import { sandboxTarget } from '../../../src/runner/tasks/sandbox.ts';
import { applyFault, clearFaults, sandboxDown, sandboxUp, type SandboxInfo } from '../../../src/sandbox/sandbox.ts';
import { filesContainingSecrets, makeRunDir } from '../../support/evidence.ts';

const NAME = `pacc${process.pid}`;
let info: SandboxInfo;
let passwords: string[] = [];
const runDirs: string[] = [];

async function verify(overrides: Partial<VerifyAccountsInput> = {}) {
  const dirs = await makeRunDir('accounts');
  runDirs.push(dirs.runDir);
  const result = await verifyAccounts({
    csvFile: info.accountsFile,
    target: accountsTarget(sandboxTarget(NAME, info)),
    progress: false,
    ...dirs,
    ...overrides,
  });
  return { ...result, ...dirs };
}

beforeAll(async () => {
  info = await sandboxUp({ name: NAME, nodes: 1 });
  passwords = (await loadAccounts(info.accountsFile, { strict: true })).accounts.map((a) => a.password as string);
});

afterAll(async () => {
  await sandboxDown(NAME);
});

describe('verifyAccounts', () => {
  it('verifies every fixture account on the healthy sandbox', async () => {
    const { checks, summary, failures } = await verify();
    expect(failures).toEqual([]);
    expect(summary).toMatchObject({ total: 50, verified: 50, failed: 0 });
    expect(checks.map((c) => [c.id, c.status])).toEqual([['accounts.verified', 'passed']]);
  });

  it('reports a wrong password and a malformed row with reason and line while the other accounts pass', async () => {
    const lines = (await readFile(info.accountsFile, 'utf8')).trimEnd().split('\n').slice(0, 6);
    lines[2] = (lines[2] as string).replace(/Sandbox-02-pw!/, 'not-the-password');
    lines.push('1,broken row,only,three');
    const dirs = await makeRunDir('accounts-csv');
    const csvFile = join(dirs.runDir, 'accounts.csv');
    await writeFile(csvFile, `${lines.join('\n')}\n`);
    const { checks, summary, failures, evidenceDir } = await verify({ csvFile, concurrency: 4 });
    expect(summary).toMatchObject({ total: 6, verified: 4, failed: 2 });
    expect(failures.map((f) => [f.login, f.line, f.reason])).toEqual([
      ['ben.becker@1', 3, 'LDAP_BIND_FAILED'],
      ['line 7', 7, 'CSV_ROW_INVALID'],
    ]);
    expect(new Set(failures[0]?.failures.map((f) => f.reason))).toEqual(new Set(['LDAP_BIND_FAILED', 'IMAP_LOGIN_FAILED', 'OX_LOGIN_FAILED']));
    expect(checks.find((c) => c.id === 'accounts.verified')?.status).toBe('failed');
    expect(checks.map((c) => c.id)).toContain('accounts.reason.csv-row-invalid');
    expect(await readFailedLogins(join(evidenceDir, 'accounts-failures.json'))).toEqual(new Set(['ben.becker@1', 'line 7']));
    const again = await verify({ csvFile, onlyLogins: await readFailedLogins(join(evidenceDir, 'accounts-failures.json')) });
    expect(again.summary.total).toBe(2);
    expect(await filesContainingSecrets(evidenceDir, [...passwords, 'not-the-password'])).toEqual([]);
  });

  it('checks every account’s own credentials although connections are reused (concurrency 1: one LDAP connection, one HTTP pool)', async () => {
    const lines = (await readFile(info.accountsFile, 'utf8')).trimEnd().split('\n').slice(0, 5);
    // Line 3 has a wrong password between two good accounts: the bind before it must not carry over, nor its failure after it.
    lines[2] = (lines[2] as string).replace(/Sandbox-02-pw!/, 'not-the-password');
    const dirs = await makeRunDir('accounts-pooled');
    const csvFile = join(dirs.runDir, 'accounts.csv');
    await writeFile(csvFile, `${lines.join('\n')}\n`);
    const { summary, failures } = await verify({ csvFile, concurrency: 1 });
    expect(summary).toMatchObject({ total: 4, verified: 3, failed: 1 });
    expect(failures.map((f) => [f.login, f.line])).toEqual([['ben.becker@1', 3]]);
    expect(new Set(failures[0]?.failures.map((f) => f.reason))).toEqual(new Set(['LDAP_BIND_FAILED', 'IMAP_LOGIN_FAILED', 'OX_LOGIN_FAILED']));
  });

  it('returns with UNREACHABLE / login reasons when LDAP is down, without hanging', async () => {
    await applyFault(NAME, { kind: 'ldap-down' });
    try {
      const dirs = await makeRunDir('accounts-ldap');
      const csvFile = join(dirs.runDir, 'accounts.csv');
      await writeFile(csvFile, (await readFile(info.accountsFile, 'utf8')).trimEnd().split('\n').slice(0, 4).join('\n') + '\n');
      const { summary, failures, checks } = await verify({ csvFile, stepTimeoutMs: 8_000 });
      expect(summary.verified).toBe(0);
      expect(failures.every((f) => f.failures.some((s) => s.step === 'ldap' && s.reason === 'UNREACHABLE'))).toBe(true);
      expect(checks.map((c) => c.id)).toContain('accounts.reason.unreachable');
    } finally {
      await applyFault(NAME, { kind: 'ldap-up' });
      await clearFaults(NAME);
    }
  });

  it('writes no password into any evidence file', async () => {
    for (const runDir of runDirs) expect(await filesContainingSecrets(join(runDir, 'evidence'), passwords)).toEqual([]);
  });

  it('verifies every account when every answer carries a warning (category 13 next to data)', async () => {
    await applyFault(NAME, { kind: 'node', fault: { kind: 'warnings', rate: 1 } });
    try {
      const { summary, failures } = await verify();
      expect(failures).toEqual([]);
      expect(summary).toMatchObject({ total: 50, verified: 50, failed: 0 });
    } finally {
      await clearFaults(NAME);
    }
  });

  it('reports SES-0205 as the balancer\'s IP check for each account, not as a lost session', async () => {
    await applyFault(NAME, { kind: 'node', fault: { kind: 'client-ip-changes' } });
    try {
      const { failures } = await verify({ concurrency: 4 });
      expect(failures).toHaveLength(50);
      const ox = failures.map((f) => f.failures.find((s) => s.step === 'ox'));
      expect(ox.every((s) => s?.reason === 'OX_IP_CHECK_FAILED' && /SES-0205.*IP check.*balancer/.test(s.message))).toBe(true);
    } finally {
      await clearFaults(NAME);
    }
  });
});
