/**
 * The k6 session client inside the real k6, against a tiny local server that
 * answers as real OX does in the situations the stand-in used to hide:
 * warnings next to data, bare logout statuses, download error pages, the IP
 * check, rate limits, autologin switched off, and per-VU User-Agents.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { compileScenario } from '../../src/load/compile.ts';
import { resolveK6 } from '../../src/tools/k6.ts';
import { errorEnvelope, oxJson, startFakeOx, warningFields } from './support/fake-ox.ts';
import type { FakeOx, SeenRequest } from './support/fake-ox.ts';
import { pointsOf, runK6 } from './support/k6-run.ts';
import type { K6Point } from './support/k6-run.ts';

const CLIENT = join(import.meta.dirname, '../../src/k6/index.ts');

/** Calls the scenarios below make; the server answers them by path and action. */
const PRELUDE = `
import { OxSession, accountForVu, think } from ${JSON.stringify(CLIENT)};
import type { OxCall } from ${JSON.stringify(CLIENT)};
const mailAll: OxCall = { name: 'mail.all', method: 'GET', path: '/mail', query: { action: 'all' }, shape: 'json' };
const boot: OxCall = { name: 'multiple.boot', method: 'PUT', path: '/multiple', json: [{ module: 'jslob', action: 'get' }], shape: 'multiple' };
const download: OxCall = { name: 'infostore.document', method: 'GET', path: '/infostore', query: { action: 'document', id: '1' }, shape: 'binary' };
`;

let dir: string;
let k6: string;
let fake: FakeOx;
let accountsFile: string;
let runs = 0;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'signoff-k6-answers-'));
  k6 = (await resolveK6()).path;
  fake = await startFakeOx();
  accountsFile = join(dir, 'accounts.json');
  const pool = [1, 2, 3, 4].map((n) => ({ login: `user${n}@ctx`, password: 'secret', email: `user${n}@example.com` }));
  await writeFile(accountsFile, JSON.stringify(pool), { mode: 0o600 });
}, 60_000);

afterAll(async () => {
  await fake.close();
  await rm(dir, { recursive: true, force: true });
});

beforeEach(() => {
  fake.seen.length = 0;
  fake.answer = () => undefined;
});

interface Case {
  /** Body of the k6 default function; `s` is a fresh OxSession per iteration. */
  body: string;
  vus?: number;
  duration?: string;
  env?: Record<string, string>;
}

async function runCase(c: Case): Promise<K6Point[]> {
  runs += 1;
  const caseDir = join(dir, `case-${runs}`);
  const file = join(dir, `case-${runs}.ts`);
  await writeFile(file, `${PRELUDE}\nexport default function run(): void {\n  const s = new OxSession(accountForVu());\n${c.body}\n}\n`);
  const compiled = await compileScenario({ scenarioFile: file, profileName: 'smoke', profile: { kind: 'smoke', vus: c.vus ?? 1, duration: c.duration ?? '2s' }, slos: [], outDir: caseDir });
  const extraArgs = Object.entries(c.env ?? {}).flatMap(([k, v]) => ['-e', `${k}=${v}`]);
  const result = await runK6({ k6, script: compiled.scriptPath, baseUrl: fake.url, accountsFile, outFile: join(caseDir, 'samples.json'), extraArgs });
  expect(result.exitCode, result.stderr).toBe(0);
  return result.points;
}

function count(points: K6Point[], metric: string, tags: Record<string, string> = {}): number {
  return pointsOf(points, metric, tags).reduce((sum, p) => sum + p.value, 0);
}

function failures(points: K6Point[], name: string): number[] {
  return pointsOf(points, 'ox_failed', { name }).map((p) => p.value);
}

function seen(path: string, action: string): SeenRequest[] {
  return fake.seen.filter((r) => r.path === path && r.action === action);
}

