/**
 * The RunReport: the one model every reporter renders and every check feeds.
 * report.json is this shape, validated against schema.ts (JSON Schema, ajv).
 * Everything downstream (console, JUnit, protocol, signature) is a pure function of it.
 */

import type { BaselineComparison } from './baseline.ts';
import type { NodeSummary, ServerMonitoring } from './monitoring.ts';
import type { ProbeSummaries } from './probes.ts';

export type * from './baseline.ts';
export type * from './monitoring.ts';
export type * from './probes.ts';

export const SCHEMA_VERSION = 1;

export type RunStatus = 'passed' | 'failed' | 'error' | 'interrupted';
export type CheckStatus = 'passed' | 'failed' | 'skipped' | 'error';
export type CheckFamily = 'load' | 'gui' | 'branding' | 'imap' | 'ldap' | 'accounts' | 'api' | 'cluster';

/** One pass criterion: what was expected against what was measured. */
export interface Criterion {
  name: string; // e.g. "mail.all p95"
  expected: string; // e.g. "< 500 ms"
  measured: string; // e.g. "412 ms"
  passed: boolean;
}

export interface Evidence {
  kind: 'screenshot' | 'log' | 'sample' | 'transcript' | 'trace' | 'diff' | 'file';
  path: string; // relative to the run folder
  title?: string;
}

export interface CheckResult {
  id: string; // stable, e.g. "load.webmail.slo.mail.all.p95"
  title: string;
  family: CheckFamily;
  status: CheckStatus;
  requirementIds: string[];
  criteria: Criterion[];
  evidence: Evidence[];
  durationMs: number;
  error?: { code: string; message: string };
  /** What to do about a failure (e.g. the OX settings to look at). */
  hint?: string;
}

export interface Percentiles {
  p50: number;
  p90: number;
  p95: number;
  p99: number;
  max: number;
  min: number;
  mean: number;
  count: number;
}

/** Per OX action (the k6 `name` tag, e.g. "mail.all"). Durations in ms. */
export interface ActionStats {
  name: string;
  latency: Percentiles;
  requests: number;
  failures: number;
  errorRate: number; // failures / requests
  throughput: number; // requests per second over the scenario's duration
  apdex: { t: number; score: number };
  errorsByCode: Record<string, number>; // OX code ("SES-0203") or "HTTP-503"
  /** HTTP 429 answers among `requests`: counted as requests and failures, left out of `latency` and `apdex`. */
  rateLimited?: number;
}

export interface SloVerdict {
  /** What the SLO is about: an action name, or "*" for all. */
  action: string;
  metric: 'p50' | 'p90' | 'p95' | 'p99' | 'max' | 'errorRate' | 'sessionLost' | 'throughput';
  op: '<' | '<=' | '>' | '>=' | '==';
  threshold: number;
  measured: number;
  unit: 'ms' | 'ratio' | 'count' | 'req/s';
  passed: boolean;
  /** k6's own threshold result for the same expression, when k6 evaluated one. */
  k6Passed?: boolean;
}

/** One point of a time series at a fixed resolution. */
export interface SeriesPoint {
  t: number; // seconds since the scenario start
  vus: number;
  rps: number;
  p95: number; // ms, over the bucket
  errors: number; // failed requests in the bucket
}

export interface LoadResult {
  scenario: string; // e.g. "webmail-user"
  profile: { name: string; executor: string; description: string; maxVUs: number; durationS: number };
  startedAt: string;
  finishedAt: string;
  overall: Percentiles;
  totals: { requests: number; failures: number; iterations: number; sessions: number; dataReceivedBytes: number; dataSentBytes: number };
  actions: ActionStats[];
  slos: SloVerdict[];
  series: { resolutionS: number; points: SeriesPoint[] };
  cluster?: {
    sessionsByRoute: Record<string, number>;
    routeChanges: number;
    sessionsLost: number;
    maxDeviation: number; // max relative deviation from an even split, 0..1
  };
  k6: { version: string; exitCode: number; thresholdsPassed: boolean };
  /** k6 processes that ran the scenario as execution segments (absent: one). */
  segments?: number;
  /** Server-side monitoring of the target's nodes while the scenario ran (when the target names nodes). */
  monitoring?: ServerMonitoring;
  /** What the OX client met besides answers: rate limiting, retries, parked VUs, warnings (absent in older reports). */
  oxClient?: OxClientFigures;
}

