/** The monitor's results: series, summaries and incidents per node (the model's types, JSON as is). */
import type { CheckResult } from '../model/types.ts';
import type { ServerMonitoring } from '../model/monitoring.ts';

export type { HealthIncident, HealthState, NodeSeries, NodeSummary, ServerActionStats, ServerMonitoring, ServerPoint } from '../model/monitoring.ts';

export interface MonitorNode {
  /** The node's name in the report: its JSESSIONID route (OX1, …). */
  route: string;
  /** Base URL serving /metrics and /health (OX: the node's :8009). */
  url: string;
  /** `user:password` for this node's /metrics and /health; default: the monitor's basicAuth. */
  basicAuth?: string;
}

/** What the report stores (ServerMonitoring) plus the cluster health check, which goes to the report's checks. */
export interface MonitorResult extends ServerMonitoring {
  check: CheckResult;
}
