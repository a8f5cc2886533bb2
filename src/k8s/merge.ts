/**
 * `signoff merge`: the raw `--out json` files of several k6 processes (the
 * k6-operator's runners, local segments, gzipped or not) → one Ingester → one
 * LoadResult with the SLOs judged on all samples together. Files are ingested
 * a few at a time, each streamed, so memory stays that of the histograms.
 */
import { readdir, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import pLimit from 'p-limit';
import { parseSlo, type Slo } from '../config/load.ts';
import { SignoffError } from '../errors.ts';
import { ingestFile } from '../load/ingest-stream.ts';
import { Ingester, type IngesterOptions } from '../load/ingest.ts';
import { scenarioFor } from '../load/k6-options.ts';
import { buildLoadResult } from '../load/result.ts';
import type { LoadResult } from '../model/types.ts';
import { K8S_META_FILE, type K8sMeta } from './write.ts';

export interface MergeInput {
  /** k6 JSON output files, or folders holding them (*.json, *.json.gz, not recursive). */
  paths: string[];
  /** SLOs to judge; default those in a signoff-k8s.json found among the folders. */
  slos?: Slo[];
  scenario?: string;
  profile?: LoadResult['profile'];
  k6Version?: string;
  ingesterOptions?: IngesterOptions;
  /** Files ingested at once (default 2: parsing is CPU-bound). */
  concurrency?: number;
}

export interface MergeOutcome {
  result: LoadResult;
  ingester: Ingester;
  files: string[];
  meta?: K8sMeta;
}

const OUTPUT = /\.json(\.gz)?$/;
const NOT_SAMPLES = new Set([K8S_META_FILE, 'load-result.json', 'capacity.json', 'k6-summary.json']);

async function outputFiles(paths: readonly string[]): Promise<{ files: string[]; meta?: K8sMeta }> {
  const files: string[] = [];
  let meta: K8sMeta | undefined;
  for (const path of paths) {
    const info = await stat(path).catch((cause: unknown) => {
      throw new SignoffError('USAGE', `merge: ${path} does not exist`, { cause });
    });
    if (!info.isDirectory()) {
      files.push(path);
      continue;
    }
    const names = (await readdir(path)).sort();
    if (names.includes(K8S_META_FILE)) meta = await readMeta(join(path, K8S_META_FILE));
    files.push(...names.filter((n) => OUTPUT.test(n) && !NOT_SAMPLES.has(n)).map((n) => join(path, n)));
  }
  if (files.length === 0) throw new SignoffError('USAGE', `merge: no k6 output files (*.json, *.json.gz) in ${paths.join(', ')}`);
  return meta ? { files, meta } : { files };
}

async function readMeta(file: string): Promise<K8sMeta> {
  const text = await readFile(file, 'utf8');
  let meta: unknown;
  try {
    meta = JSON.parse(text);
  } catch (cause) {
    throw new SignoffError('CONFIG_INVALID', `${file}: not valid JSON (${(cause as Error).message}); write it again with \`signoff k8s\``, { cause });
  }
  const m = meta as Partial<K8sMeta> | null;
  if (typeof m !== 'object' || m === null || m.format !== 'signoff-k8s/1' || typeof m.scenario !== 'string' || typeof m.profile !== 'object' || !Array.isArray(m.slos)) {
    throw new SignoffError('CONFIG_INVALID', `${file}: expected the object \`signoff k8s\` writes (scenario, profile, slos)`);
  }
  return meta as K8sMeta;
}

function slosFrom(meta: K8sMeta | undefined): Slo[] {
  return (meta?.slos ?? []).map((source) => {
    const parsed = parseSlo(source);
    if (!parsed.ok) throw new SignoffError('CONFIG_INVALID', `${K8S_META_FILE}: ${parsed.message}`);
    return parsed.slo;
  });
}

function profileOf(meta: K8sMeta | undefined, files: number, durationS: number): LoadResult['profile'] {
  const description = `${files} k6 outputs merged${meta ? ` (TestRun ${meta.name}, parallelism ${meta.parallelism})` : ''}`;
  if (!meta) return { name: 'merged', executor: 'unknown', description, maxVUs: 0, durationS };
  const scenario = scenarioFor(meta.profile);
  const maxVUs = 'vus' in meta.profile ? meta.profile.vus : 'maxVUs' in meta.profile ? meta.profile.maxVUs : Math.max(0, ...meta.profile.stages.map((s) => s.target));
  return { name: meta.profileName, executor: scenario.executor, description, maxVUs, durationS };
}

export async function mergeOutputs(input: MergeInput): Promise<MergeOutcome> {
  const { files, meta } = await outputFiles(input.paths);
  const limit = pLimit(Math.max(1, input.concurrency ?? 2));
  const merged = new Ingester(input.ingesterOptions);
  await Promise.all(
    files.map((file) =>
      limit(async () => {
        const one = await ingestFile(file, input.ingesterOptions).catch((cause: unknown) => {
          throw new SignoffError('USAGE', `merge: cannot read ${file}: ${(cause as Error).message}`, { cause });
        });
        if (one.actions.size === 0 && one.iterations === 0) throw new SignoffError('USAGE', `merge: ${file} holds no k6 samples`);
        merged.merge(one);
      }),
    ),
  );
  const slos = input.slos ?? slosFrom(meta);
  const firstMs = Number.isFinite(merged.firstMs) ? merged.firstMs : Date.now();
  const lastMs = Number.isFinite(merged.lastMs) ? merged.lastMs : firstMs;
  const result = buildLoadResult({
    scenario: input.scenario ?? meta?.scenario ?? 'merged',
    profile: input.profile ?? profileOf(meta, files.length, Math.round((lastMs - firstMs) / 1000)),
    ingester: merged,
    slos,
    startedAt: new Date(firstMs).toISOString(),
    finishedAt: new Date(lastMs).toISOString(),
    // Several processes: no single exit code; k6's per-process thresholds do not count across them.
    k6: { version: input.k6Version ?? 'unknown', exitCode: 0, thresholdsPassed: true },
  });
  // Several processes have no one exit code or threshold result: the merged SLO verdicts stand for both.
  result.k6.thresholdsPassed = result.slos.every((v) => v.passed);
  result.k6.exitCode = result.k6.thresholdsPassed ? 0 : 99;
  return meta ? { result, ingester: merged, files, meta } : { result, ingester: merged, files };
}
