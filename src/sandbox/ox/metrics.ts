/** Prometheus metrics of one node, named like the OX middleware's (ox-deployment §3.7). */
import { collectDefaultMetrics, Gauge, Histogram, Registry } from 'prom-client';

/** OX's default SLA buckets in seconds. */
const BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.15, 0.2, 0.25, 0.3, 0.4, 0.5, 0.75, 1, 2, 5, 10, 30, 60];

export interface NodeMetrics {
  registry: Registry;
  observe(module: string, action: string, status: string, seconds: number): void;
}

export function createMetrics(route: string, activeSessions: () => number): NodeMetrics {
  const registry = new Registry();
  registry.setDefaultLabels({ node: route });
  collectDefaultMetrics({ register: registry });
  const requests = new Histogram({
    name: 'appsuite_httpapi_requests_seconds',
    help: 'HTTP API requests by module, action and status (OK or the error category)',
    labelNames: ['module', 'action', 'status'] as const,
    buckets: BUCKETS,
    registers: [registry],
  });
  new Gauge({
    name: 'appsuite_sessions_active_total',
    help: 'Active sessions on this node',
    labelNames: ['client'] as const,
    registers: [registry],
    collect() {
      this.set({ client: 'all' }, activeSessions());
    },
  });
  return {
    registry,
    observe(module, action, status, seconds) {
      requests.observe({ module, action, status }, seconds);
    },
  };
}
