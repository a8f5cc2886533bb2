/**
 * Apache as the sticky balancer in front of two real nodes: new sessions
 * spread over both routes, a session stays on its route, and the faults
 * stickiness-broken and node-down make exactly that fail.
 */
import { readFileSync } from 'node:fs';
import { get } from 'node:https';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadAccounts, type Account } from '../../src/config/accounts.ts';
import { applyFault, clearFaults, sandboxDown, sandboxUp } from '../../src/sandbox/sandbox.ts';
import type { SandboxInfo } from '../../src/sandbox/types.ts';
import { call, login, type OxTestSession } from './support/ox-session.ts';

const NAME = 'tbal';
const PATH = 'config/identifier';
let info: SandboxInfo;
let accounts: Account[];

beforeAll(async () => {
  await sandboxDown(NAME).catch(() => undefined);
  info = await sandboxUp({ name: NAME, nodes: 2 });
  accounts = (await loadAccounts(info.accountsFile, { strict: true })).accounts;
});

afterAll(async () => {
  if (info) await sandboxDown(NAME).catch(() => undefined);
});

async function sessions(count: number): Promise<OxTestSession[]> {
  const result: OxTestSession[] = [];
  for (let i = 0; i < count; i++) {
    const a = accounts[i % accounts.length] as Account;
    result.push(await login(info.balancerUrl, a.login, a.password as string));
  }
  return result;
}

/**
 * A session on `route`. byrequests balances all requests, sticky ones included,
 * so after a burst on one node new sessions go to the other for a while.
 */
async function sessionOn(route: string): Promise<OxTestSession> {
  for (let i = 0; i < 100; i++) {
    const [s] = await sessions(1);
    if (s?.route === route) return s;
  }
  throw new Error(`no session landed on ${route} in 100 logins`);
}

/** How many of `n` requests of one session fail (wrong node: SES-0203, or no node). */
async function failures(s: OxTestSession, n: number): Promise<number> {
  let failed = 0;
  for (let i = 0; i < n; i++) {
    const { status, body } = await call(info.balancerUrl, s, PATH);
    if (status !== 200 || body.error !== undefined) failed++;
  }
  return failed;
}

describe('sandbox balancer', () => {
  // First on purpose: it must hold the moment sandboxUp returns, before anything warmed up.
  it('lands 20 fresh logins on both routes right after sandboxUp returned', async () => {
    const routes = new Set((await sessions(20)).map((s) => s.route));
    expect([...routes].sort()).toEqual(['OX1', 'OX2']);
  });

  it('spreads 100 new sessions over both routes', async () => {
    const routes = (await sessions(100)).map((s) => s.route);
    const ox1 = routes.filter((r) => r === 'OX1').length;
    const ox2 = routes.filter((r) => r === 'OX2').length;
    expect(ox1 + ox2).toBe(100);
    expect(ox1).toBeGreaterThanOrEqual(30);
    expect(ox2).toBeGreaterThanOrEqual(30);
  });

  it('keeps one session on its route for 100 requests', async () => {
    const [s] = await sessions(1);
    expect(await failures(s as OxTestSession, 100)).toBe(0);
  });

  it('serves the API over HTTPS with a certificate issued by the sandbox CA', async () => {
    const status = await new Promise<number>((resolve, reject) => {
      get(`${info.balancerHttpsUrl}/ajax/login?action=login`, { ca: readFileSync(info.caFile) }, (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      }).on('error', reject);
    });
    expect(status).toBeLessThan(500);
  });

  it('lets a session wander and fail once stickiness is broken, and holds again after clear', async () => {
    const [s] = await sessions(1);
    await applyFault(NAME, { kind: 'stickiness-broken' });
    try {
      const failed = await failures(s as OxTestSession, 40);
      expect(failed).toBeGreaterThan(0);
      expect(failed).toBeLessThan(40);
    } finally {
      await clearFaults(NAME);
    }
    const [fresh] = await sessions(1);
    expect(await failures(fresh as OxTestSession, 40)).toBe(0);
  });

  it('fails the requests of a downed node and serves new sessions again after node-up', async () => {
    const onOx1 = await sessionOn('OX1');
    const onOx2 = await sessionOn('OX2');
    await applyFault(NAME, { kind: 'node-down', route: 'OX2' });
    try {
      expect(await failures(onOx2, 5)).toBe(5);
      expect(await failures(onOx1, 5)).toBe(0);
    } finally {
      await applyFault(NAME, { kind: 'node-up', route: 'OX2' });
    }
    // A restarted node has a fresh session table: the old session is gone, new ones work.
    expect(await failures(onOx2, 1)).toBe(1);
    // node-up returns once the route answers through the balancer again: no waiting here.
    expect(await failures(await sessionOn('OX2'), 5)).toBe(0);
  });
});
