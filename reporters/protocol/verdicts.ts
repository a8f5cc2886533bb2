/**
 * Verdicts derived from the report: per requirement (from the checks that
 * name it) and per check family. Pure functions, shared by the protocol and
 * the Markdown summary so both always agree.
 */
import type { CapacityResult, CheckFamily, CheckResult, FailureReason, GuiTimings, RunReport } from '../../src/model/types.ts';
import { formatMs, formatPercent } from '../format.ts';
import type { CatalogueRequirement } from './types.ts';

export type RequirementStatus = 'passed' | 'failed' | 'not verified' | 'manual';

export const FAMILIES: { family: CheckFamily; title: string }[] = [
  { family: 'load', title: 'Load' },
  { family: 'cluster', title: 'Cluster (stickiness and balance)' },
  { family: 'imap', title: 'IMAP compatibility' },
  { family: 'ldap', title: 'LDAP' },
  { family: 'accounts', title: 'Accounts' },
  { family: 'api', title: 'API round-trips' },
  { family: 'gui', title: 'GUI' },
  { family: 'branding', title: 'Branding' },
];

export interface RequirementRow {
  id: string;
  requirement: string;
  responsible: string;
  due: string;
  verification: string;
  checks: CheckResult[];
  status: RequirementStatus;
}

/**
 * failed: any linked check failed or errored; passed: every linked check that
 * ran passed; not verified: the run claims the requirement but nothing ran for
 * it; manual: no check of this run covers it, so it is confirmed on paper.
 */
export function requirementStatus(linked: CheckResult[], claimedByRun: boolean): RequirementStatus {
  if (linked.some((c) => c.status === 'failed' || c.status === 'error')) return 'failed';
  if (linked.some((c) => c.status === 'passed')) return 'passed';
  if (linked.length > 0 || claimedByRun) return 'not verified';
  return 'manual';
}

/** The catalogue in its order, then requirements the run names that the catalogue lacks. */
export function requirementRows(report: RunReport, catalogue: CatalogueRequirement[]): RequirementRow[] {
  const claimed = new Set(report.requirements.map((r) => r.id));
  const linkedChecks = (id: string): CheckResult[] => report.checks.filter((c) => c.requirementIds.includes(id));
  const rows: RequirementRow[] = catalogue.map((r) => {
    const checks = linkedChecks(r.id);
    return { ...r, checks, status: requirementStatus(checks, claimed.has(r.id)) };
  });
  const known = new Set(catalogue.map((r) => r.id));
  const extra = [...report.requirements.map((r) => r.id), ...report.checks.flatMap((c) => c.requirementIds)];
  for (const id of [...new Set(extra)].filter((i) => !known.has(i))) {
    const fromRun = report.requirements.find((r) => r.id === id);
    const checks = linkedChecks(id);
    rows.push({
      id,
      requirement: fromRun?.title ?? '(not in the requirements catalogue)',
      responsible: '–',
      due: '–',
      verification: fromRun?.verification ?? '–',
      checks,
      status: requirementStatus(checks, true),
    });
  }
  return rows;
}

export type FamilyVerdict = 'passed' | 'failed' | 'not part of this run' | 'skipped';

export function familyVerdict(report: RunReport, family: CheckFamily): { verdict: FamilyVerdict; checks: CheckResult[] } {
  const checks = report.checks.filter((c) => c.family === family);
  if (checks.length === 0) return { verdict: 'not part of this run', checks };
  if (checks.some((c) => c.status === 'failed' || c.status === 'error')) return { verdict: 'failed', checks };
  if (checks.every((c) => c.status === 'skipped')) return { verdict: 'skipped', checks };
  return { verdict: 'passed', checks };
}

export interface KeyFigures {
  sessions: number;
  maxVUs: number;
  requests: number;
  errorRate: number | null;
  checksPassed: number;
  checksTotal: number;
  /** From the accounts checks (reports without probes.accounts). */
  accountsVerified: { passed: number; total: number };
  /** The accounts summary: accounts, not checks (probes.accounts). */
  accounts?: { verified: number; total: number; failed: number; failedByReason: [FailureReason, number][] };
  capacity?: CapacityResult;
  /** Server-side figures over every monitored load result. */
  server?: { nodes: { route: string; maxSessions?: number; maxMemoryBytes?: number }[]; incidents: number };
  /** Required and recommended IMAP capabilities not advertised after login. */
  imapMissing?: { required: string[]; recommended: string[] };
  /** GUI login until the mail list shows, per browser project. */
  guiLoginToMailList?: { project: string; ms: number }[];
  /** HTTP 429 answers over every load result that reports them (the target rate-limited the generator). */
  rateLimited?: { count: number; share: number };
}

