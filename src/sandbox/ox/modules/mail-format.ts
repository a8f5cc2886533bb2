/** Mail list columns (NOTES §4, 600-based ids), flag bits and sorting of cached message rows. */
import type { MessageRow } from '../backends/imap.ts';
import { toOxTime } from '../timezone.ts';

export const FLAG_BITS: [number, string][] = [
  [1, '\\Answered'],
  [2, '\\Deleted'],
  [4, '\\Draft'],
  [8, '\\Flagged'],
  [32, '\\Seen'],
  [128, '$Junk'],
  [256, '$Forwarded'],
];

const SYSTEM_KEYWORDS = new Set(['\\Recent', '$Junk', '$Forwarded', '$NotJunk', '$MDNSent']);

export function flagsToBits(flags: Set<string>): number {
  let bits = 0;
  for (const [bit, name] of FLAG_BITS) if (flags.has(name)) bits |= bit;
  if (flags.has('\\Recent')) bits |= 16;
  for (const f of flags) if (!f.startsWith('\\') && !SYSTEM_KEYWORDS.has(f) && !f.startsWith('$cl_')) bits |= 64;
  return bits;
}

export function bitsToFlags(bits: number): string[] {
  return FLAG_BITS.filter(([bit]) => (bits & bit) !== 0).map(([, name]) => name);
}

export function colorLabel(flags: Set<string>): number {
  for (const f of flags) {
    const m = /^\$cl_(\d{1,2})$/.exec(f);
    if (m) return Number(m[1]);
  }
  return 0;
}

export function columnValue(row: MessageRow, column: string, folderId: string, tz: string): unknown {
  switch (column) {
    case '102': return colorLabel(row.flags);
    case '600': return String(row.uid);
    case '601': return folderId;
    case '602': return row.hasAttachment;
    case '603': return row.from;
    case '604': return row.to;
    case '605': return row.cc;
    case '606': return row.bcc;
    case '607': return row.subject;
    case '608': return row.size;
    case '609': return toOxTime(row.sentMs, tz);
    case '610': case '661': return toOxTime(row.receivedMs, tz);
    case '611': return flagsToBits(row.flags);
    case '612': return 0;
    case '613': return row.dispositionNotificationTo || null;
    case '614': return row.priority;
    case '615': return null;
    case '651': return row.flags.has('\\Seen');
    case '652': return 'E-Mail';
    case '653': return 0;
    case '654': return String(row.uid);
    case '655': return folderId;
    case '656': return row.contentType;
    case '657': return row.flags.has('\\Answered');
    case '658': return row.flags.has('$Forwarded');
    case '659': return row.flags.has('\\Draft');
    case '660': return row.flags.has('\\Flagged');
    default: return null;
  }
}

type SortKey = (row: MessageRow) => number | string;

const SORT_KEYS: Record<string, SortKey> = {
  '600': (r) => r.uid,
  '603': (r) => (r.from[0]?.[0] ?? r.from[0]?.[1] ?? '').toLowerCase(),
  '604': (r) => (r.to[0]?.[0] ?? r.to[0]?.[1] ?? '').toLowerCase(),
  '607': (r) => r.subject.toLowerCase(),
  '608': (r) => r.size,
  '609': (r) => r.sentMs,
  '610': (r) => r.receivedMs,
  '661': (r) => r.receivedMs,
  '611': (r) => flagsToBits(r.flags),
  '614': (r) => r.priority,
  '651': (r) => (r.flags.has('\\Seen') ? 1 : 0),
  '102': (r) => colorLabel(r.flags),
  '657': (r) => (r.flags.has('\\Answered') ? 1 : 0),
  '658': (r) => (r.flags.has('$Forwarded') ? 1 : 0),
  '659': (r) => (r.flags.has('\\Draft') ? 1 : 0),
  '660': (r) => (r.flags.has('\\Flagged') ? 1 : 0),
};

/** Sorts a copy; unknown sort columns fall back to received date. Ties break on uid for a stable order. */
export function sortRows(rows: MessageRow[], sort: string | null, order: string | null): MessageRow[] {
  const key = SORT_KEYS[sort ?? '610'] ?? SORT_KEYS['610']!;
  const direction = (order ?? (sort ? 'asc' : 'desc')).toLowerCase() === 'desc' ? -1 : 1;
  return [...rows].sort((a, b) => {
    const ka = key(a);
    const kb = key(b);
    const c = ka < kb ? -1 : ka > kb ? 1 : a.uid - b.uid;
    return c * direction;
  });
}

/** Address lists as OX accepts them in json_0: "a@x, b@y", ["a@x"], or [["Name","a@x"]]. */
export function parseAddressList(value: unknown): { name: string; address: string }[] {
  if (value === undefined || value === null || value === '') return [];
  if (typeof value === 'string') {
    return value.split(',').map((part) => {
      const m = /^\s*"?([^"<]*?)"?\s*<([^>]+)>\s*$/.exec(part);
      return m ? { name: m[1]?.trim() ?? '', address: m[2]?.trim() ?? '' } : { name: '', address: part.trim() };
    }).filter((a) => a.address !== '');
  }
  if (Array.isArray(value)) {
    return value.flatMap((item) => {
      if (Array.isArray(item)) return [{ name: String(item[0] ?? ''), address: String(item[1] ?? '') }];
      return parseAddressList(item);
    }).filter((a) => a.address !== '');
  }
  return [];
}
