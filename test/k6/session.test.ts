/**
 * The OX client inside the real k6 against a real two-node sandbox behind the
 * sticky balancer: the samples signoff's ingester reads must be there, tagged
 * as agreed, and failures must show when the sandbox injects them.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compileScenario } from '../../src/load/compile.ts';
import { applyFault, clearFaults, sandboxDown, sandboxUp } from '../../src/sandbox/sandbox.ts';
import type { SandboxInfo } from '../../src/sandbox/sandbox.ts';
import { resolveK6 } from '../../src/tools/k6.ts';
import { pointsOf, runK6, writeAccountsJson } from './support/k6-run.ts';
import type { K6Point } from './support/k6-run.ts';

const SANDBOX = 'k6-client';
const ACCOUNTS_CSV = join(import.meta.dirname, '../../fixtures/accounts.csv');

let dir: string;
let sandbox: SandboxInfo;
let accountsFile: string;
let k6: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'signoff-k6-session-'));
  accountsFile = await writeAccountsJson(ACCOUNTS_CSV, dir);
  k6 = (await resolveK6()).path;
  sandbox = await sandboxUp({ name: SANDBOX, nodes: 2 });
}, 180_000);

afterAll(async () => {
  await sandboxDown(SANDBOX).catch(() => undefined);
  await rm(dir, { recursive: true, force: true });
}, 120_000);

async function runScenario(scenario: string, label: string, duration = '8s'): Promise<K6Point[]> {
  const compiled = await compileScenario({ scenarioFile: scenario, profileName: 'smoke', profile: { kind: 'smoke', vus: 2, duration }, slos: [], outDir: join(dir, label) });
  const result = await runK6({ k6, script: compiled.scriptPath, baseUrl: sandbox.balancerUrl, accountsFile, outFile: join(dir, label, 'samples.json') });
  expect(result.exitCode, result.stderr).toBe(0);
  return result.points;
}

/** `mail.all SES-0203` lines, for assertion messages. */
function errorCodes(points: K6Point[]): string {
  return [...new Set(pointsOf(points, 'ox_errors').map((p) => `${p.tags.name} ${p.tags.code}`))].join(', ');
}

function failedNames(points: K6Point[]): string[] {
  return [...new Set(pointsOf(points, 'ox_failed').filter((p) => p.value === 1).map((p) => p.tags.name ?? '?'))];
}

