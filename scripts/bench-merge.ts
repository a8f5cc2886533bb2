/**
 * bench-merge: merge time and peak memory for 8 segment outputs with 10 M
 * samples in all (synthetic k6 `--out json` lines, half the files gzipped as
 * k6 writes *.json.gz), generated into a temp folder and deleted after.
 * Usage: scripts/with-tools node scripts/bench-merge.ts [totalSamples] [files]
 */
import { createWriteStream } from 'node:fs';
import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { once } from 'node:events';
import { createGzip } from 'node:zlib';
import { mergeOutputs } from '../src/k8s/merge.ts';

const total = Number(process.argv[2] ?? 10_000_000);
const files = Number(process.argv[3] ?? 8);
const dir = await mkdtemp(join(tmpdir(), 'signoff-bench-merge-'));
const names = ['login', 'multiple.boot', 'mail.all', 'mail.get', 'mail.new', 'chronos.all', 'contacts.all', 'logout'];

function line(metric: string, timeMs: number, value: number, name: string): string {
  return `{"metric":"${metric}","type":"Point","data":{"time":"${new Date(timeMs).toISOString()}","value":${value},"tags":{"expected_response":"true","group":"","method":"GET","name":"${name}","proto":"HTTP/1.1","scenario":"default","status":"200","url":"https://ox.example.com/ajax/${name}"}}}\n`;
}

async function generate(file: string, samples: number, seed: number): Promise<void> {
  const gz = file.endsWith('.gz');
  const raw = createWriteStream(file);
  const out = gz ? createGzip({ level: 1 }) : raw;
  if (gz) (out as ReturnType<typeof createGzip>).pipe(raw);
  const start = Date.parse('2026-06-01T08:00:00Z');
  let state = seed;
  let chunk = '';
  // One request = 3 samples here (duration, http_req_failed, ox_failed): counts towards the total.
  for (let i = 0; i < samples; i += 3) {
    state = (state * 1103515245 + 12345) % 2147483648;
    const t = start + Math.floor(i / 3) * 2;
    const name = names[state % names.length]!;
    const ms = 5 + (state % 100000) / 100;
    chunk += line('http_req_duration', t, ms, name) + line('http_req_failed', t, state % 97 === 0 ? 1 : 0, name) + line('ox_failed', t, state % 97 === 0 ? 1 : 0, name);
    if (chunk.length > 1 << 20) {
      if (!out.write(chunk)) await once(out, 'drain');
      chunk = '';
    }
  }
  out.end(chunk);
  await once(raw, 'close');
}

try {
  const t0 = performance.now();
  const paths: string[] = [];
  await Promise.all(
    Array.from({ length: files }, async (_, i) => {
      const file = join(dir, `runner-${i + 1}.json${i % 2 ? '.gz' : ''}`);
      paths.push(file);
      await generate(file, Math.floor(total / files), i + 1);
    }),
  );
  const bytes = (await Promise.all(paths.map((p) => stat(p)))).reduce((sum, s) => sum + s.size, 0);
  const generatedS = (performance.now() - t0) / 1000;

  const rssBefore = process.memoryUsage().rss;
  let peakRss = rssBefore;
  const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 100);
  const t1 = performance.now();
  const merged = await mergeOutputs({ paths: [dir], concurrency: 2 });
  const mergeS = (performance.now() - t1) / 1000;
  clearInterval(sampler);
  peakRss = Math.max(peakRss, process.memoryUsage().rss);
  console.log(
    JSON.stringify(
      {
        files,
        samplesRequested: total,
        requests: merged.result.totals.requests,
        onDiskMiB: Math.round(bytes / 2 ** 20),
        generateS: Math.round(generatedS * 10) / 10,
        mergeS: Math.round(mergeS * 10) / 10,
        samplesPerS: Math.round(total / mergeS),
        rssBeforeMiB: Math.round(rssBefore / 2 ** 20),
        peakRssMiB: Math.round(peakRss / 2 ** 20),
        p95Ms: merged.result.overall.p95,
      },
      null,
      2,
    ),
  );
} finally {
  await rm(dir, { recursive: true, force: true });
}
