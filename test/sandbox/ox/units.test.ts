/** Pure parts of the stand-in node: envelopes, cookies, sessions, login split, faults, mail columns, vCard/iCal. */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { cookieHashes, jsessionId, parseCookies, setCookie } from '../../../src/sandbox/ox/cookies.ts';
import { callbackPage, errorEnvelope, formatMessage, OxError } from '../../../src/sandbox/ox/envelope.ts';
import { FaultState, parseFaultSpec } from '../../../src/sandbox/ox/faults.ts';
import { formatIcal, occurrences, parseIcal } from '../../../src/sandbox/ox/ical.ts';
import { escapeDnValue, splitLogin, userDn } from '../../../src/sandbox/ox/backends/ldap.ts';
import { bitsToFlags, flagsToBits, parseAddressList, sortRows } from '../../../src/sandbox/ox/modules/mail-format.ts';
import type { MessageRow } from '../../../src/sandbox/ox/backends/imap.ts';
import { SessionTable } from '../../../src/sandbox/ox/sessions.ts';
import type { OxUser } from '../../../src/sandbox/ox/sessions.ts';
import { offsetMs, zonedToUtc } from '../../../src/sandbox/ox/timezone.ts';
import { formatVcards, parseVcards } from '../../../src/sandbox/ox/vcard.ts';
import { liftVcard21 } from '../../../src/sandbox/ox/vcard21.ts';
import { callbackJson } from './ox-client.ts';

const FIXTURES = new URL('../../../fixtures/migration/', import.meta.url);

describe('envelope', () => {
  it('fills numbered and plain placeholders', () => {
    expect(formatMessage('Your session %s expired.', ['abc'])).toBe('Your session abc expired.');
    expect(formatMessage('Context %1$d (%2$s)', ['5', 'ctx'])).toBe('Context 5 (ctx)');
  });

  it('builds the SES-0203 envelope with TRY_AGAIN = 4 and the session id as parameter', () => {
    const e = errorEnvelope(new OxError('SES-0203', ['s1']));
    expect(e).toMatchObject({ code: 'SES-0203', categories: 'TRY_AGAIN', category: 4, error_params: ['s1'], error: 'Your session s1 expired. Please start a new browser session.' });
    expect(e.error_id).toMatch(/^-\d+-\d+$/);
  });

  it('wraps the JSON in a callback page a client can read back with the documented regex', () => {
    const page = callbackPage('import', { data: [{ id: '1', note: '</script>' }] });
    expect(page).toContain('parent["callback_import"]');
    expect(callbackJson(page)).toEqual({ data: [{ id: '1', note: '</script>' }] });
  });
});

describe('cookies and sessions', () => {
  it('derives stable, different 32-hex cookie hashes from User-Agent and client', () => {
    const a = cookieHashes('UA', 'open-xchange-appsuite', 'salt');
    expect(a).toEqual(cookieHashes('UA', 'open-xchange-appsuite', 'salt'));
    expect(a.hashA).toMatch(/^[0-9a-f]{32}$/);
    expect(a.hashA).not.toBe(a.hashB);
    expect(cookieHashes('other UA', 'open-xchange-appsuite', 'salt').hashA).not.toBe(a.hashA);
  });

  it('formats JSESSIONID with the route and Set-Cookie with Path and HttpOnly', () => {
    expect(jsessionId('OX2')).toMatch(/^\d+\.OX2$/);
    expect(setCookie('n', 'v', { secure: false })).toBe('n=v; Path=/; HttpOnly');
    expect(setCookie('n', 'v', { secure: true, expires: new Date(0) })).toBe('n=v; Expires=Thu, 01 Jan 1970 00:00:00 GMT; Path=/; Secure; HttpOnly');
    expect(parseCookies('a=1; b=2=3; a=9')).toEqual(new Map([['a', '1'], ['b', '2=3']]));
  });

  it('forgets a session idle longer than the idle time', () => {
    let now = 0;
    const table = new SessionTable(1_000, () => now);
    const s = table.create({ user: {} as OxUser, password: 'p', client: 'c', userAgent: 'u', hashA: 'a', hashB: 'b', jsessionId: '1.OX1', staySignedIn: false, clientIp: '127.0.0.1' });
    now = 999;
    expect(table.get(s.id)).toBe(s);
    now = 2_000;
    expect(table.get(s.id)).toBeUndefined();
  });
});

