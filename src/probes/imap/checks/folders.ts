/**
 * NAMESPACE, special-use folders and folder management, on the primary session.
 * Folder results are verified with LIST after every change, not taken from OK.
 */
import type { ListResponse } from 'imapflow';
import type { CheckResult } from '../../../model/types.ts';
import { makeCheck } from '../../common/check.ts';
import { Criteria } from '../../common/criteria.ts';
import { Transcript } from '../../common/transcript.ts';
import { hasCapability, oxCapability } from '../capabilities.ts';
import { IMAP_CHECKS, type ImapProbeContext } from '../context.ts';
import { attributeValues, quoted, rawCommand } from '../raw.ts';
import type { ImapSession } from '../session.ts';

/** Attribute → OX standard folder (ox-deployment.md §1.1, ListLsubCollection). */
export const OX_STANDARD_FOLDERS: readonly { attribute: string; oxFolder: string; required: boolean }[] = [
  { attribute: '\\Drafts', oxFolder: 'drafts', required: true },
  { attribute: '\\Sent', oxFolder: 'sent', required: true },
  { attribute: '\\Trash', oxFolder: 'trash', required: true },
  { attribute: '\\Junk', oxFolder: 'spam', required: true },
  { attribute: '\\Archive', oxFolder: 'archive', required: false },
];

export interface PersonalNamespace {
  prefix: string;
  delimiter: string;
}

/** The personal namespace as the session knows it (imapflow asks NAMESPACE or derives it from LIST). */
export function personalNamespace(session: ImapSession): PersonalNamespace {
  const ns = session.client.namespace;
  return { prefix: ns?.prefix ?? '', delimiter: ns?.delimiter ?? '/' };
}

export async function namespaceCheck(ctx: ImapProbeContext, session: ImapSession): Promise<CheckResult> {
  const startedAt = performance.now();
  const criteria = new Criteria();
  const transcript = new Transcript(ctx.secrets);
  session.useTranscript(transcript);
  const capability = oxCapability('NAMESPACE');
  const advertised = hasCapability(ctx.matrix.afterLogin, capability);
  criteria.add('NAMESPACE advertised', 'advertised (recommended)', advertised ? 'advertised' : `missing: ${capability.impact}`, advertised);
  if (advertised) {
    const responses = await criteria.attempt('NAMESPACE', 'OK', () => ctx.latency.time('NAMESPACE', () => rawCommand(session.client, 'NAMESPACE', false, ['NAMESPACE'])));
    if (responses) {
      const personal = responses[0]?.attributes?.[0];
      const first = Array.isArray(personal) ? personal[0] : undefined;
      const [prefix, delimiter] = Array.isArray(first) ? attributeValues(first) : [];
      criteria.add('personal namespace', 'a prefix and a hierarchy separator', first ? `prefix "${prefix}", separator "${delimiter}"` : 'NIL', delimiter !== undefined && delimiter !== '');
      // OX builds folder paths from this: it must agree with what LIST "" "" says.
      const root = await criteria.attempt('LIST "" ""', 'OK', () => ctx.latency.time('LIST', () => rawCommand(session.client, 'LIST', [quoted(''), quoted('')], ['LIST'])));
      const listDelimiter = root?.[0] ? attributeValues(root[0].attributes)[1] : undefined;
      if (root) criteria.add('separator agrees with LIST', `"${delimiter}"`, `"${listDelimiter}"`, listDelimiter === delimiter);
    }
  }
  session.useTranscript(undefined);
  const evidence = [await transcript.write(ctx.evidence, 'imap-namespace.txt', 'IMAP NAMESPACE (redacted)')];
  return makeCheck(IMAP_CHECKS.namespace, ctx.requirements, startedAt, { criteria: criteria.items, evidence });
}

