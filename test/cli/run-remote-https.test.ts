/**
 * A customer-style configured target, end to end: the real CLI (`scripts/signoff
 * run --target customer`) against one real sandbox reached the way a customer
 * deployment is — HTTPS balancer with a private CA, IMAP and LDAP with
 * STARTTLS trusting that CA, the cluster nodes, and accounts whose one shared
 * password comes from an environment variable (the CSV has no password column).
 *
 * Setup gives four fixture users one shared random password as LDAP admin and
 * restores their own password hashes afterwards. Config:
 * test/fixtures/remote-https/signoff.config.ts (values from SIGNOFF_FIXTURE_*),
 * suite: test/fixtures/remote-https/suite.ts.
 */
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Attribute, Change, Client } from 'ldapts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signoff } from '../support/cli.ts';
import { loadAccounts } from '../../src/config/accounts.ts';
import { reportProblems } from '../../src/model/schema.ts';
import type { RunReport } from '../../src/model/types.ts';
import { readCredentials, sandboxDown, sandboxUp } from '../../src/sandbox/sandbox.ts';
import { sshaHash, userDn } from '../../src/sandbox/ox/backends/ldap.ts';
import type { SandboxInfo } from '../../src/sandbox/types.ts';

const NAME = `rrh${process.pid}`.slice(0, 24);
const CONFIG = 'test/fixtures/remote-https/signoff.config.ts';
const SUITE = 'test/fixtures/remote-https/suite.ts';
const SHARED_USERS = 4;
/** A generous bound for one short run with load on a busy 2-core machine. */
const RUN_TIMEOUT = 300_000;

const sharedPassword = `Shared-${randomBytes(12).toString('base64url')}!`;
let info: SandboxInfo;
let work = '';
let sandboxStarted = false;
/** The users' own userPassword hashes, written back after the tests. */
const savedHashes = new Map<string, string>();

interface RunResult {
  code: number | null;
  stdout: string;
  stderr: string;
  runDir: string;
  report: RunReport;
}

function fixtureEnv(caFile: string): NodeJS.ProcessEnv {
  return {
    SIGNOFF_FIXTURE_HTTPS_URL: info.balancerHttpsUrl,
    SIGNOFF_FIXTURE_CA_FILE: caFile,
    SIGNOFF_FIXTURE_IMAP_PORT: String(info.imap.port),
    SIGNOFF_FIXTURE_LDAP_URL: info.ldap.url,
    SIGNOFF_FIXTURE_LDAP_PEOPLE_DN: info.ldap.peopleDn,
    SIGNOFF_FIXTURE_NODES: JSON.stringify(info.nodes.map((n) => ({ route: n.route, url: n.url }))),
    SIGNOFF_FIXTURE_ACCOUNTS: path.join(work, 'accounts.csv'),
    SIGNOFF_FIXTURE_CUSTOMER_PASSWORD: sharedPassword,
  };
}

/** `signoff run <suite> --config <config> --target customer --json --out <fresh dir>`, report read back. */
async function runCustomer(caFile: string): Promise<RunResult> {
  const out = await mkdtemp(path.join(work, 'out-'));
  const { code, stdout, stderr } = await signoff(['run', SUITE, '--config', CONFIG, '--target', 'customer', '--json', '--out', out], { env: fixtureEnv(caFile) });
  const last = stdout.trim().split('\n').at(-1) ?? '';
  let runDir: string;
  try {
    runDir = (JSON.parse(last) as { runDir: string }).runDir;
  } catch {
    throw new Error(`no JSON line on stdout (exit ${code}); stderr:\n${stderr}`);
  }
  const report = JSON.parse(readFileSync(path.join(runDir, 'report.json'), 'utf8')) as RunReport;
  return { code, stdout, stderr, runDir, report };
}

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((entry) => {
    const full = path.join(dir, entry);
    return statSync(full).isDirectory() ? filesUnder(full) : [full];
  });
}

/** Files of the run folder whose bytes contain the shared password (plain or base64). */
function filesWithPassword(runDir: string): string[] {
  const needles = [Buffer.from(sharedPassword), Buffer.from(Buffer.from(sharedPassword).toString('base64'))];
  return filesUnder(runDir).filter((file) => {
    const bytes = readFileSync(file);
    return needles.some((n) => bytes.includes(n));
  });
}

async function asLdapAdmin<T>(body: (client: Client) => Promise<T>): Promise<T> {
  const credentials = await readCredentials(info);
  const client = new Client({ url: info.ldap.url });
  try {
    await client.startTLS({ ca: readFileSync(info.caFile) });
    await client.bind(info.ldap.adminDn, credentials.ldapAdminPassword);
    return await body(client);
  } finally {
    await client.unbind();
  }
}