describe('LDAP login split', () => {
  it('splits at the last @ into user and context and builds the per-context DN', () => {
    expect(splitLogin('first.last@mail@7')).toEqual({ user: 'first.last@mail', contextId: 7 });
    expect(splitLogin('anna')).toEqual({ user: 'anna', contextId: 1 });
    expect(splitLogin('anna@acme')).toBeUndefined();
    expect(userDn({ user: 'a,b', contextId: 3 }, 'ou=people,dc=x')).toBe('uid=a\\,b,ou=ctx3,ou=people,dc=x');
    expect(escapeDnValue(' x')).toBe('\\ x');
  });
});

describe('faults', () => {
  it('validates specs and applies them per module and action', () => {
    expect(parseFaultSpec({ kind: 'errors', rate: 2, as: 'http503' })).toMatch(/rate/);
    const state = new FaultState(() => 0.5);
    state.apply(parseFaultSpec({ kind: 'latency', ms: 20, module: 'mail' }) as never);
    state.apply(parseFaultSpec({ kind: 'errors', rate: 0.6, as: 'envelope' }) as never);
    expect(state.latencyFor('mail', 'all')).toBe(20);
    expect(state.latencyFor('config', '')).toBe(0);
    expect(state.errorFor('mail', 'all').kind).toBe('envelope');
    state.clear();
    expect(state.list()).toEqual([]);
  });
});

describe('mail columns', () => {
  const row = (uid: number, subject: string, receivedMs: number): MessageRow => ({
    uid, flags: new Set(['\\Seen']), size: 1, receivedMs, sentMs: receivedMs, from: [], to: [], cc: [], bcc: [], subject,
    hasAttachment: false, contentType: 'text/plain', priority: 3, dispositionNotificationTo: '', messageId: '',
  });

  it('maps flag bits both ways and sorts by the requested column', () => {
    expect(flagsToBits(new Set(['\\Seen', '\\Flagged', '$Forwarded']))).toBe(32 + 8 + 256);
    expect(bitsToFlags(33)).toEqual(['\\Answered', '\\Seen']);
    const rows = [row(1, 'b', 10), row(2, 'a', 30), row(3, 'c', 20)];
    expect(sortRows(rows, null, null).map((r) => r.uid)).toEqual([2, 3, 1]);
    expect(sortRows(rows, '607', 'asc').map((r) => r.uid)).toEqual([2, 1, 3]);
  });

  it('accepts addresses as a string list or as pairs', () => {
    expect(parseAddressList('"Ann A" <a@x>, b@y')).toEqual([{ name: 'Ann A', address: 'a@x' }, { name: '', address: 'b@y' }]);
    expect(parseAddressList([['Ben', 'b@y']])).toEqual([{ name: 'Ben', address: 'b@y' }]);
  });
});

describe('time zones', () => {
  it('converts Berlin wall-clock time to UTC across summer and winter time', () => {
    expect(new Date(zonedToUtc({ year: 2025, month: 5, day: 6, hour: 10, minute: 0, second: 0 }, 'Europe/Berlin')).toISOString()).toBe('2025-05-06T08:00:00.000Z');
    expect(offsetMs('Europe/Berlin', Date.UTC(2025, 0, 1))).toBe(3_600_000);
  });
});

