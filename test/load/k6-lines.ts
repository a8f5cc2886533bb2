/**
 * Synthetic k6 `--out json` lines, byte for byte in the layout k6 v2.2.0 writes
 * (checked against the real binary in k6-process.test.ts). For parser and
 * aggregation tests only.
 */
export function k6Point(metric: string, time: string | number, value: number, tags: Record<string, string> = {}): string {
  const iso = typeof time === 'number' ? new Date(time).toISOString() : time;
  return JSON.stringify({ metric, type: 'Point', data: { time: iso, value, tags } });
}

export function k6MetricDeclaration(metric: string, type: 'trend' | 'rate' | 'counter' | 'gauge'): string {
  return JSON.stringify({ type: 'Metric', data: { name: metric, type, contains: type === 'trend' ? 'time' : 'default', thresholds: [], submetrics: null }, metric });
}

/** What one request of `name` makes k6 write: the built-ins plus ox_failed. */
export function requestLines(name: string, timeMs: number, durationMs: number, failed = false): string[] {
  const tags = { expected_response: failed ? 'false' : 'true', group: '', method: 'GET', name, proto: 'HTTP/1.1', scenario: 'default', status: failed ? '503' : '200', url: `http://127.0.0.1/ajax/${name}` };
  const lines = [
    k6Point('http_reqs', timeMs, 1, tags),
    k6Point('http_req_duration', timeMs, durationMs, tags),
    k6Point('http_req_blocked', timeMs, 0.01, tags),
    k6Point('http_req_waiting', timeMs, durationMs * 0.9, tags),
    k6Point('http_req_failed', timeMs, failed ? 1 : 0, tags),
    k6Point('ox_failed', timeMs, failed ? 1 : 0, { group: '', name, scenario: 'default' }),
  ];
  if (failed) lines.push(k6Point('ox_errors', timeMs, 1, { code: 'HTTP-503', group: '', name, scenario: 'default' }));
  return lines;
}

/** A small deterministic PRNG, so failures are reproducible. */
export function seededRandom(seed: number): () => number {
  let state = seed;
  return () => (state = (state * 1103515245 + 12345) % 2147483648) / 2147483648;
}

/**
 * What one HTTP 429 answer of `name` makes k6 and the OX client write: the
 * built-ins with status 429, ox_failed 1, ox_errors HTTP-429, ox_rate_limited.
 */
export function rateLimitedLines(name: string, timeMs: number, durationMs: number, route = 'none'): string[] {
  const tags = { expected_response: 'false', group: '', method: 'GET', name, proto: 'HTTP/1.1', scenario: 'default', status: '429', url: `http://127.0.0.1/ajax/${name}` };
  return [
    k6Point('http_reqs', timeMs, 1, tags),
    k6Point('http_req_duration', timeMs, durationMs, tags),
    k6Point('http_req_failed', timeMs, 1, tags),
    k6Point('ox_failed', timeMs, 1, { group: '', name, scenario: 'default' }),
    k6Point('ox_errors', timeMs, 1, { code: 'HTTP-429', group: '', name, scenario: 'default' }),
    k6Point('ox_rate_limited', timeMs, 1, { group: '', name, route, scenario: 'default' }),
  ];
}
