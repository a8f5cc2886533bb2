/**
 * A Markdown summary for CI job pages (GitLab/GitHub step summaries): verdict,
 * key figures, requirement verdicts, failed checks, SLOs and the baseline
 * comparison. Pure: same report, same text.
 */
import type { RunReport } from '../../src/model/types.ts';
import { formatMs, formatPercent, formatSloValue, oxClientRows, sloName, STATUS_MARK } from '../format.ts';
import type { BaselineComparison, CatalogueRequirement } from '../protocol/types.ts';
import type { ReportFile, Reporter } from '../types.ts';
import { keyFigureRows, keyFigures, requirementRows } from '../protocol/verdicts.ts';

export const SUMMARY_FILE = 'summary.md';

export interface MarkdownOptions {
  requirementsCatalogue?: CatalogueRequirement[];
  baseline?: BaselineComparison;
}

/** Pipes and line breaks would break a table row. */
function cell(text: string | number): string {
  return String(text).replace(/\|/g, '\\|').replace(/\r?\n/g, ' ');
}

function mdTable(head: string[], rows: (string | number)[][], numeric: boolean[] = []): string {
  const align = head.map((_, i) => (numeric[i] ? '---:' : '---'));
  return [`| ${head.map(cell).join(' | ')} |`, `| ${align.join(' | ')} |`, ...rows.map((r) => `| ${r.map(cell).join(' | ')} |`)].join('\n');
}

export function renderMarkdownSummary(report: RunReport, options: MarkdownOptions = {}): string {
  const out: string[] = [];
  const k = keyFigures(report);
  out.push(`## signoff ${report.run.suite}: ${STATUS_MARK[report.run.status]}`, '');
  out.push(`Run \`${report.run.id}\` against **${report.target.name}** (${report.target.baseUrl}), ${report.run.startedAt} – ${report.run.finishedAt}.`, '');
  if (report.run.error) out.push(`> **${report.run.error.code}**: ${report.run.error.message}`, '');
  if (report.checks.length === 0 && report.load.length === 0) {
    out.push('**This run contains no checks and no load results: nothing was verified.**', '');
    return `${out.join('\n')}\n`;
  }
  out.push(
    mdTable(
      ['Figure', 'Value'],
      [
        ['Checks passed', `${k.checksPassed} / ${k.checksTotal}`],
        ['Sessions', k.sessions],
        ['Requests', k.requests],
        ['Error rate', k.errorRate === null ? '–' : formatPercent(k.errorRate)],
        ...keyFigureRows(k),
      ],
      [false, true],
    ),
    '',
  );
  const rows = requirementRows(report, options.requirementsCatalogue ?? []);
  if (rows.length) {
    out.push('### Requirements', '', mdTable(['Id', 'Requirement', 'Status'], rows.map((r) => [r.id, r.requirement, r.status.toUpperCase()])), '');
  }
  const failed = report.checks.filter((c) => c.status === 'failed' || c.status === 'error');
  if (failed.length) {
    out.push(
      '### Failed checks',
      '',
      mdTable(
        ['Check', 'Status', 'Expected vs measured'],
        failed.map((c) => [
          c.id,
          STATUS_MARK[c.status],
          (c.error ? `${c.error.code}: ${c.error.message}` : c.criteria.filter((x) => !x.passed).map((x) => `${x.name}: ${x.expected} vs ${x.measured}`).join('; ')) +
            (c.hint ? ` — hint: ${c.hint}` : ''),
        ]),
      ),
      '',
    );
  }
  for (const load of report.load) {
    out.push(`### Load: ${load.scenario}`, '');
    out.push(mdTable(['Action', 'p95', 'p99', 'Error rate', 'APDEX'], load.actions.map((a) => [a.name, formatMs(a.latency.p95), formatMs(a.latency.p99), formatPercent(a.errorRate), a.apdex.score.toFixed(2)]), [false, true, true, true, true]), '');
    const client = oxClientRows(load);
    if (client.length) out.push(mdTable(['Rate limiting and retries', 'Value'], client), '');
    if (load.slos.length) {
      out.push(mdTable(['SLO', 'Expected', 'Measured', 'Verdict'], load.slos.map((s) => [sloName(s), `${s.op} ${formatSloValue(s, s.threshold)}`, formatSloValue(s, s.measured), s.passed ? 'PASS' : 'FAIL'])), '');
    }
  }
  const b = options.baseline ?? report.baseline;
  if (b) {
    out.push(`### Compared with ${b.baselineRunId}: ${b.regressed ? 'REGRESSED' : 'no regressions'}`, '');
    if (b.metrics.length) {
      out.push(
        mdTable(
          ['Scenario', 'Action', 'Metric', 'Baseline', 'Now', 'Kind'],
          b.metrics.map((m) => [m.scenario, m.action, m.metric, m.metric === 'errorRate' ? formatPercent(m.baseline) : formatMs(m.baseline), m.metric === 'errorRate' ? formatPercent(m.current) : formatMs(m.current), m.kind]),
        ),
        '',
      );
    }
    if (b.checks.length) out.push(mdTable(['Check', 'Baseline', 'Now', 'Change'], b.checks.map((c) => [c.id, c.baseline ?? '–', c.current ?? '–', c.change])), '');
  }
  return `${out.join('\n')}\n`;
}

/** summary.md for the run folder, via the Reporter interface (register as "markdown"). */
export class MarkdownReporter implements Reporter {
  readonly name = 'markdown';
  private readonly options: MarkdownOptions;

  constructor(options: MarkdownOptions = {}) {
    this.options = options;
  }

  onRunEnd(report: RunReport): ReportFile[] {
    return [{ path: SUMMARY_FILE, content: renderMarkdownSummary(report, this.options) }];
  }
}
