/**
 * One scrape of one node: `/metrics` (Prometheus text) and `/health` (OX
 * health JSON; 200 = UP, 503 = a check DOWN, 500 = checks could not run).
 * Never throws: an unreachable node is a result ("unreachable"), because that
 * is exactly what the monitor has to record.
 */
import { readFileSync } from 'node:fs';
import { Agent, request } from 'undici';
import { parseMetrics, type MetricFamilies } from './prometheus-text.ts';

import type { HealthState } from '../model/monitoring.ts';

export type { HealthState };

export interface ScrapeOptions {
  /** `user:password` for HTTP Basic auth (OX: com.openexchange.health.username / metrics basicauth). */
  basicAuth?: string;
  /** PEM CA for HTTPS nodes; certificate checks always stay on. */
  caFile?: string;
  timeoutMs?: number;
}

export interface Scrape {
  atMs: number;
  health: HealthState;
  /** Why the node counts as not healthy (HTTP status, DOWN checks, network error). */
  healthDetail?: string;
  metrics?: MetricFamilies;
  metricsError?: string;
}

export interface Scraper {
  /** `basicAuth` overrides the scraper's own (per-node credentials). */
  scrape(url: string, basicAuth?: string): Promise<Scrape>;
  close(): Promise<void>;
}

export function createScraper(options: ScrapeOptions = {}): Scraper {
  const timeoutMs = options.timeoutMs ?? 2000;
  const dispatcher = new Agent({
    connect: options.caFile ? { ca: readFileSync(options.caFile) } : {},
    headersTimeout: timeoutMs,
    bodyTimeout: timeoutMs,
    connectTimeout: timeoutMs,
  });
  const headersFor = (basicAuth: string | undefined): Record<string, string> => (basicAuth ? { authorization: `Basic ${Buffer.from(basicAuth).toString('base64')}` } : {});

  async function get(url: string, headers: Record<string, string>): Promise<{ status: number; text: string }> {
    const response = await request(url, { dispatcher, headers, signal: AbortSignal.timeout(timeoutMs) });
    return { status: response.statusCode, text: await response.body.text() };
  }

  return {
    async scrape(baseUrl, basicAuth) {
      const atMs = Date.now();
      const base = baseUrl.replace(/\/+$/, '');
      const headers = headersFor(basicAuth ?? options.basicAuth);
      const [metrics, health] = await Promise.allSettled([get(`${base}/metrics`, headers), get(`${base}/health`, headers)]);
      const result: Scrape = { atMs, health: 'unreachable' };
      const refused: string[] = [];
      if (health.status === 'fulfilled') {
        const { status, text } = health.value;
        result.health = status === 200 ? 'UP' : status === 503 ? 'DOWN' : 'ERROR';
        if (isUnauthorized(status)) refused.push(`/health (HTTP ${status})`);
        else if (result.health !== 'UP') result.healthDetail = `HTTP ${status}${downChecks(text)}`;
      } else {
        result.healthDetail = errorText(health.reason);
      }
      if (metrics.status === 'fulfilled' && metrics.value.status === 200) {
        try {
          result.metrics = parseMetrics(metrics.value.text);
        } catch (error) {
          result.metricsError = `unparsable metrics: ${errorText(error)}`;
        }
      } else if (metrics.status === 'fulfilled' && isUnauthorized(metrics.value.status)) {
        result.metricsError = `/metrics unauthorized (HTTP ${metrics.value.status})`;
        refused.unshift(`/metrics (HTTP ${metrics.value.status})`);
      } else {
        result.metricsError = metrics.status === 'fulfilled' ? `HTTP ${metrics.value.status}` : errorText(metrics.reason);
      }
      if (refused.length > 0 && (result.health === 'UP' || result.health === 'ERROR')) {
        // Refused credentials leave the monitor blind to the node: it cannot count
        // as healthy, or the health check would pass on a monitor that saw nothing.
        result.health = 'ERROR';
        result.healthDetail = `unauthorized: ${refused.join(' and ')} refused the metrics credentials (target nodes[].metricsAuth)`;
      }
      return result;
    },
    close: () => dispatcher.close(),
  };
}

function isUnauthorized(status: number): boolean {
  return status === 401 || status === 403;
}

/** ", DOWN: configDB, hazelcast" from an OX health body, when it names any. */
function downChecks(body: string): string {
  try {
    const parsed = JSON.parse(body) as { checks?: { name?: string; status?: string }[] };
    const down = (parsed.checks ?? []).filter((c) => c.status === 'DOWN').map((c) => c.name ?? '?');
    return down.length > 0 ? `, DOWN: ${down.join(', ')}` : '';
  } catch {
    return '';
  }
}

function errorText(error: unknown): string {
  const e = error as { code?: string; message?: string; cause?: { code?: string } };
  return e.cause?.code ?? e.code ?? e.message ?? String(error);
}
