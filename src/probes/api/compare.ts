/**
 * Field-by-field comparison of what went into the server with what came back:
 * only fields the original has are compared (an export may add more), lists
 * are compared as sets, and every difference is one named criterion.
 */
import type { Criterion } from '../../model/types.ts';
import { criterion } from '../common/check.ts';

export type FieldValue = string | string[] | undefined;
export type Fields = Record<string, FieldValue> & { key: string };

const show = (v: FieldValue): string => (v === undefined ? '(absent)' : Array.isArray(v) ? (v.length ? v.join(' | ') : '(none)') : v);

function sameValue(expected: FieldValue, measured: FieldValue): boolean {
  if (Array.isArray(expected)) {
    const got = new Set(Array.isArray(measured) ? measured : measured === undefined ? [] : [measured]);
    return expected.length === got.size && expected.every((e) => got.has(e));
  }
  return expected === measured;
}

export interface Difference {
  item: string;
  field: string;
  expected: string;
  measured: string;
}

/** Matches items by key; a missing item is one difference, else one per differing field. */
export function compareItems(label: string, originals: Fields[], exported: Fields[]): { criteria: Criterion[]; differences: Difference[] } {
  const byKey = new Map(exported.map((e) => [e.key, e]));
  const criteria: Criterion[] = [];
  const differences: Difference[] = [];
  for (const original of originals) {
    const item = `${label} · ${original.key}`;
    const back = byKey.get(original.key);
    if (!back) {
      criteria.push(criterion(`${item}: present after export`, 'present', 'missing', false));
      differences.push({ item, field: '(item)', expected: 'present', measured: 'missing' });
      continue;
    }
    let fieldsCompared = 0;
    for (const [field, value] of Object.entries(original)) {
      if (field === 'key' || value === undefined || (Array.isArray(value) && value.length === 0)) continue;
      fieldsCompared += 1;
      if (sameValue(value, back[field])) continue;
      criteria.push(criterion(`${item}: ${field}`, show(value), show(back[field]), false));
      differences.push({ item, field, expected: show(value), measured: show(back[field]) });
    }
    if (!differences.some((d) => d.item === item)) criteria.push(criterion(`${item}: fields equal after round-trip`, `${fieldsCompared} fields`, `${fieldsCompared} equal`, true));
  }
  return { criteria, differences };
}

/** The diff evidence: one line per difference, readable in a text viewer. */
export function formatDifferences(title: string, differences: Difference[]): string {
  const lines = [`# ${title}`, differences.length === 0 ? 'no differences' : `${differences.length} difference(s)`, ''];
  for (const d of differences) lines.push(`${d.item}\n  ${d.field}\n  - sent:     ${d.expected}\n  + exported: ${d.measured}\n`);
  return `${lines.join('\n')}\n`;
}
