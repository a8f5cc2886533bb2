/**
 * The realistic session model (scenarios/webmail-user.ts: UI requests,
 * sessions of minutes, refresh, cleanup) against the old one (login → a few
 * calls → logout per iteration, kept inline below as the baseline): requests
 * per session, share of logins, req/s per 1,000 concurrent sessions, k6 CPU
 * per 1,000 requests. Then generated (compiled webmail-user) against a
 * hand-written k6 script sending the same realistic sequence: req/s ratio
 * (goal >= 0.95) and peak RSS ratio (goal <= 1.15). Needs a running sandbox:
 *
 *   scripts/with-tools node scripts/bench-session-model.ts [--sandbox default] [--vus 4] [--duration 30s] [--session 20] [--think 0.5]
 */
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs, promisify } from 'node:util';
import { loadAccounts } from '../src/config/accounts.ts';
import { compileScenario } from '../src/load/compile.ts';
import { readSandbox } from '../src/sandbox/sandbox.ts';
import { resolveK6 } from '../src/tools/k6.ts';

const run = promisify(execFile);
const REPO = resolve(import.meta.dirname, '..');

const { values: flags } = parseArgs({
  options: {
    sandbox: { type: 'string', default: 'default' },
    vus: { type: 'string', default: '4' },
    duration: { type: 'string', default: '30s' },
    session: { type: 'string', default: '20' },
    think: { type: 'string', default: '0.5' },
  },
});
const vus = Number(flags.vus);

/** The old model, as the scenarios were before issue 10: whole config tree, mail.all ×50, text view, legacy send. */
const OLD_MODEL = `
import exec from 'k6/execution';
import { OxClient, peerAccount, think, weekOf } from ${JSON.stringify(join(REPO, 'src/k6/index.ts'))};
const BOOT = [{ module: 'config' }, { module: 'jslob', action: 'list', data: ['io.ox/core', 'io.ox/core/updates', 'io.ox/mail', 'io.ox/calendar', 'io.ox/contacts', 'io.ox/files'] },
  { module: 'folders', action: 'root', columns: '1,20,300,301,302,304,305,308,316', tree: '0', altNames: 'true', timezone: 'UTC' },
  { module: 'folders', action: 'list', parent: 'default0', columns: '1,20,300,301,302,304,305,308,316', tree: '0', all: '0', altNames: 'true', timezone: 'UTC' }];
export default function oldWebmail(): void {
  const ox = new OxClient();
  if (!ox.session.login().ok) return;
  const boot = ox.session.call<unknown[]>({ name: 'multiple.boot', method: 'PUT', path: '/multiple', query: { continue: true }, json: BOOT, shape: 'multiple' });
  const tree = (boot.data?.[0] as { data?: { folder?: Record<string, unknown> } } | undefined)?.data?.folder ?? {};
  think();
  const list = ox.mail.all('default0/INBOX', { limit: 50 });
  for (const row of (list.data ?? []).slice(0, 3)) {
    think();
    ox.session.call({ name: 'mail.get', method: 'GET', path: '/mail', query: { action: 'get', folder: 'default0/INBOX', id: String(row[0]), view: 'text', unseen: true, timezone: 'UTC' }, shape: 'json' });
  }
  think(2);
  ox.session.call({ name: 'mail.new', method: 'POST', path: '/mail', query: { action: 'new' }, form: { json_0: JSON.stringify({ from: ox.session.account.email, to: peerAccount().email, subject: 'signoff old ' + exec.vu.idInTest, content_type: 'text/plain', sendtype: 0, attachments: [{ content_type: 'text/plain', content: 'old' }] }) }, shape: 'callback' });
  think();
  const week = weekOf(new Date());
  ox.session.call({ name: 'chronos.all', method: 'GET', path: '/chronos', query: { action: 'all', folder: 'cal://0/' + String(tree.calendar), rangeStart: week.start.toISOString().replace(/[-:]/g, '').replace(/\\.\\d{3}/, ''), rangeEnd: week.end.toISOString().replace(/[-:]/g, '').replace(/\\.\\d{3}/, '') }, shape: 'json' });
  think();
  ox.session.call({ name: 'contacts.all', method: 'GET', path: '/contacts', query: { action: 'all', folder: String(tree.contacts), columns: '1,20,500,501,502,555' }, shape: 'json' });
  think();
  ox.logout();
}
`;