export async function specialUseCheck(ctx: ImapProbeContext, session: ImapSession): Promise<CheckResult> {
  const startedAt = performance.now();
  const criteria = new Criteria();
  const transcript = new Transcript(ctx.secrets);
  session.useTranscript(transcript);
  const capability = oxCapability('SPECIAL-USE');
  const advertised = hasCapability(ctx.matrix.afterLogin, capability);
  criteria.add('SPECIAL-USE advertised', 'advertised (recommended; OX initWithSpecialUse=true)', advertised ? 'advertised' : `missing: ${capability.impact}`, advertised);
  const folders = await criteria.attempt('LIST "" "*"', 'OK', () => ctx.latency.time('LIST', () => session.client.list()));
  if (folders) {
    const inbox = folders.some((f) => f.path.toUpperCase() === 'INBOX');
    criteria.add('INBOX', 'listed', inbox ? 'listed' : 'not listed', inbox);
    for (const { attribute, oxFolder, required } of OX_STANDARD_FOLDERS) {
      // Only the server's own flag counts (imapflow also guesses from names, OX does not).
      const flagged = folders.find((f: ListResponse) => f.flags.has(attribute) || (f.specialUse === attribute && f.specialUseSource === 'extension'));
      const measured = flagged ? `${flagged.path} → OX ${oxFolder}${flagged.subscribed ? '' : ' (not subscribed)'}` : 'no folder flagged';
      criteria.add(`${attribute} folder`, required ? `a folder flagged ${attribute} (OX ${oxFolder})` : `optional (OX ${oxFolder})`, measured, !!flagged || !required);
    }
  }
  session.useTranscript(undefined);
  const evidence = [await transcript.write(ctx.evidence, 'imap-special-use.txt', 'IMAP LIST with special-use attributes (redacted)')];
  return makeCheck(IMAP_CHECKS.specialUse, ctx.requirements, startedAt, { criteria: criteria.items, evidence });
}

/**
 * OX probes `rootSubfoldersAllowed` by creating a folder at root level; users
 * create, rename and delete folders and subfolders. Each step is checked with LIST.
 */
export async function foldersCheck(ctx: ImapProbeContext, session: ImapSession): Promise<CheckResult> {
  const startedAt = performance.now();
  const criteria = new Criteria();
  const transcript = new Transcript(ctx.secrets);
  session.useTranscript(transcript);
  const { prefix, delimiter } = personalNamespace(session);
  const root = `${prefix}signoff-${ctx.token}-folder`;
  const renamed = `${prefix}signoff-${ctx.token}-renamed`;
  const sub = (parent: string): string => `${parent}${delimiter}sub`;
  const listed = async (): Promise<Set<string>> =>
    new Set((await ctx.latency.time('LIST', () => session.client.list({ listOnly: true }))).map((f) => f.path));
  const expectListed = async (name: string, paths: Record<string, boolean>): Promise<boolean> => {
    const now = await listed();
    const wrong = Object.entries(paths).filter(([path, present]) => now.has(path) !== present);
    const expected = Object.entries(paths).map(([path, present]) => `${present ? '+' : '-'}${path}`).join(' ');
    return criteria.add(name, expected, wrong.length ? `wrong: ${wrong.map(([p, present]) => `${p} ${present ? 'absent' : 'still listed'}`).join(', ')}` : 'as expected', wrong.length === 0);
  };
  try {
    const steps: [string, () => Promise<unknown>, Record<string, boolean>][] = [
      ['create root-level folder', () => session.client.mailboxCreate(root), { [root]: true }],
      ['create subfolder', () => session.client.mailboxCreate(sub(root)), { [sub(root)]: true }],
      ['rename folder with subfolder', () => session.client.mailboxRename(root, renamed), { [root]: false, [sub(root)]: false, [renamed]: true, [sub(renamed)]: true }],
      ['delete subfolder', () => session.client.mailboxDelete(sub(renamed)), { [sub(renamed)]: false, [renamed]: true }],
      ['delete root-level folder', () => session.client.mailboxDelete(renamed), { [renamed]: false }],
    ];
    for (const [name, step, expected] of steps) {
      const command = name.split(' ')[0]?.toUpperCase() ?? name;
      const done = await criteria.attempt(name, 'OK', () => ctx.latency.time(command, step));
      if (done === undefined || !(await expectListed(`${name}: LIST`, expected))) break;
    }
  } finally {
    session.useTranscript(undefined);
    // Leave nothing behind even when a step failed half-way.
    for (const leftover of [sub(root), root, sub(renamed), renamed]) await session.client.mailboxDelete(leftover).catch(() => undefined);
  }
  const evidence = [await transcript.write(ctx.evidence, 'imap-folders.txt', 'IMAP folder create/rename/delete (redacted)')];
  return makeCheck(IMAP_CHECKS.folders, ctx.requirements, startedAt, { criteria: criteria.items, evidence });
}
