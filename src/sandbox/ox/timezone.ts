/**
 * Time-zone arithmetic with Intl (no zone database of our own): OX "Time"
 * values are UTC ms plus the zone's offset at that instant (NOTES §13), and
 * chronos local date-times need converting to UTC.
 */
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(tz: string): Intl.DateTimeFormat {
  let f = formatters.get(tz);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone: tz,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formatters.set(tz, f);
  }
  return f;
}

/** Offset of `tz` from UTC at instant `utcMs`, in ms (positive east of Greenwich). */
export function offsetMs(tz: string, utcMs: number): number {
  if (tz === 'UTC') return 0;
  const parts: Record<string, number> = {};
  for (const p of formatter(tz).formatToParts(new Date(utcMs))) if (p.type !== 'literal') parts[p.type] = Number(p.value);
  const asUtc = Date.UTC(parts.year ?? 1970, (parts.month ?? 1) - 1, parts.day ?? 1, parts.hour ?? 0, parts.minute ?? 0, parts.second ?? 0);
  return asUtc - Math.floor(utcMs / 1000) * 1000;
}

/** OX "Time": UTC ms shifted by the zone's offset. */
export function toOxTime(utcMs: number, tz: string): number {
  return utcMs + offsetMs(tz, utcMs);
}

/** Wall-clock fields in `tz` → UTC ms (two passes settle DST edges). */
export function zonedToUtc(fields: { year: number; month: number; day: number; hour: number; minute: number; second: number }, tz: string): number {
  const naive = Date.UTC(fields.year, fields.month - 1, fields.day, fields.hour, fields.minute, fields.second);
  let guess = naive - offsetMs(tz, naive);
  guess = naive - offsetMs(tz, guess);
  return guess;
}

/** `YYYYMMDD` or `YYYYMMDDTHHMMSS[Z]` → fields, or undefined. */
export function parseBasicDateTime(value: string): { year: number; month: number; day: number; hour: number; minute: number; second: number; utc: boolean; dateOnly: boolean } | undefined {
  const m = /^(\d{4})(\d{2})(\d{2})(?:T(\d{2})(\d{2})(\d{2})(Z)?)?$/.exec(value);
  if (!m) return undefined;
  return {
    year: Number(m[1]),
    month: Number(m[2]),
    day: Number(m[3]),
    hour: Number(m[4] ?? 0),
    minute: Number(m[5] ?? 0),
    second: Number(m[6] ?? 0),
    utc: m[7] === 'Z',
    dateOnly: m[4] === undefined,
  };
}

/** UTC ms → `YYYYMMDDTHHMMSSZ`. */
export function formatUtcBasic(ms: number): string {
  return new Date(ms).toISOString().replace(/[-:]/g, '').replace(/\.\d{3}/, '');
}
