/**
 * State-tracked message checks in the spirit of Dovecot imaptest: the probe
 * keeps a model of what it wrote (subjects, Message-IDs, flags, UIDs) and
 * compares every server answer with it. One scratch folder feeds three checks:
 * messages (APPEND/FETCH/SEARCH/STORE/MOVE), SORT and THREAD.
 */
import type { CheckResult } from '../../../model/types.ts';
import { makeCheck, notRunCheck, skippedCheck } from '../../common/check.ts';
import { Criteria } from '../../common/criteria.ts';
import { Transcript } from '../../common/transcript.ts';
import { hasCapability, oxCapability } from '../capabilities.ts';
import { IMAP_CHECKS, type ImapProbeContext } from '../context.ts';
import { buildProbeMessages, PROBE_FROM, type ProbeMessage } from '../messages.ts';
import { atom, rawCommand, sortNumbers, threadGroups } from '../raw.ts';
import type { ImapSession } from '../session.ts';
import { personalNamespace } from './folders.ts';

type Label = ProbeMessage['label'];
const sameList = (a: readonly unknown[], b: readonly unknown[]): boolean => a.length === b.length && a.every((v, i) => v === b[i]);
const sortedFlags = (flags: Iterable<string>): string[] => [...flags].filter((f) => f !== '\\Recent').sort();

