/**
 * The IMAP capabilities OX App Suite reads, how much it depends on each, and
 * what a user loses when the backend does not advertise it. Source:
 * ox-deployment.md §1.1–1.2 (OX's IMAPCapabilities / IMAPConfig / imap.properties).
 *
 * Levels, and what the probe does when a capability is not advertised:
 * - required:      OX's defaults assume it → the matrix check and the dependent check FAIL.
 * - recommended:   OX degrades (sorting in memory, no quota bar, …) in ways an
 *                  acceptance would not accept silently → they also FAIL.
 * - feature:       needed only for one feature (sharing, threads, …) → dependent
 *                  checks are SKIPPED and the impact is written into the report.
 * - informational: used when present, never decides a verdict (not verified in OX code).
 * OX branches on the advertisement, not on what a command would do, so the probe does too.
 */

import type { CapabilityMatrix, CapabilityMatrixRow, OxCapability } from '../../model/probes.ts';

export type { CapabilityLevel, CapabilityMatrix, CapabilityMatrixRow, CapabilityPresence, OxCapability } from '../../model/probes.ts';

export const OX_CAPABILITIES: readonly OxCapability[] = [
  { name: 'IMAP4rev1', level: 'required', oxUse: 'Server-side SEARCH (imapSearch=force-imap by default).', impact: 'OX cannot search on the server; searches fall back to loading whole folders into the middleware.', alternatives: ['IMAP4', 'IMAP4rev2'] },
  { name: 'SORT', level: 'recommended', oxUse: 'Server-side sort of the mail list (imapSort=imap).', impact: 'Mail lists are sorted in the middleware\'s memory: slow and memory-hungry on large folders.' },
  { name: 'NAMESPACE', level: 'recommended', oxUse: 'Personal/shared namespace prefix per user (namespacePerUser=true).', impact: 'OX must guess the folder prefix and separator; shared and public folders are not found.' },
  { name: 'UIDPLUS', level: 'recommended', oxUse: 'UIDs of appended and copied messages (APPENDUID/COPYUID).', impact: 'After saving a draft or moving a mail OX must search for the new UID, costing extra round trips.' },
  { name: 'QUOTA', level: 'recommended', oxUse: 'Mail quota display (GETQUOTAROOT).', impact: 'Users see no quota bar and are not warned before their mailbox is full.', alternatives: ['QUOTA=RES-STORAGE', 'QUOTA=RES-MESSAGE'] },
  { name: 'SPECIAL-USE', level: 'recommended', oxUse: 'Standard folders (Sent, Drafts, Trash, Spam) from LIST (SPECIAL-USE) (initWithSpecialUse=true).', impact: 'Standard folders are found only by configured names; mismatches create duplicate Sent/Trash folders.' },
  { name: 'CHILDREN', level: 'recommended', oxUse: '\\HasChildren/\\HasNoChildren in the folder tree.', impact: 'The folder tree must probe every folder for subfolders: slower tree rendering.' },
  { name: 'IDLE', level: 'recommended', oxUse: 'Push of new mail to the UI.', impact: 'New mail appears only when the UI polls; no push notification.' },
  { name: 'ACL', level: 'feature', oxUse: 'Folder permissions and sharing (imapSupportsACL=auto).', impact: 'Mail folders cannot be shared with other users.' },
  { name: 'THREAD=REFERENCES', level: 'feature', oxUse: 'Conversation (thread) view.', impact: 'The threaded/conversation view is not available or built in memory.' },
  { name: 'THREAD=ORDEREDSUBJECT', level: 'informational', oxUse: 'Subject-based threading flag.', impact: 'None if THREAD=REFERENCES is present.' },
  { name: 'SEARCH=X-MIMEPART', level: 'feature', oxUse: 'Search by attachment file name.', impact: 'Searching for attachment names is not offered.' },
  { name: 'PREVIEW', level: 'feature', oxUse: 'Text previews in the mail list (RFC 8970).', impact: 'No text snippets in the mail list unless SNIPPET=FUZZY/PREVIEW=FUZZY is present.', alternatives: ['PREVIEW=FUZZY', 'SNIPPET=FUZZY'] },
  { name: 'FILTER=SIEVE', level: 'feature', oxUse: 'Apply mail filter rules to existing messages.', impact: '"Apply rule to existing mail" is not available.' },
  { name: 'METADATA', level: 'feature', oxUse: 'Dovecot push (open-xchange-push-dovecot) unless doveadm is preferred.', impact: 'Dovecot push cannot register over IMAP; needs preferDoveadmForMetadata=true.' },
  { name: 'CONDSTORE', level: 'informational', oxUse: 'Flag recorded (RFC 7162).', impact: 'Flag changes must be re-fetched instead of synchronised incrementally.' },
  { name: 'QRESYNC', level: 'informational', oxUse: 'Quick resynchronisation (RFC 7162).', impact: 'Reconnecting clients re-read folder state.' },
  { name: 'MOVE', level: 'informational', oxUse: 'JavaMail moves with MOVE when advertised (unverified in OX code).', impact: 'Moves become COPY + STORE \\Deleted + EXPUNGE: more round trips, not atomic.' },
  { name: 'ESEARCH', level: 'informational', oxUse: 'Compact search results (unverified in OX code).', impact: 'Large search results are transferred as full UID lists.' },
  { name: 'LIST-STATUS', level: 'informational', oxUse: 'Folder counts with LIST (unverified in OX code).', impact: 'One STATUS per folder for unread counts.' },
  { name: 'LITERAL+', level: 'informational', oxUse: 'Non-synchronising literals (unverified in OX code).', impact: 'One extra round trip per literal (APPEND, long names).' },
  { name: 'ID', level: 'informational', oxUse: 'Client identification (unverified in OX code).', impact: 'The server log cannot tell OX sessions apart from other clients.' },
  { name: 'ENABLE', level: 'informational', oxUse: 'Enabling CONDSTORE/QRESYNC (unverified in OX code).', impact: 'Extensions that need ENABLE stay off.' },
  { name: 'BINARY', level: 'informational', oxUse: 'Server-side decoding of attachments.', impact: 'Attachments are transferred encoded and decoded by the middleware.' },
];


