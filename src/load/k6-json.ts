/**
 * Reads k6's `--out json` lines. A request produces ~16 Point lines of which
 * signoff needs about four, so the metric name is read before anything is
 * parsed, and the lines k6 v2 writes (`{"metric":…,"type":"Point","data":{"time":…,
 * "value":…,"tags":{…}}}`) are read with indexOf instead of JSON.parse. Anything
 * that does not look exactly like that (other key order, escapes) goes through
 * JSON.parse, so the fast path is an optimisation, never a different meaning.
 */

/** The metrics signoff ingests (src/k6/metrics.ts and k6 built-ins). */
export const METRIC = {
  duration: 0, // http_req_duration (Trend, ms), tags name, status
  httpFailed: 1, // http_req_failed (Rate), tag name
  oxFailed: 2, // ox_failed (Rate), tag name
  oxErrors: 3, // ox_errors (Counter), tags name, code
  sessionLost: 4, // ox_session_lost (Counter), tags name, code
  routeChanges: 5, // ox_route_changes (Counter)
  sessions: 6, // ox_sessions (Counter), tag route
  vus: 7, // vus (Gauge), tag instance_id when several k6 processes run
  iterations: 8,
  dataReceived: 9,
  dataSent: 10,
  rateLimited: 11, // ox_rate_limited (Counter, +1 per HTTP 429), tags name, route
  retries: 12, // ox_retries (Counter), tags name, reason (session-lost | rate-limited | login-failed)
  parked: 13, // ox_parked (Counter, +1 per VU stopped after the retry cap), tag reason
  warnings: 14, // ox_warnings (Counter, +1 per success answer carrying a warning), tags name, code
} as const;
export type MetricId = (typeof METRIC)[keyof typeof METRIC];

const METRIC_IDS = new Map<string, MetricId>([
  ['http_req_duration', METRIC.duration],
  ['http_req_failed', METRIC.httpFailed],
  ['ox_failed', METRIC.oxFailed],
  ['ox_errors', METRIC.oxErrors],
  ['ox_session_lost', METRIC.sessionLost],
  ['ox_route_changes', METRIC.routeChanges],
  ['ox_sessions', METRIC.sessions],
  ['vus', METRIC.vus],
  ['iterations', METRIC.iterations],
  ['data_received', METRIC.dataReceived],
  ['data_sent', METRIC.dataSent],
  ['ox_rate_limited', METRIC.rateLimited],
  ['ox_retries', METRIC.retries],
  ['ox_parked', METRIC.parked],
  ['ox_warnings', METRIC.warnings],
]);

/** Which second tag a metric needs besides `name`. */
const EXTRA_TAG: Partial<Record<MetricId, string>> = {
  // The HTTP status, so HTTP 429 answers stay out of the latency percentiles.
  [METRIC.duration]: 'status',
  [METRIC.rateLimited]: 'route',
  [METRIC.retries]: 'reason',
  [METRIC.parked]: 'reason',
  [METRIC.warnings]: 'code',
  [METRIC.oxErrors]: 'code',
  [METRIC.sessionLost]: 'code',
  [METRIC.sessions]: 'route',
  [METRIC.vus]: 'instance_id',
};
/** The same as `"key":"` search patterns, built once. */
const keyPattern = (key: string): string => `"${key}":"`;
const NAME_PATTERN = keyPattern('name');
const EXTRA_PATTERN: Partial<Record<MetricId, string>> = Object.fromEntries(
  Object.entries(EXTRA_TAG).map(([metric, key]) => [metric, keyPattern(key)]),
);

/** Receives one ingested sample; `name`/`extra` are '' when the tag is absent. */
export interface PointSink {
  point(metric: MetricId, timeMs: number, value: number, name: string, extra: string): void;
}

export interface ParseCounts {
  lines: number;
  points: number; // Point lines of metrics signoff ingests
  skipped: number; // Points of other metrics, Metric declarations, non-JSON (the text summary)
  malformed: number;
}

const POINT_PREFIX = '{"metric":"';
const TYPE_POINT = '","type":"Point","data":{"time":"';
const BACKSLASH = 92;
const RFC3339 = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:\d\d)$/;
const DOT = 46;

export class K6LineParser {
  readonly counts: ParseCounts = { lines: 0, points: 0, skipped: 0, malformed: 0 };
  private readonly sink: PointSink;
  // Consecutive samples share their second: parse the timestamp's date part once per second.
  private secondPrefix = '';
  private secondMs = 0;

