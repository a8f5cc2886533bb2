/**
 * API round-trips against the sandbox: vCard/iCal import → export compared
 * field by field, mail A → B, password change (always restored); a vCard that
 * does not parse is a located error; login-broken fails every check at login;
 * no password in any evidence file.
 */
import { copyFile, mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadAccounts } from '../../../src/config/accounts.ts';
import { runApiRoundTrips, type ApiRoundTripInput, type RoundTripAccount } from '../../../src/probes/api/index.ts';
import { OxClient } from '../../../src/probes/api/ox-client.ts';
import { accountsTarget } from '../../../src/runner/tasks/accounts.ts';
import { sandboxTarget } from '../../../src/runner/tasks/sandbox.ts';
import { applyFault, clearFaults, sandboxDown, sandboxUp, type SandboxInfo } from '../../../src/sandbox/sandbox.ts';
import { filesContainingSecrets, makeRunDir } from '../../support/evidence.ts';

const NAME = `papi${process.pid}`;
const FIXTURES = join(import.meta.dirname, '../../../fixtures/migration');
/** Known gaps of the sandbox stand-in (not of the checks): it refuses vCard 2.1 and drops organizer/attendees/alarms on export. */
let info: SandboxInfo;
let accounts: [RoundTripAccount, RoundTripAccount];
const runDirs: string[] = [];

async function roundTrips(overrides: Partial<ApiRoundTripInput> = {}) {
  const dirs = await makeRunDir('api');
  runDirs.push(dirs.runDir);
  const checks = await runApiRoundTrips({
    target: accountsTarget(sandboxTarget(NAME, info)),
    accounts,
    migrationDir: FIXTURES,
    ...dirs,
    ...overrides,
  });
  return { checks, ...dirs };
}

beforeAll(async () => {
  info = await sandboxUp({ name: NAME, nodes: 2 });
  const parsed = (await loadAccounts(info.accountsFile, { strict: true })).accounts.slice(0, 2);
  accounts = parsed.map((a) => ({ login: a.login, password: a.password as string, email: a.email })) as [RoundTripAccount, RoundTripAccount];
});

afterAll(async () => {
  await sandboxDown(NAME);
});

describe('runApiRoundTrips', () => {
  it('passes every round-trip on the healthy sandbox, with a diff file per migration file', async () => {
    const { checks } = await roundTrips();
    expect(checks.map((c) => [c.id, c.status])).toEqual(checks.map((c) => [c.id, 'passed']));
    expect(checks.map((c) => c.id)).toEqual(expect.arrayContaining(['api.vcard-roundtrip.contacts-vcard30', 'api.vcard-roundtrip.contacts-outlook', 'api.vcard-roundtrip.contacts-apple', 'api.ical-roundtrip.events', 'api.mail-delivery', 'api.password-change']));
    expect(checks.find((c) => c.id === 'api.vcard-roundtrip.contacts-google')?.evidence[0]?.kind).toBe('diff');
  });

  it('lists lost fields one by one when the server drops them (OX keeps three e-mail addresses per contact)', async () => {
    const dirs = await makeRunDir('api-lossy');
    const migrationDir = join(dirs.runDir, 'migration');
    await mkdir(migrationDir);
    await writeFile(
      join(migrationDir, 'four-mails.vcf'),
      'BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Vera Viermail\r\nN:Viermail;Vera;;;\r\nEMAIL;TYPE=WORK:vera@work.example\r\nEMAIL;TYPE=HOME:vera@home.example\r\nEMAIL:vera@third.example\r\nEMAIL:vera@fourth.example\r\nEND:VCARD\r\n',
    );
    const { checks } = await roundTrips({ migrationDir });
    const lossy = checks.find((c) => c.id === 'api.vcard-roundtrip.four-mails');
    expect(lossy?.status).toBe('failed');
    expect(lossy?.criteria.filter((c) => !c.passed).map((c) => c.name.split(': ').pop())).toEqual(['emails']);
  });

  it('reports a vCard that does not parse as a located error in its own check', async () => {
    const dirs = await makeRunDir('api-broken');
    const migrationDir = join(dirs.runDir, 'migration');
    await mkdir(migrationDir);
    await copyFile(join(FIXTURES, 'contacts-vcard30.vcf'), join(migrationDir, 'good.vcf'));
    await writeFile(join(migrationDir, 'broken.vcf'), 'BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Broken\r\nN;oops\r\nEND:VCARD\r\n');
    const { checks } = await roundTrips({ migrationDir });
    const broken = checks.find((c) => c.id === 'api.vcard-roundtrip.broken');
    expect(broken?.status).toBe('error');
    expect(broken?.error?.code).toBe('VCARD_INVALID');
    expect(broken?.error?.message).toContain('broken.vcf:4:');
    expect(checks.find((c) => c.id === 'api.vcard-roundtrip.good')?.status).toBe('passed');
  });

  it('fails every round-trip at login when the nodes refuse logins', async () => {
    await applyFault(NAME, { kind: 'node', fault: { kind: 'login-broken' } });
    try {
      const { checks } = await roundTrips();
      expect(checks.length).toBeGreaterThan(5);
      expect(checks.every((c) => c.status === 'error' && c.error?.code === 'OX_LOGIN_FAILED')).toBe(true);
    } finally {
      await clearFaults(NAME);
    }
  });

  it('passes every round-trip when every answer carries a warning (category 13 next to data)', async () => {
    await applyFault(NAME, { kind: 'node', fault: { kind: 'warnings', rate: 1 } });
    try {
      const { checks } = await roundTrips();
      expect(checks.map((c) => [c.id, c.status])).toEqual(checks.map((c) => [c.id, 'passed']));
      // The fault is on: a client sees the warnings it accepted.
      const probe = new OxClient({ baseUrl: info.balancerUrl, apiPath: info.apiPath });
      await probe.login(accounts[0].login, accounts[0].password);
      await probe.call('config/identifier', undefined);
      expect(probe.warnings.length).toBeGreaterThan(0);
      await probe.logout();
      await probe.close();
    } finally {
      await clearFaults(NAME);
    }
  });

  it('locates SES-0205 as the IP check when the balancer changes the client address', async () => {
    await applyFault(NAME, { kind: 'node', fault: { kind: 'client-ip-changes' } });
    try {
      const { checks } = await roundTrips();
      expect(checks.length).toBeGreaterThan(5);
      expect(checks.every((c) => c.status === 'error' && c.error?.code === 'OX_IP_CHECK_FAILED')).toBe(true);
      expect(checks[0]?.error?.message).toMatch(/SES-0205.*balancer/);
    } finally {
      await clearFaults(NAME);
    }
  });

  it('writes no password (old, new or B\'s) into any evidence file', async () => {
    for (const runDir of runDirs) expect(await filesContainingSecrets(runDir, accounts.map((a) => a.password))).toEqual([]);
  });
});
