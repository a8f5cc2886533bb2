/** The example report as a rate-limited run: OX client figures on the load and a failed rate-limit check with its hint. */
import { hintFor } from '../../src/errors.ts';
import type { OxClientFigures, RunReport } from '../../src/model/types.ts';
import { exampleReport } from './example-report.ts';

export const RATE_LIMITED: OxClientFigures = {
  rateLimited: 150,
  rateLimitedShare: 0.125,
  firstRateLimitedS: 12.5,
  rateLimitedByRoute: { OX1: 100, OX2: 50 },
  rateLimitedByAction: { 'mail.all': 150 },
  excludedFromLatency: 150,
  retries: { 'login-failed': 6, 'rate-limited': 40 },
  parked: { 'login-failed': 2 },
  warnings: { 'MSG-0113': 9 },
};

export function rateLimitedReport(): RunReport {
  const report = exampleReport();
  const load = report.load[0]!;
  load.oxClient = RATE_LIMITED;
  load.actions[0]!.rateLimited = 150;
  report.checks.unshift({
    id: 'load.webmail-user.rate-limit',
    title: 'webmail-user: the target rate-limited the load generator (HTTP 429)',
    family: 'load',
    status: 'failed',
    requirementIds: ['REQ-LOAD-01'],
    criteria: [
      { name: 'HTTP 429 answers (rate limited)', expected: '== 0', measured: '150 (12.5 % of 1200 requests)', passed: false },
      { name: 'first HTTP 429', expected: 'none', measured: 'after 12.5 s', passed: false },
    ],
    evidence: [{ kind: 'log', path: 'load/webmail/k6.log' }],
    durationMs: 30_000,
    hint: hintFor('TARGET_RATE_LIMITED'),
  });
  return report;
}
