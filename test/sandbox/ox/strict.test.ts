/**
 * The stand-in node as strict as the real middleware, against a real sandbox
 * (slapd, Dovecot, Apache, one node): warnings, logout statuses, autologin,
 * IP check, session cap, rate limiter, error codes, login fields, /multiple,
 * the login rampup and the server config.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { loadAccounts } from '../../../src/config/accounts.ts';
import { errorEnvelope, loginResponse, warningEnvelope } from '../../../src/contract/index.ts';
import type { Account } from '../../../src/config/accounts.ts';
import { readCredentials, sandboxDown, sandboxUp } from '../../../src/sandbox/sandbox.ts';
import type { SandboxCredentials, SandboxInfo } from '../../../src/sandbox/sandbox.ts';
import { NODE_ADMIN_PATH } from '../../../src/sandbox/types.ts';
import type { FaultSpec } from '../../../src/sandbox/types.ts';

const NAME = 'oxstrict-test';
const FORM = 'application/x-www-form-urlencoded; charset=UTF-8';

let info: SandboxInfo;
let credentials: SandboxCredentials;
let anna: Account;
let ben: Account;
let clara: Account;

beforeAll(async () => {
  info = await sandboxUp({ name: NAME, nodes: 1 });
  credentials = await readCredentials(info);
  const { accounts } = await loadAccounts(info.accountsFile, { strict: true });
  [anna, ben, clara] = accounts as [Account, Account, Account];
}, 180_000);

afterAll(async () => {
  if (info) await sandboxDown(NAME);
});

afterEach(async () => {
  if (info) await fault(null);
});

const nodeUrl = (): string => info.nodes[0]!.url;

async function fault(spec: FaultSpec | null): Promise<void> {
  const res = await fetch(`${nodeUrl()}${NODE_ADMIN_PATH}`, {
    method: spec === null ? 'DELETE' : 'POST',
    headers: { 'x-signoff-admin-token': credentials.adminToken, 'content-type': 'application/json' },
    ...(spec === null ? {} : { body: JSON.stringify(spec) }),
  });
  expect(res.status).toBe(200);
}

interface Answer {
  status: number;
  headers: Headers;
  text: string;
  json: Record<string, unknown> & { code?: string };
}

/** A client with one cookie jar that can claim a client address through X-Forwarded-For, as Apache sends it. */
class Client {
  readonly cookies = new Map<string, string>();
  session = '';
  userAgent = 'signoff-strict-test/1.0';
  forwardedFor: string | undefined;