describe('answers with warnings', () => {
  it('counts a login, a call and /multiple items that carry an OX warning next to their data as successes and as ox_warnings', async () => {
    fake.answer = (req) => {
      if (req.action === 'login') return oxJson({ session: `s-${req.vu}-w`, user: 'u', user_id: 3, ...warningFields('LGI-0025') });
      if (req.path === '/mail') return oxJson({ data: [], ...warningFields('MSG-1076') });
      if (req.path === '/multiple') return oxJson([{ data: {}, ...warningFields('JSL-0007') }, { data: [] }]);
      return undefined;
    };
    const points = await runCase({ body: '  if (!s.login().ok) return;\n  s.call(mailAll);\n  s.call(boot);\n  s.logout();\n  think();' });
    for (const name of ['login', 'mail.all', 'multiple.boot', 'logout']) {
      expect(failures(points, name).length, name).toBeGreaterThan(0);
      expect(failures(points, name).every((v) => v === 0), name).toBe(true);
    }
    const logins = seen('/login', 'login').length;
    expect(seen('/login', 'logout').length, 'every session with a warning is logged out').toBe(logins);
    expect(count(points, 'ox_warnings', { name: 'login', code: 'LGI-0025' })).toBe(logins);
    expect(count(points, 'ox_warnings', { name: 'mail.all', code: 'MSG-1076' })).toBe(seen('/mail', 'all').length);
    expect(count(points, 'ox_warnings', { name: 'multiple.boot', code: 'JSL-0007' })).toBe(fake.seen.filter((r) => r.path === '/multiple').length);
    expect(pointsOf(points, 'ox_errors')).toEqual([]);
  }, 60_000);

  it('still fails an error without the warning shape, also next to data and inside /multiple', async () => {
    fake.answer = (req) => {
      if (req.path === '/mail') return oxJson({ data: null, ...errorEnvelope('MSG-0032', 'USER_INPUT', 1) });
      if (req.path === '/multiple') return oxJson([{ data: {} }, errorEnvelope('FLD-0003')]);
      return undefined;
    };
    const points = await runCase({ body: '  if (!s.login().ok) return;\n  s.call(mailAll);\n  s.call(boot);\n  s.logout();\n  think();' });
    expect(failures(points, 'mail.all').every((v) => v === 1)).toBe(true);
    expect(failures(points, 'multiple.boot').every((v) => v === 1)).toBe(true);
    expect(count(points, 'ox_errors', { name: 'multiple.boot', code: 'FLD-0003' })).toBeGreaterThan(0);
    expect(pointsOf(points, 'ox_warnings')).toEqual([]);
  }, 60_000);
});

describe('logout', () => {
  it('passes an empty 200 and fails bare 400/403 answers as HTTP-400/HTTP-403, forgetting the session either way', async () => {
    let n = 0;
    fake.answer = (req) => {
      if (req.action !== 'logout') return undefined;
      n += 1;
      return { status: [200, 403, 400][n % 3] };
    };
    // After logout the session is gone locally: the next call logs in anew.
    const points = await runCase({ body: '  if (!s.login().ok) return;\n  s.logout();\n  s.call(mailAll);\n  s.logout();\n  think();' });
    const logouts = seen('/login', 'logout');
    expect(logouts.every((r) => r.method === 'POST'), 'POST like the UI').toBe(true);
    expect(count(points, 'ox_errors', { name: 'logout', code: 'HTTP-403' })).toBeGreaterThan(0);
    expect(count(points, 'ox_errors', { name: 'logout', code: 'HTTP-400' })).toBeGreaterThan(0);
    const failed = failures(points, 'logout');
    expect(failed.filter((v) => v === 0).length).toBeGreaterThan(0);
    expect(seen('/login', 'login').length).toBe(logouts.length);
  }, 60_000);
});

describe('downloads', () => {
  it('fails a 2xx download that is an HTML error page or a JSON envelope, and passes a file', async () => {
    let n = 0;
    fake.answer = (req) => {
      if (req.path !== '/infostore') return undefined;
      n += 1;
      switch (n % 4) {
        case 0:
          return { headers: { 'content-type': 'text/html; charset=UTF-8' }, body: '<html><body><h1>Error</h1></body></html>' };
        case 1:
          return oxJson(errorEnvelope('SES-0203', 'TRY_AGAIN', 2));
        case 2:
          return { headers: { 'content-type': 'application/octet-stream', 'content-disposition': "attachment; filename*=UTF-8''a.bin" }, body: 'x'.repeat(4096) };
        default:
          return { status: 404, headers: { 'content-type': 'text/html' }, body: 'not found' };
      }
    };
    const points = await runCase({ body: '  if (!s.login().ok) return;\n  s.call(download);\n  s.logout();\n  think();' });
    expect(count(points, 'ox_errors', { name: 'infostore.document', code: 'DOWNLOAD-ERROR-PAGE' })).toBeGreaterThan(0);
    expect(count(points, 'ox_errors', { name: 'infostore.document', code: 'DOWNLOAD-ENVELOPE' })).toBeGreaterThan(0);
    expect(count(points, 'ox_errors', { name: 'infostore.document', code: 'HTTP-404' })).toBeGreaterThan(0);
    const passed = failures(points, 'infostore.document').filter((v) => v === 0).length;
    expect(passed, 'the file with Content-Disposition').toBe(Math.floor((seen('/infostore', 'document').length + 2) / 4));
  }, 60_000);
});

