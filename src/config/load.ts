/**
 * Load profiles and SLOs as suites declare them. Shared by the compiler (k6
 * options + thresholds), the runner (verdicts) and the suite schema.
 */
import { z } from 'zod';

const duration = z.string().regex(/^\d+(ms|s|m|h)$/, 'expected a duration such as "30s", "5m" or "1h"');
/** A load that lasts no time measures nothing and would pass. */
const positiveDuration = duration.refine((d) => !/^0+(ms|s|m|h)$/.test(d), 'expected a duration above zero');

const stage = z.strictObject({ duration: positiveDuration, target: z.number().int().nonnegative() });
const enoughVUs = { message: 'maxVUs must be at least preAllocatedVUs', path: ['maxVUs'] };

/** Named profiles scale with `vus`/`duration`; custom ones give k6 executors directly. */
export const loadProfileSchema = z.discriminatedUnion('kind', [
  z.strictObject({
    kind: z.enum(['smoke', 'load', 'stress', 'soak', 'spike']),
    vus: z.number().int().positive(),
    duration: positiveDuration,
  }),
  z.strictObject({
    kind: z.literal('ramping-vus'),
    startVUs: z.number().int().nonnegative().default(0),
    stages: z.array(stage).min(1),
  }),
  z.strictObject({
    kind: z.literal('constant-arrival-rate'),
    rate: z.number().positive(),
    timeUnit: positiveDuration.default('1s'),
    duration: positiveDuration,
    preAllocatedVUs: z.number().int().positive(),
    maxVUs: z.number().int().positive(),
  }).refine((p) => p.maxVUs >= p.preAllocatedVUs, enoughVUs),
  z.strictObject({
    kind: z.literal('ramping-arrival-rate'),
    startRate: z.number().nonnegative(),
    timeUnit: positiveDuration.default('1s'),
    stages: z.array(stage).min(1),
    preAllocatedVUs: z.number().int().positive(),
    maxVUs: z.number().int().positive(),
  }).refine((p) => p.maxVUs >= p.preAllocatedVUs, enoughVUs),
]);

export type LoadProfile = z.infer<typeof loadProfileSchema>;

/**
 * An SLO is written as a sentence: `<action> <metric> <op> <value><unit>`, e.g.
 * "mail.all p95 < 500ms", "* errorRate < 1%", "* sessionLost == 0",
 * "login p99 <= 2s". `*` means all actions together.
 */
export interface Slo {
  source: string;
  action: string;
  metric: 'p50' | 'p90' | 'p95' | 'p99' | 'max' | 'errorRate' | 'sessionLost' | 'throughput';
  op: '<' | '<=' | '>' | '>=' | '==';
  /** Normalised: ms for latencies, 0..1 for errorRate, count for sessionLost, req/s for throughput. */
  threshold: number;
}

const SLO_PATTERN = /^\s*(\*|[a-z][\w.-]*)\s+(p50|p90|p95|p99|max|errorRate|sessionLost|throughput)\s*(<=|>=|==|<|>)\s*(\d+(?:\.\d+)?)\s*(ms|s|%|req\/s)?\s*$/;

export type SloParse = { ok: true; slo: Slo } | { ok: false; message: string };

export function parseSlo(source: string): SloParse {
  const m = SLO_PATTERN.exec(source);
  if (!m) {
    return { ok: false, message: `"${source}" is not an SLO; expected "<action|*> <p50|p90|p95|p99|max|errorRate|sessionLost|throughput> <op> <number><ms|s|%|req/s>", e.g. "mail.all p95 < 500ms"` };
  }
  const [, action, metric, op, rawValue, unit] = m as unknown as [string, string, Slo['metric'], Slo['op'], string, string | undefined];
  const value = Number(rawValue);
  const isLatency = metric.startsWith('p') || metric === 'max';
  if (isLatency && unit !== 'ms' && unit !== 's') return { ok: false, message: `"${source}": a latency needs a unit, ms or s` };
  if (metric === 'errorRate' && unit !== '%') return { ok: false, message: `"${source}": an error rate is given in %` };
  if ((metric === 'sessionLost' && unit) || (metric === 'throughput' && unit !== 'req/s')) {
    return { ok: false, message: `"${source}": sessionLost is a plain count, throughput is in req/s` };
  }
  const threshold = unit === 's' ? value * 1000 : unit === '%' ? value / 100 : value;
  // A threshold no measurement can cross always passes (or always fails): say so instead.
  if (metric === 'errorRate' && threshold > 1) return { ok: false, message: `"${source}": an error rate lies between 0 % and 100 %` };
  if (isLatency && threshold <= 0 && (op === '<' || op === '<=')) return { ok: false, message: `"${source}": a latency below ${rawValue}${unit ?? ''} can never hold` };
  return { ok: true, slo: { source, action, metric, op, threshold } };
}

export const sloSchema = z.string().transform((source, ctx) => {
  const parsed = parseSlo(source);
  if (!parsed.ok) {
    ctx.addIssue({ code: 'custom', message: parsed.message });
    return z.NEVER;
  }
  return parsed.slo;
});
