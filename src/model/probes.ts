/**
 * The probes' summaries as the report carries them: the IMAP capability
 * matrix and per-command latency, the LDAP authentication summary, the
 * accounts verification figures and the GUI step timings.
 */

/** Latency per protocol command (nearest-rank percentiles, ms rounded to 0.1). */
export interface LatencySummary {
  count: number;
  p50: number;
  p95: number;
  max: number;
}

export type CapabilityLevel = 'required' | 'recommended' | 'feature' | 'informational';

export interface OxCapability {
  name: string;
  level: CapabilityLevel;
  /** What OX does with it. */
  oxUse: string;
  /** What OX (and so the customer) loses when it is missing: one sentence for the report. */
  impact: string;
  /** Alternatives that satisfy it (e.g. QUOTA=RES-STORAGE for QUOTA). */
  alternatives?: readonly string[];
}

export type CapabilityPresence = 'advertised' | 'missing';

export interface CapabilityMatrixRow extends OxCapability {
  beforeLogin: boolean;
  afterLogin: boolean;
  /** Judged after login (what an OX session sees). */
  presence: CapabilityPresence;
  /** true when the level makes absence a failure (required, recommended). */
  blocking: boolean;
}

export interface CapabilityMatrix {
  /** As advertised before authentication (after STARTTLS when used), upper-cased. */
  beforeLogin: string[];
  /** As advertised after authentication (what OX caches per session). */
  afterLogin: string[];
  rows: CapabilityMatrixRow[];
  /** Required/recommended capabilities not advertised. */
  missingBlocking: string[];
  /** Feature capabilities not advertised, with their impact. */
  missingFeatures: string[];
  /** Advertised capabilities OX does not read (for completeness). */
  other: string[];
}

export interface ImapSummary {
  matrix: CapabilityMatrix;
  latency: Record<string, LatencySummary>;
}

export type LdapAuthMode = 'bindOnly' | 'search';

export interface LdapModeOutcome {
  mode: LdapAuthMode;
  /** Accounts that authenticated in this mode, of all sample accounts. */
  succeeded: number;
  tried: number;
  /** Why it fails, when it does (first failure). */
  reason?: string;
}

export interface LdapSummary {
  url: string;
  transport: 'ldaps' | 'starttls' | 'plain';
  tls?: { protocol: string; authorized: boolean };
  boundAs: string;
  configuredMode: 'auto' | LdapAuthMode;
  modes: LdapModeOutcome[];
  /** The mode the remaining checks used; undefined when none works. */
  usedMode?: LdapAuthMode;
  userCount?: number;
  latency: Record<string, LatencySummary>;
}

/** Why an account did not verify; stable codes for reports, filters and --only-failed. */
export const FAILURE_REASONS = [
  'CSV_ROW_INVALID',
  'PASSWORD_MISSING',
  'LDAP_BIND_FAILED',
  'IMAP_LOGIN_FAILED',
  'IMAP_FOLDER_MISSING',
  'OX_LOGIN_FAILED',
  'OX_CALL_FAILED',
  'OX_IP_CHECK_FAILED',
  'TLS_FAILED',
  'UNREACHABLE',
  'TIMEOUT',
] as const;

export type FailureReason = (typeof FAILURE_REASONS)[number];

export type VerificationStep = 'csv' | 'ldap' | 'imap' | 'ox';

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

/** GUI step timings as `<project>.<check>.<step>` → ms, plus `gui.wallMs`. */
export type GuiTimings = Record<string, number>;

export interface GuiSummary {
  timings: GuiTimings;
}

/** What the probe families measured beyond their checks (each present when the family ran). */
export interface ProbeSummaries {
  imap?: ImapSummary;
  ldap?: LdapSummary;
  accounts?: AccountsSummary;
  gui?: GuiSummary;
}