/**
 * Sign-in plus mail-list time per browser project from the smoke journey's step
 * timings: the steps of the check `smoke.login` and of `smoke.mail-list` (or
 * `smoke.first-mail-list`), keyed `[gui.]<project>.smoke.<check>[.<step>]` or
 * `<project>.gui.smoke.<check>`. Projects lacking either part are left out.
 */
export function loginToMailList(timings: GuiTimings): { project: string; ms: number }[] {
  const parts = new Map<string, { login?: number; list?: number }>();
  for (const [key, ms] of Object.entries(timings)) {
    const segments = key.split('.');
    const at = segments.indexOf('smoke');
    if (at < 0) continue;
    const check = segments[at + 1];
    const which = check === 'login' ? 'login' : check === 'mail-list' || check === 'first-mail-list' ? 'list' : undefined;
    if (!which) continue;
    const project = segments.slice(0, at).filter((s) => s !== 'gui').join('.') || '–';
    const entry = parts.get(project) ?? {};
    entry[which] = (entry[which] ?? 0) + ms;
    parts.set(project, entry);
  }
  return [...parts]
    .filter(([, p]) => p.login !== undefined && p.list !== undefined)
    .map(([project, p]) => ({ project, ms: (p.login ?? 0) + (p.list ?? 0) }))
    .sort((a, b) => (a.project < b.project ? -1 : a.project > b.project ? 1 : 0));
}

function serverFigures(report: RunReport): KeyFigures['server'] {
  const monitored = report.load.flatMap((l) => (l.monitoring ? [l.monitoring] : []));
  if (monitored.length === 0) return undefined;
  const byRoute = new Map<string, { route: string; maxSessions?: number; maxMemoryBytes?: number }>();
  const max = (a: number | undefined, b: number | undefined): number | undefined => (a === undefined ? b : b === undefined ? a : Math.max(a, b));
  for (const node of monitored.flatMap((m) => m.nodes)) {
    const seen = byRoute.get(node.route) ?? { route: node.route };
    const maxSessions = max(seen.maxSessions, node.summary.maxSessions);
    const maxMemoryBytes = max(seen.maxMemoryBytes, node.summary.maxMemoryBytes);
    byRoute.set(node.route, { route: node.route, ...(maxSessions === undefined ? {} : { maxSessions }), ...(maxMemoryBytes === undefined ? {} : { maxMemoryBytes }) });
  }
  const nodes = [...byRoute.values()].sort((a, b) => (a.route < b.route ? -1 : a.route > b.route ? 1 : 0));
  return { nodes, incidents: monitored.reduce((n, m) => n + m.incidents.length, 0) };
}

