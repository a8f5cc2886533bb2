/**
 * Execution segments: merging is exact (split sample files merge into the very
 * histogram one ingester builds from all of them), and on the real sandbox N
 * k6 processes with segments measure what one process measures.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { gzip } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compileScenario } from '../../src/load/compile.ts';
import { k6EnvFor } from '../../src/load/capacity/target.ts';
import { ingestFile } from '../../src/load/ingest-stream.ts';
import { Ingester } from '../../src/load/ingest.ts';
import { percentileMs } from '../../src/load/histogram.ts';
import { runK6 } from '../../src/load/k6-process.ts';
import { buildLoadResult } from '../../src/load/result.ts';
import { runSegmented, segmentArgs } from '../../src/load/segments.ts';
import { sandboxDown, sandboxUp, type SandboxInfo } from '../../src/sandbox/sandbox.ts';
import { K6, writePool } from '../monitor/support.ts';
import { requestLines, seededRandom } from './k6-lines.ts';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'signoff-segments-'));
});
afterAll(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
});

describe('segmentArgs', () => {
  it('gives process i of n the slice i/n:(i+1)/n of the sequence 0,1/n,…,1', () => {
    expect(segmentArgs(0, 4)).toEqual(['--execution-segment', '0:1/4', '--execution-segment-sequence', '0,1/4,2/4,3/4,1']);
    expect(segmentArgs(3, 4)).toEqual(['--execution-segment', '3/4:1', '--execution-segment-sequence', '0,1/4,2/4,3/4,1']);
    expect(segmentArgs(0, 1)).toEqual([]);
    expect(() => segmentArgs(4, 4)).toThrow(RangeError);
  });
});

describe('merging split outputs', () => {
  it('gives exactly the histograms, totals and series of one ingester over all samples', async () => {
    const random = seededRandom(7);
    const names = ['mail.all', 'mail.get', 'login'];
    const lines: string[] = [];
    const start = Date.parse('2026-05-01T10:00:00Z');
    for (let i = 0; i < 30_000; i++) lines.push(...requestLines(names[i % 3]!, start + i * 3, 1 + random() * 900 * random(), random() < 0.02));
    // Split unevenly and out of order, one part gzipped as k6 writes `--out json=x.json.gz`.
    const cuts = [0, 11_111, 50_000, 123_457, lines.length];
    const files: string[] = [];
    for (let p = 0; p < cuts.length - 1; p++) {
      const text = `${lines.slice(cuts[p], cuts[p + 1]).join('\n')}\n`;
      const file = join(dir, `part-${p}.json${p === 1 ? '.gz' : ''}`);
      await writeFile(file, p === 1 ? await promisify(gzip)(text) : text);
      files.push(file);
    }
    await writeFile(join(dir, 'all.json'), `${lines.join('\n')}\n`);

    const single = await ingestFile(join(dir, 'all.json'));
    const merged = new Ingester();
    for (const file of files.reverse()) merged.merge(await ingestFile(file));

    for (const name of names) {
      const a = single.actions.get(name)!.latency;
      const b = merged.actions.get(name)!.latency;
      expect(b.totalCount).toBe(a.totalCount);
      for (let p = 1; p <= 100; p++) expect(percentileMs(b, p)).toBe(percentileMs(a, p));
    }
    const result = (ingester: Ingester) =>
      buildLoadResult({ scenario: 's', profile: { name: 'p', executor: 'constant-vus', description: '', maxVUs: 1, durationS: 1 }, ingester, slos: [], startedAt: '', finishedAt: '', k6: { version: 'x', exitCode: 0, thresholdsPassed: true } });
    expect(result(merged)).toEqual(result(single));
  });
});

describe('runSegmented on the sandbox', () => {
  const NAME = 'tseg';
  let sandbox: SandboxInfo;
  let env: Record<string, string>;
  let scriptPath: string;

  beforeAll(async () => {
    sandbox = await sandboxUp({ name: NAME, nodes: 2 });
    env = k6EnvFor({ baseUrl: sandbox.balancerUrl, accountsFile: await writePool(dir), thinkTimeS: 0.2 });
    ({ scriptPath } = await compileScenario({ scenarioFile: 'webmail-user', profileName: 'smoke', profile: { kind: 'smoke', vus: 10, duration: '8s' }, slos: [], outDir: join(dir, 'script') }));
  });
  afterAll(async () => {
    await sandboxDown(NAME).catch(() => undefined);
  });

  it('splits 10 VUs over 2 processes, each running its half, and merges their samples exactly', async () => {
    // Both at once against the same sandbox: the noise of a shared machine hits them alike.
    const [one, two] = await Promise.all([
      runK6({ k6Path: K6, scriptPath, runDir: join(dir, 'single'), env }),
      runSegmented({ n: 2, k6Path: K6, scriptPath, runDir: join(dir, 'segmented'), env }),
    ]);

    // Each process ran its half of the VUs.
    for (const segment of two.segments) {
      const vus = segment.ingester.series.points(true).map((p) => p.vus);
      expect(Math.max(...vus)).toBe(5);
    }
    const singleRequests = one.ingester.overallLatency().totalCount;
    const mergedRequests = two.ingester.overallLatency().totalCount;
    expect(mergedRequests).toBe(two.segments.reduce((sum, s) => sum + s.ingester.overallLatency().totalCount, 0));
    // The merged p95 is the p95 of all segments' samples together (exact), not an average of two p95s.
    const again = new Ingester();
    for (const segment of two.segments) again.merge(segment.ingester);
    expect(percentileMs(two.ingester.overallLatency(), 95)).toBe(percentileMs(again.overallLatency(), 95));
    // Same load, same target, same time: about as many requests (latencies of two live runs are not compared).
    expect(Math.abs(mergedRequests - singleRequests) / singleRequests).toBeLessThan(0.35);
    expect(two.exitCode).toBe(0);
  }, 120_000);
});
