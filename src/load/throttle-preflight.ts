/**
 * Pre-flight for throttling: a handful of requests with the generator's
 * User-Agents before k6 starts. OX rate-limits per {remote address,
 * User-Agent} (MW RateLimiter, Key) and answers HTTP 429; a target that does
 * so already would only measure its limiter, so the run stops before the
 * load (TARGET_RATE_LIMITED, exit 3, like an unreachable target) with the
 * settings to change. A limit that only trips under load is judged after the
 * run by the rate-limit check (src/load/client-checks.ts).
 *
 * The request is the one the 8.x UI sends before login (`apps/manifests?
 * action=config`, no session needed); modules `rt` and `system` are exempt
 * from OX's limiter, so they would prove nothing.
 */
import { readFile } from 'node:fs/promises';
import http from 'node:http';
import https from 'node:https';
import { SignoffError } from '../errors.ts';
import { browserForVu } from '../k6/user-agents.ts';

export interface ThrottleProbeOptions {
  /** The User-Agents the load generator sends; the first `agents` are probed. */
  userAgents: readonly string[];
  agents?: number;
  /** Sequential requests per User-Agent; a limit at or below this trips the probe. */
  requestsPerAgent?: number;
  caFile?: string;
  timeoutMs?: number;
}

export interface ThrottleProbe {
  url: string;
  requests: number;
  rateLimited: number;
  /** Seconds from the first Retry-After header seen (OX sends the window length). */
  retryAfterS?: number;
}

/**
 * The User-Agents the first `vus` VUs of the k6 client send (src/k6/user-agents.ts),
 * distinct, at most `max`: the very {address, User-Agent} keys the load will use.
 */
export function generatorUserAgents(vus: number, max = 3): string[] {
  const agents: string[] = [];
  for (let vu = 1; vu <= Math.max(1, vus) && agents.length < max; vu++) {
    const { userAgent } = browserForVu(vu);
    if (!agents.includes(userAgent)) agents.push(userAgent);
  }
  return agents;
}

export function probeUrl(baseUrl: string, apiPath: string): string {
  return `${baseUrl.replace(/\/+$/, '')}${apiPath.replace(/\/+$/, '')}/apps/manifests?action=config`;
}

export async function probeThrottling(baseUrl: string, apiPath: string, options: ThrottleProbeOptions): Promise<ThrottleProbe> {
  const url = new URL(probeUrl(baseUrl, apiPath));
  const ca = options.caFile ? await readFile(options.caFile) : undefined;
  const agents = options.userAgents.slice(0, options.agents ?? 3);
  const perAgent = options.requestsPerAgent ?? 4;
  const probe: ThrottleProbe = { url: url.href, requests: 0, rateLimited: 0 };
  for (const userAgent of agents) {
    for (let i = 0; i < perAgent; i++) {
      const answer = await get(url, userAgent, ca, options.timeoutMs ?? 5000);
      probe.requests++;
      if (answer.status !== 429) continue;
      probe.rateLimited++;
      if (probe.retryAfterS === undefined && answer.retryAfterS !== undefined) probe.retryAfterS = answer.retryAfterS;
      // One 429 per agent is proof enough; more would only deepen the throttle.
      break;
    }
  }
  return probe;
}

/** Throws TARGET_RATE_LIMITED when any probe request was answered with HTTP 429. */
export async function assertNotThrottled(baseUrl: string, apiPath: string, options: ThrottleProbeOptions): Promise<ThrottleProbe> {
  const probe = await probeThrottling(baseUrl, apiPath, options);
  if (probe.rateLimited > 0) {
    const retry = probe.retryAfterS === undefined ? '' : `, Retry-After ${probe.retryAfterS} s`;
    throw new SignoffError(
      'TARGET_RATE_LIMITED',
      `${new URL(baseUrl).origin} rate-limits the load generator already before the load: ${probe.rateLimited} of ${probe.requests} pre-flight requests answered HTTP 429${retry}`,
    );
  }
  return probe;
}

interface Answer {
  status: number;
  retryAfterS?: number;
}

function get(url: URL, userAgent: string, ca: Buffer | undefined, timeoutMs: number): Promise<Answer> {
  const client = url.protocol === 'https:' ? https : http;
  return new Promise((resolve, reject) => {
    const request = client.get(url, { ca, agent: false, headers: { 'user-agent': userAgent, accept: 'application/json' }, signal: AbortSignal.timeout(timeoutMs) }, (response) => {
      response.resume();
      const retryAfter = Number(response.headers['retry-after']);
      resolve({ status: response.statusCode ?? 0, ...(Number.isFinite(retryAfter) && response.headers['retry-after'] !== undefined ? { retryAfterS: retryAfter } : {}) });
    });
    request.once('error', (error: NodeJS.ErrnoException) => {
      reject(new SignoffError('TARGET_UNREACHABLE', `${url.origin} stopped answering during the pre-flight (${error.code ?? error.name}: ${error.message})`, { cause: error }));
    });
  });
}
