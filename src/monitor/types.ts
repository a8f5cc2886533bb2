/** The monitor's results: series, summaries and incidents per node (plain data, JSON as is). */
import type { CheckResult } from '../model/types.ts';
import type { HealthState } from './scrape.ts';

export type { HealthState };

export interface MonitorNode {
  /** The node's name in the report: its JSESSIONID route (OX1, …). */
  route: string;
  /** Base URL serving /metrics and /health (OX: the node's :8009). */
  url: string;
}

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
  route: string;
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

export interface MonitorResult {
  startedAt: string;
  finishedAt: string;
  intervalMs: number;
  nodes: NodeSeries[];
  incidents: HealthIncident[];
  check: CheckResult;
}
