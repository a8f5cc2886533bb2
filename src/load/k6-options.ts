/**
 * Suite load profiles and SLOs → k6 options. Named profiles are shapes over
 * the closed model (concurrent sessions); the explicit executor kinds map 1:1.
 * SLOs become thresholds on the metrics the OX client emits, so k6 itself also
 * fails (exit 99) when one is missed.
 */
import type { LoadProfile, Slo } from '../config/load.ts';

export interface Stage {
  duration: string;
  target: number;
}

export type K6Scenario = Record<string, unknown> & { executor: string };

/** Percentiles the end-of-test summary shows (p(99) is what SLOs are usually written on). */
export const SUMMARY_TREND_STATS = ['avg', 'min', 'med', 'max', 'p(90)', 'p(95)', 'p(99)'];

/**
 * k6's default system tags, written out so `status` and `name` are guaranteed:
 * the ingester keeps HTTP 429 answers out of the latency percentiles by their status.
 */
export const SYSTEM_TAGS = ['proto', 'subproto', 'status', 'method', 'url', 'name', 'group', 'check', 'error', 'error_code', 'tls_version', 'scenario', 'service', 'expected_response'];

/** How long a running session may finish after its stage ended before k6 cuts it off. */
const GRACEFUL_STOP = '10s';

const UNIT_MS = { ms: 1, s: 1000, m: 60_000, h: 3_600_000 } as const;

export function durationMs(duration: string): number {
  const m = /^(\d+)(ms|s|m|h)$/.exec(duration);
  if (!m) throw new Error(`not a duration: "${duration}"`);
  return Number(m[1]) * UNIT_MS[m[2] as keyof typeof UNIT_MS];
}

/** k6 duration text; whole seconds where possible, for readable options. */
function k6Duration(ms: number): string {
  const rounded = Math.max(1, Math.round(ms));
  return rounded % 1000 === 0 ? `${rounded / 1000}s` : `${rounded}ms`;
}

/** Splits `total` by weights into stages whose durations add up exactly to `total`. */
function stagesOf(totalMs: number, shape: ReadonlyArray<readonly [weight: number, target: number]>): Stage[] {
  const weightSum = shape.reduce((sum, [w]) => sum + w, 0);
  let used = 0;
  return shape.map(([weight, target], i) => {
    const ms = i === shape.length - 1 ? totalMs - used : Math.round((totalMs * weight) / weightSum);
    used += ms;
    return { duration: k6Duration(ms), target };
  });
}

const atLeastOne = (n: number) => Math.max(1, Math.round(n));

/**
 * Stage shapes of the named profiles (weights of the duration, VU targets):
 * load ramps up, holds, ramps down; stress climbs in four steps to the VUs;
 * soak ramps briefly and holds long; spike jumps from a tenth to all VUs and back.
 */
function namedStages(kind: 'load' | 'stress' | 'soak' | 'spike', vus: number, totalMs: number): Stage[] {
  switch (kind) {
    case 'load':
      return stagesOf(totalMs, [[1, vus], [8, vus], [1, 0]]);
    case 'stress': {
      const step = (n: number) => atLeastOne((vus * n) / 4);
      return stagesOf(totalMs, [[1, step(1)], [2, step(1)], [1, step(2)], [2, step(2)], [1, step(3)], [2, step(3)], [1, vus], [2, vus], [1, 0]]);
    }
    case 'soak':
      return stagesOf(totalMs, [[1, vus], [38, vus], [1, 0]]);
    case 'spike': {
      const base = atLeastOne(vus / 10);
      return stagesOf(totalMs, [[1, base], [3, base], [0.2, vus], [3, vus], [0.2, base], [2.6, base]]);
    }
  }
}

export function scenarioFor(profile: LoadProfile): K6Scenario {
  switch (profile.kind) {
    case 'smoke':
      return { executor: 'constant-vus', vus: profile.vus, duration: profile.duration, gracefulStop: GRACEFUL_STOP };
    case 'load':
    case 'stress':
    case 'soak':
    case 'spike':
      return {
        executor: 'ramping-vus',
        startVUs: profile.kind === 'soak' || profile.kind === 'load' || profile.kind === 'stress' ? 0 : atLeastOne(profile.vus / 10),
        stages: namedStages(profile.kind, profile.vus, durationMs(profile.duration)),
        gracefulRampDown: GRACEFUL_STOP,
        gracefulStop: GRACEFUL_STOP,
      };
    case 'ramping-vus':
      return { executor: 'ramping-vus', startVUs: profile.startVUs, stages: profile.stages, gracefulRampDown: GRACEFUL_STOP, gracefulStop: GRACEFUL_STOP };
    case 'constant-arrival-rate':
      return {
        executor: 'constant-arrival-rate',
        rate: profile.rate,
        timeUnit: profile.timeUnit,
        duration: profile.duration,
        preAllocatedVUs: profile.preAllocatedVUs,
        maxVUs: profile.maxVUs,
        gracefulStop: GRACEFUL_STOP,
      };
    case 'ramping-arrival-rate':
      return {
        executor: 'ramping-arrival-rate',
        startRate: profile.startRate,
        timeUnit: profile.timeUnit,
        stages: profile.stages,
        preAllocatedVUs: profile.preAllocatedVUs,
        maxVUs: profile.maxVUs,
        gracefulStop: GRACEFUL_STOP,
      };
  }
}

/** `http_req_duration{name:mail.all}`; `*` means the metric over all actions. */
function metricFor(metric: string, action: string): string {
  return action === '*' ? metric : `${metric}{name:${action}}`;
}

const PERCENTILE = { p50: 'p(50)', p90: 'p(90)', p95: 'p(95)', p99: 'p(99)', max: 'max' } as const;

/** One SLO → [k6 metric selector, threshold expression]. */
export function thresholdFor(slo: Slo): [string, string] {
  switch (slo.metric) {
    case 'p50':
    case 'p90':
    case 'p95':
    case 'p99':
    case 'max':
      return [metricFor('http_req_duration', slo.action), `${PERCENTILE[slo.metric]}${slo.op}${slo.threshold}`];
    case 'errorRate':
      return [metricFor('ox_failed', slo.action), `rate${slo.op}${slo.threshold}`];
    case 'sessionLost':
      return [metricFor('ox_session_lost', slo.action), `count${slo.op}${slo.threshold}`];
    case 'throughput':
      return [metricFor('http_reqs', slo.action), `rate${slo.op}${slo.threshold}`];
  }
}

export function thresholdsFor(slos: readonly Slo[]): Record<string, string[]> {
  const thresholds: Record<string, string[]> = {};
  for (const slo of slos) {
    const [metric, expression] = thresholdFor(slo);
    const list = (thresholds[metric] ??= []);
    if (!list.includes(expression)) list.push(expression);
  }
  return thresholds;
}

/** The complete `options` export of a compiled scenario. */
export function k6OptionsFor(scenario: string, profile: LoadProfile, slos: readonly Slo[]): Record<string, unknown> {
  return {
    scenarios: { [scenario]: { ...scenarioFor(profile), exec: 'default' } },
    thresholds: thresholdsFor(slos),
    // Sessions live in explicit per-session jars; k6's per-iteration reset would only cost time.
    noCookiesReset: true,
    // Bodies are read only where the client asks for them (JSON envelopes), downloads are discarded.
    discardResponseBodies: true,
    summaryTrendStats: SUMMARY_TREND_STATS,
    systemTags: SYSTEM_TAGS,
  };
}
