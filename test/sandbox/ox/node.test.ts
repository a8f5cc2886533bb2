/**
 * The stand-in node against a real sandbox (slapd, Dovecot, Apache, two nodes):
 * login and cookies, session errors, stickiness, mail round trip, password
 * change, vCard/iCal migration round trip, faults, /health and /metrics.
 */
import { readFileSync } from 'node:fs';
import ICAL from 'ical.js';
import { ImapFlow } from 'imapflow';
import { Client } from 'ldapts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadAccounts } from '../../../src/config/accounts.ts';
import type { Account } from '../../../src/config/accounts.ts';
import { readCredentials, sandboxDown, sandboxUp } from '../../../src/sandbox/sandbox.ts';
import type { SandboxCredentials, SandboxInfo } from '../../../src/sandbox/sandbox.ts';
import { NODE_ADMIN_PATH } from '../../../src/sandbox/types.ts';
import { callbackJson, TestClient } from './ox-client.ts';
import { eventValidator, validator } from './spec-schemas.ts';

const NAME = 'oxnode-test';
const FIXTURES = new URL('../../../fixtures/migration/', import.meta.url);

let info: SandboxInfo;
let credentials: SandboxCredentials;
let anna: Account;
let ben: Account;
let clara: Account;

beforeAll(async () => {
  info = await sandboxUp({ name: NAME, nodes: 2 });
  credentials = await readCredentials(info);
  const { accounts } = await loadAccounts(info.accountsFile, { strict: true });
  [anna, ben, clara] = accounts as [Account, Account, Account];
}, 180_000);

afterAll(async () => {
  if (info) await sandboxDown(NAME);
});

function node(index: number): string {
  return info.nodes[index]!.url;
}

async function loggedIn(account: Account, base = node(0)): Promise<TestClient> {
  const client = new TestClient(base);
  const res = await client.login(account.login, account.password!);
  expect(res.json).toHaveProperty('session');
  return client;
}

function imapClient(user: string, pass: string): ImapFlow {
  return new ImapFlow({ host: '127.0.0.1', port: info.imap.port, secure: false, auth: { user, pass }, logger: false, tls: { ca: readFileSync(info.caFile) } });
}

async function setFault(url: string, spec: unknown): Promise<number> {
  const res = await fetch(`${url}${NODE_ADMIN_PATH}`, {
    method: spec === null ? 'DELETE' : 'POST',
    headers: { 'x-signoff-admin-token': credentials.adminToken, 'content-type': 'application/json' },
    ...(spec === null ? {} : { body: JSON.stringify(spec) }),
  });
  return res.status;
}

