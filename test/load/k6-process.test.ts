/**
 * Drives the real k6 (.tools/bin/k6) against a plain local HTTP server: this is
 * about running k6 and reading its output, not about OX.
 */
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseSlo, type Slo } from '../../src/config/load.ts';
import { assertReachable, finalPath, K6RunError, readK6Version, runK6, type K6Progress } from '../../src/load/k6-process.ts';
import { buildLoadResult } from '../../src/load/result.ts';

const K6 = resolve(import.meta.dirname, '../../.tools/bin/k6');
let server: http.Server;
let baseUrl: string;
let dir: string;

beforeAll(async () => {
  server = http.createServer((request, response) => {
    response.setHeader('content-type', 'application/json');
    response.end('{"data":true}');
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  dir = await mkdtemp(join(tmpdir(), 'signoff-k6-process-'));
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise((done) => server.close(done));
  await rm(dir, { recursive: true, force: true });
});

/** A k6 script hitting the server with tag name=ping, ~100 req/s per VU at most. */
async function script(file: string, options: { vus: number; duration: string; thresholds?: Record<string, string[]> }): Promise<string> {
  const path = join(dir, file);
  await writeFile(
    path,
    `import http from 'k6/http';
import { sleep } from 'k6';
import { Rate } from 'k6/metrics';
const oxFailed = new Rate('ox_failed');
export const options = ${JSON.stringify({ vus: options.vus, duration: options.duration, thresholds: options.thresholds ?? {} })};
export default function () {
  const response = http.get('${baseUrl}/ajax/ping', { tags: { name: 'ping' } });
  oxFailed.add(response.status !== 200, { name: 'ping' });
  sleep(0.01);
}
`,
  );
  return path;
}

function k6ProcessesRunning(scriptPath: string): string[] {
  try {
    return execFileSync('pgrep', ['-f', scriptPath], { encoding: 'utf8' }).trim().split('\n').filter(Boolean);
  } catch {
    return []; // pgrep exits 1 when nothing matches
  }
}

describe('runK6', () => {
  it('streams samples into the ingester, reports progress every second and passes with exit 0', async () => {
    const scriptPath = await script('ok.js', { vus: 2, duration: '3s', thresholds: { 'http_req_duration{name:ping}': ['p(95)<5000'] } });
    const progress: K6Progress[] = [];
    const runDir = join(dir, 'run-ok');
    const outcome = await runK6({ k6Path: K6, scriptPath, runDir, onProgress: (p) => progress.push(p) });

    expect(outcome.exitCode).toBe(0);
    expect(outcome.thresholdsPassed).toBe(true);
    expect(outcome.thresholds.get('http_req_duration{name:ping}')?.get('p(95)<5000')).toBe(true);
    const ping = outcome.ingester.actions.get('ping');
    expect(ping?.latency.totalCount).toBeGreaterThan(10);
    expect(ping?.oxChecks).toBe(ping?.latency.totalCount);
    expect(ping?.oxFailures).toBe(0);
    expect(outcome.ingester.iterations).toBe(ping?.latency.totalCount);
    expect(outcome.ingester.parseCounts.malformed).toBe(0);
    expect(progress.length).toBeGreaterThanOrEqual(2);
    expect(progress.some((p) => p.rps > 0 && p.vus === 2)).toBe(true);
    expect(existsSync(outcome.logPath)).toBe(true);
    expect(existsSync(outcome.summaryExportPath)).toBe(true);

    // The same run as a LoadResult: our verdict and k6's threshold (compiled from the same SLO) agree.
    const result = buildLoadResult({
      scenario: 'ping',
      profile: { name: 'smoke', executor: 'constant-vus', description: '2 VUs for 3 s', maxVUs: 2, durationS: 3 },
      ingester: outcome.ingester,
      slos: [(parseSlo('ping p95 < 5s') as { ok: true; slo: Slo }).slo],
      startedAt: outcome.startedAt,
      finishedAt: outcome.finishedAt,
      k6: { version: await readK6Version(K6), exitCode: 0, thresholdsPassed: outcome.thresholdsPassed },
      k6Thresholds: outcome.thresholds,
    });
    expect(result.k6.version).toBe('2.2.0');
    expect(result.slos[0]).toMatchObject({ passed: true, k6Passed: true });
    expect(result.series.points.some((p) => p.vus === 2 && p.rps > 0)).toBe(true);
    expect(result.actions[0]).toMatchObject({ name: 'ping', failures: 0 });
  });

  it('reports crossed thresholds as thresholdsPassed=false, not as a failure of k6', async () => {
    const scriptPath = await script('crossed.js', { vus: 1, duration: '1s', thresholds: { 'http_req_duration{name:ping}': ['p(95)<0.0001'] } });
    const outcome = await runK6({ k6Path: K6, scriptPath, runDir: join(dir, 'run-crossed') });

    expect(outcome.exitCode).toBe(99);
    expect(outcome.thresholdsPassed).toBe(false);
    expect(outcome.thresholds.get('http_req_duration{name:ping}')?.get('p(95)<0.0001')).toBe(false);
    expect(outcome.ingester.actions.get('ping')?.latency.totalCount).toBeGreaterThan(0);
  });

  it('stops k6 when the signal aborts, leaves no k6 process and keeps the samples so far', async () => {
    const scriptPath = await script('abort.js', { vus: 2, duration: '60s' });
    const controller = new AbortController();
    const run = runK6({
      k6Path: K6,
      scriptPath,
      runDir: join(dir, 'run-abort'),
      signal: controller.signal,
      killGraceMs: 5000,
      onProgress: (p) => {
        if (p.requests > 0) controller.abort();
      },
    });

    const error = await run.then(() => undefined, (e: unknown) => e);
    expect(error).toBeInstanceOf(K6RunError);
    expect((error as K6RunError).code).toBe('INTERRUPTED');
    expect((error as K6RunError).partial.ingester.actions.get('ping')?.latency.totalCount).toBeGreaterThan(0);
    expect(k6ProcessesRunning(scriptPath)).toEqual([]);
  });

  it('fails with K6_FAILED and the partial samples when k6 is killed mid-run', async () => {
    const scriptPath = await script('killed.js', { vus: 2, duration: '60s' });
    let killed = false;
    const run = runK6({
      k6Path: K6,
      scriptPath,
      runDir: join(dir, 'run-killed'),
      onProgress: (p) => {
        if (p.requests === 0 || killed) return;
        killed = true;
        for (const pid of k6ProcessesRunning(scriptPath)) process.kill(Number(pid), 'SIGKILL');
      },
    });

    const error = await run.then(() => undefined, (e: unknown) => e);
    expect(error).toBeInstanceOf(K6RunError);
    expect((error as K6RunError).code).toBe('K6_FAILED');
    expect((error as K6RunError).message).toContain('SIGKILL');
    expect((error as K6RunError).message).toContain('k6.log');
    expect((error as K6RunError).partial.ingester.actions.get('ping')?.latency.totalCount).toBeGreaterThan(0);
    expect(k6ProcessesRunning(scriptPath)).toEqual([]);
  });

  it('reports K6_NOT_FOUND for a k6 path that does not exist', async () => {
    const scriptPath = await script('never.js', { vus: 1, duration: '1s' });
    await expect(runK6({ k6Path: join(dir, 'no-such-k6'), scriptPath, runDir: join(dir, 'run-missing') })).rejects.toMatchObject({ code: 'K6_NOT_FOUND' });
  });
});

describe('assertReachable', () => {
  it('accepts a target that answers HTTP', async () => {
    await expect(assertReachable(`${baseUrl}/appsuite/`)).resolves.toBeUndefined();
  });

  it('reports TARGET_UNREACHABLE for a closed port', async () => {
    const probe = http.createServer();
    await new Promise<void>((done) => probe.listen(0, '127.0.0.1', done));
    const closedPort = (probe.address() as AddressInfo).port;
    await new Promise((done) => probe.close(done));

    await expect(assertReachable(`http://127.0.0.1:${closedPort}/`, { timeoutMs: 5000 })).rejects.toMatchObject({ code: 'TARGET_UNREACHABLE' });
  });
});

describe('finalPath', () => {
  it('names a file of the partial run folder where the finished run folder will have it', () => {
    expect(finalPath('/x/runs/.20261204-0101-abc.partial/load/webmail/k6.log')).toBe('/x/runs/20261204-0101-abc/load/webmail/k6.log');
    expect(finalPath('/x/runs/20261204-0101-abc/load/webmail/k6.log')).toBe('/x/runs/20261204-0101-abc/load/webmail/k6.log');
  });
});
