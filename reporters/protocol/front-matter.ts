/** Cover page, table of contents and management summary. */
import type { RunReport } from '../../src/model/types.ts';
import { formatMs, formatPercent, formatSloValue, sloName } from '../format.ts';
import { badge, esc, table } from './html.ts';
import type { ProtocolOptions } from './types.ts';
import { FAMILIES, familyVerdict, keyFigureRows, keyFigures, type RequirementRow } from './verdicts.ts';

export interface TocEntry {
  id: string;
  title: string;
}

function signatureBanner(options: ProtocolOptions): string {
  const s = options.signature;
  if (!s || !s.signed) return '<p class="mark unsigned">UNSIGNED – this protocol carries no signature</p>';
  if (s.demo) return '<p class="mark demo">demo signature — not for sign-off</p>';
  return '<p class="mark signed">Digitally signed (PAdES); verify with <code>signoff verify</code></p>';
}

export function cover(report: RunReport, options: ProtocolOptions): string {
  const { run, target } = report;
  const tools = Object.keys(run.toolVersions)
    .sort()
    .map((k) => `${k} ${run.toolVersions[k]}`)
    .join(', ');
  const rows: [string, string][] = [
    ['Customer', options.project.customer],
    ['Project', options.project.project],
    ['Provider', options.project.provider],
    ['Target environment', `${target.name} (${target.kind}) – ${target.baseUrl}`],
    ['Cluster nodes', target.nodes.join(', ') || '–'],
    ['Suite', run.suite],
    ['Run id', run.id],
    ['Started', run.startedAt],
    ['Finished', run.finishedAt],
    ['Harness version', `signoff ${run.harnessVersion}`],
    ['Tool versions', tools || '–'],
  ];
  const runError = run.error ? `<p class="error">Run error ${esc(run.error.code)}${run.error.phase ? ` in ${esc(run.error.phase)}` : ''}: ${esc(run.error.message)}</p>` : '';
  return `<section class="cover" id="cover">
<p class="kicker">Acceptance test protocol</p>
<h1>${esc(options.project.project)}</h1>
<p class="subtitle">${esc(options.project.customer)} · ${esc(options.project.provider)}</p>
${signatureBanner(options)}
<p class="overall">Overall verdict: ${badge(run.status)}</p>${runError}
${table(rows, [
  { head: 'Item', cell: (r) => esc(r[0]) },
  { head: 'Value', cell: (r) => esc(r[1]) },
])}
</section>`;
}

export function toc(entries: TocEntry[]): string {
  return `<nav class="toc" id="toc"><h2>Contents</h2><ol>${entries.map((e) => `<li><a href="#${esc(e.id)}">${esc(e.title)}</a></li>`).join('')}</ol></nav>`;
}

export function managementSummary(report: RunReport, requirements: RequirementRow[]): string {
  if (report.checks.length === 0 && report.load.length === 0) {
    return '<p class="empty-run">This run contains no checks and no load results: nothing was verified.</p>';
  }
  const k = keyFigures(report);
  const figures: [string, string][] = [
    ['Checks passed', `${k.checksPassed} of ${k.checksTotal}`],
    ['Sessions reached', `${k.sessions} (max ${k.maxVUs} concurrent VUs)`],
    ['Requests', String(k.requests)],
    ['Error rate', k.errorRate === null ? '–' : formatPercent(k.errorRate)],
    ...keyFigureRows(k),
  ];
  const p95 = report.load.flatMap((l) =>
    l.actions.map((a) => {
      const slo = l.slos.find((s) => s.action === a.name && s.metric === 'p95');
      return { scenario: l.scenario, action: a.name, p95: a.latency.p95, slo };
    }),
  );
  const p95Table = p95.length
    ? `<h3>p95 per action vs SLO</h3>${table(p95, [
        { head: 'Scenario', cell: (r) => esc(r.scenario) },
        { head: 'Action', cell: (r) => esc(r.action) },
        { head: 'p95', cell: (r) => esc(formatMs(r.p95)), numeric: true },
        { head: 'SLO', cell: (r) => (r.slo ? esc(`${sloName(r.slo)} ${r.slo.op} ${formatSloValue(r.slo, r.slo.threshold)}`) : '–') },
        { head: 'Verdict', cell: (r) => (r.slo ? badge(r.slo.passed ? 'passed' : 'failed') : '–') },
      ], 'compact')}`
    : '';
  const families = table(FAMILIES.map((f) => ({ ...f, ...familyVerdict(report, f.family) })), [
    { head: 'Family', cell: (r) => esc(r.title) },
    { head: 'Checks', cell: (r) => esc(r.checks.length), numeric: true },
    { head: 'Failed', cell: (r) => esc(r.checks.filter((c) => c.status === 'failed' || c.status === 'error').length), numeric: true },
    { head: 'Verdict', cell: (r) => badge(r.verdict) },
  ]);
  const reqs = requirements.length
    ? table(requirements, [
        { head: 'Requirement', cell: (r) => esc(r.id) },
        { head: 'Title', cell: (r) => esc(r.requirement) },
        { head: 'Verdict', cell: (r) => badge(r.status) },
      ], 'compact')
    : '<p class="absent">No requirements are named.</p>';
  return `<h3>Key figures</h3>${table(figures, [
    { head: 'Figure', cell: (r) => esc(r[0]) },
    { head: 'Value', cell: (r) => esc(r[1]), numeric: true },
  ])}${p95Table}<h3>Verdict per family</h3>${families}<h3>Verdict per requirement</h3>${reqs}`;
}