describe('login and cookies', () => {
  it('logs in with a form POST and answers the session at top level with route-suffixed JSESSIONID', async () => {
    const client = new TestClient(info.balancerUrl);
    const res = await client.login(anna.login, anna.password!);
    const body = res.json as Record<string, unknown>;
    expect(body).toMatchObject({ user: anna.login, context_id: anna.contextid, locale: expect.any(String) });
    expect(body.session).toMatch(/^[0-9a-f]{32}$/);
    expect(validator('login')(body)).toBe(true);
    const names = [...client.cookies.keys()];
    expect(names.some((n) => /^open-xchange-secret-[0-9a-f]{32}$/.test(n))).toBe(true);
    expect(names.some((n) => /^open-xchange-public-session-[0-9a-f]{32}$/.test(n))).toBe(true);
    expect(names.some((n) => /^open-xchange-session-[0-9a-f]{32}$/.test(n))).toBe(true);
    expect(client.cookies.get('JSESSIONID')).toMatch(/^\d+\.OX[12]$/);
    const lines = res.headers.getSetCookie();
    expect(lines.every((l) => l.includes('Path=/') && l.includes('HttpOnly') && !l.includes('Expires'))).toBe(true);
  });

  it('sets Expires on the cookies only with staySignedIn=true', async () => {
    const client = new TestClient(node(0));
    const res = await client.login(anna.login, anna.password!, 'client=open-xchange-appsuite&staySignedIn=true');
    expect(res.headers.getSetCookie().filter((l) => l.startsWith('open-xchange-')).every((l) => l.includes('Expires='))).toBe(true);
  });

  it('refuses a wrong password, an unknown user and a wrong context with LGI-0006', async () => {
    for (const name of [anna.login, `nobody@${anna.contextid}`, `${anna.username}@999`]) {
      const res = await new TestClient(node(0)).login(name, name === anna.login ? 'wrong' : anna.password!);
      expect(res.json).toMatchObject({ code: 'LGI-0006', error: 'The user name or password is incorrect.' });
      expect(validator('common')(res.json)).toBe(true);
    }
  });

  it('refuses a password in the URL query with SVL-0030', async () => {
    const client = new TestClient(node(0));
    const res = await client.request('POST', `/ajax/login?action=login&password=${encodeURIComponent(anna.password!)}`, {
      body: new URLSearchParams({ name: anna.login, password: anna.password! }).toString(),
      contentType: 'application/x-www-form-urlencoded',
    });
    expect(res.json).toMatchObject({ code: 'SVL-0030', error_params: ['password'] });
    expect(res.json).not.toHaveProperty('session');
  });

  it('finds the session again by autologin once it is switched on, and clears every cookie on logout', async () => {
    const client = await loggedIn(anna);
    expect(await setFault(node(0), { kind: 'autologin', enabled: true })).toBe(200);
    try {
      const auto = await client.request('GET', '/ajax/login?action=autologin&client=open-xchange-appsuite', { withSession: false });
      expect((auto.json as { session: string }).session).toBe(client.session);
    } finally {
      await setFault(node(0), null);
    }
    const out = await client.get('/ajax/login?action=logout');
    expect(out.status).toBe(200);
    expect(out.text).toBe('');
    expect(out.headers.getSetCookie().length).toBeGreaterThanOrEqual(4);
    expect(client.cookies.size).toBe(0);
  });
});

describe('session errors', () => {
  it('answers SES-0201 without session, SES-0203 for an unknown one and SES-0206 without the secret cookie', async () => {
    const client = await loggedIn(anna);
    const missing = await client.request('GET', '/ajax/config/identifier', { withSession: false });
    expect(missing.json).toMatchObject({ code: 'SES-0201' });
    const unknown = await client.request('GET', '/ajax/config/identifier?session=0123456789abcdef0123456789abcdef', { withSession: false });
    expect(unknown.status).toBe(200);
    expect(unknown.json).toMatchObject({ code: 'SES-0203', categories: 'TRY_AGAIN', category: 4, error_params: ['0123456789abcdef0123456789abcdef'] });
    expect(validator('common')(unknown.json)).toBe(true);
    for (const name of [...client.cookies.keys()]) if (name.startsWith('open-xchange-secret-')) client.cookies.delete(name);
    const noSecret = await client.get('/ajax/config/identifier');
    expect(noSecret.json).toMatchObject({ code: 'SES-0206' });
  });

  it('answers SES-0203 when a valid session is sent to the other node', async () => {
    const client = await loggedIn(anna, node(0));
    expect((await client.get('/ajax/config/context_id')).json).toEqual({ data: anna.contextid });
    const other = new TestClient(node(1));
    other.session = client.session;
    for (const [k, v] of client.cookies) other.cookies.set(k, v);
    expect((await other.get('/ajax/config/context_id')).json).toMatchObject({ code: 'SES-0203', error_params: [client.session] });
  });
});

describe('API modules', () => {
  it('answers config, folders, quota and multiple like OX', async () => {
    const client = await loggedIn(anna);
    expect((await client.get('/ajax/config/mail/defaultaddress')).json).toEqual({ data: anna.email });
    const folders = (await client.get('/ajax/folders?action=list&parent=default0&tree=0&columns=1,20,300,301,316')).json as { data: unknown[][] };
    expect(folders.data).toContainEqual(['default0/INBOX', 'default0', 'Inbox', 'mail', 7]);
    expect(folders.data.map((f) => f[4])).toEqual(expect.arrayContaining([7, 9, 10, 11, 12]));
    const quota = (await client.get('/ajax/quota?action=get&module=mail')).json as { data: { accounts: { quota?: number; use: number }[] } };
    expect(quota.data.accounts[0]!.quota).toBeGreaterThan(0);
    const multiple = await client.put('/ajax/multiple', [
      { module: 'config', action: '', data: undefined },
      { module: 'mail', action: 'all', folder: 'default0/INBOX', columns: '600,607' },
      { module: 'nosuch', action: 'x' },
      { module: 'mail', action: 'all', folder: 'default0/INBOX', columns: '600' },
    ]);
    const batch = multiple.json as unknown[];
    expect(Array.isArray(batch)).toBe(true);
    expect(batch).toHaveLength(4); // every item answered, as MW Multiple.java
    expect(batch[2]).toMatchObject({ code: 'SVL-0007' });
    expect(batch[3]).toHaveProperty('data');
  });
});

