/**
 * OX session cookies: names carry a stable hash of (User-Agent, client, salt)
 * so a client that changes either looks for a different secret cookie and is
 * refused, like the real middleware (NOTES §3.3).
 */
import { createHash, randomBytes } from 'node:crypto';

export const SECRET_PREFIX = 'open-xchange-secret-';
export const PUBLIC_SESSION_PREFIX = 'open-xchange-public-session-';
export const SESSION_PREFIX = 'open-xchange-session-';

/** One week, as `com.openexchange.cookie.ttl` in the OX doc example. */
export const STAY_SIGNED_IN_TTL_MS = 7 * 24 * 3600 * 1000;

export interface CookieHashes {
  /** For the secret and session cookies. */
  hashA: string;
  /** For the public-session cookie (differs from hashA). */
  hashB: string;
}

export function cookieHashes(userAgent: string, client: string, salt: string): CookieHashes {
  const digest = (kind: string) => createHash('sha256').update(`${kind}\0${salt}\0${userAgent}\0${client}`).digest('hex').slice(0, 32);
  return { hashA: digest('session'), hashB: digest('public') };
}

export function randomHex32(): string {
  return randomBytes(16).toString('hex');
}

/** `JSESSIONID` value: decimal digits, a dot, the node route (what Apache sticks on). */
export function jsessionId(route: string): string {
  const digits = randomBytes(8).readBigUInt64BE().toString();
  return `${digits}.${route}`;
}

/** Parses a Cookie header into a map (first occurrence of a name wins). */
export function parseCookies(header: string | undefined): Map<string, string> {
  const cookies = new Map<string, string>();
  if (!header) return cookies;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq <= 0) continue;
    const name = part.slice(0, eq).trim();
    if (!cookies.has(name)) cookies.set(name, part.slice(eq + 1).trim());
  }
  return cookies;
}

export interface CookieOptions {
  expires?: Date;
  secure: boolean;
}

export function setCookie(name: string, value: string, options: CookieOptions): string {
  let cookie = `${name}=${value}`;
  if (options.expires) cookie += `; Expires=${options.expires.toUTCString()}`;
  cookie += '; Path=/';
  if (options.secure) cookie += '; Secure';
  return `${cookie}; HttpOnly`;
}

/** The logout form: value `invalid`, expired in 1970 (NOTES §3.6). */
export function clearCookie(name: string, secure: boolean): string {
  return setCookie(name, 'invalid', { expires: new Date(10_000), secure });
}