  async send(method: string, path: string, options: { body?: string; type?: string; session?: boolean } = {}): Promise<Answer> {
    const url = `${nodeUrl()}${path}${options.session !== false && this.session ? `${path.includes('?') ? '&' : '?'}session=${this.session}` : ''}`;
    const headers: Record<string, string> = { 'user-agent': this.userAgent, cookie: [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ') };
    if (this.forwardedFor) headers['x-forwarded-for'] = this.forwardedFor;
    if (options.type) headers['content-type'] = options.type;
    const res = await fetch(url, { method, headers, ...(options.body === undefined ? {} : { body: options.body }) });
    for (const line of res.headers.getSetCookie()) {
      const pair = line.split(';')[0]!;
      const eq = pair.indexOf('=');
      if (/Expires=Thu, 01 Jan 1970/i.test(line)) this.cookies.delete(pair.slice(0, eq));
      else this.cookies.set(pair.slice(0, eq), pair.slice(eq + 1));
    }
    const text = await res.text();
    let json: Answer['json'] = {};
    try {
      json = JSON.parse(text) as Answer['json'];
    } catch {
      // bare HTTP answers have no JSON
    }
    return { status: res.status, headers: res.headers, text, json };
  }

  async login(account: Account, query = '', fields: Record<string, string> = { name: account.login, password: account.password! }): Promise<Answer> {
    const res = await this.send('POST', `/ajax/login?action=login&client=open-xchange-appsuite${query}`, { body: new URLSearchParams(fields).toString(), type: FORM, session: false });
    if (typeof res.json.session === 'string') this.session = res.json.session;
    return res;
  }

  get(path: string): Promise<Answer> {
    return this.send('GET', path);
  }
}

async function loggedIn(account: Account, forwardedFor?: string): Promise<Client> {
  const client = new Client();
  client.forwardedFor = forwardedFor;
  const res = await client.login(account);
  expect(res.json).toHaveProperty('session');
  return client;
}

describe('warnings', () => {
  it('writes an injected warning next to data in plain answers, /multiple items and the login JSON', async () => {
    await fault({ kind: 'warnings', rate: 1 });
    const client = new Client();
    const login = await client.login(anna);
    expect(login.json).toMatchObject({ session: expect.any(String), code: 'SRV-0003', category: 13, categories: 'WARNING' });
    const plain = await client.get('/ajax/config/context_id');
    expect(plain.json).toMatchObject({ data: anna.contextid, code: 'SRV-0003', category: 13, categories: 'WARNING', warnings: { code: 'SRV-0003', categories: 'WARNING' } });
    const batch = await client.send('PUT', '/ajax/multiple', { body: JSON.stringify([{ module: 'config/context_id' }, { module: 'nosuch', action: 'x' }]), type: 'application/json' });
    const [ok, failed] = batch.json as unknown as Record<string, unknown>[];
    expect(ok).toMatchObject({ data: anna.contextid, category: 13, categories: 'WARNING' });
    expect(failed).toMatchObject({ code: 'SVL-0007', categories: 'ERROR' });
    expect(failed).not.toHaveProperty('warnings');
    // The project's contract schemas (written from the OX spec) agree.
    expect(loginResponse().safeParse(login.json).success).toBe(true);
    expect(warningEnvelope().safeParse(plain.json).success).toBe(true);
    expect(warningEnvelope().safeParse(ok).success).toBe(true);
    expect(errorEnvelope().safeParse(failed).success).toBe(true);
  });

  it('sends no warning fields without the fault', async () => {
    const client = await loggedIn(anna);
    expect((await client.get('/ajax/config/context_id')).json).toEqual({ data: anna.contextid });
  });
});

describe('logout', () => {
  it('answers 400 without session, 403 for a wrong secret, an empty 200 for an unknown session and on success (MW LoginServlet)', async () => {
    const client = await loggedIn(ben);
    const missing = await client.send('GET', '/ajax/login?action=logout', { session: false });
    expect([missing.status, missing.text]).toEqual([400, '']);
    const unknown = await client.send('GET', '/ajax/login?action=logout&session=0123456789abcdef0123456789abcdef', { session: false });
    expect([unknown.status, unknown.text]).toEqual([200, '']);
    const secret = [...client.cookies.keys()].find((n) => n.startsWith('open-xchange-secret-'))!;
    const kept = client.cookies.get(secret)!;
    client.cookies.set(secret, 'wrong');
    expect((await client.get('/ajax/login?action=logout')).status).toBe(403);
    client.cookies.set(secret, kept);
    const ok = await client.get('/ajax/login?action=logout');
    expect([ok.status, ok.text]).toEqual([200, '']);
    expect((await client.get('/ajax/config/context_id')).json).toMatchObject({ code: 'SES-0203' });
  });
});

describe('autologin', () => {
  it('is off by default: SVL-0015 "autologin is disabled due to server configuration", the cookies kept (MW AutoLogin)', async () => {
    const client = await loggedIn(anna);
    const before = client.cookies.size;
    expect(before).toBeGreaterThanOrEqual(4);
    const auto = await client.send('GET', '/ajax/login?action=autologin&client=open-xchange-appsuite', { session: false });
    expect(auto.json).toMatchObject({ code: 'SVL-0015', error_params: ['autologin'], categories: 'PERMISSION_DENIED' });
    expect(auto.json).not.toHaveProperty('session');
    expect(client.cookies.size).toBe(before);
  });

  it('switched on but failing (a wrong secret cookie): SVL-0003 "Invalid cookie." and the OX cookies and JSESSIONID removed', async () => {
    await fault({ kind: 'autologin', enabled: true });
    const client = await loggedIn(anna);
    const secret = [...client.cookies.keys()].find((n) => n.startsWith('open-xchange-secret-'))!;
    client.cookies.set(secret, 'wrong');
    const auto = await client.send('GET', '/ajax/login?action=autologin&client=open-xchange-appsuite', { session: false });
    expect(auto.json).toMatchObject({ code: 'SVL-0003', categories: 'TRY_AGAIN' });
    expect([...client.cookies.keys()].filter((n) => n.startsWith('open-xchange-secret-') || n.startsWith('open-xchange-session-') || n === 'JSESSIONID')).toEqual([]);
    await fault({ kind: 'autologin', enabled: false });
  });

  it('works after `autologin on`, and the server config says so through the autologin capability', async () => {
    const caps = async () => ((await new Client().send('GET', '/ajax/apps/manifests?action=config', { session: false })).json.data as { capabilities: { id: string }[] }).capabilities.map((c) => c.id);
    expect(await caps()).not.toContain('autologin');
    await fault({ kind: 'autologin', enabled: true });
    expect(await caps()).toContain('autologin');
    const client = await loggedIn(anna);
    const auto = await client.send('GET', '/ajax/login?action=autologin&client=open-xchange-appsuite', { session: false });
    expect(auto.json.session).toBe(client.session);
  });
});

describe('IP check and session cap', () => {
  it('refuses a session used from another client address with SES-0205 (old and new address as parameters)', async () => {
    const client = await loggedIn(clara, '198.51.100.7');
    expect((await client.get('/ajax/config/context_id')).json).toEqual({ data: clara.contextid });
    client.forwardedFor = '198.51.100.8';
    const moved = await client.get('/ajax/config/context_id');
    expect(moved.json).toMatchObject({ code: 'SES-0205', categories: 'PERMISSION_DENIED', error_params: ['198.51.100.7', '198.51.100.8'] });
  });

  it('makes every request look like another client under client-ip-changes, so the session fails with SES-0205', async () => {
    await fault({ kind: 'client-ip-changes' });
    const client = await loggedIn(clara);
    expect((await client.get('/ajax/config/context_id')).json).toMatchObject({ code: 'SES-0205' });
  });

  it('refuses the 101st concurrent session of one user with SES-0007', async () => {
    const sessions: Client[] = [];
    for (let i = 0; i < 100; i++) sessions.push(await loggedIn(ben));
    const refused = await new Client().login(ben);
    expect(refused.json).toMatchObject({ code: 'SES-0007', categories: 'USER_INPUT', error_params: [expect.any(String), String(ben.contextid)] });
    await sessions[0]!.get('/ajax/login?action=logout');
    expect((await new Client().login(ben)).json).toHaveProperty('session');
    await Promise.all(sessions.slice(1).map((c) => c.get('/ajax/login?action=logout')));
  }, 60_000);
});

describe('rate limiter', () => {
  it('exempts the load generator (loopback) by default', async () => {
    const client = await loggedIn(anna);
    const statuses = await Promise.all(Array.from({ length: 60 }, () => client.get('/ajax/config/context_id').then((r) => r.status)));
    expect(new Set(statuses)).toEqual(new Set([200]));
  });

  it('answers 429 with Retry-After per {address, User-Agent} once rate-limit is on', async () => {
    await fault({ kind: 'rate-limit', maxRate: 5, windowMs: 60_000 });
    const client = new Client();
    client.forwardedFor = '203.0.113.9';
    const statuses: number[] = [];
    for (let i = 0; i < 7; i++) statuses.push((await client.send('GET', '/ajax/apps/manifests?action=config', { session: false })).status);
    expect(statuses).toEqual([200, 200, 200, 200, 200, 429, 429]);
    const limited = await client.send('GET', '/ajax/apps/manifests?action=config', { session: false });
    expect(limited.headers.get('retry-after')).toBe('60');
    expect(limited.text).toContain('Too Many Requests');
    client.userAgent = 'another browser';
    expect((await client.send('GET', '/ajax/apps/manifests?action=config', { session: false })).status).toBe(200);
    client.userAgent = 'signoff-strict-test/1.0';
    expect((await client.send('GET', '/ajax/system?action=ping', { session: false })).status).toBe(200); // lenient module
  });
});

describe('error codes and login fields', () => {
  it('answers SVL-0007 for an unknown module, SVL-0021 for an unknown action and SVL-0001 for an unknown login action', async () => {
    const client = await loggedIn(anna);
    expect((await client.get('/ajax/nosuch?action=x')).json).toMatchObject({ code: 'SVL-0007' });
    expect((await client.get('/ajax/mail?action=nosuch')).json).toMatchObject({ code: 'SVL-0021', error_params: ['nosuch', 'mail'] });
    expect((await client.send('GET', '/ajax/login?action=nosuch', { session: false })).json).toMatchObject({ code: 'SVL-0001' });
  });

  it('reads only the `name` field: `login` is not an alias', async () => {
    const res = await new Client().login(anna, '', { login: anna.login, password: anna.password! });
    expect(res.json).toMatchObject({ code: 'SVL-0002', error_params: ['name'] });
  });

  it('treats action=store as a no-op that writes no cookies', async () => {
    const client = await loggedIn(anna);
    const res = await client.get('/ajax/login?action=store');
    expect(res.json).toEqual({ data: {} });
    expect(res.headers.getSetCookie()).toEqual([]);
  });
});

describe('/multiple', () => {
  it('answers every item in order whatever the others answer, and ignores continue', async () => {
    const client = await loggedIn(anna);
    const items = [{ module: 'config/context_id' }, { module: 'mail', action: 'nosuch' }, { module: 'nosuch' }, { module: 'config/identifier' }];
    const res = await client.send('PUT', '/ajax/multiple?continue=false', { body: JSON.stringify(items), type: 'application/json' });
    const batch = res.json as unknown as Record<string, unknown>[];
    expect(batch.map((e) => e.code ?? 'ok')).toEqual(['ok', 'SVL-0021', 'SVL-0007', 'ok']);
    expect(batch[0]).toEqual({ data: anna.contextid });
  });
});

describe('login rampup and server config', () => {
  it('answers rampup=true with server config, the 11 jslobs, folder and folder list, as DefaultAppSuiteLoginRampUp', async () => {
    const client = new Client();
    const res = await client.login(anna, '&rampup=true&rampUpFor=open-xchange-appsuite');
    const rampup = res.json.rampup as Record<string, Record<string, unknown>>;
    expect(Object.keys(rampup)).toEqual(expect.arrayContaining(['serverConfig', 'jslobs']));
    expect(rampup.serverConfig).toMatchObject({ serverVersion: expect.any(String), capabilities: expect.any(Array) });
    expect(Object.keys(rampup.jslobs!)).toHaveLength(11);
    expect(rampup.jslobs!['io.ox/core']).toMatchObject({ id: 'io.ox/core', tree: expect.any(Object) });
    const plain = await new Client().login(anna);
    expect(plain.json).not.toHaveProperty('rampup');
  });

  it('serves apps/manifests?action=config without a session', async () => {
    const res = await new Client().send('GET', '/ajax/apps/manifests?action=config', { session: false });
    expect(res.json.data).toMatchObject({ productName: expect.any(String), languages: expect.any(Object) });
  });
});
