/**
 * The LoadResult of one scenario: a pure function of the (merged) ingester,
 * the SLOs and what is known about the k6 run.
 */
import type { Slo } from '../config/load.ts';
import type { ActionStats, LoadResult } from '../model/types.ts';
import { balanceOf } from './cluster.ts';
import { percentilesOf } from './histogram.ts';
import { requestsOf, type Ingester } from './ingest.ts';
import { evaluateSlos } from './slo.ts';
import type { K6ThresholdResults } from './summary-export.ts';

export interface LoadResultInput {
  scenario: string;
  profile: LoadResult['profile'];
  ingester: Ingester;
  slos: readonly Slo[];
  startedAt: string;
  finishedAt: string;
  k6: LoadResult['k6'];
  k6Thresholds?: K6ThresholdResults;
  /** JSESSIONID routes of the target's nodes (e.g. OX1, OX2); without them the balance is judged over the routes seen. */
  routes?: readonly string[];
}

export function buildLoadResult(input: LoadResultInput): LoadResult {
  const { ingester } = input;
  // Throughput over the samples' own span: correct for merged k6 processes too.
  const durationS = ingester.spanS > 0 ? ingester.spanS : (Date.parse(input.finishedAt) - Date.parse(input.startedAt)) / 1000;
  const usesOx = ingester.usesOxFailures;

  const actions: ActionStats[] = [...ingester.actions.values()]
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))
    .map((a) => {
      const requests = requestsOf(a);
      const failures = usesOx ? a.oxFailures : a.httpFailures;
      const stats: ActionStats = {
        name: a.name,
        latency: percentilesOf(a.latency),
        requests,
        failures,
        errorRate: ratio(failures, requests),
        throughput: rate(requests, durationS),
        // APDEX over real answers only, like the percentiles.
        apdex: { t: ingester.apdexTMs, score: ratio(a.apdexSatisfied + a.apdexTolerating / 2, a.latency.totalCount) },
        errorsByCode: Object.fromEntries([...a.errorsByCode].sort(([x], [y]) => (x < y ? -1 : 1))),
      };
      if (a.rateLimited > 0) stats.rateLimited = a.rateLimited;
      return stats;
    });

  const sessionsByRoute = Object.fromEntries([...ingester.sessionsByRoute].sort(([x], [y]) => (x < y ? -1 : 1)));
  const sessions = Object.values(sessionsByRoute).reduce((sum, n) => sum + n, 0);
  const sessionsLost = ingester.totalsOf('*')?.sessionsLost ?? 0;
  const hasCluster = sessions > 0 || (input.routes?.length ?? 0) > 0 || ingester.routeChanges > 0 || sessionsLost > 0;

  const result: LoadResult = {
    scenario: input.scenario,
    profile: input.profile,
    startedAt: input.startedAt,
    finishedAt: input.finishedAt,
    overall: percentilesOf(ingester.overallLatency()),
    totals: {
      requests: actions.reduce((sum, a) => sum + a.requests, 0),
      failures: actions.reduce((sum, a) => sum + a.failures, 0),
      iterations: ingester.iterations,
      sessions,
      dataReceivedBytes: ingester.dataReceivedBytes,
      dataSentBytes: ingester.dataSentBytes,
    },
    actions,
    slos: evaluateSlos(input.slos, { ingester, durationS, k6Thresholds: input.k6Thresholds }),
    series: { resolutionS: ingester.series.resolutionS, points: ingester.series.points(usesOx) },
    k6: input.k6,
    oxClient: oxClientOf(ingester, actions),
  };
  if (hasCluster) {
    result.cluster = { sessionsByRoute, routeChanges: ingester.routeChanges, sessionsLost, maxDeviation: balanceOf(sessionsByRoute, input.routes).maxDeviation };
  }
  return result;
}

/** HTTP 429s (share, first time, per node and action), retries, parked VUs and warnings. */
function oxClientOf(ingester: Ingester, actions: readonly ActionStats[]): NonNullable<LoadResult['oxClient']> {
  const requests = actions.reduce((sum, a) => sum + a.requests, 0);
  const byAction = Object.fromEntries(actions.filter((a) => (a.rateLimited ?? 0) > 0).map((a) => [a.name, a.rateLimited ?? 0]));
  const fromStatus = Object.values(byAction).reduce((sum, n) => sum + n, 0);
  const byRoute = sorted(ingester.rateLimitedByRoute);
  // k6's status tag sees every 429; the client's counter also those of requests k6 did not time (none today).
  const rateLimited = Math.max(fromStatus, Object.values(byRoute).reduce((sum, n) => sum + n, 0));
  const warnings = new Map<string, number>();
  for (const a of ingester.actions.values()) for (const [code, n] of a.warningsByCode) warnings.set(code, (warnings.get(code) ?? 0) + n);
  const first = ingester.firstRateLimitedMs;
  return {
    rateLimited,
    rateLimitedShare: ratio(rateLimited, requests),
    firstRateLimitedS: Number.isFinite(first) && Number.isFinite(ingester.firstMs) ? Math.round(Math.max(0, first - ingester.firstMs)) / 1000 : null,
    rateLimitedByRoute: byRoute,
    rateLimitedByAction: byAction,
    excludedFromLatency: fromStatus,
    retries: sorted(ingester.retriesByReason),
    parked: sorted(ingester.parkedByReason),
    warnings: sorted(warnings),
  };
}

function sorted(map: ReadonlyMap<string, number>): Record<string, number> {
  return Object.fromEntries([...map].sort(([x], [y]) => (x < y ? -1 : x > y ? 1 : 0)));
}

function ratio(part: number, whole: number): number {
  return whole > 0 ? Math.round((part / whole) * 1e6) / 1e6 : 0;
}

function rate(count: number, seconds: number): number {
  return seconds > 0 ? Math.round((count / seconds) * 100) / 100 : 0;
}
