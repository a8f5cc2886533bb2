/**
 * The shapes of a migrated-account verification run: input (CSV + target),
 * one failure per account with its reason codes, and the run's summary figures.
 */
import type { ImapTlsMode } from '../imap/session.ts';

/** Why an account did not verify; stable codes for reports, filters and --only-failed. */
export const FAILURE_REASONS = [
  'CSV_ROW_INVALID',
  'PASSWORD_MISSING',
  'LDAP_BIND_FAILED',
  'IMAP_LOGIN_FAILED',
  'IMAP_FOLDER_MISSING',
  'OX_LOGIN_FAILED',
  'OX_CALL_FAILED',
  'TLS_FAILED',
  'UNREACHABLE',
  'TIMEOUT',
] as const;

export type FailureReason = (typeof FAILURE_REASONS)[number];

export type VerificationStep = 'csv' | 'ldap' | 'imap' | 'ox';

export interface StepFailure {
  step: VerificationStep;
  reason: FailureReason;
  /** What the server or the transport said; never a password. */
  message: string;
}

export interface AccountFailure {
  /** OX login (user@context); for a row that did not parse, `line <n>`. */
  login: string;
  file: string;
  line: number;
  /** The first failing step's reason. */
  reason: FailureReason;
  failures: StepFailure[];
}

export interface AccountsSummary {
  csvFile: string;
  /** Rows in the CSV (parsed + invalid), or the subset selected by onlyLogins. */
  total: number;
  verified: number;
  failed: number;
  /** Accounts per reason; an account failing in two steps counts under both. */
  failedByReason: Partial<Record<FailureReason, number>>;
  concurrency: number;
  durationMs: number;
  accountsPerSecond: number;
  /** Steps that were configured (LDAP is optional). */
  steps: VerificationStep[];
}

export interface AccountsTarget {
  baseUrl: string;
  apiPath: string;
  caFile?: string;
  imap: { host: string; port: number; tls: ImapTlsMode };
  ldap?: {
    url: string;
    startTls?: boolean;
    /** bindOnly: the DN base under which `<uidAttribute>=<username>` lives for a context. */
    baseDnForContext: (contextId: number) => string;
    uidAttribute?: string;
  };
}

export interface VerifyAccountsInput {
  csvFile: string;
  target: AccountsTarget;
  /** Accounts verified at the same time (default 32). */
  concurrency?: number;
  /** Re-check only these OX logins (--only-failed). */
  onlyLogins?: Set<string>;
  /** Progress bar on stderr; default: only when stderr is a TTY. */
  progress?: boolean;
  /** Upper bound for one step of one account (connect + login + call), default 10 s. */
  stepTimeoutMs?: number;
  requirementIds?: Record<string, string[]>;
  runDir: string;
  evidenceDir: string;
  signal?: AbortSignal;
}
