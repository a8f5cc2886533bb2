/** `signoff merge`: N runners' k6 outputs (plain and gzipped) → one LoadResult, equal to ingesting them as one file. */
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { gzip } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseSlo } from '../../src/config/load.ts';
import { mergeOutputs } from '../../src/k8s/merge.ts';
import { K8S_META_FILE } from '../../src/k8s/write.ts';
import { ingestFile } from '../../src/load/ingest-stream.ts';
import { buildLoadResult } from '../../src/load/result.ts';
import { requestLines, seededRandom } from '../load/k6-lines.ts';

let dir: string;
const runners = 4;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'signoff-merge-'));
  const random = seededRandom(11);
  const start = Date.parse('2026-05-02T09:00:00Z');
  const all: string[] = [];
  await mkdir(join(dir, 'results'));
  for (let r = 0; r < runners; r++) {
    const lines: string[] = [];
    for (let i = 0; i < 5000; i++) lines.push(...requestLines(i % 2 ? 'mail.all' : 'login', start + i * 10 + r, 5 + random() * 400, random() < 0.01 * r));
    all.push(...lines);
    const text = `${lines.join('\n')}\n`;
    await writeFile(join(dir, 'results', `approval-runner-${r}.json${r % 2 ? '.gz' : ''}`), r % 2 ? await promisify(gzip)(text) : text);
  }
  await writeFile(join(dir, 'all.json'), `${all.join('\n')}\n`);
  await writeFile(
    join(dir, 'results', K8S_META_FILE),
    JSON.stringify({ format: 'signoff-k8s/1', name: 'approval', scenario: 'webmail-user', profileName: 'load', profile: { kind: 'load', vus: 200, duration: '10m' }, slos: ['mail.all p95 < 500ms', '* errorRate < 1%'], parallelism: runners, baseUrl: 'https://ox.example.com', createdAt: '' }),
  );
});
afterAll(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
});

describe('mergeOutputs', () => {
  it('merges every runner file of a folder into the LoadResult one file of all samples gives, with the SLOs of the TestRun', async () => {
    const merged = await mergeOutputs({ paths: [join(dir, 'results')] });
    expect(merged.files).toHaveLength(runners);
    expect(merged.meta?.name).toBe('approval');

    const single = await ingestFile(join(dir, 'all.json'));
    const expected = buildLoadResult({ scenario: 'webmail-user', profile: merged.result.profile, ingester: single, slos: merged.result.slos.map((v, i) => ({ source: String(i), action: v.action, metric: v.metric, op: v.op, threshold: v.threshold })), startedAt: merged.result.startedAt, finishedAt: merged.result.finishedAt, k6: merged.result.k6 });
    expect(merged.result.actions).toEqual(expected.actions);
    expect(merged.result.overall).toEqual(expected.overall);
    expect(merged.result.series).toEqual(expected.series);
    expect(merged.result.slos).toEqual(expected.slos);
    expect(merged.result.totals.requests).toBe(runners * 5000);
    expect(merged.result.profile).toMatchObject({ name: 'load', executor: 'ramping-vus', maxVUs: 200 });
    // 0 %, 1 %, 2 %, 3 % failures per runner: 1.5 % overall misses "< 1 %"; merged verdicts decide.
    expect(merged.result.slos.map((v) => v.passed)).toEqual([true, false]);
    expect(merged.result.k6.thresholdsPassed).toBe(false);
  });

  it('takes SLOs given on the command line over the folder metadata, and single files as well as folders', async () => {
    const slo = parseSlo('login p99 < 1ms');
    if (!slo.ok) throw new Error(slo.message);
    const merged = await mergeOutputs({ paths: [join(dir, 'results', 'approval-runner-0.json'), join(dir, 'results', 'approval-runner-1.json.gz')], slos: [slo.slo] });
    expect(merged.files).toHaveLength(2);
    expect(merged.result.slos).toHaveLength(1);
    expect(merged.result.slos[0]?.passed).toBe(false);
  });

  it('refuses a folder without k6 outputs', async () => {
    await mkdir(join(dir, 'empty'));
    await expect(mergeOutputs({ paths: [join(dir, 'empty')] })).rejects.toMatchObject({ code: 'USAGE' });
  });

  it('refuses a .json.gz that is not gzip as a usage error instead of dying on the stream error', async () => {
    await mkdir(join(dir, 'junk'));
    await writeFile(join(dir, 'junk', 'runner.json.gz'), 'not gzip at all\n');
    await expect(mergeOutputs({ paths: [join(dir, 'junk')] })).rejects.toMatchObject({ code: 'USAGE', message: expect.stringContaining('runner.json.gz') });
  });

  it('names a corrupt signoff-k8s.json as a config error', async () => {
    await mkdir(join(dir, 'corrupt-meta'));
    await writeFile(join(dir, 'corrupt-meta', 'runner.json'), await readFile(join(dir, 'results', 'approval-runner-0.json')));
    await writeFile(join(dir, 'corrupt-meta', K8S_META_FILE), '{"format": "signoff-k8s/1", ');
    await expect(mergeOutputs({ paths: [join(dir, 'corrupt-meta')] })).rejects.toMatchObject({ code: 'CONFIG_INVALID', message: expect.stringContaining(K8S_META_FILE) });
    await writeFile(join(dir, 'corrupt-meta', K8S_META_FILE), '{"hello": 1}');
    await expect(mergeOutputs({ paths: [join(dir, 'corrupt-meta')] })).rejects.toMatchObject({ code: 'CONFIG_INVALID' });
  });
});