describe('the IP check', () => {
  it('reports SES-0205 as an error without counting a lost session or logging in again', async () => {
    fake.answer = (req) => (req.path === '/mail' ? oxJson(errorEnvelope('SES-0205', 'PERMISSION_DENIED', 3)) : undefined);
    const points = await runCase({ body: '  if (!s.login().ok) return;\n  s.call(mailAll);\n  s.call(mailAll);\n  s.logout();\n  think();' });
    expect(count(points, 'ox_errors', { name: 'mail.all', code: 'SES-0205' })).toBe(seen('/mail', 'all').length);
    expect(pointsOf(points, 'ox_session_lost')).toEqual([]);
    expect(pointsOf(points, 'ox_retries')).toEqual([]);
    expect(seen('/login', 'login').length).toBe(count(points, 'iterations'));
  }, 60_000);
});

describe('rate limits and failed logins', () => {
  it('backs off after a 429, honours Retry-After, and parks each VU after the retry cap', async () => {
    fake.answer = (req) => (req.action === 'login' ? { status: 429, headers: { 'retry-after': '2', 'content-type': 'text/plain; charset=UTF-8' }, body: 'Too Many Requests' } : undefined);
    const points = await runCase({ body: '  if (!s.login().ok) return;\n  s.call(mailAll);\n  s.logout();', vus: 2, duration: '6s', env: { SIGNOFF_RETRY_CAP: '3' } });
    const logins = seen('/login', 'login');
    expect(logins.length, 'login attempts ≤ VUs × cap').toBeLessThanOrEqual(2 * 3);
    expect(logins.length).toBeGreaterThanOrEqual(2 * 2);
    for (const vu of ['1', '2']) {
      const times = logins.filter((r) => r.vu === vu).map((r) => r.at);
      for (let i = 1; i < times.length; i++) expect((times[i] as number) - (times[i - 1] as number), `VU ${vu} waited Retry-After`).toBeGreaterThanOrEqual(1950);
    }
    expect(fake.seen.length, 'no other request').toBe(logins.length);
    expect(count(points, 'ox_rate_limited', { name: 'login' })).toBe(logins.length);
    expect(count(points, 'ox_errors', { name: 'login', code: 'HTTP-429' })).toBe(logins.length);
    expect(count(points, 'ox_retries', { name: 'login', reason: 'rate-limited' })).toBe(logins.length - 2);
    expect(count(points, 'ox_parked', { reason: 'rate-limited' })).toBe(2);
  }, 60_000);

  it('waits at least the think time between failed logins and parks after the cap', async () => {
    fake.answer = (req) => (req.action === 'login' ? oxJson(errorEnvelope('LGI-0006')) : undefined);
    const points = await runCase({ body: '  if (!s.login().ok) return;\n  s.logout();', duration: '4s', env: { SIGNOFF_RETRY_CAP: '2', SIGNOFF_THINK_TIME: '0.5' } });
    const times = seen('/login', 'login').map((r) => r.at);
    expect(times.length).toBe(2);
    expect((times[1] as number) - (times[0] as number)).toBeGreaterThanOrEqual(480);
    expect(count(points, 'ox_retries', { name: 'login', reason: 'login-failed' })).toBe(1);
    expect(count(points, 'ox_parked', { reason: 'login-failed' })).toBe(1);
  }, 60_000);

  it('counts a 2xx login answer without a session id as a failed login (PARSE) and backs off', async () => {
    fake.answer = (req) => (req.action === 'login' ? oxJson({ user: 'u' }) : undefined);
    const points = await runCase({ body: '  if (!s.login().ok) return;\n  s.logout();', duration: '2s', env: { SIGNOFF_RETRY_CAP: '2' } });
    expect(seen('/login', 'login').length).toBe(2);
    expect(count(points, 'ox_errors', { name: 'login', code: 'PARSE' })).toBe(2);
    expect(failures(points, 'login')).toEqual([1, 1]);
  }, 60_000);

  it('delays the next request after a 429 on a call by its Retry-After and counts it by route', async () => {
    fake.answer = (req) => (req.path === '/mail' ? { status: 429, headers: { 'retry-after': '1' }, body: '' } : undefined);
    const points = await runCase({ body: '  if (!s.login().ok) return;\n  s.call(mailAll);\n  s.logout();\n  think();', duration: '3s' });
    const order = fake.seen.filter((r) => r.vu === '1');
    for (let i = 0; i < order.length - 1; i++) {
      if ((order[i] as SeenRequest).path === '/mail') expect((order[i + 1] as SeenRequest).at - (order[i] as SeenRequest).at).toBeGreaterThanOrEqual(950);
    }
    expect(count(points, 'ox_rate_limited', { name: 'mail.all', route: 'none' })).toBe(seen('/mail', 'all').length);
    expect(failures(points, 'mail.all').every((v) => v === 1)).toBe(true);
  }, 60_000);
});