export async function mailChecks(ctx: ImapProbeContext, session: ImapSession): Promise<CheckResult[]> {
  const startedAt = performance.now();
  const criteria = new Criteria();
  const transcript = new Transcript(ctx.secrets);
  session.useTranscript(transcript);
  const client = session.client;
  const { prefix } = personalNamespace(session);
  const work = `${prefix}signoff-${ctx.token}-mail`;
  const target = `${prefix}signoff-${ctx.token}-moved`;
  const time = <T>(command: string, op: () => Promise<T>): Promise<T> => ctx.latency.time(command, op);
  const uids = new Map<Label, number>();
  let sort: CheckResult | undefined;
  let thread: CheckResult | undefined;
  try {
    const messages = await buildProbeMessages(ctx.token, ctx.primary.login);
    const created = await criteria.attempt('create scratch folders', 'OK', async () => {
      await time('CREATE', () => client.mailboxCreate(work));
      await time('CREATE', () => client.mailboxCreate(target));
      return true;
    });
    if (!created) throw new Stop();

    // APPEND: with UIDPLUS the server must name the new UID (OX relies on it after saving a draft).
    const uidplus = hasCapability(ctx.matrix.afterLogin, 'UIDPLUS');
    for (const message of messages) {
      const appended = await criteria.attempt(`APPEND ${message.label}`, 'OK', () => time('APPEND', () => client.append(work, message.raw, message.flags, message.date)));
      if (!appended) throw new Stop();
      if (uidplus) criteria.add(`APPENDUID ${message.label}`, 'UID returned (UIDPLUS)', appended.uid ? `UID ${appended.uid}` : 'none', !!appended.uid);
    }
    const box = await time('SELECT', () => client.mailboxOpen(work));
    criteria.add('SELECT message count', `${messages.length} messages`, `${box.exists} messages`, box.exists === messages.length);

    // FETCH: envelope, body and flags must be what was appended.
    const fetched = await time('FETCH', () => client.fetchAll('1:*', { uid: true, envelope: true, flags: true, source: true }));
    for (const message of messages) {
      const got = fetched.find((f) => f.envelope?.messageId === message.messageId);
      if (!got) {
        criteria.add(`FETCH ${message.label}`, `Message-ID ${message.messageId}`, 'not found', false);
        continue;
      }
      uids.set(message.label, got.uid);
      const problems: string[] = [];
      if (got.envelope?.subject !== message.subject) problems.push(`subject "${got.envelope?.subject}"`);
      if (got.envelope?.from?.[0]?.address !== PROBE_FROM) problems.push(`from ${got.envelope?.from?.[0]?.address}`);
      if (message.inReplyTo && got.envelope?.inReplyTo !== message.inReplyTo) problems.push(`in-reply-to ${got.envelope?.inReplyTo}`);
      if (!got.source?.toString('utf8').includes(message.bodyToken)) problems.push('body token missing');
      if (!sameList(sortedFlags(got.flags ?? []), sortedFlags(message.flags))) problems.push(`flags ${sortedFlags(got.flags ?? []).join(' ') || '(none)'}`);
      criteria.add(`FETCH ${message.label}`, `envelope, body and flags as appended (${message.flags.join(' ') || 'no flags'})`, problems.length ? problems.join('; ') : 'as appended', problems.length === 0);
    }
    if (uids.size !== messages.length) throw new Stop();
    const uid = (label: Label): number => uids.get(label) as number;

    // SEARCH by subject and by flag state.
    const bySubject = await time('SEARCH', () => client.search({ subject: `${ctx.token} alpha` }, { uid: true }));
    criteria.add('SEARCH SUBJECT', `UID ${uid('b')}`, `${(bySubject || []).join(',') || 'none'}`, sameList(bySubject || [], [uid('b')]));
    const unseen = await time('SEARCH', () => client.search({ seen: false }, { uid: true }));
    const expectedUnseen = (['b', 'c', 'd'] as const).map(uid);
    criteria.add('SEARCH UNSEEN', expectedUnseen.join(','), `${(unseen || []).join(',') || 'none'}`, sameList([...(unseen || [])].sort((x, y) => x - y), expectedUnseen));

    // STORE: add and remove flags, then read them back.
    await time('STORE', () => client.messageFlagsAdd(String(uid('c')), ['\\Flagged'], { uid: true }));
    await time('STORE', () => client.messageFlagsRemove(String(uid('a')), ['\\Seen'], { uid: true }));
    const after = await time('FETCH', () => client.fetchAll(`${uid('a')},${uid('c')}`, { uid: true, flags: true }, { uid: true }));
    const flagsOf = (label: Label): string[] => sortedFlags(after.find((f) => f.uid === uid(label))?.flags ?? []);
    criteria.add('STORE +FLAGS \\Flagged', `c: \\Flagged`, flagsOf('c').join(' ') || '(none)', sameList(flagsOf('c'), ['\\Flagged']));
    criteria.add('STORE -FLAGS \\Seen', 'a: no flags', flagsOf('a').join(' ') || '(none)', flagsOf('a').length === 0);

    // MOVE (or COPY + EXPUNGE when MOVE is not advertised: imapflow falls back like JavaMail).
    const how = hasCapability(ctx.matrix.afterLogin, 'MOVE') ? 'MOVE' : 'COPY+EXPUNGE';
    const moved = await criteria.attempt(how, 'OK', () => time(how, () => client.messageMove(String(uid('d')), target, { uid: true })));
    if (moved) {
      const left = await time('SEARCH', () => client.search({ all: true }, { uid: true }));
      const expectedLeft = (['a', 'b', 'c'] as const).map(uid);
      criteria.add(`${how}: source`, `UIDs ${expectedLeft.join(',')}`, (left || []).join(','), sameList([...(left || [])].sort((x, y) => x - y), expectedLeft));
      const status = await time('STATUS', () => client.status(target, { messages: true }));
      criteria.add(`${how}: destination`, '1 message', `${status ? status.messages : '?'} message(s)`, !!status && status.messages === 1);
    }

    sort = await sortCheck(ctx, session, uid);
    thread = await threadCheck(ctx, session, uid);
  } catch (error) {
    if (!(error instanceof Stop)) criteria.add('message round trip', 'completes', `aborted: ${(error as Error).message}`, false);
  } finally {
    session.useTranscript(undefined);
    await client.mailboxClose().catch(() => undefined);
    for (const folder of [work, target]) await client.mailboxDelete(folder).catch(() => undefined);
  }
  const evidence = [await transcript.write(ctx.evidence, 'imap-messages.txt', 'IMAP APPEND/FETCH/SEARCH/STORE/MOVE/SORT/THREAD (redacted)')];
  const messagesResult = makeCheck(IMAP_CHECKS.messages, ctx.requirements, startedAt, { criteria: criteria.items, evidence });
  const notRun = { code: 'PRECONDITION_FAILED', message: 'the message fixture (imap.messages) did not complete' };
  return [
    messagesResult,
    sort ?? notRunCheck(IMAP_CHECKS.sort, ctx.requirements, notRun),
    thread ?? notRunCheck(IMAP_CHECKS.thread, ctx.requirements, notRun),
  ].map((check) => (check.evidence.length || check.status === 'skipped' ? check : { ...check, evidence }));
}