/** The realistic webmail sequence written as plain k6 (same requests, same session end rule simplified to SESSION_S). */
const HAND_WRITTEN = `
import http from 'k6/http';
import { sleep } from 'k6';
import exec from 'k6/execution';
import { SharedArray } from 'k6/data';
const accounts = new SharedArray('a', () => JSON.parse(open(__ENV.SIGNOFF_ACCOUNTS_FILE)));
const api = __ENV.SIGNOFF_BASE_URL + '/ajax';
const THINK = Number(__ENV.SIGNOFF_THINK_TIME);
const SESSION_MS = Number(__ENV.SIGNOFF_SESSION_SECONDS) * 1000;
const ua = { headers: { 'User-Agent': 'Mozilla/5.0 hand-written' } };
const json = { headers: { 'User-Agent': 'Mozilla/5.0 hand-written', 'Content-Type': 'application/json' } };
const FC = '1,2,3,4,5,6,20,300,301,302,304,305,306,307,308,309,310,311,312,313,314,315,316,3010,3020,3030';
const think = (f = 1) => { if (THINK > 0) sleep(THINK * f * (0.5 + Math.random())); };
const tag = (name, p) => ({ ...p, tags: { name } });
export default function () {
  const started = Date.now();
  const a = accounts[(exec.vu.idInTest - 1) % accounts.length];
  const peer = accounts[exec.vu.idInTest % accounts.length];
  const login = http.post(api + '/login?action=login&client=open-xchange-appsuite&staySignedIn=false&rampup=true&rampUpFor=open-xchange-appsuite&authId=h' + exec.vu.idInTest + '-' + exec.vu.iterationInScenario, { name: a.login, password: a.password }, tag('login', ua));
  const body = login.json();
  const s = 'session=' + encodeURIComponent(body.session);
  http.put(api + '/multiple?continue=true&' + s, JSON.stringify([{ module: 'jslob', action: 'list', data: ['io.ox/caldav', 'io.ox/calendar', 'io.ox/contacts', 'io.ox/core', 'io.ox/core/updates', 'io.ox/files', 'io.ox/mail', 'io.ox/tasks'] }, { module: 'apps/manifests', action: 'config' }, { module: 'oauth/accounts', action: 'all' }, { module: 'oauth/services', action: 'all' }, { module: 'onboarding', action: 'config' }, { module: 'user', action: 'get', id: body.user_id }, { module: 'account', action: 'all' }]), tag('multiple.rampup', json));
  const inbox = http.get(api + '/mail?action=threadedAll&folder=default0%2FINBOX&columns=102%2C600%2C601%2C602%2C603%2C604%2C605%2C607%2C608%2C610%2C611%2C614%2C652&sort=610&order=desc&includeSent=true&max=300&timezone=utc&limit=0%2C30&' + s, tag('mail.threadedAll', ua));
  http.get(api + '/folders?action=list&all=0&altNames=true&parent=1&timezone=UTC&tree=0&columns=' + FC + '&' + s, tag('folders.list', ua));
  const folders = http.get(api + '/folders?action=list&all=0&altNames=true&parent=default0&timezone=UTC&tree=0&columns=' + FC + '&' + s, tag('folders.list', ua));
  const rows = (inbox.json('data') || []).map((r) => Array.isArray(r) ? { id: String(r[1]), folder: r[2], flags: r[10], subject: String(r[7]) } : { id: String(r.id), folder: r.folder_id, flags: r.flags, subject: String(r.subject) });
  const mine = rows.filter((r) => r.subject.startsWith('[signoff-load]'));
  if (mine.length > 0) http.put(api + '/mail?action=delete&harddelete=true&timestamp=' + Date.now() + '&' + s, JSON.stringify(mine.map((r) => ({ folder: r.folder, id: r.id }))), tag('mail.delete', json));
  const readable = rows.filter((r) => !r.subject.startsWith('[signoff-load]'));
  const opened = new Map();
  const get = (r) => { http.get(api + '/mail?action=get&folder=' + encodeURIComponent(r.folder) + '&id=' + encodeURIComponent(r.id) + '&embedded=false&sanitize=false&view=noimg&max_size=102400&process_plain_text=false&pregenerate_previews=true&timezone=UTC&' + s, tag('mail.get', ua)); if ((r.flags & 32) === 0) opened.set(r.id, r); };
  for (const r of readable.slice(0, 3)) { think(); get(r); }
  think(2);
  const subject = '[signoff-load] hw ' + exec.vu.idInTest + '/' + exec.vu.iterationInScenario;
  const space = http.post(api + '/mail/compose?type=new&vcard=false&' + s, '[]', tag('mail.compose', json));
  const id = space.json('data.id');
  const mailBody = JSON.stringify({ from: [null, a.email], to: [[null, peer.email]], subject, content: '<p>hi</p>', contentType: 'text/html' });
  http.patch(api + '/mail/compose/' + id + '?' + s, mailBody, tag('mail.compose.update', json));
  const sentRes = http.post(api + '/mail/compose/' + id + '/send?' + s, { JSON: mailBody }, tag('mail.compose.send', ua));
  const folderRows = folders.json('data') || [];
  const sent = (folderRows.find((f) => f[22] === 10) || [])[0];
  const drafts = (folderRows.find((f) => f[22] === 9) || [])[0];
  http.put(api + '/multiple?continue=true&' + s, JSON.stringify(['default0/INBOX', sent, drafts].filter(Boolean).map((f) => ({ module: 'folders', action: 'get', altNames: true, id: f, timezone: 'UTC', tree: 0 }))), tag('multiple.folders', json));
  think();
  if (sent) http.get(api + '/mail?action=all&folder=' + encodeURIComponent(sent) + '&columns=102%2C600%2C601%2C602%2C603%2C604%2C605%2C607%2C608%2C610%2C611%2C614%2C652&sort=610&order=desc&limit=0%2C30&' + s, tag('mail.all', ua));
  think();
  http.get(api + '/mail?action=threadedAll&folder=default0%2FINBOX&columns=102%2C600%2C601%2C602%2C603%2C604%2C605%2C607%2C608%2C610%2C611%2C614%2C652&sort=610&order=desc&includeSent=true&max=300&timezone=utc&limit=0%2C30&' + s, tag('mail.threadedAll', ua));
  think();
  const cal = http.get(api + '/folders?action=allVisible&altNames=true&content_type=calendar&timezone=UTC&tree=1&columns=' + FC + '&' + s, tag('folders.allVisible', ua));
  const calId = ((cal.json('data.private') || [])[0] || [])[0];
  const now = new Date(); const day = (now.getUTCDay() + 6) % 7; const start = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate() - day)); const end = new Date(start.getTime() + 7 * 86400000);
  const stamp = (d) => d.toISOString().replace(/[-:]/g, '').replace(/\\.\\d{3}/, '');
  if (calId) http.get(api + '/chronos?action=all&folder=' + encodeURIComponent(String(calId).startsWith('cal://') ? calId : 'cal://0/' + calId) + '&rangeStart=' + stamp(start) + '&rangeEnd=' + stamp(end) + '&fields=id%2Cfolder%2Csummary%2Clocation%2CstartDate%2CendDate%2Cflags&expand=true&order=ASC&sort=startDate&' + s, tag('chronos.all', ua));
  think();
  const con = http.get(api + '/folders?action=allVisible&altNames=true&content_type=contacts&timezone=UTC&tree=1&columns=' + FC + '&' + s, tag('folders.allVisible', ua));
  const conId = ((con.json('data.private') || [])[0] || [])[0];
  if (conId) http.get(api + '/contacts?action=all&folder=' + encodeURIComponent(conId) + '&columns=1%2C20%2C500%2C501%2C502%2C555&sort=502&order=asc&' + s, tag('contacts.all', ua));
  let next = 3;
  while (Date.now() - started < SESSION_MS) { think(20); const r = readable[next++ % Math.max(1, readable.length)]; if (r) get(r); }
  const path = sentRes.status === 200 ? String(sentRes.json('data') || '') : '';
  const cut = path.lastIndexOf('/');
  if (cut > 0) http.put(api + '/mail?action=delete&harddelete=true&timestamp=' + Date.now() + '&' + s, JSON.stringify([{ folder: path.slice(0, cut), id: path.slice(cut + 1) }]), tag('mail.delete', json));
  for (const r of opened.values()) http.put(api + '/mail?action=update&folder=' + encodeURIComponent(r.folder) + '&id=' + encodeURIComponent(r.id) + '&timestamp=' + Date.now() + '&' + s, JSON.stringify({ flags: 32, value: false }), tag('mail.update', json));
  http.get(api + '/login?action=logout&' + s, tag('logout', ua));
}
`;

