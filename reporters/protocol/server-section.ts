/**
 * Server-side monitoring per load scenario: what each node's /metrics and
 * /health said while the load ran — request rate, p95, active sessions,
 * memory and CPU over time (one line per node), per-node summaries and the
 * health incidents.
 */
import type { LoadResult, NodeSeries, RunReport, ServerPoint } from '../../src/model/types.ts';
import { formatMs } from '../format.ts';
import { lineChartSvg, type LineSeries } from './charts.ts';
import type { ChartIds } from './load-section.ts';
import { badge, esc, table } from './html.ts';

const MIB = 2 ** 20;

function figure(svg: string): string {
  return `<figure class="chart">${svg}</figure>`;
}

function seriesOf(nodes: readonly NodeSeries[], pick: (p: ServerPoint) => number | undefined): LineSeries[] {
  return nodes
    .map((n) => ({ name: n.route, points: n.points.flatMap((p): [number, number][] => { const v = pick(p); return v === undefined ? [] : [[p.t, v]]; }) }))
    .filter((s) => s.points.length > 0);
}

function serverCharts(nodes: readonly NodeSeries[], ids: ChartIds): string {
  const specs: { title: string; yName: string; pick: (p: ServerPoint) => number | undefined }[] = [
    { title: 'Server: requests per second per node', yName: 'req/s', pick: (p) => p.rps },
    { title: 'Server: p95 latency per node', yName: 'ms', pick: (p) => p.p95Ms },
    { title: 'Server: active sessions per node', yName: 'sessions', pick: (p) => p.sessions },
    { title: 'Server: memory per node', yName: 'MiB', pick: (p) => (p.memoryBytes === undefined ? undefined : Math.round((p.memoryBytes / MIB) * 10) / 10) },
    { title: 'Server: CPU per node', yName: 'cores', pick: (p) => p.cpu },
  ];
  const out: string[] = [];
  for (const spec of specs) {
    const series = seriesOf(nodes, spec.pick);
    if (series.length === 0) continue;
    out.push(figure(lineChartSvg({ title: spec.title, xName: 't [s]', yName: spec.yName, series }, ids.take())));
  }
  return out.length ? `<div class="charts">${out.join('\n')}</div>` : '<p class="absent">The nodes exported no metrics over the run.</p>';
}

const opt = (v: number | undefined, f: (n: number) => string): string => (v === undefined ? '–' : f(v));

function summaryTable(nodes: readonly NodeSeries[]): string {
  return table(
    nodes,
    [
      { head: 'Node', cell: (n) => esc(n.route) },
      { head: 'Healthy scrapes', cell: (n) => esc(`${n.summary.healthyScrapes} / ${n.summary.scrapes}`), numeric: true },
      { head: 'Requests', cell: (n) => esc(n.summary.requests), numeric: true },
      { head: 'Errors', cell: (n) => esc(n.summary.errors), numeric: true },
      { head: 'req/s', cell: (n) => esc(n.summary.rps.toFixed(1)), numeric: true },
      { head: 'p95', cell: (n) => esc(formatMs(n.summary.p95Ms)), numeric: true },
      { head: 'Max sessions', cell: (n) => esc(opt(n.summary.maxSessions, String)), numeric: true },
      { head: 'Max memory', cell: (n) => esc(opt(n.summary.maxMemoryBytes, (b) => `${(b / MIB).toFixed(0)} MiB`)), numeric: true },
      { head: 'CPU mean / max', cell: (n) => esc(n.summary.meanCpu === undefined ? '–' : `${n.summary.meanCpu.toFixed(2)} / ${opt(n.summary.maxCpu, (c) => c.toFixed(2))} cores`), numeric: true },
    ],
    'compact',
  );
}

function incidentsBlock(load: LoadResult): string {
  const incidents = load.monitoring?.incidents ?? [];
  if (incidents.length === 0) return '<p>No health incidents: every node answered /health with UP at every scrape.</p>';
  return table(
    incidents,
    [
      { head: 'Node', cell: (i) => esc(i.route) },
      { head: 't [s]', cell: (i) => esc(i.t.toFixed(1)), numeric: true },
      { head: 'Time', cell: (i) => esc(i.at) },
      { head: 'Health', cell: (i) => badge(i.health === 'UP' ? 'passed' : 'failed').replace(/>[A-Z]+</, `>${esc(i.health.toUpperCase())}<`) },
      { head: 'Detail', cell: (i) => esc(i.detail) },
    ],
    'compact',
  );
}

export function serverSection(report: RunReport, ids: ChartIds): string {
  const monitored = report.load.filter((l) => l.monitoring);
  if (monitored.length === 0) {
    return report.load.length === 0
      ? '<p class="absent">Server-side monitoring: not part of this run (no load).</p>'
      : '<p class="absent">Server-side monitoring: the target names no nodes, so no /metrics or /health were scraped.</p>';
  }
  return monitored
    .map((load) => {
      const m = load.monitoring!;
      return `<div class="scenario"><h3>Server side during ${esc(load.scenario)}</h3>
<p>${esc(m.nodes.length)} node(s) scraped every ${esc((m.intervalMs / 1000).toFixed(1))} s (/metrics and /health) from ${esc(m.startedAt)} to ${esc(m.finishedAt)}.</p>
${serverCharts(m.nodes, ids)}
<h4>Per node</h4>${summaryTable(m.nodes)}
<h4>Health incidents</h4>${incidentsBlock(load)}</div>`;
    })
    .join('\n');
}