describe('mail', () => {
  it('delivers a mail sent by A to B\'s INBOX and keeps a copy in A\'s Sent', async () => {
    const client = await loggedIn(anna, info.balancerUrl);
    const subject = `signoff test ${Date.now()}`;
    const form = new FormData();
    form.set('json_0', JSON.stringify({ from: anna.email, to: ben.email, subject, attachments: [{ content_type: 'text/plain', content: 'Hello Ben' }] }));
    form.set('file_0', new Blob(['attached text'], { type: 'text/plain' }), 'note.txt');
    const res = await client.upload('/ajax/mail?action=new', form);
    expect(res.headers.get('content-type')).toMatch(/text\/html/);
    expect(res.text).toContain('callback_new');
    expect(callbackJson(res.text)).toHaveProperty('data');

    const imap = imapClient(ben.email, ben.password!);
    await imap.connect();
    try {
      const lock = await imap.getMailboxLock('INBOX');
      try {
        const found = await imap.search({ subject }, { uid: true });
        expect(found).not.toBe(false);
        expect((found as number[]).length).toBe(1);
      } finally {
        lock.release();
      }
    } finally {
      await imap.logout();
    }
    const sent = (await client.get('/ajax/mail?action=all&folder=default0/Sent&columns=600,607,602&sort=610&order=desc')).json as { data: unknown[][] };
    expect(sent.data.some((row) => row[1] === subject && row[2] === true)).toBe(true);
    const benClient = await loggedIn(ben);
    const inbox = (await benClient.get('/ajax/mail?action=all&folder=default0/INBOX&columns=600,601,607,610&sort=610&order=desc&limit=5')).json as { data: unknown[][] };
    const row = inbox.data.find((r) => r[2] === subject)!;
    expect(row[1]).toBe('default0/INBOX');
    const mail = (await benClient.get(`/ajax/mail?action=get&folder=default0/INBOX&id=${String(row[0])}&view=text`)).json as { data: { attachments: { content: string | null; filename?: string }[] } };
    expect(mail.data.attachments[0]!.content).toContain('Hello Ben');
    expect(mail.data.attachments.some((a) => a.filename === 'note.txt')).toBe(true);
  });

  it('lists mail delivered by another node in an INBOX this node has open already', async () => {
    const benClient = await loggedIn(ben, node(0));
    const list = async () => ((await benClient.get('/ajax/mail?action=all&folder=default0/INBOX&columns=600,607&sort=610&order=desc&limit=50')).json as { data: unknown[][] }).data;
    await list(); // opens (selects) Ben's INBOX on this node's IMAP connection
    const subject = `delivered elsewhere ${Date.now()}`;
    const sender = await loggedIn(anna, node(1));
    const form = new FormData();
    form.set('json_0', JSON.stringify({ from: anna.email, to: ben.email, subject, attachments: [{ content_type: 'text/plain', content: 'via OX2' }] }));
    await sender.upload('/ajax/mail?action=new', form);
    await expect.poll(async () => (await list()).some((row) => row[1] === subject), { timeout: 15_000, interval: 250 }).toBe(true);
  });
});

