/** Query strings for OX calls (k6 has no URLSearchParams). */

export type QueryValue = string | number | boolean | undefined;
export type Query = Record<string, QueryValue>;

export function withQuery(url: string, query: Query): string {
  const parts: string[] = [];
  for (const key of Object.keys(query)) {
    const value = query[key];
    if (value !== undefined) parts.push(`${encodeURIComponent(key)}=${encodeURIComponent(String(value))}`);
  }
  return parts.length === 0 ? url : `${url}${url.includes('?') ? '&' : '?'}${parts.join('&')}`;
}