interface Measurement {
  requests: number;
  reqPerSecond: number;
  sessions: number;
  logins: number;
  cpuSeconds: number;
  peakRssMb: number;
}

async function measure(k6: string, script: string, env: Record<string, string>, dir: string, label: string): Promise<Measurement> {
  const summary = join(dir, `${label}.summary.json`);
  const options = { env: { ...env, PATH: process.env.PATH ?? '' }, maxBuffer: 16 * 1024 * 1024 };
  const args = ['-f', '%M %U %S', k6, 'run', '--quiet', '--no-color', '--vus', String(vus), '--duration', flags.duration, '--summary-export', summary, script];
  const { stderr } = await run('/usr/bin/time', args, options);
  const [peakKb, user, sys] = (stderr.trim().split('\n').at(-1) ?? '').split(' ').map(Number);
  const metrics = (JSON.parse(await readFile(summary, 'utf8')) as { metrics: Record<string, { rate?: number; count?: number }> }).metrics;
  return {
    requests: metrics.http_reqs?.count ?? 0,
    reqPerSecond: metrics.http_reqs?.rate ?? 0,
    sessions: metrics.iterations?.count ?? 0,
    logins: metrics.ox_sessions?.count ?? metrics.iterations?.count ?? 0,
    cpuSeconds: (user ?? 0) + (sys ?? 0),
    peakRssMb: (peakKb ?? 0) / 1024,
  };
}

