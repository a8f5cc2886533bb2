/**
 * Time series for the charts: buckets aligned on the epoch (so buckets from
 * several k6 processes line up and merge exactly), at a fixed resolution that
 * doubles whenever the run would need more than `maxPoints` buckets, so a
 * many-hour soak keeps bounded memory. Coarsening depends only on the span of
 * all samples, so merging gives the same buckets as one series fed everything.
 */
import type { SeriesPoint } from '../model/types.ts';
import { addInto, decodeHistogram, encodeHistogram, newSeriesHistogram, percentileMs, type Histogram } from './histogram.ts';

export interface SeriesBucket {
  /** Highest VU gauge per k6 instance (`instance_id` tag, '' for a single process). */
  vusByInstance: Map<string, number>;
  requests: number;
  oxFailures: number;
  httpFailures: number;
  latency: Histogram;
}

export interface SeriesJson {
  baseResolutionS: number;
  resolutionS: number;
  maxPoints: number;
  buckets: { i: number; vus: Record<string, number>; requests: number; oxFailures: number; httpFailures: number; latency: string }[];
}

export class TimeSeries {
  readonly baseResolutionS: number;
  readonly maxPoints: number;
  private resolution: number;
  private buckets = new Map<number, SeriesBucket>();
  private minIndex = Infinity;
  private maxIndex = -Infinity;
  // Samples arrive roughly in time order: remember the bucket of the last one.
  private lastIndex = NaN;
  private lastBucket: SeriesBucket | undefined;

  constructor(options: { resolutionS?: number; maxPoints?: number } = {}) {
    this.baseResolutionS = options.resolutionS ?? 1;
    this.maxPoints = options.maxPoints ?? 1800;
    this.resolution = this.baseResolutionS;
    if (!(this.baseResolutionS > 0) || this.maxPoints < 2) throw new RangeError('series needs resolutionS > 0 and maxPoints >= 2');
  }

  get resolutionS(): number {
    return this.resolution;
  }

  bucketAt(timeMs: number): SeriesBucket {
    const index = Math.floor(timeMs / (this.resolution * 1000));
    if (index === this.lastIndex && this.lastBucket) return this.lastBucket;
    let bucket = this.buckets.get(index);
    if (!bucket) {
      bucket = emptyBucket();
      this.buckets.set(index, bucket);
      if (index < this.minIndex) this.minIndex = index;
      if (index > this.maxIndex) this.maxIndex = index;
      if (this.maxIndex - this.minIndex + 1 > this.maxPoints) {
        this.coarsenToFit();
        return this.bucketAt(timeMs);
      }
    }
    this.lastIndex = index;
    this.lastBucket = bucket;
    return bucket;
  }

  merge(other: TimeSeries): void {
    if (other.baseResolutionS !== this.baseResolutionS) throw new RangeError(`cannot merge series of ${other.baseResolutionS} s and ${this.baseResolutionS} s resolution`);
    while (this.resolution < other.resolution) this.coarsen();
    const factor = this.resolution / other.resolution;
    for (const [index, bucket] of other.buckets) {
      const into = this.bucketForIndex(Math.floor(index / factor));
      mergeBucket(into, bucket);
    }
    this.coarsenToFit();
  }

  /** Points from the first bucket (t = 0) to the last, gaps filled with zeros. */
  points(useOxFailures: boolean): SeriesPoint[] {
    const points: SeriesPoint[] = [];
    if (this.buckets.size === 0) return points;
    for (let index = this.minIndex; index <= this.maxIndex; index++) {
      const bucket = this.buckets.get(index);
      const t = (index - this.minIndex) * this.resolution;
      if (!bucket) {
        points.push({ t, vus: 0, rps: 0, p95: 0, errors: 0 });
        continue;
      }
      let vus = 0;
      for (const v of bucket.vusByInstance.values()) vus += v;
      points.push({
        t,
        vus,
        rps: Math.round((bucket.requests / this.resolution) * 100) / 100,
        p95: percentileMs(bucket.latency, 95),
        errors: useOxFailures ? bucket.oxFailures : bucket.httpFailures,
      });
    }
    return points;
  }

  toJSON(): SeriesJson {
    return {
      baseResolutionS: this.baseResolutionS,
      resolutionS: this.resolution,
      maxPoints: this.maxPoints,
      buckets: [...this.buckets].sort(([a], [b]) => a - b).map(([i, b]) => ({
        i,
        vus: Object.fromEntries(b.vusByInstance),
        requests: b.requests,
        oxFailures: b.oxFailures,
        httpFailures: b.httpFailures,
        latency: encodeHistogram(b.latency),
      })),
    };
  }

  static fromJSON(json: SeriesJson): TimeSeries {
    const series = new TimeSeries({ resolutionS: json.baseResolutionS, maxPoints: json.maxPoints });
    series.resolution = json.resolutionS;
    for (const b of json.buckets) {
      const bucket = series.bucketForIndex(b.i);
      bucket.vusByInstance = new Map(Object.entries(b.vus));
      bucket.requests = b.requests;
      bucket.oxFailures = b.oxFailures;
      bucket.httpFailures = b.httpFailures;
      bucket.latency = decodeHistogram(b.latency);
    }
    return series;
  }

  private bucketForIndex(index: number): SeriesBucket {
    let bucket = this.buckets.get(index);
    if (!bucket) {
      bucket = emptyBucket();
      this.buckets.set(index, bucket);
      if (index < this.minIndex) this.minIndex = index;
      if (index > this.maxIndex) this.maxIndex = index;
    }
    return bucket;
  }

  private coarsenToFit(): void {
    while (this.buckets.size > 0 && this.maxIndex - this.minIndex + 1 > this.maxPoints) this.coarsen();
  }

  /** Doubles the resolution: bucket i joins bucket floor(i/2). */
  private coarsen(): void {
    const old = this.buckets;
    this.buckets = new Map();
    this.minIndex = Infinity;
    this.maxIndex = -Infinity;
    this.resolution *= 2;
    this.lastIndex = NaN;
    this.lastBucket = undefined;
    for (const [index, bucket] of old) mergeBucket(this.bucketForIndex(Math.floor(index / 2)), bucket);
  }
}

function emptyBucket(): SeriesBucket {
  return { vusByInstance: new Map(), requests: 0, oxFailures: 0, httpFailures: 0, latency: newSeriesHistogram() };
}

function mergeBucket(into: SeriesBucket, from: SeriesBucket): void {
  for (const [instance, vus] of from.vusByInstance) {
    into.vusByInstance.set(instance, Math.max(into.vusByInstance.get(instance) ?? 0, vus));
  }
  into.requests += from.requests;
  into.oxFailures += from.oxFailures;
  into.httpFailures += from.httpFailures;
  addInto(into.latency, from.latency);
}
