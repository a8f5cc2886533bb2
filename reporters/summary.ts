/**
 * The end-of-run summary as text: a checks table (failures first, with the
 * failed criteria as expected vs measured) and, per load scenario, a latency
 * table per action and the SLO verdicts. Pure: report in, string out.
 */
import Table from 'cli-table3';
import { createColors } from 'picocolors';
import type { CheckResult, LoadResult, RunReport } from '../src/model/types.ts';
import { describeBaseline, formatMs, formatPercent, formatSeconds, formatSloValue, oxClientRows, sloName, STATUS_MARK } from './format.ts';

type Colors = ReturnType<typeof createColors>;

const STATUS_ORDER: Record<CheckResult['status'], number> = { error: 0, failed: 1, passed: 2, skipped: 3 };

function paint(colors: Colors, status: string): string {
  const text = STATUS_MARK[status as keyof typeof STATUS_MARK] ?? status;
  if (status === 'passed') return colors.green(text);
  if (status === 'skipped') return colors.dim(text);
  if (status === 'interrupted') return colors.yellow(text);
  return colors.red(text);
}

function table(head: string[], colors: Colors, colAligns?: ('left' | 'right')[]): Table.Table {
  return new Table({ head: head.map((h) => colors.bold(h)), style: { head: [], border: [] }, ...(colAligns ? { colAligns } : {}) });
}

function checksTable(report: RunReport, colors: Colors): string {
  // Failures first: that is what the reader came for. Stable within a status.
  const checks = report.checks.map((c, i) => [c, i] as const).sort(([a, i], [b, j]) => STATUS_ORDER[a.status] - STATUS_ORDER[b.status] || i - j);
  const t = table(['Status', 'Check', 'Requirements', 'Details', 'Time'], colors, ['left', 'left', 'left', 'left', 'right']);
  for (const [check] of checks) {
    const failed = check.criteria.filter((c) => !c.passed);
    const details = check.error
      ? `${check.error.code}: ${check.error.message}`
      : failed.map((c) => `${c.name}: expected ${c.expected}, measured ${c.measured}`).join('\n');
    const hint = check.hint && check.status !== 'passed' ? `\n${colors.yellow(`hint: ${check.hint}`)}` : '';
    t.push([paint(colors, check.status), `${check.title}\n${colors.dim(check.id)}`, check.requirementIds.join(', '), details + hint, formatSeconds(check.durationMs)]);
  }
  return t.toString();
}

function actionsTable(load: LoadResult, colors: Colors): string {
  const t = table(['Action', 'Requests', 'Errors', 'p50', 'p95', 'p99', 'max', 'req/s', 'Apdex'], colors, ['left', 'right', 'right', 'right', 'right', 'right', 'right', 'right', 'right']);
  for (const a of load.actions) {
    t.push([a.name, String(a.requests), formatPercent(a.errorRate), formatMs(a.latency.p50), formatMs(a.latency.p95), formatMs(a.latency.p99), formatMs(a.latency.max), a.throughput.toFixed(1), a.apdex.score.toFixed(2)]);
  }
  const o = load.overall;
  t.push([colors.bold('all'), String(load.totals.requests), formatPercent(load.totals.requests ? load.totals.failures / load.totals.requests : 0), formatMs(o.p50), formatMs(o.p95), formatMs(o.p99), formatMs(o.max), '', '']);
  return t.toString();
}

function slosTable(load: LoadResult, colors: Colors): string {
  const t = table(['SLO', 'Expected', 'Measured', 'Verdict'], colors, ['left', 'left', 'right', 'left']);
  for (const slo of load.slos) {
    t.push([sloName(slo), `${slo.op} ${formatSloValue(slo, slo.threshold)}`, formatSloValue(slo, slo.measured), paint(colors, slo.passed ? 'passed' : 'failed')]);
  }
  return t.toString();
}

export function renderSummary(report: RunReport, options: { color: boolean }): string {
  const colors = createColors(options.color);
  const parts: string[] = [];
  if (report.checks.length > 0) parts.push(checksTable(report, colors));
  for (const load of report.load) {
    const p = load.profile;
    parts.push(colors.bold(`Load ${load.scenario}, profile ${p.name} (${p.description}), ${load.totals.sessions} sessions, ${load.totals.requests} requests`));
    parts.push(actionsTable(load, colors));
    const client = oxClientRows(load);
    if (client.length > 0) parts.push(client.map(([k, v]) => `${k}: ${v}`).join('\n'));
    if (load.slos.length > 0) parts.push(slosTable(load, colors));
  }
  if (report.baseline) {
    const [head, ...rest] = describeBaseline(report.baseline);
    parts.push([report.baseline.regressed ? colors.red(head ?? '') : colors.green(head ?? ''), ...rest].join('\n'));
  }
  const counts = (['passed', 'failed', 'error', 'skipped'] as const)
    .map((s) => [s, report.checks.filter((c) => c.status === s).length] as const)
    .filter(([, n]) => n > 0)
    .map(([s, n]) => `${n} ${s}`)
    .join(', ');
  const runError = report.run.error ? ` (${report.run.error.code}: ${report.run.error.message})` : '';
  parts.push(`${paint(colors, report.run.status)} ${report.run.suite} on ${report.target.name}: ${counts || 'no checks'}${runError}`);
  if (report.run.error?.hint) parts.push(`  hint: ${report.run.error.hint}`);
  return `${parts.join('\n\n')}\n`;
}
