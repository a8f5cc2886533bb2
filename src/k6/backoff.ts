/**
 * A load tool must never hammer a target harder because it is failing. After
 * a failed login or an HTTP 429 the VU's next request waits a backoff:
 * exponential in the number of failures in a row, jittered so VUs do not
 * retry in step, at least the think time and the server's Retry-After (OX
 * sends the rate-limit window, MW RateLimitedException), at most
 * SIGNOFF_BACKOFF_MAX. After SIGNOFF_RETRY_CAP failed logins in a row the VU
 * parks: it sends nothing more for the rest of the run, so a failing target
 * sees at most VUs × cap login attempts.
 *
 * k6 runs each VU in its own JS runtime: the state below is per VU.
 */
import { sleep } from 'k6';
import { oxParked } from './metrics.ts';
import { settings } from './settings.ts';

export type RetryReason = 'session-lost' | 'rate-limited' | 'login-failed';

/** A parked VU sleeps in chunks this long (k6 can stop it between two). */
const PARK_CHUNK_SECONDS = 5;

let failedLogins = 0;
let lastLoginFailure: RetryReason = 'login-failed';
let rateLimitedInARow = 0;
/** Epoch ms before which this VU sends nothing. */
let notBefore = 0;
let parked = false;

/** Seconds to wait after the n-th failure in a row (n ≥ 1). */
export function backoffSeconds(failures: number, retryAfterSeconds?: number): number {
  const think = settings.thinkTimeSeconds;
  const exponential = Math.max(1, think) * 2 ** (failures - 1) * (0.5 + Math.random());
  const floor = Math.max(think, retryAfterSeconds ?? 0);
  return Math.min(settings.backoffMaxSeconds, Math.max(floor, exponential));
}

/** Retry-After as seconds (delta-seconds or an HTTP date, RFC 9110 §10.2.3); undefined when absent or unreadable. */
export function retryAfterOf(header: string | undefined): number | undefined {
  if (header === undefined || header.trim() === '') return undefined;
  const text = header.trim();
  if (/^\d+$/.test(text)) return Number(text);
  const date = Date.parse(text);
  return Number.isNaN(date) ? undefined : Math.max(0, (date - Date.now()) / 1000);
}

function delay(seconds: number): void {
  notBefore = Math.max(notBefore, Date.now() + seconds * 1000);
}

/** Sleeps until this VU may send again (no-op in the steady state: one Date.now()). */
export function waitTurn(): void {
  if (notBefore === 0) return;
  const wait = notBefore - Date.now();
  notBefore = 0;
  if (wait > 0) sleep(wait / 1000);
}

export function isParked(): boolean {
  return parked;
}

/** One bounded sleep of a parked VU; its iteration then ends without a request. */
export function parkedPause(): void {
  sleep(PARK_CHUNK_SECONDS);
}

/** Why the coming login is a retry, or undefined when the last one succeeded. */
export function loginRetryReason(): RetryReason | undefined {
  return failedLogins > 0 ? lastLoginFailure : undefined;
}

export function loginSucceeded(): void {
  failedLogins = 0;
}

/** A failed login (or one answered 429): back off, or park at the cap. */
export function loginFailed(reason: RetryReason, retryAfterSeconds?: number): void {
  failedLogins += 1;
  lastLoginFailure = reason;
  if (failedLogins >= settings.retryCap) {
    parked = true;
    // No console line: at 1,000 VUs it would be 1,000; ox_parked and ox_errors carry it.
    oxParked.add(1, { reason });
    return;
  }
  delay(backoffSeconds(failedLogins, retryAfterSeconds));
}

/** An HTTP 429 on any other call: the VU's next request waits. */
export function rateLimited(retryAfterSeconds?: number): void {
  rateLimitedInARow += 1;
  delay(backoffSeconds(rateLimitedInARow, retryAfterSeconds));
}

/** Any answer that was not a 429 ends a run of them. */
export function notRateLimited(): void {
  rateLimitedInARow = 0;
}