describe('password change', () => {
  it('makes the new password work for LDAP, IMAP and OX login and the old one fail', async () => {
    const client = await loggedIn(ben);
    const oldPw = ben.password!;
    const newPw = `${oldPw}-changed`;
    const dn = `uid=${ben.username},ou=ctx${ben.contextid},${info.ldap.peopleDn}`;
    expect((await client.put('/ajax/passwordchange?action=update', { old_password: oldPw, new_password: newPw })).json).toEqual({ data: {} });
    try {
      const ldap = new Client({ url: info.ldap.url });
      await ldap.bind(dn, newPw);
      await ldap.unbind();
      await expect(new Client({ url: info.ldap.url }).bind(dn, oldPw)).rejects.toThrow();
      const imapNew = imapClient(ben.email, newPw);
      await imapNew.connect();
      await imapNew.logout();
      await expect(imapClient(ben.email, oldPw).connect()).rejects.toThrow();
      expect((await new TestClient(node(1)).login(ben.login, newPw)).json).toHaveProperty('session');
      expect((await new TestClient(node(1)).login(ben.login, oldPw)).json).toMatchObject({ code: 'LGI-0006' });
    } finally {
      const back = await client.put('/ajax/passwordchange?action=update', { old_password: newPw, new_password: oldPw });
      expect(back.json).toEqual({ data: {} });
    }
  });
});

describe('migration round trip', () => {
  it('keeps vCard 3.0 and 4.0 data through import and export', async () => {
    const client = await loggedIn(anna);
    const folder = String(((await client.get('/ajax/config/folder/contacts')).json as { data: number }).data);
    for (const file of ['contacts-vcard30.vcf', 'contacts-vcard40.vcf']) {
      const form = new FormData();
      form.set('file', new Blob([readFileSync(new URL(file, FIXTURES))], { type: 'text/vcard' }), file);
      const res = await client.upload(`/ajax/import?action=VCARD&folder=${folder}`, form);
      expect(res.text).toContain('callback_import');
      expect((callbackJson(res.text) as { data: unknown[] }).data.length).toBeGreaterThan(0);
    }
    const exported = (await client.get(`/ajax/export?action=VCARD&folder=${folder}`)).text;
    for (const expected of ['martina.meyer@globex.example.test', 'Meyer;Martina', 'Globex GmbH', '+49 170 7654321', 'chidi@home.example.test', 'Åsa Lindqvist', 'asa.lindqvist@example.test', '+46-70-123-4567']) {
      expect(exported).toContain(expected);
    }
    const all = (await client.get(`/ajax/contacts?action=all&folder=${folder}&columns=1,500,555&sort=502&order=asc`)).json as { data: unknown[][] };
    expect(all.data.map((r) => r[2])).toEqual(expect.arrayContaining(['martina.meyer@globex.example.test', 'asa.lindqvist@example.test']));
  });

  it('keeps all-day, recurring (with exception and EXDATE) and time-zoned events through iCal import and export', async () => {
    const client = await loggedIn(anna);
    const folder = `cal://0/${String(((await client.get('/ajax/config/folder/calendar')).json as { data: number }).data)}`;
    const form = new FormData();
    form.set('file', new Blob([readFileSync(new URL('events.ics', FIXTURES))], { type: 'text/calendar' }), 'events.ics');
    const res = await client.upload(`/ajax/import?action=ICAL&folder=${encodeURIComponent(folder)}`, form);
    expect((callbackJson(res.text) as { data: unknown[] }).data).toHaveLength(4);
    const range = 'rangeStart=20250501T000000Z&rangeEnd=20250601T000000Z';
    const expanded = (await client.get(`/ajax/chronos?action=all&folder=${encodeURIComponent(folder)}&${range}&expand=true`)).json as { data: Record<string, unknown>[] };
    const weekly = expanded.data.filter((e) => e.uid === 'migr-event-weekly-0002');
    // 4 weekly occurrences, one deleted (EXDATE), one moved (the exception counts once).
    expect(weekly).toHaveLength(3);
    expect(weekly.map((e) => (e.startDate as { value: string }).value)).toEqual(['20250506T100000', '20250513T140000', '20250527T100000']);
    {
      const validate = eventValidator();
      for (const e of expanded.data) expect(validate(e)).toBe(true);
    }
    const ics = (await client.get(`/ajax/export?action=ICAL&folder=${encodeURIComponent(folder)}`)).text;
    for (const expected of ['DTSTART;VALUE=DATE:20250505', 'RRULE:FREQ=WEEKLY;COUNT=4', 'EXDATE;TZID=Europe/Berlin:20250520T100000', 'RECURRENCE-ID;TZID=Europe/Berlin:20250513T100000', 'BEGIN:VTIMEZONE', 'DTSTART:20250507T130000Z', 'SUMMARY:Weekly sync (moved)', 'LOCATION:Room 4.01']) {
      expect(ics).toContain(expected);
    }
  });
});

