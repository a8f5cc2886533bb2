/**
 * k6's `--summary-export` file (the classic format; signoff never passes
 * --new-machine-readable-summary, so this is the shape it parses). Only the
 * threshold results are used: k6 writes `{"<expression>": <crossed>}` per
 * metric key, so `true` means the threshold FAILED (verified against k6 v2.2.0).
 */
import { readFile } from 'node:fs/promises';
import { z } from 'zod';

const summaryExportSchema = z.object({
  metrics: z.record(z.string(), z.object({ thresholds: z.record(z.string(), z.boolean()).optional() }).loose()),
});

/** Threshold results: metric key (`http_req_duration{name:login}`) → expression (`p(95)<500`) → passed. */
export type K6ThresholdResults = Map<string, Map<string, boolean>>;

export function thresholdResultsOf(summary: unknown): K6ThresholdResults {
  const parsed = summaryExportSchema.safeParse(summary);
  const results: K6ThresholdResults = new Map();
  if (!parsed.success) return results;
  for (const [metricKey, metric] of Object.entries(parsed.data.metrics)) {
    if (!metric.thresholds) continue;
    results.set(metricKey, new Map(Object.entries(metric.thresholds).map(([expression, crossed]) => [expression, !crossed])));
  }
  return results;
}

/** The export, or undefined when k6 wrote none (it crashed, or was killed before the summary). */
export async function readSummaryExport(path: string): Promise<{ raw: unknown; thresholds: K6ThresholdResults } | undefined> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch {
    return undefined;
  }
  try {
    const raw: unknown = JSON.parse(text);
    return { raw, thresholds: thresholdResultsOf(raw) };
  } catch {
    return undefined;
  }
}

/** True unless some threshold was crossed. */
export function allThresholdsPassed(results: K6ThresholdResults): boolean {
  for (const expressions of results.values()) for (const passed of expressions.values()) if (!passed) return false;
  return true;
}
