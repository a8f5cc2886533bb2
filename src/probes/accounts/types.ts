/**
 * The shapes of a migrated-account verification run: input (CSV + target),
 * one failure per account with its reason codes, and the run's summary figures.
 */
import type { ImapTlsMode } from '../imap/session.ts';

import type { FailureReason, VerificationStep } from '../../model/probes.ts';

export { FAILURE_REASONS } from '../../model/probes.ts';
export type { AccountsSummary, FailureReason, VerificationStep } from '../../model/probes.ts';

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
  /**
   * The target's shared password (accounts.passwordEnv / passwordFile): used
   * for every row without its own password column; a row's own password wins.
   * Never written anywhere: it is redacted from every message like the rows' own.
   */
  sharedPassword?: string;
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