/** A vCard 2.1 the way older Outlook/phones write it: bare types, QP with CHARSET and soft breaks, a BASE64 photo. */
const PHOTO_PNG = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==';
const VCARD21 = [
  'BEGIN:VCARD',
  'VERSION:2.1',
  'N;CHARSET=ISO-8859-1;ENCODING=QUOTED-PRINTABLE:Gr=FCn;J=FCrgen;;Dr.;',
  'FN;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:Dr. J=C3=BCrgen Gr=C3=BCn',
  'ORG:Rhein Logistik GmbH;Dispatch',
  'TITLE:Head of Dispatch',
  'TEL;WORK;VOICE:+49 221 555 0100',
  'TEL;HOME;VOICE:+49 221 555 0200',
  'TEL;CELL:+49 171 555 0101',
  'TEL;WORK;FAX:+49 221 555 0199',
  'EMAIL;INTERNET;PREF:juergen.gruen@rhein.example.test',
  'EMAIL;INTERNET;HOME:j.gruen@home.example.test',
  'EMAIL;INTERNET:jg@other.example.test',
  'ADR;WORK;PREF:;;Domkloster 4;Köln;NRW;50667;Germany',
  'ADR;HOME;ENCODING=QUOTED-PRINTABLE;CHARSET=UTF-8:;;Stra=C3=9Fe 1;Bonn;;53111;Germany',
  'ADR;POSTAL:;;Postfach 12;Aachen;;52062;Germany',
  'NOTE;ENCODING=QUOTED-PRINTABLE;CHARSET=UTF-8:Customer since 2009, key account=0D=0A=',
  'Prefers calls before noon',
  'BDAY:19750130',
  'PHOTO;ENCODING=BASE64;TYPE=PNG:',
  `  ${PHOTO_PNG.slice(0, 40)}`,
  `  ${PHOTO_PNG.slice(40)}`,
  '',
  'UID:node-test-21-0001',
  'END:VCARD',
  '',
].join('\r\n');

type Card = InstanceType<typeof ICAL.Component>;
const values = (card: Card, name: string): string[] => card.getAllProperties(name).map((p) => String(p.getFirstValue()));

