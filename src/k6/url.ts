/** Query strings for OX calls (k6 has no URLSearchParams); plain concatenation, as this runs per request. */

export type QueryValue = string | number | boolean | undefined;
export type Query = Record<string, QueryValue>;

export function withQuery(url: string, query: Query): string {
  let out = url;
  let separator = url.includes('?') ? '&' : '?';
  for (const key in query) {
    const value = query[key];
    if (value === undefined) continue;
    out += `${separator}${encodeURIComponent(key)}=${encodeURIComponent(String(value))}`;
    separator = '&';
  }
  return out;
}
