/**
 * Server-side monitoring while load runs: every `intervalMs` each node's
 * /metrics and /health are scraped, and the differences between scrapes
 * become time series per node (request rate and p95 from the histogram deltas,
 * active sessions, memory, CPU, health). `stop()` ends it and returns the
 * series, per-node summaries, health incidents and the cluster health check.
 */
import { healthCheck, type HealthCheckOptions } from './health-check.ts';
import { byAction, combine, deltaOf, quantileMs, type ActionWindow } from './histogram-delta.ts';
import { sumOf, type MetricFamilies } from './prometheus-text.ts';
import { createScraper, type Scrape, type ScrapeOptions } from './scrape.ts';
import type { HealthIncident, HealthState, MonitorNode, MonitorResult, NodeSeries, NodeSummary, ServerPoint } from './types.ts';

export interface MonitorOptions extends ScrapeOptions {
  nodes: MonitorNode[];
  /** Default 5000; at least 200. */
  intervalMs?: number;
  check?: HealthCheckOptions;
}

export type { HealthIncident, MonitorNode, MonitorResult, NodeSeries, NodeSummary, ServerActionStats, ServerPoint } from './types.ts';

export interface Monitor {
  /** Scrapes once more, stops and summarises. */
  stop(): Promise<MonitorResult>;
}

interface NodeState {
  node: MonitorNode;
  points: ServerPoint[];
  incidents: HealthIncident[];
  first?: { atMs: number; actions: Map<string, ActionWindow> };
  last?: { atMs: number; actions: Map<string, ActionWindow>; cpuSeconds?: number };
  lastHealth?: HealthState;
  scrapes: number;
  healthy: number;
}

const HISTOGRAM = 'appsuite_httpapi_requests_seconds';

export async function startMonitor(options: MonitorOptions): Promise<Monitor> {
  const intervalMs = Math.max(200, options.intervalMs ?? 5000);
  const scraper = createScraper(options);
  const startedMs = Date.now();
  const states: NodeState[] = options.nodes.map((node) => ({ node, points: [], incidents: [], scrapes: 0, healthy: 0 }));

  let inFlight: Promise<void> | undefined;
  const tick = (): Promise<void> => {
    // A slow node must not pile up scrapes: a tick that finds one running is skipped.
    inFlight ??= Promise.all(states.map(async (state) => record(state, await scraper.scrape(state.node.url, state.node.basicAuth), startedMs))).then(() => {
      inFlight = undefined;
    });
    return inFlight;
  };
  await tick(); // the baseline every delta starts from
  const timer = setInterval(() => void tick(), intervalMs);

  return {
    async stop() {
      clearInterval(timer);
      await inFlight;
      await tick();
      await scraper.close();
      const nodes = states.map(seriesOf);
      const incidents = states.flatMap((s) => s.incidents).sort((a, b) => a.t - b.t);
      const finishedAt = new Date().toISOString();
      const startedAt = new Date(startedMs).toISOString();
      return { startedAt, finishedAt, intervalMs, nodes, incidents, check: healthCheck(nodes, incidents, { ...options.check, durationMs: Date.now() - startedMs }) };
    },
  };
}

function record(state: NodeState, scrape: Scrape, startedMs: number): void {
  const t = round((scrape.atMs - startedMs) / 1000, 1);
  state.scrapes++;
  if (scrape.health === 'UP') state.healthy++;
  else if (state.lastHealth !== scrape.health) {
    state.incidents.push({ route: state.node.route, at: new Date(scrape.atMs).toISOString(), t, health: scrape.health, detail: scrape.healthDetail ?? scrape.health });
  }
  state.lastHealth = scrape.health;

  const metrics = scrape.metrics;
  if (!metrics) {
    // Unreachable: a point with the health only, so the chart shows the gap where it happened.
    if (state.last) state.points.push({ t, health: scrape.health, rps: 0, p95Ms: 0, errors: 0 });
    return;
  }
  const actions = byAction(metrics.histogram(HISTOGRAM));
  const cpuSeconds = sumOf(metrics, 'process_cpu_seconds_total');
  const previous = state.last;
  state.first ??= { atMs: scrape.atMs, actions };
  state.last = { atMs: scrape.atMs, actions, ...(cpuSeconds === undefined ? {} : { cpuSeconds }) };
  if (!previous) return;

  const seconds = (scrape.atMs - previous.atMs) / 1000;
  const window = combine([...actions.values()].map((a) => deltaOf(previous.actions.get(a.name), a)));
  const point: ServerPoint = { t, health: scrape.health, rps: rate(window.requests, seconds), p95Ms: quantileMs(window.buckets, 0.95), errors: window.errors };
  const sessions = sumOf(metrics, 'appsuite_sessions_active_total');
  if (sessions !== undefined) point.sessions = sessions;
  const memory = memoryOf(metrics);
  if (memory !== undefined) point.memoryBytes = memory;
  if (cpuSeconds !== undefined && previous.cpuSeconds !== undefined && seconds > 0 && cpuSeconds >= previous.cpuSeconds) {
    point.cpu = round((cpuSeconds - previous.cpuSeconds) / seconds, 3);
  }
  state.points.push(point);
}

/** Resident memory of the process; an OX JVM without it reports its used heap and non-heap. */
function memoryOf(metrics: MetricFamilies): number | undefined {
  return sumOf(metrics, 'process_resident_memory_bytes') ?? sumOf(metrics, 'jvm_memory_used_bytes');
}

function seriesOf(state: NodeState): NodeSeries {
  const { first, last, points } = state;
  const seconds = first && last ? (last.atMs - first.atMs) / 1000 : 0;
  const actions = last ? [...last.actions.values()].map((a) => deltaOf(first?.actions.get(a.name), a)).filter((a) => a.requests > 0) : [];
  const total = combine(actions);
  const maxOf = (pick: (p: ServerPoint) => number | undefined): number | undefined => {
    const values = points.map(pick).filter((v): v is number => v !== undefined);
    return values.length > 0 ? Math.max(...values) : undefined;
  };
  const cpus = points.map((p) => p.cpu).filter((v): v is number => v !== undefined);
  const summary: NodeSummary = { scrapes: state.scrapes, healthyScrapes: state.healthy, requests: total.requests, errors: total.errors, rps: rate(total.requests, seconds), p95Ms: quantileMs(total.buckets, 0.95) };
  const maxSessions = maxOf((p) => p.sessions);
  if (maxSessions !== undefined) summary.maxSessions = maxSessions;
  const maxMemory = maxOf((p) => p.memoryBytes);
  if (maxMemory !== undefined) summary.maxMemoryBytes = maxMemory;
  if (cpus.length > 0) {
    summary.maxCpu = Math.max(...cpus);
    summary.meanCpu = round(cpus.reduce((a, b) => a + b, 0) / cpus.length, 3);
  }
  return {
    route: state.node.route,
    url: state.node.url,
    points,
    actions: actions
      .map((a) => ({ name: a.name, requests: a.requests, errors: a.errors, rps: rate(a.requests, seconds), p95Ms: quantileMs(a.buckets, 0.95) }))
      .sort((a, b) => (a.name < b.name ? -1 : 1)),
    summary,
  };
}

function rate(count: number, seconds: number): number {
  return seconds > 0 ? round(count / seconds, 2) : 0;
}

function round(value: number, digits: number): number {
  const f = 10 ** digits;
  return Math.round(value * f) / f;
}
