/**
 * Renders zod issues the way every signoff config error reads:
 * `suites/approval.ts: load[0].slos[1]: "x p95 < 3" is not an SLO …`.
 * Formatting is kept apart from the schemas so all files report alike.
 */
import type { z } from 'zod';

/** `['load', 0, 'slos', 1]` → `load[0].slos[1]`. */
export function describePath(issuePath: readonly PropertyKey[]): string {
  if (issuePath.length === 0) return '(top level)';
  return issuePath.map((key, i) => (typeof key === 'number' ? `[${key}]` : `${i === 0 ? '' : '.'}${String(key)}`)).join('');
}

function valueAt(input: unknown, issuePath: readonly PropertyKey[]): unknown {
  let value = input;
  for (const key of issuePath) {
    if (value === null || typeof value !== 'object') return undefined;
    value = (value as Record<PropertyKey, unknown>)[key];
  }
  return value;
}

function shortJson(value: unknown): string {
  if (typeof value === 'function') return 'a function';
  const text = JSON.stringify(value);
  if (text === undefined) return String(value);
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}

/**
 * A secret written where it must not be is refused, never repeated: values
 * under password-like keys, under keys that name where a secret lives (a
 * password typed into `passwordEnv`), and URLs carrying credentials.
 */
function mayHoldSecret(issuePath: readonly PropertyKey[], got: unknown): boolean {
  const key = String(issuePath.at(-1) ?? '');
  if (/pass(word|phrase)|secret|token|credential|(Env|File)$/i.test(key)) return true;
  return typeof got === 'string' && /\/\/[^/@\s]*@/.test(got);
}

/** One line per issue; unknown keys are named one by one, since they are usually typos. */
export function formatIssues(file: string, input: unknown, issues: readonly z.core.$ZodIssue[]): string[] {
  const lines: string[] = [];
  for (const issue of issues) {
    if (issue.code === 'unrecognized_keys') {
      for (const key of issue.keys) {
        lines.push(`${file}: ${describePath([...issue.path, key])}: unknown key "${key}" (not part of the schema; a typo?)`);
      }
      continue;
    }
    // A record key refused by its own schema: zod nests the reason.
    if (issue.code === 'invalid_key') {
      const reason = issue.issues[0]?.message ?? issue.message;
      lines.push(`${file}: ${describePath(issue.path)}: ${reason}`);
      continue;
    }
    const got = valueAt(input, issue.path);
    const gotText = got === undefined || typeof got === 'object' || mayHoldSecret(issue.path, got) ? '' : shortJson(got);
    // SLO messages already quote what they got; saying it twice reads like two values.
    const shown = gotText === '' || issue.message.includes(gotText) ? '' : `, got ${gotText}`;
    lines.push(`${file}: ${describePath(issue.path)}: ${issue.message}${shown}`);
  }
  return lines;
}
