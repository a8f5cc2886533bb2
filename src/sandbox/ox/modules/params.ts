/** Request parameter helpers shared by the module handlers. */
import type { OxRequest } from '../context.ts';
import { OxError } from '../envelope.ts';

/** A required request parameter, or SVL-0002 naming it. */
export function param(req: OxRequest, name: string): string {
  const value = req.params.get(name);
  if (value === null || value === '') throw new OxError('SVL-0002', [name]);
  return value;
}

export function intParam(req: OxRequest, name: string): number | undefined {
  const value = req.params.get(name);
  if (value === null || value === '') return undefined;
  const n = Number(value);
  if (!Number.isInteger(n)) throw new OxError('SVL-0010', [name, value]);
  return n;
}

export function columnsParam(req: OxRequest): string[] {
  return param(req, 'columns').split(',').map((c) => c.trim()).filter((c) => c !== '');
}

/** Applies `limit` (0..N, or "a,b") or `left_hand_limit`/`right_hand_limit` to a sorted list. */
export function applyLimits<T>(items: T[], req: OxRequest): T[] {
  const limit = req.params.get('limit');
  if (limit) {
    const [a, b] = limit.split(',').map(Number);
    if (b !== undefined && Number.isFinite(a) && Number.isFinite(b)) return items.slice(a, b);
    if (Number.isFinite(a)) return items.slice(0, a);
  }
  const left = intParam(req, 'left_hand_limit');
  const right = intParam(req, 'right_hand_limit');
  if (left === undefined && right === undefined) return items;
  return items.slice(left ?? 0, right ?? items.length);
}

/** The zone for OX "Time" values: the `timezone` parameter, else the user's. */
export function timeZoneOf(req: OxRequest): string {
  return req.params.get('timezone') || req.session?.user.timezone || 'UTC';
}