  constructor(sink: PointSink) {
    this.sink = sink;
  }

  line(line: string): void {
    this.counts.lines++;
    if (!line.startsWith(POINT_PREFIX)) {
      if (line.startsWith('{') && !line.startsWith('{"type":"Metric"')) this.slow(line);
      else this.counts.skipped++;
      return;
    }
    const nameEnd = line.indexOf('"', POINT_PREFIX.length);
    const metric = METRIC_IDS.get(line.slice(POINT_PREFIX.length, nameEnd));
    if (metric === undefined) {
      this.counts.skipped++;
      return;
    }
    if (!line.startsWith(TYPE_POINT, nameEnd) || line.includes('\\')) {
      this.slow(line);
      return;
    }
    const timeStart = nameEnd + TYPE_POINT.length;
    const timeEnd = line.indexOf('"', timeStart);
    const valueStart = line.indexOf('"value":', timeEnd) + 8;
    const tagsStart = line.indexOf(',"tags":', valueStart);
    if (timeEnd < 0 || valueStart < 8 || tagsStart < 0) {
      this.slow(line);
      return;
    }
    const value = Number(line.slice(valueStart, tagsStart));
    const timeMs = this.time(line, timeStart, timeEnd);
    if (Number.isNaN(value) || Number.isNaN(timeMs)) {
      this.counts.malformed++;
      return;
    }
    const extraPattern = EXTRA_PATTERN[metric];
    this.counts.points++;
    this.sink.point(metric, timeMs, value, tagValue(line, tagsStart, NAME_PATTERN), extraPattern ? tagValue(line, tagsStart, extraPattern) : '');
  }

  /** Epoch ms of an RFC 3339 timestamp (any fraction length, Z or offset). */
  private time(line: string, start: number, end: number): number {
    if (this.secondPrefix === '' || !line.startsWith(this.secondPrefix, start)) {
      let zoneStart = start + 19;
      if (line.charCodeAt(zoneStart) === DOT) {
        zoneStart++;
        while (isDigit(line.charCodeAt(zoneStart))) zoneStart++;
      }
      const timestamp = line.slice(start, end);
      // Date.parse alone accepts almost anything; k6 writes RFC 3339.
      if (!RFC3339.test(timestamp)) return NaN;
      this.secondPrefix = line.slice(start, start + 19);
      this.secondMs = Date.parse(this.secondPrefix + line.slice(zoneStart, end));
    }
    let ms = 0;
    if (line.charCodeAt(start + 19) === DOT) {
      for (let i = start + 20, scale = 100; scale >= 1; i++, scale /= 10) {
        const c = line.charCodeAt(i);
        if (!isDigit(c)) break;
        ms += (c - 48) * scale;
      }
    }
    return this.secondMs + ms;
  }

  /** The general path: any JSON object k6 could write. */
  private slow(line: string): void {
    let parsed: unknown;
    try {
      parsed = JSON.parse(line);
    } catch {
      this.counts.malformed++;
      return;
    }
    const sample = parsed as { type?: unknown; metric?: unknown; data?: { time?: unknown; value?: unknown; tags?: Record<string, unknown> | null } };
    const metric = sample.type === 'Point' && typeof sample.metric === 'string' ? METRIC_IDS.get(sample.metric) : undefined;
    if (metric === undefined) {
      this.counts.skipped++;
      return;
    }
    const { time, value, tags } = sample.data ?? {};
    const timeMs = typeof time === 'string' && RFC3339.test(time) ? Date.parse(time) : NaN;
    if (typeof value !== 'number' || Number.isNaN(timeMs)) {
      this.counts.malformed++;
      return;
    }
    const extraTag = EXTRA_TAG[metric];
    const tag = (key: string): string => (typeof tags?.[key] === 'string' ? (tags[key] as string) : '');
    this.counts.points++;
    this.sink.point(metric, timeMs, value, tag('name'), extraTag ? tag(extraTag) : '');
  }
}

function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

/**
 * A tag's value from k6's flat string map. A JSON string cannot contain `":"`
 * unescaped, and lines with escapes never reach here, so the match is a key.
 */
function tagValue(line: string, tagsStart: number, pattern: string): string {
  const keyAt = line.indexOf(pattern, tagsStart);
  if (keyAt < 0) return '';
  const start = keyAt + pattern.length;
  const end = line.indexOf('"', start);
  return end < 0 || line.charCodeAt(end - 1) === BACKSLASH ? '' : line.slice(start, end);
}
