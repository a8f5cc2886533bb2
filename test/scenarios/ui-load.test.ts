/**
 * The shipped scenarios send what the App Suite UI sends (scenarios/README.md
 * names the UI source of each request) and hold sessions as users do. Real
 * k6 against a real two-node sandbox; the request lines come from k6's
 * --http-debug log, the session shape from the samples.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compileScenario } from '../../src/load/compile.ts';
import { sandboxDown, sandboxUp } from '../../src/sandbox/sandbox.ts';
import type { SandboxInfo } from '../../src/sandbox/sandbox.ts';
import { resolveK6 } from '../../src/tools/k6.ts';
import { pointsOf, runK6, writeAccountsJson } from '../k6/support/k6-run.ts';
import type { K6Point } from '../k6/support/k6-run.ts';

const SANDBOX = 'scenarios-ui-load';
const ACCOUNTS_CSV = join(import.meta.dirname, '../../fixtures/accounts.csv');

let dir: string;
let sandbox: SandboxInfo;
let accountsFile: string;
let k6: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'signoff-ui-load-'));
  accountsFile = await writeAccountsJson(ACCOUNTS_CSV, dir);
  k6 = (await resolveK6()).path;
  sandbox = await sandboxUp({ name: SANDBOX, nodes: 2 });
}, 180_000);

afterAll(async () => {
  await sandboxDown(SANDBOX).catch(() => undefined);
  await rm(dir, { recursive: true, force: true });
}, 120_000);

interface Sent {
  vu: string;
  method: string;
  path: string;
  query: URLSearchParams;
}

interface Run {
  requests: Sent[];
  points: K6Point[];
}

/** Request lines of k6's --http-debug log (logfmt escapes the newlines), with the VU that sent each. */
function requestsOf(stderr: string): Sent[] {
  const sent: Sent[] = [];
  for (const line of stderr.split('\n')) {
    const m = /Request:\\n(GET|POST|PUT|PATCH|DELETE) (\S+) HTTP\/.* vu=(\d+)/.exec(line);
    if (!m) continue;
    const url = new URL(m[2] ?? '/', 'http://x');
    sent.push({ vu: m[3] ?? '', method: m[1] ?? '', path: url.pathname.replace(/^\/ajax/, ''), query: url.searchParams });
  }
  return sent;
}

async function runScenario(scenario: string, label: string, env: Record<string, string> = {}, duration = '8s'): Promise<Run> {
  const compiled = await compileScenario({ scenarioFile: scenario, profileName: 'smoke', profile: { kind: 'smoke', vus: 2, duration }, slos: [], outDir: join(dir, label) });
  const extraArgs = ['--http-debug', ...Object.entries(env).flatMap(([k, v]) => ['-e', `${k}=${v}`])];
  const result = await runK6({ k6, script: compiled.scriptPath, baseUrl: sandbox.balancerUrl, accountsFile, outFile: join(dir, label, 'samples.json'), extraArgs });
  expect(result.exitCode, result.stderr.slice(-2000)).toBe(0);
  return { requests: requestsOf(result.stderr), points: result.points };
}

const action = (r: Sent) => `${r.method} ${r.path}${r.query.has('action') ? `?action=${r.query.get('action')}` : ''}`;
const find = (run: Run, method: string, path: string, act?: string) => run.requests.filter((r) => r.method === method && r.path === path && (act === undefined || r.query.get('action') === act));
const count = (run: Run, name: string) => pointsOf(run.points, 'http_req_duration', { name }).length;

