/**
 * Verdicts on what the OX client met, beside the SLOs: HTTP 429 (the target
 * rate-limited the load generator), SES-0205 (the IP check ended sessions: a
 * balancer or egress problem, not churn) and AUTOLOGIN-OFF (a scenario relies
 * on autologin the target does not offer). Each names what to change on the
 * target. The rate-limit check is always there (a throttled load measures the
 * limiter, so a protocol should say it was not); the other two appear when seen.
 */
import { hintFor } from '../errors.ts';
import type { CheckResult, Criterion, Evidence, LoadResult } from '../model/types.ts';

export interface ClientCheckOptions {
  requirementIds: string[];
  evidence?: Evidence[];
  /** The client checked every answer against the contracts (--verify-responses): the contract check is reported. */
  verifiedResponses?: boolean;
}

/** ox_errors codes of the k6 client (src/k6): contract with the OX client. */
export const IP_CHECK_CODE = 'SES-0205';
export const AUTOLOGIN_OFF_CODE = 'AUTOLOGIN-OFF';
/** An answer that broke its wire contract (src/k6/contract.ts). */
export const CONTRACT_CODE = 'CONTRACT';

export const IP_CHECK_HINT =
  "OX's IP check (com.openexchange.IPCheck, default true) ended sessions because their client address changed: a deployment or balancer problem, not session churn. " +
  'Make the balancer pass the real client address in X-Forwarded-For (and OX trust it: com.openexchange.server.considerXForwards, com.openexchange.server.knownProxies), ' +
  'give the load generator one stable egress address, or, for the test only, list its client in com.openexchange.IPCheckWhitelist.';

export const AUTOLOGIN_HINT =
  'The scenario uses autologin, which this target refuses (com.openexchange.sessiond.autologin is false by default; OX then removes the session cookies). ' +
  'Enable it on the target (com.openexchange.sessiond.autologin=true) and set `autologin: true` on the target in signoff.config.ts, or use a scenario that logs in.';

export function clientChecks(result: LoadResult, options: ClientCheckOptions): CheckResult[] {
  const checks = [rateLimitCheck(result, options)];
  const ipCheck = codeCount(result, IP_CHECK_CODE);
  if (ipCheck > 0) {
    checks.push(
      codeCheck(result, options, {
        id: 'ip-check',
        code: IP_CHECK_CODE,
        title: "the target's IP check ended sessions (SES-0205): a deployment or balancer problem",
        name: 'answers SES-0205 (session IP changed)',
        count: ipCheck,
        hint: IP_CHECK_HINT,
      }),
    );
  }
  const autologin = codeCount(result, AUTOLOGIN_OFF_CODE);
  if (autologin > 0) {
    checks.push(
      codeCheck(result, options, { id: 'autologin', code: AUTOLOGIN_OFF_CODE, title: 'autologin is off on this target', name: 'autologin attempts refused', count: autologin, hint: AUTOLOGIN_HINT }),
    );
  }
  if (options.verifiedResponses) checks.push(contractCheck(result, options));
  return checks;
}

/** --verify-responses: every answer the load got had the shape OX's spec gives it. */
function contractCheck(result: LoadResult, options: ClientCheckOptions): CheckResult {
  const count = codeCount(result, CONTRACT_CODE);
  if (count > 0) {
    return codeCheck(result, options, {
      id: 'contract',
      code: CONTRACT_CODE,
      title: 'answers that break the OX wire contract (--verify-responses)',
      name: 'answers not matching their contract',
      count,
      hint: "k6.log names each action's first violation; the contracts are in src/contract, written from the OX HTTP API spec.",
    });
  }
  return {
    id: `load.${result.scenario}.contract`,
    title: `${result.scenario}: every answer matches the OX wire contract (--verify-responses)`,
    family: 'load',
    status: result.totals.requests === 0 ? 'skipped' : 'passed',
    requirementIds: options.requirementIds,
    criteria: [{ name: 'answers not matching their contract', expected: '== 0', measured: `0 of ${result.totals.requests}`, passed: true }],
    evidence: options.evidence ?? [],
    durationMs: 0,
  };
}

function rateLimitCheck(result: LoadResult, options: ClientCheckOptions): CheckResult {
  const figures = result.oxClient;
  const count = figures?.rateLimited ?? 0;
  const limited = count > 0;
  const criteria: Criterion[] = [
    { name: 'HTTP 429 answers (rate limited)', expected: '== 0', measured: `${count} (${percent(figures?.rateLimitedShare ?? 0)} of ${result.totals.requests} requests)`, passed: !limited },
  ];
  if (figures && limited) {
    if (figures.firstRateLimitedS !== null) criteria.push({ name: 'first HTTP 429', expected: 'none', measured: `after ${figures.firstRateLimitedS} s`, passed: false });
    for (const [route, n] of Object.entries(figures.rateLimitedByRoute)) {
      criteria.push({ name: `HTTP 429 on ${route === 'none' ? 'no node yet (before a session)' : route}`, expected: '== 0', measured: String(n), passed: false });
    }
    criteria.push({ name: 'latency samples excluded (HTTP 429)', expected: 'reported', measured: String(figures.excludedFromLatency), passed: true });
  }
  const check: CheckResult = {
    id: `load.${result.scenario}.rate-limit`,
    title: `${result.scenario}: ${limited ? 'the target rate-limited the load generator (HTTP 429)' : 'the target did not rate-limit the load generator (HTTP 429)'}`,
    family: 'load',
    status: result.totals.requests === 0 ? 'skipped' : limited ? 'failed' : 'passed',
    requirementIds: options.requirementIds,
    criteria,
    evidence: options.evidence ?? [],
    durationMs: 0,
  };
  if (limited) check.hint = hintFor('TARGET_RATE_LIMITED');
  return check;
}

interface CodeCheckSpec {
  id: string;
  code: string;
  title: string;
  name: string;
  count: number;
  hint: string;
}

function codeCheck(result: LoadResult, options: ClientCheckOptions, spec: CodeCheckSpec): CheckResult {
  // Located: which actions met the code, so the reader knows where the session went.
  const where = result.actions
    .filter((a) => (a.errorsByCode[spec.code] ?? 0) > 0)
    .map((a) => `${a.name} ${a.errorsByCode[spec.code]}`)
    .join(', ');
  return {
    id: `load.${result.scenario}.${spec.id}`,
    title: `${result.scenario}: ${spec.title}`,
    family: 'load',
    status: 'failed',
    requirementIds: options.requirementIds,
    criteria: [{ name: spec.name, expected: '== 0', measured: where ? `${spec.count} (${where})` : String(spec.count), passed: false }],
    evidence: options.evidence ?? [],
    durationMs: 0,
    hint: spec.hint,
  };
}

function codeCount(result: LoadResult, code: string): number {
  return result.actions.reduce((sum, a) => sum + (a.errorsByCode[code] ?? 0), 0);
}

function percent(ratio: number): string {
  const value = ratio * 100;
  return `${value === 0 ? '0' : value >= 10 ? value.toFixed(1) : value.toFixed(2)} %`;
}