beforeAll(async () => {
  work = await mkdtemp(path.join(os.tmpdir(), 'signoff-remote-https-'));
  sandboxStarted = true;
  info = await sandboxUp({ name: NAME });
  // The first users of the sandbox CSV, without the password column: the customer's CSV shape.
  const { accounts } = await loadAccounts(info.accountsFile, { strict: true });
  const chosen = accounts.slice(0, SHARED_USERS);
  const csv = ['contextid,username,displayname,givenname,surname,email', ...chosen.map((a) => [a.contextid, a.username, a.displayname, a.givenname, a.surname, a.email].join(','))];
  await writeFile(path.join(work, 'accounts.csv'), `${csv.join('\n')}\n`);
  await asLdapAdmin(async (client) => {
    for (const account of chosen) {
      const dn = userDn({ user: account.username, contextId: account.contextid }, info.ldap.peopleDn);
      const { searchEntries } = await client.search(dn, { scope: 'base', attributes: ['userPassword'] });
      const old = searchEntries[0]?.userPassword;
      if (typeof old !== 'string') throw new Error(`${dn}: no userPassword to save`);
      savedHashes.set(dn, old);
      await client.modify(dn, new Change({ operation: 'replace', modification: new Attribute({ type: 'userPassword', values: [sshaHash(sharedPassword)] }) }));
    }
  });
  // A second, unrelated CA: what a run must not accept the target's certificate with.
  execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '1', '-subj', '/CN=Some other CA', '-keyout', path.join(work, 'other-ca.key'), '-out', path.join(work, 'other-ca.pem')], { stdio: 'ignore' });
}, 300_000);

afterAll(async () => {
  try {
    if (info && savedHashes.size > 0) {
      await asLdapAdmin(async (client) => {
        for (const [dn, hash] of savedHashes) await client.modify(dn, new Change({ operation: 'replace', modification: new Attribute({ type: 'userPassword', values: [hash] }) }));
      });
    }
  } finally {
    if (sandboxStarted) await sandboxDown(NAME);
    if (work) await rm(work, { recursive: true, force: true });
  }
}, 120_000);

describe('signoff run against a configured HTTPS target with a private CA and a shared password', () => {
  let trusted: RunResult;

  it(
    'passes every family (LDAP, IMAP, accounts, API, load) and exits 0 when caFile names the CA that issued the certificates',
    async () => {
      trusted = await runCustomer(info.caFile);
      expect(reportProblems(trusted.report)).toEqual([]);
      expect(trusted.report.checks.filter((c) => c.status !== 'passed').map((c) => `${c.id}: ${c.status} ${JSON.stringify(c.error ?? c.criteria)}`)).toEqual([]);
      expect(trusted.code, trusted.stderr).toBe(0);
      expect(trusted.report.run.status).toBe('passed');
      const families = new Set(trusted.report.checks.map((c) => c.family));
      for (const family of ['ldap', 'imap', 'accounts', 'api', 'load']) expect(families).toContain(family);
      expect(trusted.report.probes?.accounts).toMatchObject({ total: SHARED_USERS, verified: SHARED_USERS, failed: 0 });
      expect(trusted.report.load[0]?.totals.requests).toBeGreaterThan(0);
    },
    RUN_TIMEOUT,
  );

  it(
    'never passes when caFile names another CA: the LDAP and IMAP TLS checks and the accounts fail with TLS_FAILED, the load preflight is an error TLS_FAILED, and the run exits 3',
    async () => {
      const r = await runCustomer(path.join(work, 'other-ca.pem'));
      expect(reportProblems(r.report)).toEqual([]);
      expect(r.report.checks.filter((c) => c.status === 'passed').map((c) => c.id)).toEqual([]);
      expect(r.code, r.stderr).toBe(3);
      expect(r.report.run.status).toBe('error');
      const outcome = (id: string) => {
        const c = r.report.checks.find((x) => x.id === id);
        return c ? `${c.status} ${c.error?.code ?? ''}`.trim() : 'absent';
      };
      expect(outcome('ldap.connection')).toBe('failed TLS_FAILED');
      expect(outcome('imap.tls')).toBe('failed TLS_FAILED');
      expect(outcome('accounts.reason.tls-failed')).toBe('failed');
      // The API round-trips name the certificate too, not a refused login.
      expect(outcome('api.mail-delivery')).toMatch(/ TLS_FAILED$/);
      // k6 never starts: the reachability preflight refuses the untrusted certificate.
      expect(outcome('load.login-peak')).toBe('error TLS_FAILED');
      expect(filesWithPassword(r.runDir)).toEqual([]);
      expect(`${r.stdout}${r.stderr}`).not.toContain(sharedPassword);
    },
    RUN_TIMEOUT,
  );

  it('leaves the shared password nowhere in the run folder nor in the CLI output', () => {
    expect(trusted, 'the trusted run did not complete').toBeDefined();
    expect(existsSync(path.join(trusted.runDir, 'report.json'))).toBe(true);
    expect(filesWithPassword(trusted.runDir)).toEqual([]);
    expect(`${trusted.stdout}${trusted.stderr}`).not.toContain(sharedPassword);
  });
});
