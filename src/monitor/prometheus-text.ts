/**
 * Prometheus text exposition → typed metric families, parsed by
 * parse-prometheus-text-format (prom2json-compatible output; its sample parser
 * is a port of the official Python client's). Values stay as the library gives
 * them (strings) until read here, so "+Inf"/"NaN" never leak as NaN silently.
 *
 * The library folds every label set of a histogram into one (verified on
 * prom-client output: module/action/status were lost), so histogram families
 * are handed to it untyped (their TYPE/HELP lines removed): it then keeps each
 * `_bucket`/`_sum`/`_count` series with its labels, and they are grouped here
 * by their labels without `le`.
 */
import parsePrometheusTextFormat from 'parse-prometheus-text-format';

export type Labels = Record<string, string>;

export interface ValueSample {
  labels: Labels;
  value: number;
}

export interface HistogramSample {
  labels: Labels;
  /** Cumulative counts by upper bound in seconds (Infinity for "+Inf"), ascending. */
  buckets: { le: number; count: number }[];
  count: number;
  sum: number;
}

export interface MetricFamilies {
  value(name: string): ValueSample[];
  histogram(name: string): HistogramSample[];
  has(name: string): boolean;
}

/** The library's prom2json shape (it ships no types). */
interface RawFamily {
  name: string;
  type: string;
  metrics: { labels?: Labels; value?: string; buckets?: Record<string, string>; count?: string; sum?: string }[];
}

function toNumber(text: string | undefined): number {
  if (text === undefined) return Number.NaN;
  if (text === '+Inf' || text === 'Inf') return Infinity;
  if (text === '-Inf') return -Infinity;
  return Number(text);
}

const HISTOGRAM_TYPE_LINE = /^# TYPE (\S+) histogram\s*$/gm;

export function parseMetrics(text: string): MetricFamilies {
  const histogramNames = new Set([...text.matchAll(HISTOGRAM_TYPE_LINE)].map((m) => m[1]!));
  const untyped = histogramNames.size === 0 ? text : text.replace(/^# (?:TYPE|HELP) (\S+).*$/gm, (line, name: string) => (histogramNames.has(name) ? '' : line));
  // Unlabelled metrics may repeat as separate families; their samples are concatenated.
  const families = new Map<string, RawFamily>();
  for (const family of (parsePrometheusTextFormat as (text: string) => RawFamily[])(untyped)) {
    const known = families.get(family.name);
    if (known) known.metrics.push(...family.metrics);
    else families.set(family.name, { ...family, metrics: [...family.metrics] });
  }
  const samplesOf = (name: string): ValueSample[] => (families.get(name)?.metrics ?? []).map((m) => ({ labels: m.labels ?? {}, value: toNumber(m.value) }));
  return {
    has: (name) => families.has(name) || histogramNames.has(name),
    value(name) {
      return histogramNames.has(name) ? [] : samplesOf(name);
    },
    histogram(name) {
      if (!histogramNames.has(name)) return [];
      const series = new Map<string, HistogramSample>();
      const seriesOf = (labels: Labels): HistogramSample => {
        const key = JSON.stringify(Object.entries(labels).sort(([a], [b]) => (a < b ? -1 : 1)));
        let found = series.get(key);
        if (!found) series.set(key, (found = { labels, buckets: [], count: 0, sum: 0 }));
        return found;
      };
      for (const { labels, value } of samplesOf(`${name}_bucket`)) {
        const { le, ...rest } = labels;
        if (le !== undefined) seriesOf(rest).buckets.push({ le: toNumber(le), count: value });
      }
      for (const { labels, value } of samplesOf(`${name}_count`)) seriesOf(labels).count = value;
      for (const { labels, value } of samplesOf(`${name}_sum`)) seriesOf(labels).sum = value;
      for (const s of series.values()) s.buckets.sort((a, b) => a.le - b.le);
      return [...series.values()];
    },
  };
}

/** Sum of a gauge/counter's samples (all label sets), undefined when absent. */
export function sumOf(families: MetricFamilies, name: string, where: (labels: Labels) => boolean = () => true): number | undefined {
  const samples = families.value(name).filter((s) => where(s.labels) && Number.isFinite(s.value));
  return samples.length === 0 ? undefined : samples.reduce((total, s) => total + s.value, 0);
}
