/**
 * One real sandbox (slapd, Dovecot, two nodes, Apache) for the whole file:
 * directory, mailboxes, capability narrowing, LDAP outage, refusal of a second
 * up, and a clean down. Every check is also shown failing under its fault.
 */
import { existsSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ImapFlow } from 'imapflow';
import { Client } from 'ldapts';
import { readFileSync } from 'node:fs';
import { loadAccounts, type Account } from '../../src/config/accounts.ts';
import { applyFault, clearFaults, readCredentials, readSandbox, sandboxDown, sandboxStatus, sandboxUp } from '../../src/sandbox/sandbox.ts';
import { isPortFree } from '../../src/sandbox/ports.ts';
import { userDn } from '../../src/sandbox/services/ldif.ts';
import { leftoverProcesses, sandboxPorts } from '../../src/sandbox/stop.ts';
import type { SandboxInfo } from '../../src/sandbox/types.ts';

const NAME = 'tlife';
let info: SandboxInfo;
let anna: Account;
let ca: Buffer;

beforeAll(async () => {
  await sandboxDown(NAME).catch(() => undefined);
  info = await sandboxUp({ name: NAME, nodes: 2 });
  const { accounts } = await loadAccounts(info.accountsFile, { strict: true });
  anna = accounts.find((a) => a.login === 'anna.adler@1') as Account;
  ca = readFileSync(info.caFile);
});

afterAll(async () => {
  if (info) await sandboxDown(NAME).catch(() => undefined);
});

function imap(user: string, pass: string): ImapFlow {
  return new ImapFlow({
    host: info.imap.host,
    port: info.imap.port,
    secure: false,
    doSTARTTLS: true,
    tls: { ca, servername: '127.0.0.1' },
    auth: { user, pass },
    logger: false,
  });
}

async function ldapBind(url: string, dn: string, password: string, startTls: boolean): Promise<void> {
  // ldapts opens TLS at once when tlsOptions are given, so ldap:// gets them only via startTLS.
  const client = new Client({ url, ...(url.startsWith('ldaps:') ? { tlsOptions: { ca } } : {}), timeout: 3000, connectTimeout: 3000 });
  try {
    if (startTls) await client.startTLS({ ca });
    await client.bind(dn, password);
  } finally {
    await client.unbind().catch(() => undefined);
  }
}