/** The load generator's view of throttling and its own resilience (k6 metrics ox_rate_limited, ox_retries, ox_parked, ox_warnings). */
export interface OxClientFigures {
  /** HTTP 429 answers: the target rate-limited the load generator. */
  rateLimited: number;
  /** rateLimited / all requests, 0..1. */
  rateLimitedShare: number;
  /** Seconds from the first sample to the first HTTP 429; null when none. */
  firstRateLimitedS: number | null;
  /** HTTP 429 answers by the node (JSESSIONID route; 'none' before a session). */
  rateLimitedByRoute: Record<string, number>;
  rateLimitedByAction: Record<string, number>;
  /** Latency samples left out of the percentiles and APDEX (status 429): they time the limiter, not the service. */
  excludedFromLatency: number;
  /** Retries after a backoff, by reason (session-lost, rate-limited, login-failed). */
  retries: Record<string, number>;
  /** VUs that stopped after the retry cap, by reason. */
  parked: Record<string, number>;
  /** Successful answers that carried an OX warning (category 13), by code: successes, never failures. */
  warnings: Record<string, number>;
}

export interface Requirement {
  id: string; // e.g. "REQ-LOAD-01"
  title: string;
  verification?: string;
  responsible?: 'customer' | 'provider' | 'both';
  due?: string; // ISO date
}

export interface Signatory {
  name: string;
  role: string;
  organisation: string;
  side: 'customer' | 'provider';
}

export interface Deviation {
  id: string;
  text: string;
}

export interface Artifact {
  path: string; // relative to the run folder
  sha256: string;
  bytes: number;
}

export interface RunReport {
  schemaVersion: typeof SCHEMA_VERSION;
  run: {
    id: string;
    suite: string;
    startedAt: string;
    finishedAt: string;
    status: RunStatus;
    harnessVersion: string;
    toolVersions: Record<string, string>;
    /** What ended the run early; `hint` says what to do about it. */
    error?: { code: string; message: string; phase?: string; hint?: string };
  };
  /** Redacted: never passwords or tokens. */
  target: { name: string; baseUrl: string; apiPath: string; uiPath: string; kind: 'sandbox' | 'remote'; nodes: string[] };
  environment: { os: string; node: string; cpus: number; memoryMb: number };
  /** Who the protocol is for and who signs it (from signoff.config.ts). */
  project?: { customer: string; project: string; provider: string };
  signatories?: Signatory[];
  requirements: Requirement[];
  checks: CheckResult[];
  load: LoadResult[];
  deviations: Deviation[];
  artifacts: Artifact[];
  /** What the probe families measured beyond their checks (IMAP matrix, LDAP, accounts, GUI timings). */
  probes?: ProbeSummaries;
  /** A capacity search (`signoff capacity` with a suite). */
  capacity?: CapacityResult;
  /** The comparison with the baseline run given by `--baseline`. */
  baseline?: BaselineComparison;
}

// ---- Capacity search (`signoff capacity`; capacity.json and RunReport.capacity are this) ----

export type LoadModel = 'closed' | 'open';

/** Server-side figures of one node over one step (from the monitor). */
export interface StepServerFigures extends NodeSummary {
  route: string;
}

export interface CapacityStep {
  /** Order in which the step ran, from 1. */
  index: number;
  /** Concurrent sessions (closed) or session starts per second (open). */
  level: number;
  passed: boolean;
  /** Stopped before its time because the SLOs broke hard. */
  stoppedEarly: boolean;
  hardBreak: boolean;
  /** The SLO nearest to its threshold (or furthest past it), as written. */
  bindingSlo?: string;
  slack: number;
  p95Ms: number;
  /** Requests per second over the step. */
  throughput: number;
  errorRate: number;
  requests: number;
  slos: SloVerdict[];
  /** Per node, when nodes were monitored. */
  server?: StepServerFigures[];
  /** The cluster health check over the step, when nodes were monitored. */
  health?: CheckResult;
  startedAt: string;
  wallTimeS: number;
  /** Folder of the step (k6 log, summary, script), relative to the run folder. */
  dir: string;
}

export interface CapacityResult {
  scenario: string;
  model: LoadModel;
  unit: 'sessions' | 'sessions/s';
  /** Highest level at which every SLO held; 0 when even the lowest failed. */
  capacity: number;
  /** True when the highest level tried passed: the capacity is at least this. */
  atLeast: boolean;
  bracket: { lastPassing: number | null; firstFailing: number | null };
  /** Width of the bracket relative to the capacity (0.05 = 5 %), null without a bracket. */
  precision: number | null;
  range: { min: number; max: number };
  slos: string[];
  /** Every step, by level. */
  curve: CapacityStep[];
  /** Server-side figures of the last passing step. */
  knee?: { level: number; server: StepServerFigures[] };
  steps: number;
  stepDurationS: number;
  wallTimeS: number;
  startedAt: string;
  finishedAt: string;
  k6: { version: string };
}
