/**
 * The history page: trends across runs (p95 per action, error rate, pass
 * rate) as ECharts SSR charts in one standalone HTML file. Pure: the runs in,
 * the page out; the caller orders them.
 */
import type { RunReport } from '../../src/model/types.ts';
import { formatPercent } from '../format.ts';
import { lineChartSvg } from './charts.ts';
import { badge, esc, table } from './html.ts';
import { PROTOCOL_CSS } from './styles.ts';

function passRate(r: RunReport): number | null {
  const ran = r.checks.filter((c) => c.status !== 'skipped');
  return ran.length ? ran.filter((c) => c.status === 'passed').length / ran.length : null;
}

function errorRate(r: RunReport): number | null {
  const requests = r.load.reduce((n, l) => n + l.totals.requests, 0);
  return requests ? r.load.reduce((n, l) => n + l.totals.failures, 0) / requests : null;
}

export function renderHistoryHtml(runs: RunReport[], title = 'signoff history'): string {
  const labels = runs.map((r) => r.run.id);
  let chartNo = 0;
  const id = (): string => `hist${chartNo++}`;
  const scenarios = [...new Set(runs.flatMap((r) => r.load.map((l) => l.scenario)))].sort();
  const p95Charts = scenarios.map((scenario) => {
    const actions = [...new Set(runs.flatMap((r) => r.load.filter((l) => l.scenario === scenario).flatMap((l) => l.actions.map((a) => a.name))))].sort();
    return lineChartSvg(
      {
        title: `p95 per action: ${scenario}`,
        xName: 'run',
        yName: 'ms',
        categories: labels,
        series: actions.map((name) => ({
          name,
          points: runs.map((r, i): [number, number] => [i, r.load.find((l) => l.scenario === scenario)?.actions.find((a) => a.name === name)?.latency.p95 ?? Number.NaN]),
        })),
      },
      id(),
    );
  });
  const rateChart = lineChartSvg(
    {
      title: 'Error rate and check pass rate',
      xName: 'run',
      yName: '%',
      categories: labels,
      series: [
        { name: 'error rate %', points: runs.map((r, i): [number, number] => [i, (errorRate(r) ?? Number.NaN) * 100]) },
        { name: 'pass rate %', points: runs.map((r, i): [number, number] => [i, (passRate(r) ?? Number.NaN) * 100]) },
      ],
    },
    id(),
  );
  const runsTable = table(runs, [
    { head: 'Run', cell: (r) => esc(r.run.id) },
    { head: 'Suite', cell: (r) => esc(r.run.suite) },
    { head: 'Started', cell: (r) => esc(r.run.startedAt) },
    { head: 'Status', cell: (r) => badge(r.run.status) },
    { head: 'Checks passed', cell: (r) => esc(`${r.checks.filter((c) => c.status === 'passed').length}/${r.checks.length}`), numeric: true },
    { head: 'Error rate', cell: (r) => esc(errorRate(r) === null ? '–' : formatPercent(errorRate(r) ?? 0)), numeric: true },
  ]);
  const body = runs.length
    ? `${[rateChart, ...p95Charts].map((svg) => `<figure class="chart">${svg}</figure>`).join('\n')}<h2>Runs</h2>${runsTable}`
    : '<p class="empty-run">No runs found.</p>';
  return `<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>${esc(title)}</title><style>${PROTOCOL_CSS} section { break-before: auto; }</style></head>
<body><h1>${esc(title)}</h1><p>${esc(runs.length)} runs${runs.length ? `, ${esc(runs[0]?.run.id ?? '')} – ${esc(runs[runs.length - 1]?.run.id ?? '')}` : ''}.</p>
${body}
</body></html>
`;
}
