/**
 * Building CheckResults the same way in every probe: criteria decide the
 * status, a check that throws becomes `error` with a stable code, and a
 * check whose precondition is absent is `skipped` with the reason as a criterion.
 */
import type { CheckFamily, CheckResult, CheckStatus, Criterion, Evidence } from '../../model/types.ts';
import { isSignoffError } from '../../errors.ts';

export interface CheckIdentity {
  id: string;
  title: string;
  family: CheckFamily;
}

export function criterion(name: string, expected: string, measured: string, passed: boolean): Criterion {
  return { name, expected, measured, passed };
}

export function statusOf(criteria: readonly Criterion[]): CheckStatus {
  return criteria.length > 0 && criteria.every((c) => c.passed) ? 'passed' : 'failed';
}

/** Error as it appears in a CheckResult: our code when we have one, else the library's message. */
export function checkErrorOf(error: unknown, fallbackCode: string): { code: string; message: string } {
  if (isSignoffError(error)) return { code: error.code, message: error.message };
  const message = error instanceof Error ? error.message : String(error);
  return { code: fallbackCode, message };
}

export interface CheckParts {
  criteria: Criterion[];
  evidence?: Evidence[];
  status?: CheckStatus;
  error?: { code: string; message: string };
}

/** Looks up requirement ids by check id (the caller maps checks to requirements). */
export type RequirementMap = Record<string, string[]> | undefined;

export function makeCheck(identity: CheckIdentity, requirements: RequirementMap, startedAt: number, parts: CheckParts): CheckResult {
  const result: CheckResult = {
    ...identity,
    status: parts.status ?? (parts.error ? 'error' : statusOf(parts.criteria)),
    requirementIds: requirements?.[identity.id] ?? [],
    criteria: parts.criteria,
    evidence: parts.evidence ?? [],
    durationMs: Math.round(performance.now() - startedAt),
  };
  if (parts.error) result.error = parts.error;
  return result;
}

export function skippedCheck(identity: CheckIdentity, requirements: RequirementMap, reason: Criterion): CheckResult {
  return makeCheck(identity, requirements, performance.now(), { criteria: [reason], status: 'skipped' });
}

/** A check that could not run because an earlier step (connection, TLS) failed. */
export function notRunCheck(identity: CheckIdentity, requirements: RequirementMap, error: { code: string; message: string }): CheckResult {
  return makeCheck(identity, requirements, performance.now(), {
    criteria: [],
    status: 'error',
    error: { code: error.code, message: `not run: ${error.message}` },
  });
}
