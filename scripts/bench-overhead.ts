/**
 * What the OX client costs compared with the plainest k6 script that sends the
 * same requests: req/s ratio (goal >= 0.95) and k6 peak RSS ratio (goal <= 1.15),
 * for the compiled login-logout and for a mail.all loop. Needs a running sandbox:
 *
 *   scripts/with-tools node scripts/bench-overhead.ts [--sandbox default] [--vus 4] [--duration 10s] [--rounds 2]
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
    duration: { type: 'string', default: '10s' },
    rounds: { type: 'string', default: '2' },
  },
});
const vus = Number(flags.vus);
const rounds = Number(flags.rounds);

/** The mail.all loop on the OX client: one session per VU, kept across iterations. */
const MAIL_LOOP_SCENARIO = `
import { OxClient } from ${JSON.stringify(join(REPO, 'src/k6/index.ts'))};
let ox: OxClient | undefined;
export default function mailAllLoop(): void {
  ox ??= new OxClient();
  if (ox.session.id === undefined) { ox.login(); ox.boot(); }
  ox.mail.all();
}
`;

/** Hand-written equivalents: same requests, k6's default jar, status checks only. */
const BASELINE_COMMON = `
import http from 'k6/http';
import { check } from 'k6';
import exec from 'k6/execution';
import { SharedArray } from 'k6/data';
const accounts = new SharedArray('a', () => JSON.parse(open(__ENV.SIGNOFF_ACCOUNTS_FILE)));
const api = __ENV.SIGNOFF_BASE_URL + '/ajax';
const ua = { headers: { 'User-Agent': 'Mozilla/5.0 baseline' } };
const json = { headers: { 'User-Agent': 'Mozilla/5.0 baseline', 'Content-Type': 'application/json' } };
const boot = JSON.stringify([{ module: 'config' }, { module: 'jslob', action: 'list', data: ['io.ox/core', 'io.ox/core/updates', 'io.ox/mail', 'io.ox/calendar', 'io.ox/contacts', 'io.ox/files'] },
  { module: 'folders', action: 'root', columns: '1,20,300,301,302,304,305,308,316', tree: '0', altNames: 'true', timezone: 'UTC' },
  { module: 'folders', action: 'list', parent: 'default0', columns: '1,20,300,301,302,304,305,308,316', tree: '0', all: '0', altNames: 'true', timezone: 'UTC' }]);
function login() {
  const a = accounts[(exec.vu.idInTest - 1) % accounts.length];
  const res = http.post(api + '/login?action=login&client=open-xchange-appsuite&staySignedIn=false', { name: a.login, password: a.password }, { ...ua, tags: { name: 'login' } });
  check(res, { ok: (r) => r.status === 200 });
  return res.json('session');
}
`;

// k6 empties the VU's jar before each iteration: a fresh jar per session, as the OX client's login makes one.
const BASELINE_LOGIN_LOGOUT = `${BASELINE_COMMON}
export default function () {
  const session = login();
  http.put(api + '/multiple?continue=true&session=' + session, boot, { ...json, tags: { name: 'multiple.boot' } });
  http.get(api + '/login?action=logout&session=' + session, { ...ua, tags: { name: 'logout' } });
}
`;

const BASELINE_MAIL_LOOP = `${BASELINE_COMMON}
export const options = { noCookiesReset: true };
let session;
export default function () {
  if (!session) { session = login(); http.put(api + '/multiple?continue=true&session=' + session, boot, { ...json, tags: { name: 'multiple.boot' } }); }
  const res = http.get(api + '/mail?action=all&folder=default0%2FINBOX&columns=600%2C601%2C602%2C603%2C607%2C608%2C610%2C611&sort=610&order=desc&limit=50&session=' + session, { ...ua, tags: { name: 'mail.all' } });
  check(res, { ok: (r) => r.status === 200 });
}
`;

interface Measurement {
  reqPerSecond: number;
  peakRssMb: number;
}