describe('the OX session client in k6', () => {
  it('logs in, boots and logs out with sessions on both nodes and no failure', async () => {
    const points = await runScenario('login-logout', 'login-logout');
    const sent = [...new Set(pointsOf(points, 'http_req_duration').map((p) => p.tags.name))].join(' ');
    for (const name of ['login', 'mail.threadedAll', 'logout']) expect(pointsOf(points, 'http_req_duration', { name }).length, `${name} in ${sent}`).toBeGreaterThan(0);
    const routes = new Set(pointsOf(points, 'ox_sessions').map((p) => p.tags.route));
    // One route only means the balancer took a member out (see the sandbox's apache-error.log: "disabling worker").
    expect([...routes].sort(), 'sessions on both nodes').toEqual(['OX1', 'OX2']);
    expect(pointsOf(points, 'ox_login_duration').length).toBeGreaterThan(0);
    expect(failedNames(points)).toEqual([]);
    expect(pointsOf(points, 'ox_session_lost')).toEqual([]);
    expect(pointsOf(points, 'ox_route_changes')).toEqual([]);
  });

  it('runs the webmail user with every request tagged by its OX action and no failure', async () => {
    const points = await runScenario('webmail-user', 'webmail-user');
    const sent = [...new Set(pointsOf(points, 'http_req_duration').map((p) => p.tags.name))].join(' ');
    for (const name of ['login', 'mail.threadedAll', 'mail.get', 'chronos.all', 'contacts.all', 'logout']) {
      expect(pointsOf(points, 'http_req_duration', { name }).length, `${name} in ${sent}`).toBeGreaterThan(0);
    }
    expect(failedNames(points), errorCodes(points)).toEqual([]);
    expect(pointsOf(points, 'ox_errors')).toEqual([]);
  });

  it('reports mail.all as failed with its OX error code when the nodes answer it with an error envelope', async () => {
    await applyFault(SANDBOX, { kind: 'node', fault: { kind: 'errors', rate: 1, as: 'envelope', module: 'mail', action: 'all' } });
    try {
      const points = await runScenario('webmail-user', 'webmail-fault', '5s');
      expect(pointsOf(points, 'ox_failed', { name: 'mail.all' }).every((p) => p.value === 1)).toBe(true);
      expect(pointsOf(points, 'ox_failed', { name: 'mail.all' }).length).toBeGreaterThan(0);
      const errors = pointsOf(points, 'ox_errors', { name: 'mail.all' });
      expect(errors.length).toBeGreaterThan(0);
      expect(errors.every((p) => /^[A-Z]+-\d{4}$/.test(p.tags.code ?? ''))).toBe(true);
      expect(failedNames(points), errorCodes(points)).toEqual(['mail.all']);
    } finally {
      await clearFaults(SANDBOX);
    }
  });

  it('counts sessions lost to broken stickiness by action and code, and logs in again', async () => {
    await applyFault(SANDBOX, { kind: 'stickiness-broken' });
    try {
      const points = await runScenario('webmail-user', 'webmail-unsticky', '5s');
      const lost = pointsOf(points, 'ox_session_lost');
      expect(lost.length).toBeGreaterThan(0);
      expect(new Set(lost.map((p) => p.tags.code))).toEqual(new Set(['SES-0203']));
      // Every loss is followed by a new login, on top of each VU's first one (a VU's session
      // may outlive an iteration, so iterations are no measure of sessions).
      const logins = pointsOf(points, 'ox_sessions').length;
      const sent = pointsOf(points, 'http_req_duration', { name: 'login' }).length;
      expect(logins, `${lost.length} lost, ${sent} login requests; ${errorCodes(points)}`).toBeGreaterThanOrEqual(lost.length + 2);
    } finally {
      await clearFaults(SANDBOX);
    }
  });

  it('counts answers that all carry a warning as successes and as ox_warnings', async () => {
    await applyFault(SANDBOX, { kind: 'node', fault: { kind: 'warnings', rate: 1 } });
    try {
      const points = await runScenario('login-logout', 'warnings', '5s');
      expect(failedNames(points), errorCodes(points)).toEqual([]);
      expect(pointsOf(points, 'ox_warnings').length).toBeGreaterThan(0);
      expect(pointsOf(points, 'ox_sessions').length).toBeGreaterThan(0);
    } finally {
      await clearFaults(SANDBOX);
    }
  });

  it('reports the IP check (SES-0205) without counting lost sessions or logging in again', async () => {
    await applyFault(SANDBOX, { kind: 'node', fault: { kind: 'client-ip-changes' } });
    try {
      const points = await runScenario('login-logout', 'ip-check', '5s');
      expect(pointsOf(points, 'ox_errors').some((p) => p.tags.code === 'SES-0205'), errorCodes(points)).toBe(true);
      expect(pointsOf(points, 'ox_session_lost')).toEqual([]);
      // One login per session, none after SES-0205 (+2: a VU may be stopped inside its last session).
      expect(pointsOf(points, 'ox_sessions').length).toBeLessThanOrEqual(pointsOf(points, 'iterations').length + 2);
    } finally {
      await clearFaults(SANDBOX);
    }
  });

  it('backs off when the rate limiter answers 429 and sends at most VUs × cap failed logins', async () => {
    await applyFault(SANDBOX, { kind: 'node', fault: { kind: 'rate-limit', maxRate: 6, windowMs: 60_000 } });
    try {
      const points = await runScenario('login-logout', 'rate-limit', '6s');
      expect(pointsOf(points, 'ox_rate_limited').length).toBeGreaterThan(0);
      const failedLogins = pointsOf(points, 'ox_failed', { name: 'login' }).filter((p) => p.value === 1).length;
      expect(failedLogins, 'failed logins ≤ VUs × SIGNOFF_RETRY_CAP (3)').toBeLessThanOrEqual(2 * 3);
      expect(pointsOf(points, 'http_req_duration').length, 'no retry storm').toBeLessThan(60);
    } finally {
      await clearFaults(SANDBOX);
    }
  });
});
