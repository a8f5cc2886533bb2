/**
 * The stand-in's modules against what the real App Suite UI sends (one
 * sandbox node): chronos composite folder ids, folders allVisible / tree 1,
 * composition spaces, threadedAll, html mail views, Drive lists and
 * deletes, contacts, downloads that fail.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadAccounts } from '../../../../src/config/accounts.ts';
import type { Account } from '../../../../src/config/accounts.ts';
import { sandboxDown, sandboxUp } from '../../../../src/sandbox/sandbox.ts';
import type { SandboxInfo } from '../../../../src/sandbox/sandbox.ts';
import { callbackJson, TestClient } from '../ox-client.ts';

const NAME = 'oxmodules-test';
const FOLDER_COLUMNS = '1,2,3,4,5,6,20,300,301,302,304,305,306,307,308,309,310,311,312,313,314,315,316,317,318,3010,3020,3030';
/** FE mail/api.js threadedAll columns (13). */
const THREAD_COLUMNS = '102,600,601,602,603,604,605,606,607,608,610,611,614';
const RANGE = 'rangeStart=20300101T000000Z&rangeEnd=20300201T000000Z';

let info: SandboxInfo;
let anna: Account;
let ben: Account;

beforeAll(async () => {
  info = await sandboxUp({ name: NAME, nodes: 1 });
  const { accounts } = await loadAccounts(info.accountsFile, { strict: true });
  [anna, ben] = accounts as [Account, Account];
}, 180_000);

afterAll(async () => {
  if (info) await sandboxDown(NAME);
});

async function loggedIn(account: Account): Promise<TestClient> {
  const client = new TestClient(info.nodes[0]!.url);
  const res = await client.login(account.login, account.password!);
  expect(res.json).toHaveProperty('session');
  return client;
}

type Envelope = { data?: unknown; code?: string; error?: string; timestamp?: number };

function json(res: { json: unknown }): Envelope {
  return res.json as Envelope;
}

async function calendarNumber(client: TestClient): Promise<string> {
  return String(json(await client.get('/ajax/config/folder/calendar')).data);
}

const event = (summary: string) => ({ summary, startDate: { value: '20300110T100000', tzid: 'Europe/Berlin' }, endDate: { value: '20300110T110000', tzid: 'Europe/Berlin' } });

