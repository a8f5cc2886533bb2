/**
 * Check statuses as the run verdict needs them. The probes say `error` for
 * "could not judge"; for the verdict that splits in three:
 *   - "not run" because an earlier check of the family failed → `skipped`
 *     (as the runner reports tasks that never ran: the requirement is unverified,
 *     the cause is the failed check before it);
 *   - refused by the target (a code that is not one of our infrastructure codes,
 *     e.g. OX_LOGIN_FAILED, IMAP_AUTH_FAILED) → `failed`: the deployment answered, wrongly;
 *   - our infrastructure codes (TARGET_UNREACHABLE, TLS_FAILED, INTERNAL, …) stay `error` (exit 3).
 * The error itself is kept on the check either way.
 */
import { EXIT, SignoffError } from '../../errors.ts';
import type { CheckResult } from '../../model/types.ts';

const NOT_RUN = 'not run: ';

function isInfrastructureCode(code: string): boolean {
  try {
    // Only catalogue codes have an exit code; constructing one is the lookup.
    return new SignoffError(code as never, '').exitCode !== EXIT.acceptanceFailed;
  } catch {
    return false;
  }
}

export function triageCheck(check: CheckResult): CheckResult {
  if (check.status !== 'error' || !check.error) return check;
  if (check.error.message.startsWith(NOT_RUN)) return { ...check, status: 'skipped' };
  if (!isInfrastructureCode(check.error.code)) return { ...check, status: 'failed' };
  return check;
}