const upper = (names: Iterable<string>): string[] => [...new Set([...names].map((n) => n.toUpperCase()))];

export function hasCapability(advertised: readonly string[], capability: OxCapability | string): boolean {
  const set = new Set(advertised.map((n) => n.toUpperCase()));
  const names = typeof capability === 'string' ? [capability] : [capability.name, ...(capability.alternatives ?? [])];
  return names.some((n) => set.has(n.toUpperCase()));
}

export function oxCapability(name: string): OxCapability {
  const found = OX_CAPABILITIES.find((c) => c.name === name);
  if (!found) throw new Error(`unknown OX capability ${name}`);
  return found;
}

/** Pure: the matrix from the two CAPABILITY lists. */
export function buildCapabilityMatrix(beforeLogin: Iterable<string>, afterLogin: Iterable<string>): CapabilityMatrix {
  const before = upper(beforeLogin);
  const after = upper(afterLogin);
  const rows = OX_CAPABILITIES.map((capability): CapabilityMatrixRow => {
    const afterLoginPresent = hasCapability(after, capability);
    return {
      ...capability,
      beforeLogin: hasCapability(before, capability),
      afterLogin: afterLoginPresent,
      presence: afterLoginPresent ? 'advertised' : 'missing',
      blocking: capability.level === 'required' || capability.level === 'recommended',
    };
  });
  const known = new Set(OX_CAPABILITIES.flatMap((c) => [c.name, ...(c.alternatives ?? [])].map((n) => n.toUpperCase())));
  return {
    beforeLogin: before,
    afterLogin: after,
    rows,
    missingBlocking: rows.filter((r) => r.blocking && r.presence === 'missing').map((r) => r.name),
    missingFeatures: rows.filter((r) => r.level === 'feature' && r.presence === 'missing').map((r) => r.name),
    other: after.filter((n) => !known.has(n) && !n.startsWith('AUTH=')),
  };
}