describe('sandbox up', () => {
  it('records a ready sandbox with every process alive and the credentials file private', async () => {
    const read = await readSandbox(NAME);
    expect(read.state).toBe('ready');
    expect(Object.keys(read.pids).sort()).toEqual(['OX1', 'OX2', 'apache', 'dovecot', 'slapd']);
    const status = (await sandboxStatus()).find((s) => s.info.name === NAME);
    expect(status?.stale).toBe(false);
    expect(Object.values(status?.alive ?? {}).every(Boolean)).toBe(true);
    const credentials = await readCredentials(read);
    expect(credentials.adminToken.length).toBeGreaterThan(16);
    const { statSync } = await import('node:fs');
    expect(statSync(read.credentialsFile).mode & 0o077).toBe(0);
  });

  it('lets a user bind over StartTLS and over LDAPS trusting only the sandbox CA, and refuses a wrong password', async () => {
    const dn = userDn(anna);
    expect(dn).toBe('uid=anna.adler,ou=ctx1,ou=people,dc=example,dc=test');
    await ldapBind(info.ldap.url, dn, anna.password as string, true);
    await ldapBind(info.ldap.tlsUrl, dn, anna.password as string, false);
    await expect(ldapBind(info.ldap.url, dn, 'wrong-password', true)).rejects.toMatchObject({ code: 49 });
  });

  it('refuses LDAPS when the client does not trust the sandbox CA', async () => {
    const client = new Client({ url: info.ldap.tlsUrl, timeout: 3000, connectTimeout: 3000 });
    await expect(client.bind(userDn(anna), anna.password as string)).rejects.toThrow(/certificate/i);
    await client.unbind().catch(() => undefined);
  });

  it('serves the seeded INBOX and Sent over IMAP with STARTTLS, with the special-use folders', async () => {
    const client = imap(anna.login.split('@')[0] as string, anna.password as string);
    await client.connect();
    try {
      const inbox = await client.status('INBOX', { messages: true });
      expect(inbox && inbox.messages).toBeGreaterThanOrEqual(10);
      const sent = await client.status('Sent', { messages: true });
      expect(sent && sent.messages).toBeGreaterThanOrEqual(2);
      const specialUse = (await client.list()).map((f) => f.specialUse).filter((u) => u && u !== '\\Inbox').sort();
      expect(specialUse).toEqual(['\\Drafts', '\\Junk', '\\Sent', '\\Trash']);
      expect(client.capabilities.has('QUOTA')).toBe(true);
    } finally {
      await client.logout();
    }
  });

  it('accepts the mail address as IMAP login and refuses a wrong password', async () => {
    const byMail = imap(anna.email, anna.password as string);
    await byMail.connect();
    const status = await byMail.status('INBOX', { messages: true });
    expect(status && status.messages).toBeGreaterThanOrEqual(10);
    await byMail.logout();
    const wrong = imap(anna.email, 'wrong-password');
    await expect(wrong.connect()).rejects.toThrow();
  });

  it('narrows the IMAP capabilities at runtime and restores them on clear', async () => {
    await applyFault(NAME, { kind: 'imap-capabilities', capability: 'IMAP4rev1 IDLE' });
    const narrowed = imap(anna.email, anna.password as string);
    await narrowed.connect();
    const caps = [...narrowed.capabilities.keys()];
    await narrowed.logout();
    expect(caps).not.toContain('QUOTA');
    expect(caps).not.toContain('MOVE');
    expect(caps).toContain('IDLE');
    expect((await readSandbox(NAME)).faults).toEqual([{ kind: 'imap-capabilities', capability: 'IMAP4rev1 IDLE' }]);

    await clearFaults(NAME);
    const full = imap(anna.email, anna.password as string);
    await full.connect();
    expect(full.capabilities.has('QUOTA')).toBe(true);
    await full.logout();
    expect((await readSandbox(NAME)).faults).toEqual([]);
  });

  it('makes LDAP unreachable on ldap-down and reachable again on ldap-up', async () => {
    await applyFault(NAME, { kind: 'ldap-down' });
    await expect(ldapBind(info.ldap.url, userDn(anna), anna.password as string, false)).rejects.toThrow(/ECONNREFUSED|connect/i);
    await applyFault(NAME, { kind: 'ldap-up' });
    await ldapBind(info.ldap.url, userDn(anna), anna.password as string, true);
    expect((await readSandbox(NAME)).faults).toEqual([]);
  });

  it('refuses a second up with the same name and leaves the running one untouched', async () => {
    const before = await readSandbox(NAME);
    await expect(sandboxUp({ name: NAME })).rejects.toMatchObject({ code: 'SANDBOX_EXISTS', exitCode: 2 });
    const after = await readSandbox(NAME);
    expect(after.pids).toEqual(before.pids);
    await ldapBind(info.ldap.url, userDn(anna), anna.password as string, true);
  });

  it('refuses down of an unknown sandbox with SANDBOX_UNKNOWN', async () => {
    await expect(sandboxDown('tlife-nope')).rejects.toMatchObject({ code: 'SANDBOX_UNKNOWN', exitCode: 2 });
  });
});

describe('sandbox down', () => {
  it('leaves no process, no listening port and no folder behind', async () => {
    const last = await readSandbox(NAME);
    await sandboxDown(NAME);
    expect(leftoverProcesses(last)).toEqual([]);
    const free = await Promise.all(sandboxPorts(last).map(isPortFree));
    expect(free.every(Boolean)).toBe(true);
    expect(existsSync(last.dir)).toBe(false);
    await expect(readSandbox(NAME)).rejects.toMatchObject({ code: 'SANDBOX_UNKNOWN' });
  });
});