function modelRow(name: string, m: Measurement): string[] {
  // Sessions = logins: an iteration that starts too close to the end idles without one.
  return [name, (m.requests / Math.max(1, m.logins)).toFixed(1), `${((100 * m.logins) / Math.max(1, m.requests)).toFixed(1)} %`, ((m.reqPerSecond / vus) * 1000).toFixed(0), ((m.cpuSeconds / Math.max(1, m.requests)) * 1000).toFixed(3)];
}

function table(header: string[], rows: string[][]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: string[]) => cells.map((c, i) => c.padEnd(widths[i] ?? 0)).join('  ');
  return `${line(header)}\n${rows.map(line).join('\n')}\n`;
}

async function main(): Promise<void> {
  const info = await readSandbox(flags.sandbox);
  const k6 = (await resolveK6()).path;
  const dir = await mkdtemp(join(tmpdir(), 'signoff-bench-session-'));
  try {
    const { accounts } = await loadAccounts(info.accountsFile, { strict: true });
    const accountsFile = join(dir, 'accounts.json');
    await writeFile(accountsFile, JSON.stringify(accounts.map((a) => ({ login: a.login, password: a.password ?? '', email: a.email }))), { mode: 0o600 });
    const env = { SIGNOFF_BASE_URL: info.balancerUrl, SIGNOFF_ACCOUNTS_FILE: accountsFile, SIGNOFF_THINK_TIME: flags.think, SIGNOFF_SESSION_SECONDS: flags.session, K6_AUTO_EXTENSION_RESOLUTION: 'false' };
    await writeFile(join(dir, 'old-model.ts'), OLD_MODEL);
    await writeFile(join(dir, 'hand-written.js'), HAND_WRITTEN);
    const profile = { kind: 'smoke' as const, vus, duration: flags.duration };
    const realistic = (await compileScenario({ scenarioFile: 'webmail-user', profileName: 'bench', profile, slos: [], outDir: join(dir, 'realistic') })).scriptPath;
    const old = (await compileScenario({ scenarioFile: join(dir, 'old-model.ts'), profileName: 'bench', profile, slos: [], outDir: join(dir, 'old') })).scriptPath;

    const mOld = await measure(k6, old, env, dir, 'old');
    const mNew = await measure(k6, realistic, env, dir, 'realistic');
    // Generated vs hand-written without think time, so k6 (not the pauses) sets the pace, as in bench-overhead.
    const busy = { ...env, SIGNOFF_THINK_TIME: '0' };
    const mHand = await measure(k6, join(dir, 'hand-written.js'), busy, dir, 'hand');
    const mGen = await measure(k6, realistic, busy, dir, 'generated');
    process.stdout.write(`k6 ${vus} VUs, ${flags.duration}, think ${flags.think} s (0 s for generated vs hand-written), session ${flags.session} s, sandbox ${info.name}\n`);
    process.stdout.write(table(['model', 'req/session', 'logins', 'req/s per 1000 sessions', 'k6 CPU s per 1000 req'], [modelRow('old (login…logout per iteration)', mOld), modelRow('realistic (webmail-user)', mNew)]));
    process.stdout.write(
      table(
        ['realistic sequence', 'req/s', 'peak RSS MB'],
        [
          ['hand-written k6', mHand.reqPerSecond.toFixed(1), mHand.peakRssMb.toFixed(1)],
          ['generated (signoff)', mGen.reqPerSecond.toFixed(1), mGen.peakRssMb.toFixed(1)],
          ['ratio (>=0.95 / <=1.15)', (mGen.reqPerSecond / mHand.reqPerSecond).toFixed(3), (mGen.peakRssMb / mHand.peakRssMb).toFixed(3)],
        ],
      ),
    );
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

await main();
