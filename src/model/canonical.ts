/**
 * Canonical JSON: object keys sorted (code-point order), arrays kept in order,
 * 2-space indent, one trailing newline. Same value → same bytes, which the
 * signature and the "re-render is byte-identical" promise rely on.
 * A replacer that rebuilds objects with sorted keys is all it takes, so no library.
 */
function sortKeys(_key: string, value: unknown): unknown {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return value;
  const sorted: Record<string, unknown> = {};
  for (const key of Object.keys(value).sort()) sorted[key] = (value as Record<string, unknown>)[key];
  return sorted;
}

export function canonicalJson(value: unknown): string {
  return `${JSON.stringify(value, sortKeys, 2)}\n`;
}
