import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { SignoffError } from '../../src/errors.ts';
import { browserForVu } from '../../src/k6/user-agents.ts';
import { assertNotThrottled, generatorUserAgents, probeThrottling } from '../../src/load/throttle-preflight.ts';

const DEFAULT_USER_AGENTS = generatorUserAgents(10);

interface Seen {
  url: string;
  userAgent: string;
}

const servers: http.Server[] = [];

/** A target whose limiter allows `maxRate` requests per User-Agent, then answers 429 with Retry-After (as OX's RateLimiter keys on the agent). */
async function target(maxRate: number): Promise<{ baseUrl: string; seen: Seen[] }> {
  const seen: Seen[] = [];
  const perAgent = new Map<string, number>();
  const server = http.createServer((request, response) => {
    const userAgent = request.headers['user-agent'] ?? '';
    seen.push({ url: request.url ?? '', userAgent });
    const n = (perAgent.get(userAgent) ?? 0) + 1;
    perAgent.set(userAgent, n);
    if (n > maxRate) {
      response.writeHead(429, { 'retry-after': '300' }).end('429 Too Many Requests');
      return;
    }
    response.writeHead(200, { 'content-type': 'application/json' }).end('{"data":{}}');
  });
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { baseUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, seen };
}

afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => new Promise((resolve) => s.close(resolve))));
});

describe('throttle pre-flight', () => {
  it("probes with the k6 client's own User-Agents (the rate limiter's keys), distinct, at most three", () => {
    expect(DEFAULT_USER_AGENTS).toHaveLength(3);
    expect(new Set(DEFAULT_USER_AGENTS).size).toBe(3);
    expect(generatorUserAgents(1)).toEqual([browserForVu(1).userAgent]);
    for (const agent of DEFAULT_USER_AGENTS) expect(Array.from({ length: 10 }, (_, i) => browserForVu(i + 1).userAgent)).toContain(agent);
  });

  it('sends a handful of requests to apps/manifests with the generator User-Agents and passes a target that does not throttle', async () => {
    const t = await target(1000);
    const probe = await assertNotThrottled(t.baseUrl, '/ajax', { userAgents: DEFAULT_USER_AGENTS });
    expect(probe).toMatchObject({ requests: 12, rateLimited: 0 });
    expect(new Set(t.seen.map((s) => s.url))).toEqual(new Set(['/ajax/apps/manifests?action=config']));
    expect(new Set(t.seen.map((s) => s.userAgent))).toEqual(new Set(DEFAULT_USER_AGENTS.slice(0, 3)));
  });

  it('stops the run before the load with TARGET_RATE_LIMITED (exit 3) and the OX settings in the hint when any answer is HTTP 429', async () => {
    const t = await target(2);
    const error = await assertNotThrottled(t.baseUrl, '/ajax', { userAgents: DEFAULT_USER_AGENTS }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SignoffError);
    const e = error as SignoffError;
    expect(e.code).toBe('TARGET_RATE_LIMITED');
    expect(e.exitCode).toBe(3);
    expect(e.message).toBe(`${t.baseUrl} rate-limits the load generator already before the load: 3 of 9 pre-flight requests answered HTTP 429, Retry-After 300 s`);
    for (const setting of ['com.openexchange.servlet.maxRate', 'maxRateTimeWindow', 'maxRateLenientClients', 'maxRateLenientRemoteAddresses']) expect(e.hint).toContain(setting);
  });

  it('stops probing an agent at its first 429, so the pre-flight never deepens a throttle', async () => {
    const t = await target(0);
    const probe = await probeThrottling(t.baseUrl, '/ajax/', { userAgents: DEFAULT_USER_AGENTS, agents: 2 });
    expect(probe).toMatchObject({ requests: 2, rateLimited: 2, retryAfterS: 300 });
    expect(t.seen.map((s) => s.url)).toEqual(['/ajax/apps/manifests?action=config', '/ajax/apps/manifests?action=config']);
  });
});