/** Thrown to leave the fixture early; the failed criterion is already recorded. */
class Stop extends Error {}

async function sortCheck(ctx: ImapProbeContext, session: ImapSession, uid: (label: Label) => number): Promise<CheckResult> {
  const startedAt = performance.now();
  const criteria = new Criteria();
  const capability = oxCapability('SORT');
  if (!hasCapability(ctx.matrix.afterLogin, capability)) {
    // Recommended: OX's default imapSort=imap expects it, so its absence fails.
    criteria.add('SORT advertised', 'advertised (recommended)', `missing: ${capability.impact}`, false);
    return makeCheck(IMAP_CHECKS.sort, ctx.requirements, startedAt, { criteria: criteria.items });
  }
  // Base subjects: alpha (b) < bravo (a, and c = "Re: … bravo"); ties go by sequence number (RFC 5256).
  const bySubject = await criteria.attempt('UID SORT (SUBJECT)', 'OK', () =>
    ctx.latency.time('SORT', () => rawCommand(session.client, 'UID SORT', [[atom('SUBJECT')], atom('UTF-8'), atom('ALL')], ['SORT'])),
  );
  if (bySubject) {
    const expected = (['b', 'a', 'c'] as const).map(uid);
    const got = sortNumbers(bySubject);
    criteria.add('SORT (SUBJECT)', expected.join(','), got.join(','), sameList(got, expected));
  }
  const byDate = await criteria.attempt('UID SORT (REVERSE DATE)', 'OK', () =>
    ctx.latency.time('SORT', () => rawCommand(session.client, 'UID SORT', [[atom('REVERSE'), atom('DATE')], atom('UTF-8'), atom('ALL')], ['SORT'])),
  );
  if (byDate) {
    const expected = (['c', 'b', 'a'] as const).map(uid);
    const got = sortNumbers(byDate);
    criteria.add('SORT (REVERSE DATE)', expected.join(','), got.join(','), sameList(got, expected));
  }
  return makeCheck(IMAP_CHECKS.sort, ctx.requirements, startedAt, { criteria: criteria.items });
}

async function threadCheck(ctx: ImapProbeContext, session: ImapSession, uid: (label: Label) => number): Promise<CheckResult> {
  const startedAt = performance.now();
  const capability = oxCapability('THREAD=REFERENCES');
  if (!hasCapability(ctx.matrix.afterLogin, capability)) {
    // A feature capability: the check is skipped and the report says what is lost.
    return skippedCheck(IMAP_CHECKS.thread, ctx.requirements, {
      name: 'THREAD=REFERENCES advertised',
      expected: 'advertised (feature: conversation view)',
      measured: `missing: ${capability.impact}`,
      passed: false,
    });
  }
  const criteria = new Criteria();
  const threads = await criteria.attempt('UID THREAD REFERENCES', 'OK', () =>
    ctx.latency.time('THREAD', () => rawCommand(session.client, 'UID THREAD', [atom('REFERENCES'), atom('UTF-8'), atom('ALL')], ['THREAD'])),
  );
  if (threads) {
    const groups = threadGroups(threads).map((g) => [...g].sort((x, y) => x - y).join('+')).sort();
    const expected = [[uid('a'), uid('c')].sort((x, y) => x - y).join('+'), String(uid('b'))].sort();
    criteria.add('threads', `${expected.join(' | ')} (reply grouped with its original)`, groups.join(' | '), sameList(groups, expected));
  }
  return makeCheck(IMAP_CHECKS.thread, ctx.requirements, startedAt, { criteria: criteria.items });
}
