/**
 * A LoadResult as checks: one 'load' check per SLO, and the 'cluster' checks
 * stickiness (no route change, no lost session) and balance (sessions spread
 * evenly over the configured node routes, every node taking sessions).
 */
import type { CheckResult, Criterion, Evidence, LoadResult, SloVerdict } from '../model/types.ts';
import { balanceOf } from './cluster.ts';

export interface LoadCheckOptions {
  requirementIds: string[];
  /** Requirement ids for one SLO, by its position in `result.slos`; defaults to `requirementIds`. */
  sloRequirementIds?: Record<number, string[]>;
  evidence?: Evidence[];
}

const LATENCY_METRICS: ReadonlySet<SloVerdict['metric']> = new Set(['p50', 'p90', 'p95', 'p99', 'max']);

export function loadChecks(result: LoadResult, options: LoadCheckOptions): CheckResult[] {
  const used = new Set<string>();
  return result.slos.map((verdict, index) => {
    const action = verdict.action === '*' ? undefined : result.actions.find((a) => a.name === verdict.action);
    const requests = verdict.action === '*' ? result.totals.requests : (action?.requests ?? 0);
    const unmeasured = requests === 0 && verdict.metric !== 'sessionLost';
    // Latency is measured over real answers: with every answer an HTTP 429 there is none.
    const answers = verdict.action === '*' ? result.overall.count : (action?.latency.count ?? 0);
    const onlyRateLimited = !unmeasured && LATENCY_METRICS.has(verdict.metric) && answers === 0;
    const name = `${verdict.action === '*' ? 'all actions' : verdict.action} ${verdict.metric}`;
    const criterion: Criterion = {
      name,
      expected: `${verdict.op} ${format(verdict.threshold, verdict.unit)}`,
      measured: unmeasured ? 'no requests' : onlyRateLimited ? 'no answers, only HTTP 429' : format(verdict.measured, verdict.unit),
      passed: verdict.passed,
    };
    return {
      id: uniqueId(`load.${result.scenario}.slo.${verdict.action === '*' ? 'all' : verdict.action}.${verdict.metric}`, used),
      title: `${result.scenario}: ${name} ${criterion.expected}`,
      family: 'load',
      status: verdict.passed ? 'passed' : 'failed',
      requirementIds: options.sloRequirementIds?.[index] ?? options.requirementIds,
      criteria: [criterion],
      evidence: options.evidence ?? [],
      durationMs: 0,
    };
  });
}

export interface ClusterCheckOptions {
  stickinessRequirementIds: string[];
  balanceRequirementIds: string[];
  /** JSESSIONID routes of the nodes (OX1, OX2, …); without them, the routes seen. */
  routes?: readonly string[];
  /** Largest accepted relative deviation from an even split (default 0.2). */
  maxDeviation?: number;
  evidence?: Evidence[];
}

export function clusterChecks(result: LoadResult, options: ClusterCheckOptions): CheckResult[] {
  const cluster = result.cluster ?? { sessionsByRoute: {}, routeChanges: 0, sessionsLost: 0, maxDeviation: 0 };
  const evidence = options.evidence ?? [];
  const stickiness: Criterion[] = [
    { name: 'route changes within a session', expected: '== 0', measured: String(cluster.routeChanges), passed: cluster.routeChanges === 0 },
    { name: 'sessions lost', expected: '== 0', measured: String(cluster.sessionsLost), passed: cluster.sessionsLost === 0 },
  ];

  const limit = options.maxDeviation ?? 0.2;
  const balance = balanceOf(cluster.sessionsByRoute, options.routes);
  const balanceCriteria: Criterion[] = [
    ...balance.byRoute.map((r) => ({ name: `sessions on ${r.route}`, expected: '> 0', measured: String(r.sessions), passed: r.sessions > 0 })),
    { name: 'largest deviation from an even split', expected: `<= ${percent(limit)}`, measured: percent(balance.maxDeviation), passed: balance.sessions > 0 && balance.maxDeviation <= limit },
    ...Object.entries(balance.unexpected).map(([route, n]) => ({ name: `sessions on ${route === 'none' ? 'no route' : `unknown route ${route}`}`, expected: '== 0', measured: String(n), passed: false })),
  ];
  const nothingToJudge = balance.routes.length === 0;

  return [
    {
      id: `cluster.${result.scenario}.stickiness`,
      title: `${result.scenario}: every session stays on its node`,
      family: 'cluster',
      status: result.totals.sessions === 0 ? 'skipped' : stickiness.every((c) => c.passed) ? 'passed' : 'failed',
      requirementIds: options.stickinessRequirementIds,
      criteria: stickiness,
      evidence,
      durationMs: 0,
    },
    {
      id: `cluster.${result.scenario}.balance`,
      title: `${result.scenario}: sessions are spread evenly over ${nothingToJudge ? 'the nodes' : balance.routes.join(', ')}`,
      family: 'cluster',
      status: nothingToJudge ? 'skipped' : balanceCriteria.every((c) => c.passed) ? 'passed' : 'failed',
      requirementIds: options.balanceRequirementIds,
      criteria: balanceCriteria,
      evidence,
      durationMs: 0,
    },
  ];
}

export function format(value: number, unit: SloVerdict['unit']): string {
  switch (unit) {
    case 'ms':
      return `${trim(value)} ms`;
    case 'ratio':
      return percent(value);
    case 'count':
      return String(value);
    case 'req/s':
      return `${trim(value)} req/s`;
  }
}

function percent(ratio: number): string {
  return `${trim(ratio * 100)} %`;
}

/** 3 significant digits at most, no trailing zeros: 412, 41.2, 0.492. */
function trim(value: number): string {
  if (value === 0) return '0';
  const digits = Math.abs(value) >= 100 ? 0 : Math.abs(value) >= 10 ? 1 : Math.abs(value) >= 1 ? 2 : 3;
  return String(Number(value.toFixed(digits)));
}

function uniqueId(id: string, used: Set<string>): string {
  let unique = id;
  for (let n = 2; used.has(unique); n++) unique = `${id}.${n}`;
  used.add(unique);
  return unique;
}
