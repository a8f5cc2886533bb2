/**
 * The Ingester: everything signoff keeps from k6's samples, in bounded memory
 * (HDR histograms, counters, epoch-aligned buckets) and mergeable, so the
 * outputs of several k6 processes (execution segments, k6-operator runners)
 * combine into exactly what one process would have produced.
 */
import { METRIC, K6LineParser, type MetricId, type ParseCounts, type PointSink } from './k6-json.ts';
import { addInto, decodeHistogram, encodeHistogram, msToUs, newLatencyHistogram, newSeriesHistogram, percentileMs, type Histogram } from './histogram.ts';
import { TimeSeries, type SeriesJson } from './series.ts';

export interface IngesterOptions {
  /** APDEX T in ms: satisfied ≤ T, tolerating ≤ 4T (Artillery and JMeter default: 500). */
  apdexTMs?: number;
  /** Base resolution of the time series, 1–5 s. */
  resolutionS?: number;
  /** Most series points kept; beyond that the resolution doubles. */
  maxPoints?: number;
  /** Most distinct actions; more `name` tags (unnamed URLs) are counted under OTHER_ACTION. */
  maxActions?: number;
}

export const OTHER_ACTION = '(other)';
/** Requests without a `name` tag. */
export const UNNAMED_ACTION = '(unnamed)';

/** The HTTP status of a rate-limited answer (OX RateLimiter: "429 Too Many Requests"). */
export const RATE_LIMITED_STATUS = '429';

export interface ActionData {
  name: string;
  /** µs, real answers only: HTTP 429 samples are counted in `rateLimited` instead. */
  latency: Histogram;
  /** http_req_duration samples with status 429: requests, but neither latency nor APDEX. */
  rateLimited: number;
  /** ox_warnings by code: successful answers that carried a warning. */
  warningsByCode: Map<string, number>;
  oxChecks: number; // ox_failed samples
  oxFailures: number; // ox_failed samples with value 1
  httpChecks: number;
  httpFailures: number;
  apdexSatisfied: number;
  apdexTolerating: number;
  errorsByCode: Map<string, number>;
  sessionsLost: number;
}

/** What the live view needs since the previous drain. */
export interface LiveWindow {
  requests: number;
  failures: number;
  p95Ms: number;
  vus: number;
}

export class Ingester implements PointSink {
  readonly apdexTMs: number;
  readonly maxActions: number;
  readonly actions = new Map<string, ActionData>();
  readonly series: TimeSeries;
  readonly sessionsByRoute = new Map<string, number>();
  routeChanges = 0;
  /** ox_rate_limited by the node's route ('none' when unknown). */
  readonly rateLimitedByRoute = new Map<string, number>();
  /** Epoch ms of the first HTTP 429 (http_req_duration status 429 or ox_rate_limited). */
  firstRateLimitedMs = Infinity;
  readonly retriesByReason = new Map<string, number>();
  readonly parkedByReason = new Map<string, number>();
  iterations = 0;
  dataReceivedBytes = 0;
  dataSentBytes = 0;
  /** Epoch ms of the first and last ingested sample. */
  firstMs = Infinity;
  lastMs = -Infinity;
  private readonly parser = new K6LineParser(this);
  private readonly apdexTUs: number;
  private window = { requests: 0, oxFailures: 0, httpFailures: 0, latency: newSeriesHistogram(), vus: 0 };

  constructor(options: IngesterOptions = {}) {
    this.apdexTMs = options.apdexTMs ?? 500;
    this.apdexTUs = msToUs(this.apdexTMs);
    this.maxActions = options.maxActions ?? 500;
    this.series = new TimeSeries({ resolutionS: options.resolutionS ?? 1, maxPoints: options.maxPoints });
  }

  /** Feeds one line of k6's JSON output. */
  line(line: string): void {
    this.parser.line(line);
  }

  get parseCounts(): Readonly<ParseCounts> {
    return this.parser.counts;
  }

  /** Seconds from the first to the last sample: the window throughput is measured over. */
  get spanS(): number {
    return this.lastMs > this.firstMs ? (this.lastMs - this.firstMs) / 1000 : 0;
  }

