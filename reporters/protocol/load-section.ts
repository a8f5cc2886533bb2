/** The load section: charts over time, per-action percentiles, SLOs, stickiness and balance. */
import type { LoadResult, RunReport, SloVerdict } from '../../src/model/types.ts';
import { formatMs, formatPercent, formatSloValue, oxClientRows, sloName } from '../format.ts';
import { barChartSvg, lineChartSvg } from './charts.ts';
import { badge, esc, notPartOfRun, table } from './html.ts';

/** Hands out chart id prefixes in render order, so ids are unique and stable. */
export class ChartIds {
  private next = 0;
  take(): string {
    return `chart${this.next++}`;
  }
}

function figure(svg: string): string {
  return `<figure class="chart">${svg}</figure>`;
}

function sloExpected(slo: SloVerdict): string {
  return `${slo.op} ${formatSloValue(slo, slo.threshold)}`;
}

function overallP95Slo(load: LoadResult): SloVerdict | undefined {
  return load.slos.find((s) => s.action === '*' && s.metric === 'p95');
}

function charts(load: LoadResult, ids: ChartIds): string {
  const pts = load.series.points;
  if (pts.length === 0) return '<p class="absent">No time series was recorded for this scenario.</p>';
  const p95Slo = overallP95Slo(load);
  const svgs = [
    lineChartSvg({ title: 'Virtual users over time', xName: 't [s]', yName: 'VUs', series: [{ name: 'VUs', points: pts.map((p) => [p.t, p.vus]), step: true, area: true }] }, ids.take()),
    lineChartSvg({ title: 'Requests per second', xName: 't [s]', yName: 'req/s', series: [{ name: 'req/s', points: pts.map((p) => [p.t, p.rps]) }] }, ids.take()),
    lineChartSvg(
      {
        title: 'p95 latency over time',
        xName: 't [s]',
        yName: 'ms',
        series: [{ name: 'p95', points: pts.map((p) => [p.t, p.p95]) }],
        ...(p95Slo ? { markLine: { label: `SLO ${sloExpected(p95Slo)}`, value: p95Slo.threshold } } : {}),
      },
      ids.take(),
    ),
    lineChartSvg({ title: 'Failed requests per interval', xName: 't [s]', yName: 'errors', series: [{ name: 'errors', points: pts.map((p) => [p.t, p.errors]) }] }, ids.take()),
  ];
  return svgs.map(figure).join('\n');
}

function actionsTable(load: LoadResult): string {
  if (load.actions.length === 0) return '<p class="absent">No actions were measured.</p>';
  return table(
    load.actions,
    [
      { head: 'Action', cell: (a) => esc(a.name) },
      { head: 'Requests', cell: (a) => esc(a.requests), numeric: true },
      { head: 'p50', cell: (a) => esc(formatMs(a.latency.p50)), numeric: true },
      { head: 'p90', cell: (a) => esc(formatMs(a.latency.p90)), numeric: true },
      { head: 'p95', cell: (a) => esc(formatMs(a.latency.p95)), numeric: true },
      { head: 'p99', cell: (a) => esc(formatMs(a.latency.p99)), numeric: true },
      { head: 'max', cell: (a) => esc(formatMs(a.latency.max)), numeric: true },
      { head: 'APDEX (T)', cell: (a) => esc(`${a.apdex.score.toFixed(2)} (${a.apdex.t} ms)`), numeric: true },
      { head: 'Error rate', cell: (a) => esc(formatPercent(a.errorRate)), numeric: true },
      {
        head: 'Errors by code',
        cell: (a) =>
          esc(
            Object.entries(a.errorsByCode)
              .sort(([x], [y]) => (x < y ? -1 : x > y ? 1 : 0))
              .map(([code, n]) => `${code}: ${n}`)
              .join(', ') || '–',
          ),
      },
    ],
    'compact',
  );
}

function sloTable(load: LoadResult): string {
  if (load.slos.length === 0) return '<p class="absent">No SLOs were defined for this scenario.</p>';
  return table(load.slos, [
    { head: 'SLO', cell: (s) => esc(sloName(s)) },
    { head: 'Expected', cell: (s) => esc(sloExpected(s)), numeric: true },
    { head: 'Measured', cell: (s) => esc(formatSloValue(s, s.measured)), numeric: true },
    { head: 'k6 threshold', cell: (s) => (s.k6Passed === undefined ? '–' : badge(s.k6Passed ? 'passed' : 'failed')) },
    { head: 'Verdict', cell: (s) => badge(s.passed ? 'passed' : 'failed') },
  ]);
}

/** HTTP 429s, excluded latency samples, retries, parked VUs and warnings as the load generator saw them. */
function oxClientBlock(load: LoadResult): string {
  const rows = oxClientRows(load);
  if (rows.length === 0) return '';
  return `<h4>Rate limiting and client retries</h4>${table(rows, [
    { head: 'Figure', cell: (r) => esc(r[0]) },
    { head: 'Measured', cell: (r) => esc(r[1]), numeric: true },
  ])}<p class="note">Latency percentiles and APDEX are computed over real answers only; HTTP 429 answers count as requests and failures.</p>`;
}

function clusterBlock(load: LoadResult, ids: ChartIds): string {
  const c = load.cluster;
  if (!c) return '<p class="absent">Stickiness and balance: not measured for this scenario.</p>';
  const routes = Object.keys(c.sessionsByRoute).sort();
  const factRows: [string, string][] = [
      ['Route changes within a session', String(c.routeChanges)],
      ['Sessions lost', String(c.sessionsLost)],
      ['Max deviation from an even split', formatPercent(c.maxDeviation)],
      ['Sessions by route', routes.map((r) => `${r}: ${c.sessionsByRoute[r]}`).join(', ') || '–'],
  ];
  const facts = table(
    factRows,
    [
      { head: 'Stickiness and balance', cell: (r) => esc(r[0]) },
      { head: 'Measured', cell: (r) => esc(r[1]), numeric: true },
    ],
  );
  const chart = routes.length
    ? figure(barChartSvg({ title: 'Sessions by node (route)', yName: 'sessions', categories: routes, values: routes.map((r) => c.sessionsByRoute[r] ?? 0) }, ids.take()))
    : '';
  return `<h4>Stickiness and balance</h4>${facts}${chart}`;
}

export function loadSection(report: RunReport, ids: ChartIds): string {
  if (report.load.length === 0) return notPartOfRun('Load');
  return report.load
    .map((load) => {
      const p = load.profile;
      return `<div class="scenario"><h3>Scenario ${esc(load.scenario)}</h3>
<p>Profile <b>${esc(p.name)}</b> (${esc(p.executor)}): ${esc(p.description)} · max ${esc(p.maxVUs)} VUs · ${esc(p.durationS)} s · ${esc(load.startedAt)} – ${esc(load.finishedAt)} · k6 ${esc(load.k6.version)}</p>
<p>Totals: ${esc(load.totals.requests)} requests, ${esc(load.totals.failures)} failed, ${esc(load.totals.iterations)} iterations, ${esc(load.totals.sessions)} sessions; overall p95 ${esc(formatMs(load.overall.p95))}.</p>
<div class="charts">${charts(load, ids)}</div>
<h4>Latency per action</h4>${actionsTable(load)}
<h4>SLOs: expected vs measured</h4>${sloTable(load)}
${oxClientBlock(load)}
${clusterBlock(load, ids)}</div>`;
    })
    .join('\n');
}
