/**
 * Cookies of one OX session. Each session gets its own explicit jar, so a
 * login starts without the previous session's JSESSIONID (the balancer then
 * places it freely) and nothing leaks between sessions of the same VU.
 */
import http from 'k6/http';
import type { CookieJar } from 'k6/http';

export function newSessionJar(): CookieJar {
  return new http.CookieJar();
}

/** `1397204484404800359.OX1` → `OX1`; undefined for a missing or cleared cookie. */
export function routeOf(jsessionId: string | undefined): string | undefined {
  if (!jsessionId) return undefined;
  const dot = jsessionId.lastIndexOf('.');
  return dot >= 0 && dot < jsessionId.length - 1 ? jsessionId.slice(dot + 1) : undefined;
}

interface ResponseHeadersAndCookies {
  headers: Record<string, string>;
  cookies: { [name: string]: { value: string }[] };
}

/**
 * The route a response sets, if it sets JSESSIONID at all. Runs per response:
 * the cookie map is read only when a Set-Cookie header names JSESSIONID.
 */
export function routeSetBy(res: ResponseHeadersAndCookies): string | undefined {
  const setCookie = res.headers['Set-Cookie'];
  if (setCookie === undefined || !setCookie.includes('JSESSIONID=')) return undefined;
  return routeOf(res.cookies.JSESSIONID?.[0]?.value);
}
