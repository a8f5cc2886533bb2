/**
 * The middleware's servlet rate limiter, after MW RateLimiter.java, Key.java
 * and RateImpl.java (com.openexchange.server, tools/servlet/ratelimit): one
 * sliding window per {remote address, User-Agent}; `maxRate` requests per
 * `maxRateTimeWindow` ms, then HTTP 429 with Retry-After = window in seconds.
 * Exempt: paths of the lenient modules (rt, system), lenient User-Agents and
 * lenient remote addresses (patterns with `*` and `?`, case-insensitive).
 */

export interface RateLimitSettings {
  /** com.openexchange.servlet.maxRate (≤ 0 switches the limiter off). */
  maxRate: number;
  /** com.openexchange.servlet.maxRateTimeWindow in ms. */
  windowMs: number;
  /** com.openexchange.servlet.maxRateLenientRemoteAddresses. */
  lenientRemoteAddresses: string[];
  /** com.openexchange.servlet.maxRateLenientClients (User-Agent patterns). */
  lenientClients: string[];
  /** com.openexchange.servlet.maxRateLenientModules. */
  lenientModules: string[];
}

/**
 * OX's own defaults. RateLimiter.java falls back to 500 when the property is
 * absent; the shipped server.properties and the property docs say 1500.
 */
export const OX_RATE_LIMIT_DEFAULTS: RateLimitSettings = {
  maxRate: 1500,
  windowMs: 300_000,
  lenientRemoteAddresses: [],
  lenientClients: ['Open-Xchange .NET HTTP Client*', 'Open-Xchange USM HTTP Client*', 'Jakarta Commons-HttpClient*'],
  lenientModules: ['rt', 'system'],
};

/** A deployment prepared for a load test: the generator's addresses (loopback here) are lenient. */
export const PREPARED_RATE_LIMIT: RateLimitSettings = {
  ...OX_RATE_LIMIT_DEFAULTS,
  lenientRemoteAddresses: ['127.0.0.1', '::1', 'localhost'],
};

export type RateDecision = { limited: false } | { limited: true; retryAfterSeconds: number };

/** RateLimiter.wildcardToRegex: `*` → any run, `?` → one character, whole string, ignoring case. */
export function wildcardMatcher(pattern: string): RegExp {
  const body = [...pattern].map((c) => (c === '*' ? '.*' : c === '?' ? '.' : c.replace(/[\\^$.|()[\]{}+]/g, '\\$&'))).join('');
  return new RegExp(`^${body}$`, 'i');
}

export class RateLimiter {
  readonly settings: RateLimitSettings;
  readonly #history = new Map<string, number[]>();
  readonly #addresses: RegExp[];
  readonly #clients: RegExp[];
  readonly #now: () => number;

  constructor(settings: RateLimitSettings, now: () => number = Date.now) {
    this.settings = settings;
    this.#addresses = settings.lenientRemoteAddresses.map(wildcardMatcher);
    this.#clients = settings.lenientClients.map(wildcardMatcher);
    this.#now = now;
  }

  /** RateLimiter.checkRequest for one /ajax request path (e.g. `/ajax/mail`). */
  check(path: string, remoteAddress: string, userAgent: string | undefined): RateDecision {
    const { maxRate, windowMs, lenientModules } = this.settings;
    if (maxRate <= 0 || windowMs <= 0) return { limited: false };
    const lower = path.toLowerCase();
    if (lenientModules.some((m) => lower.startsWith(`/ajax/${m.toLowerCase()}`))) return { limited: false };
    if (userAgent !== undefined && this.#clients.some((re) => re.test(userAgent))) return { limited: false };
    if (this.#addresses.some((re) => re.test(remoteAddress))) return { limited: false };
    const key = `${remoteAddress}\0${userAgent ?? ''}`;
    const ok = this.#consume(key);
    return ok ? { limited: false } : { limited: true, retryAfterSeconds: Math.floor(windowMs / 1000) };
  }

  /**
   * RateImpl.consume: the call is recorded at the earliest time it would have
   * been allowed; a time in the future means refused. Refused calls stay in
   * the history, so a client that keeps hammering stays limited.
   */
  #consume(key: string): boolean {
    const { maxRate, windowMs } = this.settings;
    const now = this.#now();
    let calls = this.#history.get(key);
    if (!calls) this.#history.set(key, (calls = []));
    const threshold = now - windowMs;
    let drop = 0;
    while (drop < calls.length && calls[drop]! <= threshold) drop += 1;
    if (drop > 0) calls.splice(0, drop);
    if (calls.length < maxRate) {
      calls.push(now);
      return true;
    }
    const callTime = Math.max(now + 1, calls[calls.length - maxRate]! + windowMs + 1);
    calls.push(callTime);
    // Bounded memory: the newest maxRate entries decide the next slot anyway.
    if (calls.length > 2 * maxRate) calls.splice(0, calls.length - 2 * maxRate);
    return false;
  }

  /** Forgets keys idle for two windows (RateLimiter's 5-minute sweep); returns how many are tracked. */
  sweep(): number {
    const mark = this.#now() - 2 * this.settings.windowMs;
    for (const [key, calls] of this.#history) if ((calls[calls.length - 1] ?? 0) <= mark) this.#history.delete(key);
    return this.#history.size;
  }
}