describe('migration round trip of older and richer files', () => {
  it('imports a vCard 2.1 and exports every field: names, 3 e-mails, typed phones, 3 addresses, birthday, organisation, note, photo', async () => {
    const client = await loggedIn(clara);
    const folder = String(((await client.get('/ajax/config/folder/contacts')).json as { data: number }).data);
    const form = new FormData();
    form.set('file', new Blob([VCARD21], { type: 'text/x-vcard' }), 'outlook21.vcf');
    const res = await client.upload(`/ajax/import?action=VCARD&folder=${folder}`, form);
    const imported = (callbackJson(res.text) as { data: { id: string }[] }).data;
    expect(imported).toHaveLength(1);
    const text = (await client.get(`/ajax/export?action=VCARD&ids=${folder}.${imported[0]!.id}`)).text;
    const card = new ICAL.Component(ICAL.parse(text) as ConstructorParameters<typeof ICAL.Component>[0]);
    expect(card.getFirstPropertyValue('version')).toBe('3.0');
    expect(card.getFirstPropertyValue('n')).toEqual(['Grün', 'Jürgen', '', 'Dr.', '']);
    expect(card.getFirstPropertyValue('fn')).toBe('Dr. Jürgen Grün');
    expect(values(card, 'email').sort()).toEqual(['jg@other.example.test', 'j.gruen@home.example.test', 'juergen.gruen@rhein.example.test'].sort());
    const tel = Object.fromEntries(card.getAllProperties('tel').map((p) => [String(p.getParameter('type')), String(p.getFirstValue())]));
    expect(tel).toMatchObject({ 'WORK,VOICE': '+49 221 555 0100', 'HOME,VOICE': '+49 221 555 0200', CELL: '+49 171 555 0101', 'WORK,FAX': '+49 221 555 0199' });
    const adr = card.getAllProperties('adr').map((p) => [String(p.getParameter('type') ?? ''), (p.getFirstValue() as string[]).slice(2).join('|')]);
    expect(adr).toEqual([
      ['WORK', 'Domkloster 4|Köln|NRW|50667|Germany'],
      ['HOME', 'Straße 1|Bonn||53111|Germany'],
      ['', 'Postfach 12|Aachen||52062|Germany'],
    ]);
    expect(String(card.getFirstPropertyValue('bday'))).toMatch(/^1975-?01-?30/);
    expect(card.getFirstPropertyValue('org')).toEqual(['Rhein Logistik GmbH', 'Dispatch']);
    expect(card.getFirstPropertyValue('title')).toBe('Head of Dispatch');
    expect(card.getFirstPropertyValue('note')).toBe('Customer since 2009, key account\nPrefers calls before noon');
    const photo = card.getFirstProperty('photo')!;
    expect(photo.getParameter('type')).toBe('PNG');
    expect(String(photo.getFirstValue()).replace(/\s+/g, '')).toBe(PHOTO_PNG);
    const row = (await client.get(`/ajax/contacts?action=get&folder=${folder}&id=${imported[0]!.id}`)).json as { data: Record<string, unknown> };
    expect(row.data).toMatchObject({ city_business: 'Köln', city_home: 'Bonn', city_other: 'Aachen', image1_content_type: 'image/png', position: 'Head of Dispatch' });
  });

  it('imports the vCard 2.1 migration fixture instead of refusing it', async () => {
    const client = await loggedIn(clara);
    const folder = String(((await client.get('/ajax/config/folder/contacts')).json as { data: number }).data);
    const form = new FormData();
    form.set('file', new Blob([readFileSync(new URL('contacts-vcard21.vcf', FIXTURES))], { type: 'text/x-vcard' }), 'contacts-vcard21.vcf');
    const res = await client.upload(`/ajax/import?action=VCARD&folder=${folder}`, form);
    expect(res.text).not.toContain('IMP-0001');
    const exported = (await client.get(`/ajax/export?action=VCARD&folder=${folder}`)).text;
    for (const expected of ['N:Müller;Hans', 'Domkloster 4;Köln', 'NOTE:Customer since 2009\\nKey account', 'TEL;TYPE=CELL:+49 171 555 0101']) expect(exported).toContain(expected);
  });

  it('keeps organizer, attendees (CN, PARTSTAT, ROLE) and alarms through iCal import and export', async () => {
    const client = await loggedIn(clara);
    const folder = `cal://0/${String(((await client.get('/ajax/config/folder/calendar')).json as { data: number }).data)}`;
    const ics = readFileSync(new URL('events-meetings.ics', FIXTURES), 'utf8').replace(
      'ATTENDEE;CN=Clara Conrad;PARTSTAT=TENTATIVE:',
      'ATTENDEE;CN=Clara Conrad;ROLE=OPT-PARTICIPANT;PARTSTAT=TENTATIVE:',
    ).replace('END:VALARM\r\n', 'END:VALARM\r\nBEGIN:VALARM\r\nACTION:DISPLAY\r\nDESCRIPTION:Starts soon\r\nTRIGGER;RELATED=END:-PT5M\r\nEND:VALARM\r\n');
    const form = new FormData();
    form.set('file', new Blob([ics], { type: 'text/calendar' }), 'meetings.ics');
    const res = await client.upload(`/ajax/import?action=ICAL&folder=${encodeURIComponent(folder)}`, form);
    const [imported] = (callbackJson(res.text) as { data: { id: string }[] }).data;
    const event = ((await client.get(`/ajax/chronos?action=get&folder=${encodeURIComponent(folder)}&id=${imported!.id}`)).json as { data: Record<string, unknown> }).data;
    expect(event.organizer).toMatchObject({ uri: 'mailto:anna.adler@acme.example.test', email: 'anna.adler@acme.example.test', cn: 'Anna Adler' });
    expect(event.attendees).toEqual(expect.arrayContaining([expect.objectContaining({ cn: 'Ben Becker', partStat: 'ACCEPTED' }), expect.objectContaining({ cn: 'Clara Conrad', partStat: 'TENTATIVE', role: 'OPT-PARTICIPANT' })]));
    const exported = (await client.get(`/ajax/export?action=ICAL&folder=${encodeURIComponent(folder)}&id=${imported!.id}`)).text;
    const vevent = new ICAL.Component(ICAL.parse(exported) as ConstructorParameters<typeof ICAL.Component>[0]).getFirstSubcomponent('vevent')!;
    const organizer = vevent.getFirstProperty('organizer')!;
    expect([organizer.getFirstValue(), organizer.getParameter('cn')]).toEqual(['mailto:anna.adler@acme.example.test', 'Anna Adler']);
    const attendees = vevent.getAllProperties('attendee').map((p) => [p.getFirstValue(), p.getParameter('cn'), p.getParameter('partstat'), p.getParameter('role') ?? null]);
    expect(attendees).toEqual([
      ['mailto:ben.becker@acme.example.test', 'Ben Becker', 'ACCEPTED', null],
      ['mailto:clara.conrad@acme.example.test', 'Clara Conrad', 'TENTATIVE', 'OPT-PARTICIPANT'],
    ]);
    const alarms = vevent.getAllSubcomponents('valarm').map((a) => [a.getFirstPropertyValue('action'), String(a.getFirstPropertyValue('trigger')), a.getFirstProperty('trigger')!.getParameter('related') ?? null, a.getFirstPropertyValue('description')]);
    expect(alarms).toEqual([
      ['DISPLAY', '-PT15M', null, 'Reminder'],
      ['DISPLAY', '-PT5M', 'END', 'Starts soon'],
    ]);
  });
});