describe('webmail-user as the 7.10 UI sends it', () => {
  let run: Run;
  beforeAll(async () => {
    run = await runScenario('webmail-user', 'webmail');
  }, 120_000);

  it('logs in with the rampup and lists the inbox as threadedAll with the UI columns and limits', () => {
    const login = find(run, 'POST', '/login', 'login')[0];
    expect(login?.query.get('rampup')).toBe('true');
    expect(login?.query.get('rampUpFor')).toBe('open-xchange-appsuite');
    const inbox = find(run, 'GET', '/mail', 'threadedAll')[0];
    expect(Object.fromEntries(inbox?.query ?? [])).toMatchObject({
      folder: 'default0/INBOX',
      columns: '102,600,601,602,603,604,605,607,608,610,611,614,652',
      limit: '0,30',
      includeSent: 'true',
      max: '300',
      sort: '610',
      order: 'desc',
    });
    // No config tree and no client-side rampup batch: the server ramped up inside the login.
    expect(run.requests.filter((r) => r.path.startsWith('/config')).map(action)).toEqual([]);
    const vu1 = run.requests.filter((r) => r.vu === '1').map(action);
    expect(vu1.slice(0, 3)).toEqual(['POST /login?action=login', 'GET /mail?action=threadedAll', 'GET /folders?action=list']);
  });

  it('reads mails as html without images and lists mail folders in tree 0, the rest through allVisible in tree 1', () => {
    const get = find(run, 'GET', '/mail', 'get')[0];
    expect(get?.query.get('view')).toBe('noimg');
    expect(get?.query.has('unseen')).toBe(false);
    for (const list of find(run, 'GET', '/folders', 'list')) expect(list.query.get('tree'), list.query.get('parent') ?? '').toBe('0');
    const visible = find(run, 'GET', '/folders', 'allVisible');
    expect([...new Set(visible.map((r) => r.query.get('content_type')))].sort()).toEqual(['calendar', 'contacts']);
    for (const r of visible) expect(r.query.get('tree')).toBe('1');
  });

  it('sends through a composition space and asks chronos with a composite calendar id', () => {
    const compose = run.requests.filter((r) => r.vu === '1' && r.path.startsWith('/mail/compose')).map((r) => `${r.method} ${r.path.replace(/\/compose\/[^/]+/, '/compose/{id}')}`);
    expect(compose.slice(0, 3)).toEqual(['POST /mail/compose', 'PATCH /mail/compose/{id}', 'POST /mail/compose/{id}/send']);
    expect(find(run, 'POST', '/mail', 'new')).toEqual([]);
    const chronos = find(run, 'GET', '/chronos', 'all');
    expect(chronos.length).toBeGreaterThan(0);
    for (const r of chronos) expect(r.query.get('folder')).toMatch(/^cal:\/\/0\//);
  });

  it('deletes the Sent copy of every mail it sent and logs out every session it opened', () => {
    expect(count(run, 'mail.delete')).toBeGreaterThanOrEqual(count(run, 'mail.compose.send'));
    expect(count(run, 'logout')).toBe(count(run, 'login'));
  });
});

describe('sessions as users hold them', () => {
  it('keep one login for minutes of actions with the auto-refresh, and end with cleanup and logout before the run ends', async () => {
    const run = await runScenario('groupware-user', 'groupware-long', { SIGNOFF_SESSION_SECONDS: '6', SIGNOFF_REFRESH_SECONDS: '1' }, '10s');
    const logins = count(run, 'login');
    expect(logins).toBeGreaterThan(0);
    // The old model: one pass per login (≤ 6 chronos.all). Now the session keeps acting and refreshing.
    expect(count(run, 'chronos.all') / logins).toBeGreaterThan(6);
    expect(count(run, 'mail.threadedAll')).toBeGreaterThan(logins);
    expect(count(run, 'logout')).toBe(logins);
    expect(count(run, 'chronos.delete')).toBe(count(run, 'chronos.new'));
    expect(count(run, 'contacts.delete')).toBe(count(run, 'contacts.new'));
  }, 120_000);

  it('lists Drive as the UI does: module files, sort 702, pages of 210, preview generation', async () => {
    const run = await runScenario('drive-user', 'drive');
    const list = find(run, 'GET', '/files', 'all')[0];
    expect(Object.fromEntries(list?.query ?? [])).toMatchObject({ sort: '702', limit: '0,210', pregenerate_previews: 'true', columns: '1,2,3,5,20,23,108,700,702,703,704,705,707' });
  }, 120_000);

  it('with SIGNOFF_UI=8 reads the server config before login, logs in without rampup and ramps up itself', async () => {
    const run = await runScenario('login-logout', 'ui8', { SIGNOFF_UI: '8' });
    const order = run.requests.filter((r) => r.vu === '1').slice(0, 3).map(action);
    expect(order).toEqual(['GET /apps/manifests?action=config', 'POST /login?action=login', 'PUT /multiple']);
    expect(find(run, 'POST', '/login', 'login')[0]?.query.get('rampup')).toBe('false');
  }, 120_000);
});
