/**
 * The IMAP compatibility probe: can OX App Suite work with this mail backend?
 * Opens one session to read the capabilities and TLS facts, then runs the
 * functional checks in order, each with its own redacted transcript.
 */
import { randomBytes } from 'node:crypto';
import type { CheckResult } from '../../model/types.ts';
import { SignoffError } from '../../errors.ts';
import { checkErrorOf, makeCheck, notRunCheck, type CheckIdentity, type RequirementMap } from '../common/check.ts';
import { LatencyRecorder, latencyCheck, type LatencySummary } from '../common/stats.ts';
import { loadCaTrust } from '../common/tls.ts';
import { Transcript } from '../common/transcript.ts';
import { buildCapabilityMatrix, type CapabilityMatrix } from './capabilities.ts';
import { capabilitiesCheck, tlsCheck } from './checks/connection.ts';
import { foldersCheck, namespaceCheck, specialUseCheck } from './checks/folders.ts';
import { idleCheck } from './checks/idle.ts';
import { loginCheck } from './checks/login.ts';
import { mailChecks } from './checks/mail.ts';
import { parallelSessionsCheck } from './checks/parallel.ts';
import { aclCheck, quotaCheck } from './checks/quota-acl.ts';
import { IMAP_CHECKS, type ImapProbeContext } from './context.ts';
import { openImapSession, type ImapAccount, type ImapEndpoint, type ImapSession, type ImapTlsMode } from './session.ts';

export interface ImapProbeInput {
  host: string;
  port: number;
  tls: ImapTlsMode;
  /** PEM CA file the server certificate must chain to (else the system store). */
  caFile?: string;
  /** The first account is used for the functional checks; all are logged in. */
  accounts: ImapAccount[];
  /** Check id → requirement ids it proves. */
  requirementIds?: Record<string, string[]>;
  /** Sessions of one user held at once (default 20; Dovecot's default limit is 10). */
  parallelSessions?: number;
  runDir: string;
  evidenceDir: string;
  signal?: AbortSignal;
}

export interface ImapProbeResult {
  checks: CheckResult[];
  matrix: CapabilityMatrix;
  /** Per IMAP command, over every session the probe opened. */
  latency: Record<string, LatencySummary>;
}

const FUNCTIONAL: readonly CheckIdentity[] = [
  IMAP_CHECKS.login, IMAP_CHECKS.namespace, IMAP_CHECKS.specialUse, IMAP_CHECKS.folders, IMAP_CHECKS.messages, IMAP_CHECKS.sort,
  IMAP_CHECKS.thread, IMAP_CHECKS.quota, IMAP_CHECKS.acl, IMAP_CHECKS.idle, IMAP_CHECKS.parallel, IMAP_CHECKS.latency,
];

/** Runs one check; a bug or a lost connection becomes an `error` result, never an exception. */
async function guarded(identity: CheckIdentity, requirements: RequirementMap, run: () => Promise<CheckResult | CheckResult[]>): Promise<CheckResult[]> {
  const startedAt = performance.now();
  try {
    const result = await run();
    return Array.isArray(result) ? result : [result];
  } catch (error) {
    return [makeCheck(identity, requirements, startedAt, { criteria: [], error: checkErrorOf(error, 'TARGET_UNREACHABLE') })];
  }
}

export async function runImapProbe(input: ImapProbeInput): Promise<ImapProbeResult> {
  const [primary] = input.accounts;
  if (!primary) throw new SignoffError('CONFIG_INVALID', 'imap probe: at least one account is needed');
  const requirements = input.requirementIds;
  const secrets = input.accounts.map((a) => a.password);
  const evidence = { runDir: input.runDir, evidenceDir: input.evidenceDir };
  const latency = new LatencyRecorder();
  const connectTranscript = new Transcript(secrets);
  const startedAt = performance.now();

  let endpoint: ImapEndpoint = { host: input.host, port: input.port, tls: input.tls, ...(input.caFile ? { caFile: input.caFile } : {}) };
  let session: ImapSession | SignoffError;
  try {
    const trust = await loadCaTrust(input.caFile);
    if (trust) endpoint = { ...endpoint, ...trust };
    session = await latency.time('LOGIN (connect+auth)', () => openImapSession(endpoint, primary, connectTranscript, input.signal));
  } catch (error) {
    session = error instanceof SignoffError ? error : new SignoffError('TARGET_UNREACHABLE', (error as Error).message, { cause: error });
  }
  const connectEvidence = [await connectTranscript.write(evidence, 'imap-connect.txt', 'IMAP greeting, TLS, CAPABILITY and LOGIN (redacted)')];
  const checks: CheckResult[] = [tlsCheck(endpoint, session, requirements, startedAt, connectEvidence)];

  if (!('client' in session)) {
    const failure = { code: session.code, message: session.message };
    const matrix = buildCapabilityMatrix([], []);
    checks.push(notRunCheck(IMAP_CHECKS.capabilities, requirements, failure), ...FUNCTIONAL.map((id) => notRunCheck(id, requirements, failure)));
    return { checks, matrix, latency: latency.summary() };
  }

  const primarySession = session;
  const matrix = buildCapabilityMatrix(primarySession.capabilitiesBeforeLogin, primarySession.capabilitiesAfterLogin);
  checks.push(capabilitiesCheck(matrix, requirements, startedAt, connectEvidence));
  const ctx: ImapProbeContext = {
    endpoint,
    accounts: input.accounts,
    primary,
    matrix,
    latency,
    secrets,
    evidence,
    requirements,
    token: randomBytes(4).toString('hex'),
    parallelSessions: input.parallelSessions ?? 20,
    ...(input.signal ? { signal: input.signal } : {}),
  };
  const plan: [CheckIdentity, () => Promise<CheckResult | CheckResult[]>][] = [
    [IMAP_CHECKS.login, () => loginCheck(ctx)],
    [IMAP_CHECKS.namespace, () => namespaceCheck(ctx, primarySession)],
    [IMAP_CHECKS.specialUse, () => specialUseCheck(ctx, primarySession)],
    [IMAP_CHECKS.folders, () => foldersCheck(ctx, primarySession)],
    [IMAP_CHECKS.messages, () => mailChecks(ctx, primarySession)],
    [IMAP_CHECKS.quota, () => quotaCheck(ctx, primarySession)],
    [IMAP_CHECKS.acl, () => aclCheck(ctx, primarySession)],
    [IMAP_CHECKS.idle, () => idleCheck(ctx)],
    [IMAP_CHECKS.parallel, () => parallelSessionsCheck(ctx)],
  ];
  try {
    for (const [identity, run] of plan) {
      if (input.signal?.aborted) {
        checks.push(notRunCheck(identity, requirements, { code: 'INTERRUPTED', message: 'the run was interrupted' }));
        continue;
      }
      checks.push(...(await guarded(identity, requirements, run)));
    }
  } finally {
    await primarySession.close();
  }
  const summary = latency.summary();
  checks.push(latencyCheck(IMAP_CHECKS.latency, summary, requirements));
  return { checks, matrix, latency: summary };
}