describe('faults', () => {
  it('refuses the admin endpoint without the token', async () => {
    const res = await fetch(`${node(0)}${NODE_ADMIN_PATH}`, { method: 'POST', body: '{"kind":"login-broken"}' });
    expect(res.status).toBe(403);
  });

  it('shows injected latency, errors and broken login through the API', async () => {
    const client = await loggedIn(anna, node(1));
    try {
      expect(await setFault(node(1), { kind: 'latency', ms: 300, module: 'config' })).toBe(200);
      const t0 = performance.now();
      await client.get('/ajax/config/context_id');
      expect(performance.now() - t0).toBeGreaterThanOrEqual(290);

      expect(await setFault(node(1), { kind: 'errors', rate: 1, as: 'http503' })).toBe(200);
      expect((await client.get('/ajax/config/context_id')).status).toBe(503);
      expect(await setFault(node(1), { kind: 'errors', rate: 1, as: 'envelope', module: 'config' })).toBe(200);
      const envelope = await client.get('/ajax/config/context_id');
      expect(envelope.status).toBe(200);
      expect(envelope.json).toHaveProperty('code');

      expect(await setFault(node(1), null)).toBe(200);
      expect(await setFault(node(1), { kind: 'login-broken' })).toBe(200);
      expect((await new TestClient(node(1)).login(anna.login, anna.password!)).json).toHaveProperty('code');
      expect((await new TestClient(node(0)).login(anna.login, anna.password!)).json).toHaveProperty('session');
    } finally {
      await setFault(node(1), null);
    }
    expect((await client.get('/ajax/config/context_id')).json).toEqual({ data: anna.contextid });
  });
});

describe('health and metrics', () => {
  it('reports UP with ldap and imap checks and exports request metrics', async () => {
    const health = await fetch(`${node(0)}/health`);
    expect(health.status).toBe(200);
    const body = (await health.json()) as { status: string; checks: { name: string; status: string }[]; service: object };
    expect(body.status).toBe('UP');
    expect(body.checks.map((c) => c.name).sort()).toEqual(['imap', 'ldap']);
    const metrics = await (await fetch(`${node(0)}/metrics`)).text();
    expect(metrics).toContain('appsuite_httpapi_requests_seconds_bucket{');
    expect(metrics).toMatch(/appsuite_sessions_active_total\{[^}]*client="all"[^}]*\} \d+/);
    expect(metrics).toContain('process_cpu_user_seconds_total');
  });
});