describe('chronos folder ids', () => {
  it('refuses bare folder ids with CAL-4060 and serves cal://0/<id> for all, new, get, update and delete', async () => {
    const client = await loggedIn(anna);
    const bare = await calendarNumber(client);
    const folder = `cal://0/${bare}`;
    const q = encodeURIComponent(folder);
    for (const path of [`/ajax/chronos?action=all&folder=${bare}&${RANGE}`, `/ajax/chronos?action=get&folder=${bare}&id=1`]) {
      expect(json(await client.get(path)).code).toBe('CAL-4060');
    }
    expect(json(await client.put(`/ajax/chronos?action=new&folder=${bare}`, event('bare'))).code).toBe('CAL-4060');
    const created = json(await client.put(`/ajax/chronos?action=new&folder=${q}&timezone=UTC`, event('Standup'))).data as { created: { id: string; folder: string }[] };
    const id = created.created[0]!.id;
    expect(created.created[0]!.folder).toBe(folder);
    const updated = json(await client.put(`/ajax/chronos?action=update&folder=${q}&id=${id}&timestamp=${Date.now()}`, { event: { summary: 'Daily' } }));
    expect((updated.data as { updated: { summary: string }[] }).updated[0]!.summary).toBe('Daily');
    expect((json(await client.get(`/ajax/chronos?action=get&folder=${q}&id=${id}`)).data as { summary: string }).summary).toBe('Daily');
    expect(json(await client.put(`/ajax/chronos?action=delete&timestamp=${Date.now()}`, [{ id, folder: bare }])).code).toBe('CAL-4060');
    const deleted = json(await client.put(`/ajax/chronos?action=delete&timestamp=${Date.now()}`, [{ id, folder }]));
    expect((deleted.data as { deleted: { id: string }[] }).deleted.map((e) => e.id)).toEqual([id]);
    expect((json(await client.get(`/ajax/chronos?action=all&folder=${q}&${RANGE}`)).data as unknown[]).length).toBe(0);
  });

  it('answers the multi-folder PUT all per folder, a bare id failing only its own entry', async () => {
    const client = await loggedIn(anna);
    const bare = await calendarNumber(client);
    const res = json(await client.put(`/ajax/chronos?action=all&${RANGE}&expand=true&fields=summary`, { folders: [`cal://0/${bare}`, bare] }));
    const entries = res.data as { folder: string; events?: unknown[]; error?: { code: string } }[];
    expect(entries[0]).toMatchObject({ folder: `cal://0/${bare}`, events: expect.any(Array) });
    expect(entries[1]).toMatchObject({ folder: bare, error: { code: 'CAL-4060' } });
  });

  it('answers the refresh polls: needsAction for the calendar and pending alarms', async () => {
    const client = await loggedIn(anna);
    const folder = encodeURIComponent(`cal://0/${await calendarNumber(client)}`);
    expect(json(await client.get(`/ajax/chronos?action=needsAction&folder=${folder}&${RANGE}`)).data).toEqual([]);
    expect(json(await client.get('/ajax/chronos/alarm?action=pending&rangeEnd=20300101T100000Z&actions=DISPLAY,AUDIO')).data).toEqual([]);
    expect(json(await client.get(`/ajax/chronos?action=needsAction&folder=${await calendarNumber(client)}&${RANGE}`)).code).toBe('CAL-4060');
  });

  it('keeps accepting bare and composite ids for iCal import and export', async () => {
    const client = await loggedIn(anna);
    const bare = await calendarNumber(client);
    const ics = (uid: string) =>
      `BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//signoff//test//EN\r\nBEGIN:VEVENT\r\nUID:${uid}\r\nDTSTAMP:20300101T000000Z\r\nDTSTART:20300115T090000Z\r\nDTEND:20300115T100000Z\r\nSUMMARY:${uid}\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n`;
    for (const folder of [bare, `cal://0/${bare}`]) {
      const form = new FormData();
      form.set('file', new Blob([ics(`imp-${folder.length}`)], { type: 'text/calendar' }), 'e.ics');
      const imported = callbackJson((await client.upload(`/ajax/import?action=ICAL&folder=${encodeURIComponent(folder)}`, form)).text) as { data?: unknown[] };
      expect(imported.data).toHaveLength(1);
      expect((await client.get(`/ajax/export?action=ICAL&folder=${encodeURIComponent(folder)}`)).text).toContain('BEGIN:VCALENDAR');
    }
    const events = json(await client.get(`/ajax/chronos?action=all&folder=${encodeURIComponent(`cal://0/${bare}`)}&${RANGE}&fields=summary`)).data as { summary: string }[];
    expect(events.map((e) => e.summary).sort()).toEqual([`imp-${bare.length}`, `imp-${`cal://0/${bare}`.length}`].sort());
  });
});

describe('folders as the UI asks for them', () => {
  it('answers allVisible for events with the composite calendar id and for contacts', async () => {
    const client = await loggedIn(anna);
    const bare = await calendarNumber(client);
    const events = json(await client.get(`/ajax/folders?action=allVisible&content_type=event&tree=1&altNames=true&timezone=UTC&columns=${FOLDER_COLUMNS}`)).data as Record<string, unknown[][]>;
    expect(Object.keys(events).sort()).toEqual(['private', 'public', 'shared']);
    expect(events.private!.map((r) => [r[0], r[8]])).toEqual([[`cal://0/${bare}`, 'event']]);
    const contacts = json(await client.get(`/ajax/folders?action=allVisible&content_type=contacts&tree=1&columns=1,301`)).data as Record<string, unknown[][]>;
    expect(contacts.private!.map((r) => r[1])).toEqual(['contacts']);
    expect(json(await client.get('/ajax/folders?action=allVisible&tree=1&columns=1')).code).toBe('SVL-0002');
  });

  it('lists the private folder in tree 1 with every column the UI asks for', async () => {
    const client = await loggedIn(anna);
    const rows = json(await client.get(`/ajax/folders?action=list&parent=1&tree=1&all=0&altNames=true&timezone=UTC&columns=${FOLDER_COLUMNS}`)).data as unknown[][];
    expect(rows.every((r) => r.length === FOLDER_COLUMNS.split(',').length)).toBe(true);
    expect(rows.map((r) => r[8])).toEqual(expect.arrayContaining(['contacts', 'calendar']));
    const bare = await calendarNumber(client);
    const folder = json(await client.get(`/ajax/folders?action=get&id=${encodeURIComponent(`cal://0/${bare}`)}&tree=1`)).data as { module: string };
    expect(folder.module).toBe('event');
    const path = json(await client.get('/ajax/folders?action=path&id=default0/INBOX&tree=0&altNames=true&columns=1,20')).data as unknown[][];
    expect(path).toEqual([['default0/INBOX', 'default0'], ['default0', '1'], ['1', '0']]);
  });
});

const DRAFT = () => ({ to: [[ben.displayname, ben.email]], subject: 'Space mail', content: '<p>Hello <img src="https://tracker.example/p.gif"></p>', contentType: 'text/html' });

describe('mail as the UI sends and reads it', () => {
  it('sends through a composition space (open, send with the JSON field) and forgets the space', async () => {
    const client = await loggedIn(anna);
    const opened = json(await client.request('POST', '/ajax/mail/compose?type=new&vcard=false', { body: '[]', contentType: 'application/json' }));
    const space = opened.data as { id: string; meta: { type: string } };
    expect(space.id).toMatch(/^[0-9a-f]{32}$/);
    expect(space.meta.type).toBe('new');
    expect((json(await client.get('/ajax/mail/compose')).data as { id: string }[]).map((s) => s.id)).toContain(space.id);
    const form = new FormData();
    form.set('JSON', JSON.stringify({ ...DRAFT(), from: [anna.displayname, anna.email] }));
    const sent = json(await client.upload(`/ajax/mail/compose/${space.id}/send`, form));
    expect(sent.data).toMatch(/^default0\/[^/]+(\/[^/]+)*\/\d+$/);
    expect(json(await client.get(`/ajax/mail/compose/${space.id}`)).code).toBe('MSGCS-0007');
  });

  it('stores what the user typed with PATCH (the auto-save) and answers the space', async () => {
    const client = await loggedIn(anna);
    const space = json(await client.request('POST', '/ajax/mail/compose?type=new', { body: '[]', contentType: 'application/json' })).data as { id: string };
    const saved = json(await client.request('PATCH', `/ajax/mail/compose/${space.id}`, { body: JSON.stringify(DRAFT()), contentType: 'application/json' }));
    expect(saved.data).toMatchObject({ id: space.id, subject: 'Space mail', to: [[ben.displayname, ben.email]] });
    expect((json(await client.get(`/ajax/mail/compose/${space.id}`)).data as { subject: string }).subject).toBe('Space mail');
    expect(json(await client.request('PATCH', `/ajax/mail/compose/${space.id}`, { body: JSON.stringify({ to: 'ben' }), contentType: 'application/json' })).code).toBe('SVL-0009');
    await client.request('DELETE', `/ajax/mail/compose/${space.id}`);
  });

  it('removes a space with DELETE and answers success', async () => {
    const client = await loggedIn(anna);
    const space = json(await client.request('POST', '/ajax/mail/compose?type=new', { body: '[]', contentType: 'application/json' })).data as { id: string };
    expect(json(await client.request('DELETE', `/ajax/mail/compose/${space.id}`)).data).toEqual({ success: true });
    expect(json(await client.request('DELETE', `/ajax/mail/compose/${space.id}`)).code).toBe('MSGCS-0007');
  });

  it('prefetches the inbox with threadedAll as conversation objects and reads mails as embedded noimg html', async () => {
    const client = await loggedIn(ben);
    let threads: Record<string, unknown>[] = [];
    for (let i = 0; i < 20 && !threads.some((t) => t.subject === 'Space mail'); i++) {
      const res = json(await client.get(`/ajax/mail?action=threadedAll&folder=default0/INBOX&columns=${THREAD_COLUMNS}&sort=610&order=desc&includeSent=true&max=300&timezone=utc&limit=0,30`));
      threads = res.data as Record<string, unknown>[];
      if (!threads.some((t) => t.subject === 'Space mail')) await new Promise((r) => setTimeout(r, 250));
    }
    const thread = threads.find((t) => t.subject === 'Space mail')!;
    expect(thread).toMatchObject({ folder_id: 'default0/INBOX', thread: [expect.objectContaining({ id: thread.id, subject: 'Space mail' })] });
    expect(threads.length).toBeLessThanOrEqual(30);
    const mail = json(await client.get(`/ajax/mail?action=get&folder=default0/INBOX&id=${String(thread.id)}&view=noimg&embedded=true&timezone=utc`)).data as { attachments: { content: string; content_type: string }[]; modified: number };
    expect(mail.attachments[0]!.content_type).toBe('text/html');
    expect(mail.attachments[0]!.content).not.toMatch(/<html|\ssrc="https:/);
    expect(mail.modified).toBe(1);
    expect(json(await client.get('/ajax/mail?action=threadedAll&folder=default0/INBOX')).code).toBe('SVL-0002');
  });

  it('moves deleted mail to the trash and deletes it for good with harddelete', async () => {
    const client = await loggedIn(ben);
    const rows = json(await client.get('/ajax/mail?action=all&folder=default0/INBOX&columns=600,607')).data as unknown[][];
    const target = rows.find((r) => r[1] === 'Space mail')!;
    await client.put(`/ajax/mail?action=delete&timestamp=${Date.now()}`, [{ id: target[0], folder: 'default0/INBOX' }]);
    const trash = json(await client.get('/ajax/mail?action=all&folder=default0/Trash&columns=600,607')).data as unknown[][];
    const moved = trash.find((r) => r[1] === 'Space mail')!;
    expect(moved).toBeDefined();
    await client.put(`/ajax/mail?action=delete&harddelete=true&timestamp=${Date.now()}`, [{ id: moved[0], folder: 'default0/Trash' }]);
    expect((json(await client.get('/ajax/mail?action=all&folder=default0/Trash&columns=600,607')).data as unknown[][]).some((r) => r[1] === 'Space mail')).toBe(false);
  });
});

async function driveFolder(client: TestClient): Promise<string> {
  return String(json(await client.get('/ajax/config/folder/infostore')).data);
}

async function upload(client: TestClient, module: string, folder: string, name: string): Promise<string> {
  const form = new FormData();
  form.set('json', JSON.stringify({ folder_id: folder, title: name }));
  form.set('file', new Blob([`bytes of ${name}`], { type: 'text/plain' }), name);
  return String((callbackJson((await client.upload(`/ajax/${module}?action=new`, form)).text) as { data: string }).data);
}

describe('Drive as the UI lists it', () => {
  it('sorts by file name (702), pages with limit=0,210, accepts pregenerate_previews and deletes', async () => {
    const client = await loggedIn(anna);
    const folder = await driveFolder(client);
    const ids = [await upload(client, 'infostore', folder, 'b.txt'), await upload(client, 'infostore', folder, 'a.txt')];
    const list = json(await client.get(`/ajax/infostore?action=all&folder=${folder}&columns=1,20,23,700,702,703,704&sort=702&order=asc&limit=0,210&pregenerate_previews=true&timezone=UTC`));
    const names = (list.data as unknown[][]).map((r) => r[4]);
    expect(names.indexOf('a.txt')).toBeLessThan(names.indexOf('b.txt'));
    expect(json(await client.get(`/ajax/infostore?action=all&folder=${folder}&columns=1&sort=702&limit=0,1`)).data).toHaveLength(1);
    const res = json(await client.put(`/ajax/infostore?action=delete&timestamp=${Date.now()}`, ids.map((id) => ({ id, folder }))));
    expect(res.data).toEqual([]);
    expect(json(await client.get(`/ajax/infostore?action=get&id=${ids[0]}`)).code).toBe('IFO-0300');
  });

  it('serves the files module the 7.10 UI calls', async () => {
    const client = await loggedIn(anna);
    const folder = await driveFolder(client);
    const id = await upload(client, 'files', folder, 'alias.txt');
    const rows = json(await client.get(`/ajax/files?action=all&folder=${folder}&columns=1,702&sort=702&order=asc&limit=0,210`)).data as unknown[][];
    expect(rows.map((r) => r[0])).toContain(id);
    expect((await client.get(`/ajax/files?action=document&folder=${folder}&id=${id}`)).text).toBe('bytes of alias.txt');
  });

  it('answers a failed download with an HTML error page and a 500, a lost session with 403', async () => {
    const client = await loggedIn(anna);
    const missing = await client.get('/ajax/infostore?action=document&id=999999');
    expect(missing.status).toBe(500);
    expect(missing.headers.get('content-type')).toMatch(/^text\/html/);
    expect(missing.json).toBeUndefined();
    client.session = '0123456789abcdef0123456789abcdef';
    const lost = await client.get('/ajax/infostore?action=document&id=1');
    expect(lost.status).toBe(403);
    expect(lost.headers.get('content-type')).toMatch(/^text\/html/);
  });
});

describe('contacts as the UI sends them', () => {
  it('sorts by the sort name (607) and deletes with the [{id, folder}] body', async () => {
    const client = await loggedIn(anna);
    const folder = String(json(await client.get('/ajax/config/folder/contacts')).data);
    const zed = json(await client.put('/ajax/contacts?action=new', { folder_id: folder, first_name: 'Zoe', last_name: 'Zed' })).data as { id: string };
    const abe = json(await client.put('/ajax/contacts?action=new', { folder_id: folder, first_name: 'Al', last_name: 'Abe' })).data as { id: string };
    const rows = json(await client.get(`/ajax/contacts?action=all&folder=${folder}&columns=1,20,500,607&sort=607&order=asc`)).data as unknown[][];
    const order = rows.map((r) => r[0]);
    expect(order.indexOf(abe.id)).toBeLessThan(order.indexOf(zed.id));
    expect(rows.find((r) => r[0] === abe.id)![3]).toBe('Abe, Al');
    expect(json(await client.put(`/ajax/contacts?action=delete&timestamp=${Date.now()}`, [{ id: abe.id, folder: '1' }])).code).toBe('CON-0125');
    expect(json(await client.put('/ajax/contacts?action=delete', [{ id: abe.id, folder }])).code).toBe('SVL-0002');
    await client.put(`/ajax/contacts?action=delete&timestamp=${Date.now()}`, [{ id: abe.id, folder }, { id: zed.id, folder }]);
    const after = (json(await client.get(`/ajax/contacts?action=all&folder=${folder}&columns=1`)).data as unknown[][]).map((r) => r[0]);
    expect(after).not.toContain(abe.id);
    expect(after).not.toContain(zed.id);
  });
});
