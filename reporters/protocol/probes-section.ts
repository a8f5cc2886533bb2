/**
 * What the probe families measured beyond their checks (RunReport.probes):
 * the IMAP capability matrix with OX's impact per missing capability, LDAP
 * mode and bind figures, the accounts verification summary, GUI step timings.
 * Each block comes before the family's checks in its section.
 */
import type { AccountsSummary, GuiTimings, ImapSummary, LatencySummary, LdapSummary } from '../../src/model/types.ts';
import { formatMs, formatPercent } from '../format.ts';
import { barChartSvg } from './charts.ts';
import type { ChartIds } from './load-section.ts';
import { badge, esc, table } from './html.ts';

const byName = <T>(entries: [string, T][]): [string, T][] => entries.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));

function latencyTable(latency: Record<string, LatencySummary>, what: string): string {
  const rows = byName(Object.entries(latency));
  if (rows.length === 0) return '';
  return `<h4>${esc(what)} latency</h4>${table(
    rows,
    [
      { head: 'Command', cell: ([name]) => esc(name) },
      { head: 'n', cell: ([, s]) => esc(s.count), numeric: true },
      { head: 'p50', cell: ([, s]) => esc(`${s.p50} ms`), numeric: true },
      { head: 'p95', cell: ([, s]) => esc(`${s.p95} ms`), numeric: true },
      { head: 'max', cell: ([, s]) => esc(`${s.max} ms`), numeric: true },
    ],
    'compact',
  )}`;
}

const yesNo = (v: boolean): string => (v ? 'yes' : 'no');

export function imapSummaryBlock(imap: ImapSummary | undefined): string {
  if (!imap) return '';
  const m = imap.matrix;
  const verdict = m.missingBlocking.length
    ? `${badge('failed')} missing what OX needs: ${esc(m.missingBlocking.join(', '))}`
    : `${badge('passed')} every required and recommended capability is advertised`;
  const features = m.missingFeatures.length ? ` Missing feature capabilities: ${esc(m.missingFeatures.join(', '))}.` : '';
  const matrix = table(
    m.rows,
    [
      { head: 'Capability', cell: (r) => esc(r.name) + (r.alternatives?.length ? `<br><small>or ${esc(r.alternatives.join(', '))}</small>` : '') },
      { head: 'OX needs it', cell: (r) => esc(r.level) },
      { head: 'Before login', cell: (r) => esc(yesNo(r.beforeLogin)) },
      { head: 'After login', cell: (r) => esc(yesNo(r.afterLogin)) },
      { head: 'Verdict', cell: (r) => (r.presence === 'advertised' ? badge('passed') : r.blocking ? badge('failed') : badge(r.level === 'feature' ? 'skipped' : 'not verified')) },
      { head: 'OX use / impact when missing', cell: (r) => (r.presence === 'missing' ? `<b>${esc(r.impact)}</b>` : esc(r.oxUse)) },
    ],
    'compact imap-matrix',
  );
  const other = m.other.length ? `<p>Also advertised (not read by OX): ${esc(m.other.join(' '))}</p>` : '';
  return `<h3>IMAP capability matrix</h3>
<p>${verdict}.${features}</p>
${matrix}${other}${latencyTable(imap.latency, 'IMAP command')}`;
}

export function ldapSummaryBlock(ldap: LdapSummary | undefined): string {
  if (!ldap) return '';
  const facts: [string, string][] = [
    ['Directory', ldap.url],
    ['Transport', ldap.transport + (ldap.tls ? ` (${ldap.tls.protocol}, certificate ${ldap.tls.authorized ? 'verified' : 'NOT verified'})` : '')],
    ['Bound as', ldap.boundAs],
    ['Configured mode', ldap.configuredMode],
    ['Mode used', ldap.usedMode ?? 'none works'],
    ['Users in the directory', ldap.userCount === undefined ? '–' : String(ldap.userCount)],
  ];
  const factTable = table(facts, [
    { head: 'LDAP', cell: (r) => esc(r[0]) },
    { head: 'Measured', cell: (r) => esc(r[1]) },
  ]);
  const modes = ldap.modes.length
    ? table(
        ldap.modes,
        [
          { head: 'Mode', cell: (m) => esc(m.mode) },
          { head: 'Binds succeeded', cell: (m) => esc(`${m.succeeded} / ${m.tried}`), numeric: true },
          { head: 'Verdict', cell: (m) => badge(m.succeeded === m.tried && m.tried > 0 ? 'passed' : 'failed') },
          { head: 'Why it fails', cell: (m) => esc(m.reason ?? '–') },
        ],
        'compact',
      )
    : '<p class="absent">No authentication mode was tried.</p>';
  return `<h3>LDAP summary</h3>${factTable}<h4>Authentication modes</h4>${modes}${latencyTable(ldap.latency, 'LDAP operation')}`;
}

