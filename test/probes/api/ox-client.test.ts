/**
 * The Node-side OX client reads answers as the real middleware writes them,
 * tested against a tiny local HTTP server that answers like real OX:
 * warnings next to `data` are successes (plain calls, /multiple items, login),
 * logout errors are bare 400/403, a download that answers an error page or
 * envelope fails, SES-0205 is reported as the IP check and never re-logged.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { chronosFolderId, legacyCalendarFolderId } from '../../../src/probes/api/calendar-ids.ts';
import { OxApiError, OxClient } from '../../../src/probes/api/ox-client.ts';
import { IP_CHECK_FAILURE, oxCheckCode } from '../../../src/probes/api/ox-errors.ts';
import { json, startFakeOx, type FakeOx, type Handler } from './fake-ox.ts';

const WARNING = { error: 'Mail folder could not be found.', code: 'MSG-0021', categories: 'WARNING', category: 13, error_params: [] };
const SESSION = '0123456789abcdef0123456789abcdef';

let fake: FakeOx;
let baseUrl: string;
let handlers: Record<string, Handler>;
let seen: FakeOx['seen'];

beforeAll(async () => {
  fake = await startFakeOx();
  baseUrl = fake.baseUrl;
  seen = fake.seen;
});

afterAll(async () => {
  await fake.close();
});

beforeEach(() => {
  seen.length = 0;
  handlers = fake.handlers;
  for (const key of Object.keys(handlers)) delete handlers[key];
  handlers['login.login'] = () => json({ session: SESSION, user: 'anna@1', user_id: 3, context_id: 1, locale: 'en_US' });
});

async function loggedIn(): Promise<OxClient> {
  const client = new OxClient({ baseUrl });
  await client.login('anna@1', 'secret');
  return client;
}

describe('login', () => {
  it('posts the credentials as the form fields name and password only, client in the URL', async () => {
    const client = await loggedIn();
    const login = seen.find((s) => s.query.get('action') === 'login')!;
    expect([...new URLSearchParams(login.body).keys()]).toEqual(['name', 'password']);
    expect(login.query.get('client')).toBe('open-xchange-appsuite');
    expect(login.query.has('password')).toBe(false);
    await client.close();
  });

  it('accepts a login that succeeded with a warning and keeps the warning', async () => {
    handlers['login.login'] = () => json({ session: SESSION, user: 'anna@1', user_id: 3, context_id: 1, ...WARNING });
    const client = new OxClient({ baseUrl });
    await expect(client.login('anna@1', 'secret')).resolves.toMatchObject({ session: SESSION });
    expect(client.session).toBe(SESSION);
    expect(client.warnings.map((w) => w.code)).toEqual(['MSG-0021']);
    await client.close();
  });

  it('accepts a login answer without context_id', async () => {
    handlers['login.login'] = () => json({ session: SESSION, user: 'anna@1', user_id: 3 });
    const client = new OxClient({ baseUrl });
    const result = await client.login('anna@1', 'secret');
    expect(result.context_id).toBeUndefined();
    await client.close();
  });

  it('refuses a login answered with an error envelope, with its code', async () => {
    handlers['login.login'] = () => json({ error: 'The user name or password is incorrect.', code: 'LGI-0006', categories: 'USER_INPUT', category: 1 });
    await expect(new OxClient({ baseUrl }).login('anna@1', 'wrong')).rejects.toMatchObject({ code: 'LGI-0006' });
  });
});

describe('module calls', () => {
  it('returns data of an answer that carries a warning (category 13) instead of failing', async () => {
    handlers['mail.all'] = () => json({ data: [['1', 'default0/INBOX']], timestamp: 1, ...WARNING, warnings: WARNING });
    const client = await loggedIn();
    await expect(client.call('mail', 'all', { folder: 'default0/INBOX', columns: '600,601' })).resolves.toEqual([['1', 'default0/INBOX']]);
    expect(client.warnings.map((w) => w.code)).toEqual(['MSG-0021']);
    await client.close();
  });

  it('still fails on an error envelope without the warning shape', async () => {
    handlers['mail.all'] = () => json({ error: 'Folder not found', code: 'IMAP-1002', categories: 'USER_INPUT', category: 1 });
    const client = await loggedIn();
    await expect(client.call('mail', 'all', { folder: 'x' })).rejects.toMatchObject({ code: 'IMAP-1002' });
    await client.close();
  });

  it('judges every /multiple item on its own: warnings succeed, an error fails only its item', async () => {
    handlers['multiple'] = () => json([{ data: { a: 1 }, ...WARNING }, { error: 'Unknown action', code: 'SVL-0001', category: 8 }, { data: 2 }]);
    const client = await loggedIn();
    const items = await client.multiple([{ module: 'jslob', action: 'list' }, { module: 'folders', action: 'nope' }, { module: 'mail', action: 'all' }]);
    expect(items.map((i) => i.ok)).toEqual([true, false, true]);
    expect(items[0]).toMatchObject({ ok: true, data: { a: 1 } });
    expect(items[1]).toMatchObject({ ok: false, error: { code: 'SVL-0001' } });
    const put = seen.find((s) => s.path === '/ajax/multiple')!;
    expect(JSON.parse(put.body)).toHaveLength(3);
    expect(put.query.get('session')).toBe(SESSION);
    await client.close();
  });

  it('reports SES-0205 as the IP check (balancer) and does not log in again', async () => {
    handlers['config/identifier'] = () => json({ error: 'Request to server was refused. Original client IP address changed.', code: 'SES-0205', categories: 'PERMISSION_DENIED', category: 3 });
    const client = await loggedIn();
    const error = await client.call('config/identifier', undefined).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(OxApiError);
    expect((error as OxApiError).ipCheck).toBe(true);
    expect((error as Error).message).toMatch(/IP check.*balancer/);
    expect(oxCheckCode(error, 'OX_API_FAILED')).toBe(IP_CHECK_FAILURE);
    expect(seen.filter((s) => s.query.get('action') === 'login')).toHaveLength(1);
    await client.close();
  });
});

describe('logout', () => {
  it('accepts the empty 200 of a good logout', async () => {
    handlers['login.logout'] = () => ({ status: 200, body: '' });
    const client = await loggedIn();
    await expect(client.logout()).resolves.toBeUndefined();
    expect(client.session).toBeUndefined();
  });

  it('fails on the bare HTTP 403 of an unknown session and the 400 of a missing one', async () => {
    for (const status of [403, 400]) {
      handlers['login.logout'] = () => ({ status, type: 'text/html', body: '<html><body>Forbidden</body></html>' });
      const client = await loggedIn();
      await expect(client.logout()).rejects.toMatchObject({ code: `HTTP-${status}`, status });
      expect(client.session).toBeUndefined();
    }
  });
});

describe('downloads', () => {
  it('returns the file when the server answers the expected content type', async () => {
    handlers['export.ICAL'] = () => ({ type: 'text/calendar; charset=UTF-8', body: 'BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n' });
    const client = await loggedIn();
    await expect(client.download('export', 'ICAL', { folder: '34' }, /^text\/calendar/)).resolves.toContain('BEGIN:VCALENDAR');
    await client.close();
  });

  it('fails on a 200 that carries an error envelope instead of the file', async () => {
    handlers['export.ICAL'] = () => json({ error: 'Your session expired.', code: 'SES-0203', categories: 'TRY_AGAIN', category: 4 });
    const client = await loggedIn();
    await expect(client.download('export', 'ICAL', { folder: '34' }, /^text\/calendar/)).rejects.toMatchObject({ code: 'SES-0203' });
    await client.close();
  });

  it('fails on an HTML error page and takes the code from it', async () => {
    handlers['infostore.document'] = () => ({ status: 403, type: 'text/html', body: "<html><body><h1>Error</h1>SES-0203 Categories=TRY_AGAIN Message='Your session expired.'</body></html>" });
    const client = await loggedIn();
    await expect(client.download('infostore', 'document', { id: '1' }, /^application\/octet-stream/)).rejects.toMatchObject({ code: 'SES-0203', status: 403 });
    await client.close();
  });

  it('fails on a 200 HTML page without a code', async () => {
    handlers['export.VCARD'] = () => ({ type: 'text/html', body: '<html>Login</html>' });
    const client = await loggedIn();
    await expect(client.download('export', 'VCARD', { ids: '1.2' }, /^text\/(x-)?vcard/)).rejects.toMatchObject({ code: 'DOWNLOAD-NOT-CONTENT' });
    await client.close();
  });
});

describe('calendar folder ids', () => {
  it('sends composite ids to chronos and bare ids to the legacy iCal import/export', () => {
    expect(chronosFolderId(34)).toBe('cal://0/34');
    expect(chronosFolderId('cal://0/34')).toBe('cal://0/34');
    expect(legacyCalendarFolderId('cal://0/34')).toBe('34');
    expect(legacyCalendarFolderId('34')).toBe('34');
  });
});

describe('verify mode', () => {
  it('refuses an answer that breaks the call contract only when verifyResponses is on', async () => {
    handlers['mail.all'] = () => json({ data: [['1']] });
    for (const verifyResponses of [false, true]) {
      const client = new OxClient({ baseUrl, verifyResponses });
      await client.login('anna@1', 'secret');
      const result = client.call('mail', 'all', { folder: 'default0/INBOX', columns: '600,601' });
      if (verifyResponses) await expect(result).rejects.toMatchObject({ code: 'CONTRACT-VIOLATION' });
      else await expect(result).resolves.toEqual([['1']]);
      await client.close();
    }
  });

  it('accepts answers that keep the contract, warnings included', async () => {
    handlers['login.login'] = () => json({ session: SESSION, user: 'anna@1', user_id: 3, ...WARNING });
    handlers['mail.all'] = () => json({ data: [['1', 'default0/INBOX']], ...WARNING });
    const client = new OxClient({ baseUrl, verifyResponses: true });
    await client.login('anna@1', 'secret');
    await expect(client.call('mail', 'all', { columns: '600,601' })).resolves.toEqual([['1', 'default0/INBOX']]);
    await client.close();
  });
});

describe('broken answers', () => {
  it('turns a truncated JSON answer into an OX client error, not a SyntaxError', async () => {
    handlers['mail.all'] = () => ({ type: 'application/json', body: '{"data": [["1"' });
    const client = await loggedIn();
    await expect(client.call('mail', 'all', { columns: '600' })).rejects.toMatchObject({ name: 'OxApiError', code: 'INVALID-ANSWER' });
    await client.close();
  });
});