  /** Requests, failures and lost sessions of one action, or of all ('*'). */
  totalsOf(action: string): { requests: number; failures: number; sessionsLost: number } | undefined {
    const ox = this.usesOxFailures;
    const actions = action === '*' ? [...this.actions.values()] : [this.actions.get(action)].filter((a) => a !== undefined);
    if (actions.length === 0) return undefined;
    let requests = 0;
    let failures = 0;
    let sessionsLost = 0;
    for (const a of actions) {
      requests += requestsOf(a);
      failures += ox ? a.oxFailures : a.httpFailures;
      sessionsLost += a.sessionsLost;
    }
    return { requests, failures, sessionsLost };
  }

  /** True when the script emits ox_failed: then it, not http_req_failed, says what failed (it also sees OX error envelopes in HTTP 200s). */
  get usesOxFailures(): boolean {
    for (const action of this.actions.values()) if (action.oxChecks > 0) return true;
    return false;
  }

  point(metric: MetricId, timeMs: number, value: number, name: string, extra: string): void {
    if (timeMs < this.firstMs) this.firstMs = timeMs;
    if (timeMs > this.lastMs) this.lastMs = timeMs;
    switch (metric) {
      case METRIC.duration: {
        const action = this.action(name);
        const bucket = this.series.bucketAt(timeMs);
        bucket.requests++;
        this.window.requests++;
        // A 429 is the limiter's answer, not the service's: counted, but kept out of latency and APDEX.
        if (extra === RATE_LIMITED_STATUS) {
          action.rateLimited++;
          this.sawRateLimit(timeMs);
          break;
        }
        const us = msToUs(value);
        action.latency.recordValue(us);
        if (us <= this.apdexTUs) action.apdexSatisfied++;
        else if (us <= 4 * this.apdexTUs) action.apdexTolerating++;
        bucket.latency.recordValue(us);
        this.window.latency.recordValue(us);
        break;
      }
      case METRIC.oxFailed:
      case METRIC.httpFailed: {
        const action = this.action(name);
        const failed = value !== 0;
        const ox = metric === METRIC.oxFailed;
        if (ox) action.oxChecks++;
        else action.httpChecks++;
        if (failed) {
          const bucket = this.series.bucketAt(timeMs);
          if (ox) {
            action.oxFailures++;
            bucket.oxFailures++;
            this.window.oxFailures++;
          } else {
            action.httpFailures++;
            bucket.httpFailures++;
            this.window.httpFailures++;
          }
        }
        break;
      }
      case METRIC.oxErrors: {
        const codes = this.action(name).errorsByCode;
        const code = extra || 'UNKNOWN';
        codes.set(code, (codes.get(code) ?? 0) + value);
        break;
      }
      case METRIC.sessionLost:
        this.action(name).sessionsLost += value;
        break;
      case METRIC.routeChanges:
        this.routeChanges += value;
        break;
      case METRIC.sessions: {
        const route = extra || 'none';
        this.sessionsByRoute.set(route, (this.sessionsByRoute.get(route) ?? 0) + value);
        break;
      }
      case METRIC.vus: {
        const byInstance = this.series.bucketAt(timeMs).vusByInstance;
        byInstance.set(extra, Math.max(byInstance.get(extra) ?? 0, value));
        this.window.vus = value;
        break;
      }
      case METRIC.rateLimited:
        addTo(this.rateLimitedByRoute, extra || 'none', value);
        this.sawRateLimit(timeMs);
        break;
      case METRIC.retries:
        addTo(this.retriesByReason, extra || 'unknown', value);
        break;
      case METRIC.parked:
        addTo(this.parkedByReason, extra || 'unknown', value);
        break;
      case METRIC.warnings:
        addTo(this.action(name).warningsByCode, extra || 'UNKNOWN', value);
        break;
      case METRIC.iterations:
        this.iterations += value;
        break;
      case METRIC.dataReceived:
        this.dataReceivedBytes += value;
        break;
      case METRIC.dataSent:
        this.dataSentBytes += value;
        break;
    }
  }

  private sawRateLimit(timeMs: number): void {
    if (timeMs < this.firstRateLimitedMs) this.firstRateLimitedMs = timeMs;
  }

