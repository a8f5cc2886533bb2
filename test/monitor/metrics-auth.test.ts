/**
 * The monitor against a node that protects /metrics and /health with HTTP
 * Basic auth (com.openexchange.metrics.micrometer.basicauth.*): with the right
 * credentials it scrapes; with wrong ones the node counts as not healthy and
 * the health check says the credentials were refused (a blind monitor must
 * not pass the check).
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startMonitor } from '../../src/monitor/monitor.ts';
import { createScraper } from '../../src/monitor/scrape.ts';

const USER = 'metrics';
const PASSWORD = 'right-password';

const METRICS = `# HELP appsuite_sessions_active_total Active sessions
# TYPE appsuite_sessions_active_total gauge
appsuite_sessions_active_total{client="all"} 42
# HELP process_resident_memory_bytes Resident memory
# TYPE process_resident_memory_bytes gauge
process_resident_memory_bytes 104857600
`;

let server: Server;
let url: string;
let metricsOnly = false;

beforeAll(async () => {
  server = createServer((req, res) => {
    const expected = `Basic ${Buffer.from(`${USER}:${PASSWORD}`).toString('base64')}`;
    const protectedPath = req.url === '/metrics' || (req.url === '/health' && !metricsOnly);
    if (protectedPath && req.headers.authorization !== expected) {
      res.writeHead(401, { 'www-authenticate': 'Basic realm="metrics"' }).end();
      return;
    }
    if (req.url === '/metrics') res.writeHead(200, { 'content-type': 'text/plain; version=0.0.4' }).end(METRICS);
    else if (req.url === '/health') res.writeHead(200, { 'content-type': 'application/json' }).end('{"status":"UP","checks":[]}');
    else res.writeHead(404).end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

describe('monitoring nodes whose /metrics needs Basic auth', () => {
  it('scrapes metrics and health with the node\'s credentials and passes the health check', async () => {
    metricsOnly = false;
    const monitor = await startMonitor({ nodes: [{ route: 'OX1', url, basicAuth: `${USER}:${PASSWORD}` }], intervalMs: 200 });
    const result = await monitor.stop();
    expect(result.check.status).toBe('passed');
    expect(result.incidents).toEqual([]);
    const [node] = result.nodes;
    expect(node?.summary).toMatchObject({ scrapes: 2, healthyScrapes: 2, maxSessions: 42, maxMemoryBytes: 104857600 });
  });

  it('fails the node\'s health criterion as unauthorized when the credentials are wrong', async () => {
    metricsOnly = false;
    const monitor = await startMonitor({ nodes: [{ route: 'OX1', url, basicAuth: `${USER}:wrong-password` }], intervalMs: 200 });
    const result = await monitor.stop();
    expect(result.check.status).toBe('failed');
    const [criterion] = result.check.criteria;
    expect(criterion?.passed).toBe(false);
    expect(criterion?.measured).toContain('unauthorized: /metrics (HTTP 401) and /health (HTTP 401) refused the metrics credentials (target nodes[].metricsAuth)');
    expect(criterion?.measured).not.toContain('wrong-password');
    expect(result.incidents).toMatchObject([{ route: 'OX1', health: 'ERROR' }]);
    expect(result.nodes[0]?.summary.maxSessions).toBeUndefined();
  });

  it('does not count a node healthy when only /metrics refuses the credentials', async () => {
    metricsOnly = true;
    const scraper = createScraper();
    try {
      const scrape = await scraper.scrape(url);
      expect(scrape).toMatchObject({ health: 'ERROR', metricsError: '/metrics unauthorized (HTTP 401)', healthDetail: 'unauthorized: /metrics (HTTP 401) refused the metrics credentials (target nodes[].metricsAuth)' });
      const withAuth = await scraper.scrape(url, `${USER}:${PASSWORD}`);
      expect(withAuth.health).toBe('UP');
      expect(withAuth.metrics).toBeDefined();
    } finally {
      await scraper.close();
    }
  });
});
