/** Input of the API round-trip checks. */
import type { ImapTlsMode } from '../imap/session.ts';

export interface RoundTripAccount {
  /** OX login, user@context. */
  login: string;
  password: string;
  email: string;
}

export interface RoundTripTarget {
  baseUrl: string;
  apiPath: string;
  caFile?: string;
  imap: { host: string; port: number; tls: ImapTlsMode };
  /** When given, the password change is also checked with an LDAP bind (bindOnly DN). */
  ldap?: { url: string; startTls?: boolean; baseDnForContext: (contextId: number) => string; uidAttribute?: string };
}

export interface ApiRoundTripInput {
  target: RoundTripTarget;
  accounts: [RoundTripAccount, RoundTripAccount];
  /** Folder with *.vcf and *.ics files (fixtures/migration). */
  migrationDir: string;
  deliveryTimeoutMs?: number;
  requirementIds?: Record<string, string[]>;
  runDir: string;
  evidenceDir: string;
}
