/**
 * Latency histograms: HDR (hdr-histogram-js) in whole microseconds, so any
 * number of samples costs bounded memory and histograms from several k6
 * processes add up exactly (k6's own summary keeps final percentiles only,
 * which cannot be merged).
 */
import * as hdr from 'hdr-histogram-js';
import type { Histogram } from 'hdr-histogram-js';
import type { Percentiles } from '../model/types.ts';

export type { Histogram };

/** Per-action and overall latency: 3 significant digits (0.1 % value precision). */
export function newLatencyHistogram(): Histogram {
  return hdr.build({ numberOfSignificantValueDigits: 3, bitBucketSize: 32, autoResize: true });
}

/** Per time-bucket and live-window latency: 1 % is plenty for a chart, and a bucket stays ~10 KB. */
export function newSeriesHistogram(): Histogram {
  return hdr.build({ numberOfSignificantValueDigits: 2, bitBucketSize: 32, autoResize: true });
}

/** k6 reports milliseconds as floats; the histogram counts integer microseconds. */
export function msToUs(ms: number): number {
  return ms <= 0 ? 0 : Math.round(ms * 1000);
}

export function encodeHistogram(histogram: Histogram): string {
  return hdr.encodeIntoCompressedBase64(histogram);
}

export function decodeHistogram(encoded: string): Histogram {
  return hdr.decodeFromCompressedBase64(encoded, 32);
}

/** Adds `from` into `into`; both must share their precision. */
export function addInto(into: Histogram, from: Histogram): void {
  if (from.totalCount > 0) into.add(from);
}

const round3 = (ms: number): number => Math.round(ms * 1000) / 1000;

/**
 * Percentiles in ms (HDR values are µs). An empty histogram gives zeros. Min and
 * max are read from the counts like the percentiles (not HDR's exact extremes,
 * which encoding and merging do not keep), so a merged or restored histogram
 * reports exactly what one fed all samples reports.
 */
export function percentilesOf(histogram: Histogram): Percentiles {
  const count = histogram.totalCount;
  if (count === 0) return { p50: 0, p90: 0, p95: 0, p99: 0, max: 0, min: 0, mean: 0, count: 0 };
  const at = (p: number): number => round3(histogram.getValueAtPercentile(p) / 1000);
  return {
    p50: at(50),
    p90: at(90),
    p95: at(95),
    p99: at(99),
    max: at(100),
    min: at(0),
    mean: round3(histogram.mean / 1000),
    count,
  };
}

/** One percentile in ms, 0 when empty. */
export function percentileMs(histogram: Histogram, percentile: number): number {
  return histogram.totalCount === 0 ? 0 : round3(histogram.getValueAtPercentile(percentile) / 1000);
}