export function keyFigures(report: RunReport): KeyFigures {
  const requests = report.load.reduce((n, l) => n + l.totals.requests, 0);
  const failures = report.load.reduce((n, l) => n + l.totals.failures, 0);
  const accountChecks = report.checks.filter((c) => c.family === 'accounts');
  const figures: KeyFigures = {
    sessions: report.load.reduce((n, l) => n + l.totals.sessions, 0),
    maxVUs: report.load.reduce((n, l) => Math.max(n, l.profile.maxVUs, ...l.series.points.map((p) => p.vus)), 0),
    requests,
    errorRate: requests > 0 ? failures / requests : null,
    checksPassed: report.checks.filter((c) => c.status === 'passed').length,
    checksTotal: report.checks.length,
    accountsVerified: { passed: accountChecks.filter((c) => c.status === 'passed').length, total: accountChecks.length },
  };
  const accounts = report.probes?.accounts;
  if (accounts) {
    const failedByReason = (Object.entries(accounts.failedByReason) as [FailureReason, number][])
      .filter(([, n]) => n > 0)
      .sort(([a, n], [b, m]) => m - n || (a < b ? -1 : a > b ? 1 : 0));
    figures.accounts = { verified: accounts.verified, total: accounts.total, failed: accounts.failed, failedByReason };
  }
  if (report.capacity) figures.capacity = report.capacity;
  const server = serverFigures(report);
  if (server) figures.server = server;
  const matrix = report.probes?.imap?.matrix;
  if (matrix) {
    const missing = (level: string): string[] => matrix.rows.filter((r) => r.level === level && r.presence === 'missing').map((r) => r.name);
    figures.imapMissing = { required: missing('required'), recommended: missing('recommended') };
  }
  const timings = report.probes?.gui?.timings;
  if (timings) {
    const gui = loginToMailList(timings);
    if (gui.length > 0) figures.guiLoginToMailList = gui;
  }
  const reported = report.load.flatMap((l) => (l.oxClient ? [l] : []));
  if (reported.length > 0) {
    const count = reported.reduce((n, l) => n + (l.oxClient?.rateLimited ?? 0), 0);
    const all = reported.reduce((n, l) => n + l.totals.requests, 0);
    figures.rateLimited = { count, share: all > 0 ? count / all : 0 };
  }
  return figures;
}

export function capacityVerdict(c: CapacityResult): string {
  const value = `${c.atLeast ? '≥ ' : ''}${c.capacity} ${c.unit}`;
  if (c.bracket.lastPassing === null) return `${value}: even the lowest level tried (${c.range.min}) broke an SLO`;
  if (c.bracket.firstFailing === null) return `${value}: the highest level tried (${c.range.max}) still held every SLO`;
  return `${value}: every SLO holds at ${c.bracket.lastPassing}, one breaks at ${c.bracket.firstFailing}${c.precision === null ? '' : ` (bracket ${formatPercent(c.precision)} of the capacity)`}`;
}

const MIB = 2 ** 20;

/** The key figures as label/value rows, in the order both summaries show them; absent figures have no row. */
export function keyFigureRows(k: KeyFigures): [string, string][] {
  const rows: [string, string][] = [];
  if (k.accounts) {
    const a = k.accounts;
    const reasons = a.failedByReason.map(([r, n]) => `${r} ${n}`).join(', ');
    rows.push(['Accounts verified', `${a.verified} of ${a.total} accounts verified${a.failed > 0 ? `; ${a.failed} failed${reasons ? ` (${reasons})` : ''}` : ''}`]);
  } else {
    rows.push(['Accounts verified', k.accountsVerified.total ? `${k.accountsVerified.passed} of ${k.accountsVerified.total} account checks passed` : 'not part of this run']);
  }
  if (k.capacity) rows.push(['Capacity', `${capacityVerdict(k.capacity)}; scenario ${k.capacity.scenario}`]);
  if (k.server) {
    rows.push(['Nodes monitored', `${k.server.nodes.length} (${k.server.nodes.map((n) => n.route).join(', ')})`]);
    for (const n of k.server.nodes) {
      rows.push([
        `Node ${n.route}`,
        `max ${n.maxSessions === undefined ? '–' : n.maxSessions} active sessions, peak memory ${n.maxMemoryBytes === undefined ? '–' : `${(n.maxMemoryBytes / MIB).toFixed(0)} MiB`}`,
      ]);
    }
    rows.push(['Health incidents', String(k.server.incidents)]);
  }
  if (k.imapMissing) {
    const { required, recommended } = k.imapMissing;
    const list = (names: string[]): string => (names.length ? ` (${names.join(', ')})` : '');
    rows.push(['IMAP capabilities missing', `${required.length} required${list(required)}, ${recommended.length} recommended${list(recommended)}`]);
  }
  if (k.rateLimited) rows.push(['HTTP 429 (rate limited)', k.rateLimited.count ? `${k.rateLimited.count} (${formatPercent(k.rateLimited.share)} of requests): the target rate-limited the load generator` : 'none']);
  if (k.guiLoginToMailList) rows.push(['GUI login → mail list', k.guiLoginToMailList.map((g) => `${formatMs(g.ms)} (${g.project})`).join(', ')]);
  return rows;
}
