/**
 * CheckResults of a verification run: one summary check ("all migrated
 * accounts verified") and one check per failure reason that occurred, listing
 * the affected accounts with their CSV lines.
 */
import type { CheckResult, Criterion, Evidence } from '../../model/types.ts';
import { criterion, makeCheck, type CheckIdentity, type RequirementMap } from '../common/check.ts';
import { redactSecrets } from '../common/redact.ts';
import { FAILURE_REASONS, type AccountFailure, type AccountsSummary, type FailureReason } from './types.ts';

/** Criteria list at most this many accounts per reason; failures.json has all of them. */
const LISTED_PER_REASON = 25;

export const ACCOUNTS_SUMMARY_CHECK: CheckIdentity = {
  id: 'accounts.verified',
  title: 'All migrated accounts verified (LDAP bind, IMAP login and folders, OX login and API call)',
  family: 'accounts',
};

export function reasonCheckIdentity(reason: FailureReason): CheckIdentity {
  return { id: `accounts.reason.${reason.toLowerCase().replace(/_/g, '-')}`, title: `Accounts failing with ${reason}`, family: 'accounts' };
}

function summaryCriteria(summary: AccountsSummary): Criterion[] {
  const criteria = [criterion('accounts verified', `${summary.total} of ${summary.total}`, `${summary.verified} of ${summary.total}`, summary.verified === summary.total)];
  for (const reason of FAILURE_REASONS) {
    const count = summary.failedByReason[reason];
    if (count) criteria.push(criterion(`accounts failing with ${reason}`, '0', String(count), false));
  }
  // Informational: how fast the target verified, at which concurrency.
  criteria.push(criterion('verification rate', 'informational', `${summary.accountsPerSecond} accounts/s at concurrency ${summary.concurrency}`, true));
  return criteria;
}

function reasonCriteria(reason: FailureReason, affected: AccountFailure[], secrets: string[]): Criterion[] {
  const criteria = [criterion(`accounts failing with ${reason}`, '0', String(affected.length), false)];
  for (const failure of affected.slice(0, LISTED_PER_REASON)) {
    const messages = failure.failures.filter((f) => f.reason === reason).map((f) => `${f.step}: ${f.message}`);
    const where = failure.login.startsWith('line ') ? `${failure.file}:${failure.line}` : `${failure.login} (${failure.file}:${failure.line})`;
    criteria.push(criterion(where, 'verified', redactSecrets(messages.join('; '), secrets), false));
  }
  if (affected.length > LISTED_PER_REASON) {
    criteria.push(criterion('further accounts', 'none', `${affected.length - LISTED_PER_REASON} more in the failures file`, false));
  }
  return criteria;
}

export function accountsChecks(summary: AccountsSummary, failures: AccountFailure[], evidence: Evidence, requirements: RequirementMap, startedAt: number, secrets: string[]): CheckResult[] {
  const checks = [makeCheck(ACCOUNTS_SUMMARY_CHECK, requirements, startedAt, { criteria: summaryCriteria(summary), evidence: [evidence] })];
  for (const reason of FAILURE_REASONS) {
    const affected = failures.filter((f) => f.failures.some((s) => s.reason === reason));
    if (affected.length === 0) continue;
    const identity = reasonCheckIdentity(reason);
    // Per-reason checks inherit the summary's requirements unless mapped on their own.
    const mapped = requirements?.[identity.id] ? requirements : { [identity.id]: requirements?.[ACCOUNTS_SUMMARY_CHECK.id] ?? [] };
    checks.push(makeCheck(identity, mapped, startedAt, { criteria: reasonCriteria(reason, affected, secrets), evidence: [evidence] }));
  }
  return checks;
}
