/**
 * Ingest throughput: synthetic k6 v2 `--out json` lines (the mix one OX request
 * produces: 12 built-in lines + ox_failed, per iteration data/iterations lines,
 * occasional ox_errors/ox_sessions, vus once a second) are generated lazily into
 * a stream and read by ingestStream exactly as k6's stdout is. Reports lines/s
 * and peak RSS.
 *
 *   scripts/with-tools node scripts/bench-ingest.ts [lines...]   (default 1e6 1e7)
 */
import { Readable } from 'node:stream';
import { Ingester } from '../src/load/ingest.ts';
import { ingestStream } from '../src/load/ingest-stream.ts';

const ACTIONS = ['login', 'mail.all', 'mail.get', 'folders.list', 'multiple.boot', 'calendar.all', 'contacts.all', 'logout'];
const TIMINGS = ['http_req_blocked', 'http_req_connecting', 'http_req_tls_handshaking', 'http_req_sending', 'http_req_waiting', 'http_req_receiving'];
/** Simulated load: 10 M lines then span ~30 min, so the series coarsens as in a soak run. */
const REQUESTS_PER_SECOND = 400;
const LINES_PER_REQUEST = 13.2;

const SECOND_TOKEN = '2026-11-25T10:00:00';
const START_MS = Date.parse(`${SECOND_TOKEN}Z`);

function tags(name: string, status = '200'): string {
  return `{"expected_response":"true","group":"","method":"GET","name":"${name}","proto":"HTTP/1.1","scenario":"webmail","status":"${status}","url":"https://ox.example.com/ajax/${name}"}`;
}

function point(metric: string, time: string, value: number, tagJson: string): string {
  return `{"metric":"${metric}","type":"Point","data":{"time":"${time}","value":${value},"tags":${tagJson}}}\n`;
}

/** Lines of `requests` simulated requests, in k6's order, until `total` lines. */
function* k6Lines(total: number): Generator<string> {
  let emitted = 0;
  let request = 0;
  let random = 42;
  const next = (): number => ((random = (random * 1103515245 + 12345) % 2147483648) / 2147483648);
  while (emitted < total) {
    // Every pool line lies in the same second; the replay moves chunks to their own second.
    const time = `${SECOND_TOKEN}.${String(request % 1000).padStart(3, '0')}${String(request % 997).padStart(6, '0')}Z`;
    const name = ACTIONS[request % ACTIONS.length] ?? 'login';
    const failed = next() < 0.01;
    const tagJson = tags(name, failed ? '503' : '200');
    let chunk = point('http_reqs', time, 1, tagJson) + point('http_req_duration', time, Math.round(-Math.log(next()) * 120_000) / 1000, tagJson);
    for (const metric of TIMINGS) chunk += point(metric, time, Math.round(next() * 1000) / 1000, tagJson);
    chunk += point('http_req_failed', time, failed ? 1 : 0, tagJson);
    chunk += point('ox_failed', time, failed ? 1 : 0, `{"group":"","name":"${name}","scenario":"webmail"}`);
    if (failed) chunk += point('ox_errors', time, 1, `{"code":"HTTP-503","group":"","name":"${name}","scenario":"webmail"}`);
    if (name === 'login') chunk += point('ox_sessions', time, 1, `{"group":"","route":"OX${(request % 2) + 1}","scenario":"webmail"}`);
    if (request % ACTIONS.length === ACTIONS.length - 1) {
      chunk += point('data_sent', time, 1830, '{"group":"","scenario":"webmail"}') + point('data_received', time, 48123, '{"group":"","scenario":"webmail"}');
      chunk += point('iteration_duration', time, 812.5, '{"group":"","scenario":"webmail"}') + point('iterations', time, 1, '{"group":"","scenario":"webmail"}');
    }
    if (request % 256 === 0) chunk += point('vus', time, 200, '{}');
    request++;
    for (const line of chunk.split(/(?<=\n)/)) {
      if (emitted++ >= total) return;
      yield line;
    }
  }
}