describe('vCard and iCal', () => {
  it('reads vCard 3.0 and 4.0 and writes the same data back', () => {
    const contacts = [
      ...parseVcards(readFileSync(new URL('contacts-vcard30.vcf', FIXTURES), 'utf8')),
      ...parseVcards(readFileSync(new URL('contacts-vcard40.vcf', FIXTURES), 'utf8')),
    ];
    expect(contacts).toHaveLength(3);
    expect(contacts[0]).toMatchObject({ last_name: 'Meyer', first_name: 'Martina', company: 'Globex GmbH', department: 'Purchasing', cellular_telephone1: '+49 170 7654321' });
    expect(contacts[2]).toMatchObject({ display_name: 'Åsa Lindqvist', email1: 'asa.lindqvist@example.test', cellular_telephone1: '+46-70-123-4567' });
    expect(parseVcards(formatVcards(contacts))).toEqual(contacts);
  });

  it('lifts vCard 2.1 syntax to 3.0 and leaves 3.0 cards alone', () => {
    const v21 = 'BEGIN:VCARD\r\nVERSION:2.1\r\nitem1.TEL;HOME;VOICE:+1\r\nNOTE;QUOTED-PRINTABLE;CHARSET=windows-1252:a=E4, b=\r\n c\r\nPHOTO;VALUE=URL:http://x.test/p.jpg\r\nEND:VCARD';
    expect(liftVcard21(v21).split('\r\n')).toEqual(['BEGIN:VCARD', 'VERSION:3.0', 'item1.TEL;TYPE=HOME,VOICE:+1', 'NOTE:aä\\, b c', 'PHOTO;VALUE=uri:http://x.test/p.jpg', 'END:VCARD']);
    const v30 = readFileSync(new URL('contacts-vcard30.vcf', FIXTURES), 'utf8');
    expect(liftVcard21(v30)).toBe(v30);
  });

  it('fills OX\'s slots from a card with more than they hold: 3 addresses and 3 e-mails, extra phones in the second and other slots', () => {
    const card = ['BEGIN:VCARD', 'VERSION:3.0', 'FN:X',
      ...['a', 'b', 'c', 'd'].map((x) => `EMAIL:${x}@x.test`),
      'ADR;TYPE=WORK:;;W1;;;;', 'ADR;TYPE=WORK:;;W2;;;;', 'ADR;TYPE=HOME:;;H1;;;;', 'ADR:;;O1;;;;',
      'TEL;TYPE=CELL:1', 'TEL;TYPE=CELL:2', 'TEL;TYPE=CELL:3', 'END:VCARD', ''].join('\r\n');
    const [c] = parseVcards(card);
    expect(c).toMatchObject({ email1: 'a@x.test', email3: 'c@x.test', street_business: 'W1', street_other: 'W2', street_home: 'H1', cellular_telephone1: '1', cellular_telephone2: '2', telephone_other: '3' });
    expect(c!.email4).toBeUndefined();
  });

  it('reads organizer, attendees and alarms and writes them back', () => {
    const { events } = parseIcal(readFileSync(new URL('events-meetings.ics', FIXTURES), 'utf8'));
    expect(events[0]).toMatchObject({
      organizer: { email: 'anna.adler@acme.example.test', cn: 'Anna Adler' },
      attendees: [{ cn: 'Ben Becker', partStat: 'ACCEPTED' }, { cn: 'Clara Conrad', partStat: 'TENTATIVE' }],
      alarms: [{ action: 'DISPLAY', trigger: { duration: '-PT15M' }, description: 'Reminder' }],
    });
    expect(parseIcal(formatIcal(events, () => undefined)).events).toEqual(events);
  });

  it('expands a weekly series without its deleted and overridden dates, and writes it back', () => {
    const { events, timezones } = parseIcal(readFileSync(new URL('events.ics', FIXTURES), 'utf8'));
    expect(events).toHaveLength(4);
    expect(timezones.has('Europe/Berlin')).toBe(true);
    const series = events.find((e) => e.rrule)!;
    series.changeExceptionDates = ['20250513T100000'];
    const occ = occurrences(series, Date.UTC(2025, 4, 1), Date.UTC(2025, 5, 1));
    expect(occ.map((o) => o.recurrenceId)).toEqual(['20250506T100000', '20250527T100000']);
    expect(occ[0]!.startMs).toBe(Date.UTC(2025, 4, 6, 8));
    const again = parseIcal(formatIcal(events, (tz) => timezones.get(tz)));
    expect(again.events.map((e) => [e.uid, e.startDate, e.recurrenceId])).toEqual(events.map((e) => [e.uid, e.startDate, e.recurrenceId]));
  });
});
