/** Requirements checklist, deviations and open items, baseline, appendices and the signature page. */
import type { RunReport } from '../../src/model/types.ts';
import { formatChange, formatMs, formatPercent } from '../format.ts';
import { badge, esc, table } from './html.ts';
import type { BaselineComparison, ProtocolOptions, Signatory } from './types.ts';
import type { RequirementRow } from './verdicts.ts';

export function requirementsChecklist(rows: RequirementRow[]): string {
  if (rows.length === 0) return '<p class="absent">No requirements catalogue was given and the run names no requirements.</p>';
  return table(
    rows,
    [
      { head: 'Id', cell: (r) => esc(r.id) },
      { head: 'Requirement', cell: (r) => esc(r.requirement) },
      { head: 'Responsible', cell: (r) => esc(r.responsible) },
      { head: 'Due', cell: (r) => esc(r.due) },
      { head: 'Verification method', cell: (r) => esc(r.verification) },
      { head: 'Linked checks', cell: (r) => (r.checks.length ? r.checks.map((c) => `<a href="#check-${esc(c.id)}">${esc(c.id)}</a>`).join('<br>') : '–') },
      { head: 'Status', cell: (r) => badge(r.status) },
    ],
    'checklist',
  );
}

export function deviationsAndOpenItems(report: RunReport, rows: RequirementRow[]): string {
  const deviations = report.deviations.length
    ? table(report.deviations, [
        { head: 'Id', cell: (d) => esc(d.id) },
        { head: 'Deviation', cell: (d) => esc(d.text) },
      ])
    : '<p>No deviations were recorded.</p>';
  const open = rows.filter((r) => r.status !== 'passed');
  const failedChecks = report.checks.filter((c) => c.status === 'failed' || c.status === 'error');
  const openTable = open.length
    ? table(open, [
        { head: 'Requirement', cell: (r) => esc(r.id) },
        { head: 'Status', cell: (r) => badge(r.status) },
        { head: 'Responsible', cell: (r) => esc(r.responsible) },
        { head: 'Due', cell: (r) => esc(r.due) },
      ])
    : '<p>No open requirements.</p>';
  const failed = failedChecks.length
    ? `<h3>Failed checks</h3><ul>${failedChecks.map((c) => `<li><a href="#check-${esc(c.id)}">${esc(c.id)}</a> – ${esc(c.title)}${c.error ? ` (${esc(c.error.code)})` : ''}</li>`).join('')}</ul>`
    : '';
  return `<h3>Deviations</h3>${deviations}<h3>Open items</h3>${openTable}${failed}`;
}

function formatMetric(metric: string, value: number): string {
  return metric === 'errorRate' ? formatPercent(value) : formatMs(value);
}

export function baselineSection(comparison: BaselineComparison | undefined): string {
  if (!comparison) return '<p class="absent">No baseline run was given for comparison.</p>';
  const metrics = comparison.metrics.length
    ? table(comparison.metrics, [
        { head: 'Scenario', cell: (m) => esc(m.scenario) },
        { head: 'Action', cell: (m) => esc(m.action) },
        { head: 'Metric', cell: (m) => esc(m.metric) },
        { head: 'Baseline', cell: (m) => esc(formatMetric(m.metric, m.baseline)), numeric: true },
        { head: 'This run', cell: (m) => esc(formatMetric(m.metric, m.current)), numeric: true },
        { head: 'Change', cell: (m) => esc(formatChange(m.change)), numeric: true },
        { head: 'Kind', cell: (m) => badge(m.kind === 'regression' ? 'failed' : 'passed').replace(/>[A-Z]+</, `>${m.kind.toUpperCase()}<`) },
      ], 'compact')
    : '<p>No metric moved beyond its tolerance.</p>';
  const checks = comparison.checks.length
    ? table(comparison.checks, [
        { head: 'Check', cell: (c) => esc(c.id) },
        { head: 'Baseline', cell: (c) => esc(c.baseline ?? '–') },
        { head: 'This run', cell: (c) => esc(c.current ?? '–') },
        { head: 'Change', cell: (c) => esc(c.change) },
      ], 'compact')
    : '<p>No check changed its outcome.</p>';
  return `<p>Compared with run <b>${esc(comparison.baselineRunId)}</b>: ${comparison.regressed ? badge('failed') + ' regressions found' : badge('passed') + ' no regressions'}.</p>
<h3>Metrics</h3>${metrics}<h3>Check outcomes</h3>${checks}`;
}

export function environmentAppendix(report: RunReport): string {
  const t = report.target;
  const e = report.environment;
  const rows: [string, string][] = [
    ['Target name', t.name],
    ['Target kind', t.kind],
    ['Base URL', t.baseUrl],
    ['API path', t.apiPath],
    ['UI path', t.uiPath],
    ['Nodes', t.nodes.join(', ') || '–'],
    ['Harness host OS', e.os],
    ['Node.js', e.node],
    ['CPUs', String(e.cpus)],
    ['Memory', `${e.memoryMb} MB`],
    ...Object.keys(report.run.toolVersions)
      .sort()
      .map((k): [string, string] => [`Tool ${k}`, report.run.toolVersions[k] ?? '']),
  ];
  const profiles = report.load.map((l) => [l.scenario, `${l.profile.name} (${l.profile.executor}), max ${l.profile.maxVUs} VUs, ${l.profile.durationS} s`] as [string, string]);
  return `<p>The configuration as recorded in the run report (redacted: no passwords, tokens or secrets).</p>${table([...rows, ...profiles.map(([s, d]): [string, string] => [`Load profile ${s}`, d])], [
    { head: 'Setting', cell: (r) => esc(r[0]) },
    { head: 'Value', cell: (r) => esc(r[1]) },
  ])}`;
}

export function artifactManifest(report: RunReport): string {
  if (report.artifacts.length === 0) return '<p class="absent">The run lists no artifacts.</p>';
  return `<p>Every file of the run folder with its size and SHA-256; <code>signoff verify</code> checks them against this list.</p>${table(
    report.artifacts,
    [
      { head: 'File', cell: (a) => `<span class="path">${esc(a.path)}</span>` },
      { head: 'Bytes', cell: (a) => esc(a.bytes), numeric: true },
      { head: 'SHA-256', cell: (a) => `<code class="hash">${esc(a.sha256)}</code>` },
    ],
    'manifest',
  )}`;
}

function signatoryBlock(s: Signatory): string {
  return `<div class="signatory"><p><b>${esc(s.name)}</b><br>${esc(s.role)}, ${esc(s.organisation)}</p>
<p class="line">Place, date</p><p class="line">Signature</p></div>`;
}

export function signaturePage(options: ProtocolOptions): string {
  const side = (which: Signatory['side'], label: string, organisation: string): string => {
    const people = options.signatories.filter((s) => s.side === which);
    const blocks = people.length
      ? people.map(signatoryBlock).join('')
      : signatoryBlock({ name: '____________________', role: 'name, role', organisation, side: which });
    return `<div class="side"><h3>For the ${label}: ${esc(organisation)}</h3>${blocks}</div>`;
  };
  return `<p>With their signatures, both sides confirm that the tests documented in this protocol were carried out as described and that the verdicts above are accepted, subject to the deviations and open items listed.</p>
<div class="sides">${side('customer', 'customer', options.project.customer)}${side('provider', 'provider', options.project.provider)}</div>`;
}