/**
 * Pre-built ~64 KB chunks of the first POOL lines, replayed until `total` lines,
 * so the generator costs nothing next to what is measured (timestamps repeat,
 * which changes nothing for the throughput).
 */
const POOL = 40_000;
const pool: { text: string; lines: number }[] = [];
{
  let text = '';
  let lines = 0;
  for (const line of k6Lines(POOL)) {
    text += line;
    if (++lines === 256) {
      pool.push({ text, lines });
      text = '';
      lines = 0;
    }
  }
  if (lines > 0) pool.push({ text, lines });
}

function k6Stream(total: number, onChunk?: (emitted: number) => void): Readable {
  let emitted = 0;
  let next = 0;
  return new Readable({
    read() {
      if (emitted >= total) return void this.push(null);
      const chunk = pool[next++ % pool.length]!;
      const second = Math.floor(emitted / (REQUESTS_PER_SECOND * LINES_PER_REQUEST));
      emitted += chunk.lines;
      onChunk?.(emitted);
      this.push(chunk.text.replaceAll(SECOND_TOKEN, new Date(START_MS + second * 1000).toISOString().slice(0, 19)));
    },
  });
}

let peakRss = 0;
const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage.rss())), 50);
const mb = (bytes: number): string => `${(bytes / 1024 / 1024).toFixed(0)} MB`;
const rate = (lines: number, seconds: number): string => `${(lines / seconds / 1e6).toFixed(2)} M lines/s`;

const sizes = process.argv.slice(2).map(Number).filter((n) => n > 0);
for (const total of sizes.length > 0 ? sizes : [1e6, 1e7]) {
  global.gc?.();
  peakRss = process.memoryUsage.rss();
  const rssBefore = peakRss;
  const t0 = performance.now();
  const cpu0 = process.cpuUsage();
  // RSS at each tenth of the run (taken in the stream: a synthetic stream never yields to timers).
  const timeline: number[] = [];
  const ingester = await ingestStream(
    k6Stream(total, (emitted) => {
      if (emitted >= ((timeline.length + 1) * total) / 10) timeline.push(Math.round(process.memoryUsage.rss() / 1024 / 1024));
    }),
    new Ingester(),
  );
  peakRss = Math.max(peakRss, ...timeline.map((m) => m * 1024 * 1024));
  const seconds = (performance.now() - t0) / 1000;
  const cpu = process.cpuUsage(cpu0);
  const cpuSeconds = (cpu.user + cpu.system) / 1e6;
  peakRss = Math.max(peakRss, process.memoryUsage.rss());
  global.gc?.();
  const retained = process.memoryUsage().heapUsed;
  const counts = ingester.parseCounts;
  console.log(
    `${total.toExponential(0)} lines through readline + ingester: ${seconds.toFixed(2)} s wall, ${rate(counts.lines, seconds)} ` +
      `(${rate(counts.lines, cpuSeconds)} per CPU second) ` +
      `(kept ${counts.points.toLocaleString('en')}, skipped ${counts.skipped.toLocaleString('en')}, malformed ${counts.malformed}); ` +
      `RSS ${mb(rssBefore)} before, peak ${mb(peakRss)}, by tenths [${timeline.join(' ')}] MB, heap after GC ${mb(retained)}; series ${ingester.series.resolutionS} s × ${ingester.series.points(true).length} points`,
  );
}
// parse + record alone, without readline: the pool's lines from memory, repeated.
{
  const lines = pool.flatMap((chunk) => chunk.text.slice(0, -1).split('\n'));
  const ingester = new Ingester();
  for (const line of lines) ingester.line(line); // warm up
  const rounds = 10;
  const t0 = performance.now();
  const cpu0 = process.cpuUsage();
  for (let r = 0; r < rounds; r++) for (const line of lines) ingester.line(line);
  const cpu = process.cpuUsage(cpu0);
  console.log(
    `parse+record alone (lines from memory, no readline): ${rate(lines.length * rounds, (performance.now() - t0) / 1000)} wall, ` +
      `${rate(lines.length * rounds, (cpu.user + cpu.system) / 1e6)} per CPU second`,
  );
}

clearInterval(sampler);
