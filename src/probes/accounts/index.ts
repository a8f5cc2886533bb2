export { verifyAccounts, type VerifyAccountsResult } from './verify.ts';
export { readFailedLogins, FAILURES_FILE } from './only-failed.ts';
export { ACCOUNTS_SUMMARY_CHECK, reasonCheckIdentity } from './results.ts';
export type { AccountFailure, AccountsSummary, AccountsTarget, FailureReason, StepFailure, VerifyAccountsInput } from './types.ts';
export { FAILURE_REASONS } from './types.ts';