  /** Requests, failures, p95 and VUs since the previous call (for the live view). */
  drainWindow(): LiveWindow {
    const w = this.window;
    const live = { requests: w.requests, failures: this.usesOxFailures ? w.oxFailures : w.httpFailures, p95Ms: percentileMs(w.latency, 95), vus: w.vus };
    w.requests = 0;
    w.oxFailures = 0;
    w.httpFailures = 0;
    w.latency.reset();
    return live;
  }

  /** All actions together. */
  overallLatency(): Histogram {
    const all = newLatencyHistogram();
    for (const action of this.actions.values()) addInto(all, action.latency);
    return all;
  }

  merge(other: Ingester): this {
    if (other.apdexTMs !== this.apdexTMs) throw new RangeError(`cannot merge APDEX T ${other.apdexTMs} ms into ${this.apdexTMs} ms`);
    for (const from of other.actions.values()) {
      const into = this.action(from.name);
      addInto(into.latency, from.latency);
      into.oxChecks += from.oxChecks;
      into.oxFailures += from.oxFailures;
      into.httpChecks += from.httpChecks;
      into.httpFailures += from.httpFailures;
      into.apdexSatisfied += from.apdexSatisfied;
      into.apdexTolerating += from.apdexTolerating;
      into.sessionsLost += from.sessionsLost;
      into.rateLimited += from.rateLimited;
      for (const [code, n] of from.errorsByCode) addTo(into.errorsByCode, code, n);
      for (const [code, n] of from.warningsByCode) addTo(into.warningsByCode, code, n);
    }
    for (const [route, n] of other.rateLimitedByRoute) addTo(this.rateLimitedByRoute, route, n);
    for (const [reason, n] of other.retriesByReason) addTo(this.retriesByReason, reason, n);
    for (const [reason, n] of other.parkedByReason) addTo(this.parkedByReason, reason, n);
    this.firstRateLimitedMs = Math.min(this.firstRateLimitedMs, other.firstRateLimitedMs);
    this.series.merge(other.series);
    for (const [route, n] of other.sessionsByRoute) this.sessionsByRoute.set(route, (this.sessionsByRoute.get(route) ?? 0) + n);
    this.routeChanges += other.routeChanges;
    this.iterations += other.iterations;
    this.dataReceivedBytes += other.dataReceivedBytes;
    this.dataSentBytes += other.dataSentBytes;
    this.firstMs = Math.min(this.firstMs, other.firstMs);
    this.lastMs = Math.max(this.lastMs, other.lastMs);
    return this;
  }

