/**
 * Server-side monitoring as the report carries it: per node the time series
 * scraped from /metrics and /health while the load ran, per-node summaries
 * and the health incidents. Produced by src/monitor, rendered by reporters.
 */

export type HealthState = 'UP' | 'DOWN' | 'ERROR' | 'unreachable';

/** One interval of one node. Rates are per second over the interval. */
export interface ServerPoint {
  /** Seconds since the monitor started. */
  t: number;
  health: HealthState;
  rps: number;
  p95Ms: number;
  /** Requests with a status other than OK in the interval. */
  errors: number;
  sessions?: number;
  memoryBytes?: number;
  /** CPU in cores (1 = one core busy). */
  cpu?: number;
}

export interface ServerActionStats {
  name: string;
  requests: number;
  errors: number;
  rps: number;
  p95Ms: number;
}

export interface NodeSummary {
  scrapes: number;
  healthyScrapes: number;
  requests: number;
  errors: number;
  rps: number;
  p95Ms: number;
  maxSessions?: number;
  maxMemoryBytes?: number;
  maxCpu?: number;
  meanCpu?: number;
}

export interface NodeSeries {
  /** The node's name in the report: its JSESSIONID route (OX1, …). */
  route: string;
  /** Base URL serving /metrics and /health. */
  url: string;
  points: ServerPoint[];
  actions: ServerActionStats[];
  summary: NodeSummary;
}

export interface HealthIncident {
  route: string;
  /** ISO time of the scrape that saw it. */
  at: string;
  /** Seconds since the monitor started. */
  t: number;
  health: HealthState;
  detail: string;
}

/** What the monitor saw over one load run (its health check goes to the report's checks). */
export interface ServerMonitoring {
  startedAt: string;
  finishedAt: string;
  intervalMs: number;
  nodes: NodeSeries[];
  incidents: HealthIncident[];
}