/** One k6 run under GNU time (peak RSS); req/s from k6's own summary export. */
async function measure(k6: string, script: string, env: Record<string, string>, dir: string, label: string): Promise<Measurement> {
  const summary = join(dir, `${label}.summary.json`);
  const options = { env: { ...env, PATH: process.env.PATH ?? '' }, maxBuffer: 16 * 1024 * 1024 };
  const args = ['-f', '%M', k6, 'run', '--quiet', '--no-color', '--vus', String(vus), '--duration', flags.duration, '--summary-export', summary, script];
  const { stderr } = await run('/usr/bin/time', args, options);
  const peakKb = Number(stderr.trim().split('\n').at(-1));
  const metrics = (JSON.parse(await readFile(summary, 'utf8')) as { metrics: Record<string, { rate?: number }> }).metrics;
  return { reqPerSecond: metrics.http_reqs?.rate ?? 0, peakRssMb: peakKb / 1024 };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0;

async function main(): Promise<void> {
  const info = await readSandbox(flags.sandbox);
  const k6 = (await resolveK6()).path;
  const dir = await mkdtemp(join(tmpdir(), 'signoff-bench-'));
  try {
    const { accounts } = await loadAccounts(info.accountsFile, { strict: true });
    const accountsFile = join(dir, 'accounts.json');
    await writeFile(accountsFile, JSON.stringify(accounts.map((a) => ({ login: a.login, password: a.password ?? '', email: a.email }))), { mode: 0o600 });
    const env = { SIGNOFF_BASE_URL: info.balancerUrl, SIGNOFF_ACCOUNTS_FILE: accountsFile, SIGNOFF_THINK_TIME: '0', K6_AUTO_EXTENSION_RESOLUTION: 'false' };

    await writeFile(join(dir, 'mail-all-loop.ts'), MAIL_LOOP_SCENARIO);
    await writeFile(join(dir, 'baseline-login-logout.js'), BASELINE_LOGIN_LOGOUT);
    await writeFile(join(dir, 'baseline-mail-all-loop.js'), BASELINE_MAIL_LOOP);
    // --vus/--duration on the command line override the compiled scenarios, so both sides run alike.
    const profile = { kind: 'smoke' as const, vus, duration: flags.duration };
    const compiled = {
      'login-logout': (await compileScenario({ scenarioFile: 'login-logout', profileName: 'bench', profile, slos: [], outDir: dir })).scriptPath,
      'mail.all loop': (await compileScenario({ scenarioFile: join(dir, 'mail-all-loop.ts'), profileName: 'bench', profile, slos: [], outDir: dir })).scriptPath,
    };
    const baseline = { 'login-logout': join(dir, 'baseline-login-logout.js'), 'mail.all loop': join(dir, 'baseline-mail-all-loop.js') };

    const rows: string[][] = [];
    for (const name of ['login-logout', 'mail.all loop'] as const) {
      const ours: Measurement[] = [];
      const plain: Measurement[] = [];
      for (let round = 0; round < rounds; round++) {
        // Alternate, so drift in machine load hits both sides alike.
        plain.push(await measure(k6, baseline[name], env, dir, `${name}-plain-${round}`));
        ours.push(await measure(k6, compiled[name], env, dir, `${name}-ours-${round}`));
      }
      const rpsOurs = median(ours.map((m) => m.reqPerSecond));
      const rpsPlain = median(plain.map((m) => m.reqPerSecond));
      const rssOurs = median(ours.map((m) => m.peakRssMb));
      const rssPlain = median(plain.map((m) => m.peakRssMb));
      rows.push([name, rpsPlain.toFixed(1), rpsOurs.toFixed(1), (rpsOurs / rpsPlain).toFixed(3), rssPlain.toFixed(1), rssOurs.toFixed(1), (rssOurs / rssPlain).toFixed(3)]);
    }
    const header = ['workload', 'plain req/s', 'signoff req/s', 'ratio (>=0.95)', 'plain RSS MB', 'signoff RSS MB', 'ratio (<=1.15)'];
    const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
    const line = (cells: string[]) => cells.map((c, i) => c.padEnd(widths[i] ?? 0)).join('  ');
    process.stdout.write(`k6 ${vus} VUs, ${flags.duration}, median of ${rounds} round(s), sandbox ${info.name} (${info.balancerUrl})\n${line(header)}\n${rows.map(line).join('\n')}\n`);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

await main();
