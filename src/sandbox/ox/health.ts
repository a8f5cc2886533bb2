/** `/health` in the shape of the OX health check (ox-deployment §3.6): 200 when every check is UP, else 503. */
import type { LdapBackend } from './backends/ldap.ts';
import type { ImapPool } from './backends/imap.ts';

const CACHE_MS = 1_000;

export interface HealthReport {
  status: 'UP' | 'DOWN';
  checks: { name: string; status: 'UP' | 'DOWN'; data?: Record<string, string | number> }[];
  service: { name: string; version: string; buildDate: string; date: string; timeZone: string; locale: string; charset: string };
}

export const SERVER_VERSION = '7.10.6-Rev99';
const BUILD_DATE = '2024-01-01';

export function createHealth(route: string, ldap: LdapBackend, imap: ImapPool): () => Promise<HealthReport> {
  let cached: { at: number; report: Promise<HealthReport> } | undefined;
  const probe = async (name: string, check: () => Promise<void>): Promise<HealthReport['checks'][number]> => {
    const started = performance.now();
    try {
      await check();
      return { name, status: 'UP', data: { responseTimeMs: Math.round(performance.now() - started) } };
    } catch (error) {
      return { name, status: 'DOWN', data: { error: (error as Error).message } };
    }
  };
  const run = async (): Promise<HealthReport> => {
    const checks = await Promise.all([probe('ldap', () => ldap.check()), probe('imap', () => imap.check())]);
    return {
      status: checks.every((c) => c.status === 'UP') ? 'UP' : 'DOWN',
      checks,
      service: {
        name: `appsuite-middleware (signoff sandbox node ${route})`,
        version: SERVER_VERSION,
        buildDate: BUILD_DATE,
        date: new Date().toUTCString(),
        timeZone: Intl.DateTimeFormat().resolvedOptions().timeZone,
        locale: 'en_US',
        charset: 'UTF-8',
      },
    };
  };
  return () => {
    if (!cached || Date.now() - cached.at > CACHE_MS) cached = { at: Date.now(), report: run() };
    return cached.report;
  };
}