  toJSON(): IngesterJson {
    return {
      format: 'signoff-ingest/1',
      apdexTMs: this.apdexTMs,
      maxActions: this.maxActions,
      firstMs: Number.isFinite(this.firstMs) ? this.firstMs : null,
      lastMs: Number.isFinite(this.lastMs) ? this.lastMs : null,
      actions: [...this.actions.values()]
        .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))
        .map((a) => ({
          name: a.name,
          latency: encodeHistogram(a.latency),
          oxChecks: a.oxChecks,
          oxFailures: a.oxFailures,
          httpChecks: a.httpChecks,
          httpFailures: a.httpFailures,
          apdexSatisfied: a.apdexSatisfied,
          apdexTolerating: a.apdexTolerating,
          sessionsLost: a.sessionsLost,
          errorsByCode: sortedRecord(a.errorsByCode),
          rateLimited: a.rateLimited,
          warningsByCode: sortedRecord(a.warningsByCode),
        })),
      series: this.series.toJSON(),
      sessionsByRoute: Object.fromEntries(this.sessionsByRoute),
      routeChanges: this.routeChanges,
      rateLimitedByRoute: sortedRecord(this.rateLimitedByRoute),
      firstRateLimitedMs: Number.isFinite(this.firstRateLimitedMs) ? this.firstRateLimitedMs : null,
      retriesByReason: sortedRecord(this.retriesByReason),
      parkedByReason: sortedRecord(this.parkedByReason),
      iterations: this.iterations,
      dataReceivedBytes: this.dataReceivedBytes,
      dataSentBytes: this.dataSentBytes,
    };
  }

  static fromJSON(json: IngesterJson): Ingester {
    if (json.format !== 'signoff-ingest/1') throw new RangeError(`unknown ingest format ${String(json.format)}`);
    const ingester = new Ingester({ apdexTMs: json.apdexTMs, maxActions: json.maxActions });
    (ingester as { series: TimeSeries }).series = TimeSeries.fromJSON(json.series);
    for (const a of json.actions) {
      // Fields added later are optional: an older dump reads as "none seen".
      ingester.actions.set(a.name, {
        ...a,
        latency: decodeHistogram(a.latency),
        errorsByCode: new Map(Object.entries(a.errorsByCode)),
        rateLimited: a.rateLimited ?? 0,
        warningsByCode: new Map(Object.entries(a.warningsByCode ?? {})),
      });
    }
    for (const [route, n] of Object.entries(json.rateLimitedByRoute ?? {})) ingester.rateLimitedByRoute.set(route, n);
    for (const [reason, n] of Object.entries(json.retriesByReason ?? {})) ingester.retriesByReason.set(reason, n);
    for (const [reason, n] of Object.entries(json.parkedByReason ?? {})) ingester.parkedByReason.set(reason, n);
    ingester.firstRateLimitedMs = json.firstRateLimitedMs ?? Infinity;
    for (const [route, n] of Object.entries(json.sessionsByRoute)) ingester.sessionsByRoute.set(route, n);
    ingester.routeChanges = json.routeChanges;
    ingester.iterations = json.iterations;
    ingester.dataReceivedBytes = json.dataReceivedBytes;
    ingester.dataSentBytes = json.dataSentBytes;
    ingester.firstMs = json.firstMs ?? Infinity;
    ingester.lastMs = json.lastMs ?? -Infinity;
    return ingester;
  }

  private action(name: string): ActionData {
    const found = this.actions.get(name || UNNAMED_ACTION);
    if (found) return found;
    // Unnamed URLs could create unbounded actions; beyond the cap they share one.
    const key = this.actions.size >= this.maxActions ? OTHER_ACTION : name || UNNAMED_ACTION;
    let action = this.actions.get(key);
    if (action) return action;
    action = {
      name: key,
      latency: newLatencyHistogram(),
      oxChecks: 0,
      oxFailures: 0,
      httpChecks: 0,
      httpFailures: 0,
      apdexSatisfied: 0,
      apdexTolerating: 0,
      errorsByCode: new Map(),
      sessionsLost: 0,
      rateLimited: 0,
      warningsByCode: new Map(),
    };
    this.actions.set(key, action);
    return action;
  }
}

export interface IngesterJson {
  format: 'signoff-ingest/1';
  apdexTMs: number;
  maxActions: number;
  firstMs: number | null;
  lastMs: number | null;
  actions: {
    name: string;
    latency: string;
    oxChecks: number;
    oxFailures: number;
    httpChecks: number;
    httpFailures: number;
    apdexSatisfied: number;
    apdexTolerating: number;
    sessionsLost: number;
    errorsByCode: Record<string, number>;
    rateLimited?: number;
    warningsByCode?: Record<string, number>;
  }[];
  series: SeriesJson;
  sessionsByRoute: Record<string, number>;
  routeChanges: number;
  rateLimitedByRoute?: Record<string, number>;
  firstRateLimitedMs?: number | null;
  retriesByReason?: Record<string, number>;
  parkedByReason?: Record<string, number>;
  iterations: number;
  dataReceivedBytes: number;
  dataSentBytes: number;
}

/** Requests of an action: real answers (the latency samples) plus HTTP 429 answers. */
export function requestsOf(action: ActionData): number {
  return action.latency.totalCount + action.rateLimited;
}

function addTo(map: Map<string, number>, key: string, n: number): void {
  map.set(key, (map.get(key) ?? 0) + n);
}

function sortedRecord(map: ReadonlyMap<string, number>): Record<string, number> {
  return Object.fromEntries([...map].sort(([x], [y]) => (x < y ? -1 : x > y ? 1 : 0)));
}
