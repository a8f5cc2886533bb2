/**
 * What every IMAP check receives, and the check identities (stable ids the
 * suites map requirements to).
 */
import type { CheckIdentity, RequirementMap } from '../common/check.ts';
import type { LatencyRecorder } from '../common/stats.ts';
import type { EvidenceTarget } from '../common/transcript.ts';
import type { CapabilityMatrix } from './capabilities.ts';
import type { ImapAccount, ImapEndpoint } from './session.ts';

export interface ImapProbeContext {
  endpoint: ImapEndpoint;
  accounts: ImapAccount[];
  /** The account the functional checks work with (the first one). */
  primary: ImapAccount;
  matrix: CapabilityMatrix;
  latency: LatencyRecorder;
  /** Every password in play: redacted from every transcript. */
  secrets: string[];
  evidence: EvidenceTarget;
  requirements: RequirementMap;
  /** Unique per run: names the probe's scratch folders so runs never collide. */
  token: string;
  parallelSessions: number;
  signal?: AbortSignal;
}

const imap = (id: string, title: string): CheckIdentity => ({ id: `imap.${id}`, title, family: 'imap' });

export const IMAP_CHECKS = {
  tls: imap('tls', 'IMAP connection is encrypted and its certificate is trusted'),
  capabilities: imap('capabilities', 'IMAP server advertises the capabilities OX App Suite relies on'),
  login: imap('login', 'Every sample account can log in over IMAP'),
  namespace: imap('namespace', 'IMAP NAMESPACE gives the personal folder prefix and separator'),
  specialUse: imap('special-use', 'Special-use folders exist and map to the OX standard folders'),
  folders: imap('folders', 'Folders can be created, renamed and deleted at root level and below'),
  messages: imap('messages', 'Messages round-trip: APPEND, FETCH, SEARCH, STORE and MOVE return what was written'),
  sort: imap('sort', 'Server-side SORT orders messages as OX requests'),
  thread: imap('thread', 'Server-side THREAD=REFERENCES groups replies with their originals'),
  quota: imap('quota', 'Mail quota is reported (GETQUOTAROOT)'),
  acl: imap('acl', 'Folder rights are reported (MYRIGHTS, GETACL)'),
  idle: imap('idle', 'IDLE reports a message appended by another connection'),
  parallel: imap('parallel-sessions', 'One user can hold the parallel sessions OX opens'),
  latency: imap('latency', 'IMAP command latency (p50/p95 per command)'),
} as const satisfies Record<string, CheckIdentity>;
