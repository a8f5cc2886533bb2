/**
 * The capacity search (RunReport.capacity): the curve of every step — load
 * level against p95, throughput and error rate — with the knee (the highest
 * level at which every SLO held) and the bracket around it, the steps table
 * and the server-side figures at the knee.
 */
import type { CapacityResult, RunReport } from '../../src/model/types.ts';
import { formatMs, formatPercent } from '../format.ts';
import { lineChartSvg } from './charts.ts';
import type { ChartIds } from './load-section.ts';
import { badge, esc, table } from './html.ts';
import { capacityVerdict } from './verdicts.ts';

export { capacityVerdict } from './verdicts.ts';

const MIB = 2 ** 20;

function figure(svg: string): string {
  return `<figure class="chart">${svg}</figure>`;
}

function curveCharts(c: CapacityResult, ids: ChartIds): string {
  const steps = [...c.curve].sort((a, b) => a.level - b.level);
  const xName = c.unit === 'sessions' ? 'concurrent sessions' : 'sessions/s';
  const marks = [
    ...(c.bracket.lastPassing === null ? [] : [{ label: `knee ${c.bracket.lastPassing}`, value: c.bracket.lastPassing }]),
    ...(c.bracket.firstFailing === null ? [] : [{ label: `fails ${c.bracket.firstFailing}`, value: c.bracket.firstFailing }]),
  ];
  const p95Slo = c.curve.flatMap((s) => s.slos).find((s) => s.action === '*' && s.metric === 'p95');
  const charts = [
    lineChartSvg(
      {
        title: `Capacity: p95 latency by ${xName}`,
        xName,
        yName: 'ms',
        series: [{ name: 'p95', points: steps.map((s) => [s.level, s.p95Ms]) }],
        xMarkLines: marks,
        ...(p95Slo ? { markLine: { label: `SLO ${p95Slo.op} ${p95Slo.threshold} ms`, value: p95Slo.threshold } } : {}),
      },
      ids.take(),
    ),
    lineChartSvg({ title: `Capacity: throughput by ${xName}`, xName, yName: 'req/s', series: [{ name: 'req/s', points: steps.map((s) => [s.level, s.throughput]) }], xMarkLines: marks }, ids.take()),
    lineChartSvg({ title: `Capacity: error rate by ${xName}`, xName, yName: '%', series: [{ name: 'errors %', points: steps.map((s) => [s.level, Math.round(s.errorRate * 10000) / 100]) }], xMarkLines: marks }, ids.take()),
  ];
  return `<div class="charts">${charts.map(figure).join('\n')}</div>`;
}

function stepsTable(c: CapacityResult): string {
  return table(
    [...c.curve].sort((a, b) => a.level - b.level),
    [
      { head: 'Level', cell: (s) => esc(s.level), numeric: true },
      { head: 'Step', cell: (s) => esc(s.index), numeric: true },
      { head: 'Verdict', cell: (s) => badge(s.passed ? 'passed' : 'failed') + (s.stoppedEarly ? ' (stopped early)' : '') },
      { head: 'p95', cell: (s) => esc(formatMs(s.p95Ms)), numeric: true },
      { head: 'req/s', cell: (s) => esc(s.throughput.toFixed(1)), numeric: true },
      { head: 'Error rate', cell: (s) => esc(formatPercent(s.errorRate)), numeric: true },
      { head: 'Requests', cell: (s) => esc(s.requests), numeric: true },
      { head: 'Binding SLO', cell: (s) => esc(s.bindingSlo ?? '–') },
      { head: 'Node health', cell: (s) => (s.health ? badge(s.health.status) : '–') },
    ],
    'compact',
  );
}

function kneeTable(c: CapacityResult): string {
  if (!c.knee || c.knee.server.length === 0) return '<p class="absent">No server-side figures at the knee (the nodes were not monitored).</p>';
  return `<h4>Server at the knee (${esc(c.knee.level)} ${esc(c.unit)})</h4>${table(
    c.knee.server,
    [
      { head: 'Node', cell: (n) => esc(n.route) },
      { head: 'req/s', cell: (n) => esc(n.rps.toFixed(1)), numeric: true },
      { head: 'p95', cell: (n) => esc(formatMs(n.p95Ms)), numeric: true },
      { head: 'Max sessions', cell: (n) => esc(n.maxSessions ?? '–'), numeric: true },
      { head: 'Max memory', cell: (n) => esc(n.maxMemoryBytes === undefined ? '–' : `${(n.maxMemoryBytes / MIB).toFixed(0)} MiB`), numeric: true },
      { head: 'CPU max', cell: (n) => esc(n.maxCpu === undefined ? '–' : `${n.maxCpu.toFixed(2)} cores`), numeric: true },
      { head: 'Healthy scrapes', cell: (n) => esc(`${n.healthyScrapes} / ${n.scrapes}`), numeric: true },
    ],
    'compact',
  )}`;
}

export function capacitySection(report: RunReport, ids: ChartIds): string {
  const c = report.capacity;
  if (!c) return '<p class="absent">Capacity: not part of this run (signoff capacity finds it).</p>';
  return `<p>Scenario <b>${esc(c.scenario)}</b>, ${esc(c.model)} load model: capacity <b>${esc(capacityVerdict(c))}</b>.</p>
<p>SLOs: ${esc(c.slos.join('; '))}. ${esc(c.steps)} steps of ${esc(c.stepDurationS)} s between ${esc(c.range.min)} and ${esc(c.range.max)} ${esc(c.unit)}, ${esc(c.wallTimeS)} s in all · k6 ${esc(c.k6.version)}.</p>
${curveCharts(c, ids)}
<h4>Steps</h4>${stepsTable(c)}
${kneeTable(c)}`;
}
