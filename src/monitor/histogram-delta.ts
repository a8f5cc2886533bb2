/**
 * Request rate and latency between two scrapes of a cumulative Prometheus
 * histogram (`appsuite_httpapi_requests_seconds{module,action,status}`): the
 * bucket deltas are the requests of the interval, and a quantile is read from
 * them the way PromQL's histogram_quantile does (linear within a bucket; the
 * +Inf bucket answers with the highest finite bound).
 */
import type { HistogramSample } from './prometheus-text.ts';

export interface BucketCounts {
  /** Ascending upper bounds in seconds, Infinity last. */
  le: number[];
  counts: number[];
  count: number;
  sum: number;
}

export interface ActionWindow {
  /** `module.action`, as the k6 `name` tag spells OX actions. */
  name: string;
  requests: number;
  /** Requests whose status label is not OK. */
  errors: number;
  buckets: BucketCounts;
}

/** Per action, all statuses added up (errors counted apart). */
export function byAction(samples: readonly HistogramSample[]): Map<string, ActionWindow> {
  const actions = new Map<string, ActionWindow>();
  for (const sample of samples) {
    const name = `${sample.labels.module ?? '?'}.${sample.labels.action ?? '?'}`;
    let action = actions.get(name);
    if (!action) {
      action = { name, requests: 0, errors: 0, buckets: { le: sample.buckets.map((b) => b.le), counts: sample.buckets.map(() => 0), count: 0, sum: 0 } };
      actions.set(name, action);
    }
    action.requests += sample.count;
    if ((sample.labels.status ?? 'OK') !== 'OK') action.errors += sample.count;
    addBuckets(action.buckets, { le: sample.buckets.map((b) => b.le), counts: sample.buckets.map((b) => b.count), count: sample.count, sum: sample.sum });
  }
  return actions;
}

function addBuckets(into: BucketCounts, from: BucketCounts): void {
  // prom-client and Micrometer use one bucket layout per histogram; a stray layout is ignored rather than mis-added.
  if (from.le.length !== into.le.length || from.le.some((le, i) => le !== into.le[i])) return;
  from.counts.forEach((c, i) => (into.counts[i] = (into.counts[i] ?? 0) + c));
  into.count += from.count;
  into.sum += from.sum;
}

/** What happened between `before` and `after`; a counter reset (node restart) counts from zero. */
export function deltaOf(before: ActionWindow | undefined, after: ActionWindow): ActionWindow {
  if (!before || after.requests < before.requests || before.buckets.le.length !== after.buckets.le.length) return after;
  return {
    name: after.name,
    requests: after.requests - before.requests,
    errors: Math.max(0, after.errors - before.errors),
    buckets: {
      le: after.buckets.le,
      counts: after.buckets.counts.map((c, i) => Math.max(0, c - (before.buckets.counts[i] ?? 0))),
      count: after.buckets.count - before.buckets.count,
      sum: after.buckets.sum - before.buckets.sum,
    },
  };
}

/** Adds several windows (e.g. all actions of a node) into one. */
export function combine(windows: Iterable<ActionWindow>, name = '*'): ActionWindow {
  let total: ActionWindow | undefined;
  for (const w of windows) {
    if (!total) total = { name, requests: 0, errors: 0, buckets: { le: [...w.buckets.le], counts: w.buckets.le.map(() => 0), count: 0, sum: 0 } };
    total.requests += w.requests;
    total.errors += w.errors;
    addBuckets(total.buckets, w.buckets);
  }
  return total ?? { name, requests: 0, errors: 0, buckets: { le: [], counts: [], count: 0, sum: 0 } };
}

/** The q-quantile (0..1) in ms, 0 without requests. */
export function quantileMs(buckets: BucketCounts, q: number): number {
  const total = buckets.counts.at(-1) ?? 0;
  if (total <= 0) return 0;
  const rank = q * total;
  let lowerBound = 0;
  let lowerCount = 0;
  for (let i = 0; i < buckets.le.length; i++) {
    const upper = buckets.le[i]!;
    const count = buckets.counts[i]!;
    if (count >= rank) {
      if (upper === Infinity) return round(lowerBound * 1000);
      const inBucket = count - lowerCount;
      const fraction = inBucket > 0 ? (rank - lowerCount) / inBucket : 1;
      return round((lowerBound + (upper - lowerBound) * fraction) * 1000);
    }
    lowerBound = upper;
    lowerCount = count;
  }
  return round(lowerBound * 1000);
}

const round = (ms: number): number => Math.round(ms * 10) / 10;