export function accountsSummaryBlock(a: AccountsSummary | undefined): string {
  if (!a) return '';
  const facts: [string, string][] = [
    ['Accounts file', a.csvFile],
    ['Accounts checked', String(a.total)],
    ['Verified', `${a.verified} (${formatPercent(a.total ? a.verified / a.total : 0)})`],
    ['Failed', String(a.failed)],
    ['Steps per account', a.steps.join(' → ')],
    ['Concurrency', String(a.concurrency)],
    ['Duration', formatMs(a.durationMs)],
    ['Rate', `${a.accountsPerSecond} accounts/s`],
  ];
  const reasons = byName(Object.entries(a.failedByReason).filter((e): e is [string, number] => e[1] !== undefined && e[1] > 0));
  const reasonTable = reasons.length
    ? `<h4>Failures by reason</h4>${table(reasons, [
        { head: 'Reason', cell: ([r]) => esc(r) },
        { head: 'Accounts', cell: ([, n]) => esc(n), numeric: true },
      ])}`
    : '';
  return `<h3>Accounts summary</h3>${table(facts, [
    { head: 'Accounts verification', cell: (r) => esc(r[0]) },
    { head: 'Measured', cell: (r) => esc(r[1]) },
  ])}${reasonTable}`;
}

interface GuiStep {
  project: string;
  check: string;
  step: string;
  ms: number;
}

/** `<project>.<check>.<step>` → its parts; the check id may itself contain dots. */
export function guiSteps(timings: GuiTimings): { steps: GuiStep[]; wallMs: number | undefined } {
  const steps: GuiStep[] = [];
  let wallMs: number | undefined;
  for (const [key, ms] of byName(Object.entries(timings))) {
    if (key === 'gui.wallMs') {
      wallMs = ms;
      continue;
    }
    const first = key.indexOf('.');
    const last = key.lastIndexOf('.');
    if (first < 0 || last === first) steps.push({ project: first < 0 ? '' : key.slice(0, first), check: '', step: first < 0 ? key : key.slice(first + 1), ms });
    else steps.push({ project: key.slice(0, first), check: key.slice(first + 1, last), step: key.slice(last + 1), ms });
  }
  return { steps, wallMs };
}

export function guiTimingsBlock(timings: GuiTimings | undefined, ids: ChartIds): string {
  if (!timings) return '';
  const { steps, wallMs } = guiSteps(timings);
  const head = `<h3>GUI step timings</h3><p>${wallMs === undefined ? '' : `Wall time of the GUI checks: ${esc(formatMs(wallMs))}. `}${esc(steps.length)} timed steps.</p>`;
  if (steps.length === 0) return head;
  const rows = table(
    steps,
    [
      { head: 'Project', cell: (s) => esc(s.project) },
      { head: 'Check', cell: (s) => esc(s.check || '–') },
      { head: 'Step', cell: (s) => esc(s.step) },
      { head: 'Time', cell: (s) => esc(formatMs(s.ms)), numeric: true },
    ],
    'compact',
  );
  // The slowest steps as a chart (at most 12, so the labels stay readable).
  const top = [...steps].sort((a, b) => b.ms - a.ms || (a.project + a.check + a.step < b.project + b.check + b.step ? -1 : 1)).slice(0, 12);
  const chart = `<figure class="chart">${barChartSvg({ title: 'Slowest GUI steps', yName: 'ms', categories: top.map((s) => `${s.project}:${s.step}`), values: top.map((s) => Math.round(s.ms)) }, ids.take())}</figure>`;
  return `${head}${chart}${rows}`;
}