describe('autologin', () => {
  it('sends no request and fails as AUTOLOGIN-OFF when the target does not say autologin is on', async () => {
    const points = await runCase({ body: '  s.autologin();\n  think();' });
    expect(seen('/login', 'autologin')).toEqual([]);
    expect(count(points, 'ox_errors', { name: 'autologin', code: 'AUTOLOGIN-OFF' })).toBeGreaterThan(0);
    expect(pointsOf(points, 'ox_session_lost')).toEqual([]);
  }, 60_000);

  it('reads the server refusing autologin as switched off (SVL-0015) as AUTOLOGIN-OFF, not as a lost session', async () => {
    fake.answer = (req) => (req.action === 'autologin' ? oxJson({ ...errorEnvelope('SVL-0015', 'PERMISSION_DENIED', 3), error_params: ['autologin'] }) : undefined);
    const points = await runCase({ body: '  s.autologin();\n  think();', env: { SIGNOFF_AUTOLOGIN: 'on' } });
    const sent = seen('/login', 'autologin').length;
    expect(sent).toBeGreaterThan(0);
    expect(count(points, 'ox_errors', { name: 'autologin', code: 'AUTOLOGIN-OFF' })).toBe(sent);
    expect(pointsOf(points, 'ox_session_lost')).toEqual([]);
  }, 60_000);
});

describe('User-Agents', () => {
  it('gives each VU one browser User-Agent for all its requests and different browsers to different VUs', async () => {
    await runCase({ body: '  if (!s.login().ok) return;\n  s.call(mailAll);\n  s.logout();\n  think();', vus: 4 });
    const byVu = new Map<string, Set<string>>();
    for (const r of fake.seen) byVu.set(r.vu, (byVu.get(r.vu) ?? new Set()).add(r.userAgent));
    expect([...byVu.keys()].sort()).toEqual(['1', '2', '3', '4']);
    for (const [vu, agents] of byVu) {
      expect(agents.size, `VU ${vu}`).toBe(1);
      expect([...agents][0]).toMatch(/^Mozilla\/5\.0 \((Windows NT|Macintosh|X11)/);
    }
    expect(new Set([...byVu.values()].map((a) => [...a][0])).size).toBeGreaterThanOrEqual(2);
  }, 60_000);

  it('sends SIGNOFF_USER_AGENT from every VU when it is set', async () => {
    await runCase({ body: '  if (!s.login().ok) return;\n  s.logout();\n  think();', vus: 2, env: { SIGNOFF_USER_AGENT: 'Open-Xchange USM HTTP Client signoff' } });
    expect(new Set(fake.seen.map((r) => r.userAgent))).toEqual(new Set(['Open-Xchange USM HTTP Client signoff']));
  }, 60_000);
});
