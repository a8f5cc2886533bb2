/**
 * Verdicts derived from the report: per requirement (from the checks that
 * name it) and per check family. Pure functions, shared by the protocol and
 * the Markdown summary so both always agree.
 */
import type { CheckFamily, CheckResult, RunReport } from '../../src/model/types.ts';
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
  accountsVerified: { passed: number; total: number };
}

export function keyFigures(report: RunReport): KeyFigures {
  const requests = report.load.reduce((n, l) => n + l.totals.requests, 0);
  const failures = report.load.reduce((n, l) => n + l.totals.failures, 0);
  const accounts = report.checks.filter((c) => c.family === 'accounts');
  return {
    sessions: report.load.reduce((n, l) => n + l.totals.sessions, 0),
    maxVUs: report.load.reduce((n, l) => Math.max(n, l.profile.maxVUs, ...l.series.points.map((p) => p.vus)), 0),
    requests,
    errorRate: requests > 0 ? failures / requests : null,
    checksPassed: report.checks.filter((c) => c.status === 'passed').length,
    checksTotal: report.checks.length,
    accountsVerified: { passed: accounts.filter((c) => c.status === 'passed').length, total: accounts.length },
  };
}
