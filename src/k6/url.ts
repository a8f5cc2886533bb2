/** Query strings for OX calls (k6 has no URLSearchParams); plain concatenation, as this runs per request. */

export type QueryValue = string | number | boolean | undefined;
export type Query = Record<string, QueryValue>;

/** `a=1&b=x%2Fy`: the defined values in key order, without `skip` (a key the caller appends itself). */
export function encodeQuery(query: Query, skip?: string): string {
  let out = '';
  for (const key in query) {
    const value = query[key];
    if (value === undefined || key === skip) continue;
    out += `${out === '' ? '' : '&'}${encodeURIComponent(key)}=${encodeURIComponent(String(value))}`;
  }
  return out;
}
