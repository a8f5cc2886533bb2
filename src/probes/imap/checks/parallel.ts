/**
 * N sessions of one user at the same time. OX opens many IMAP connections per
 * user from one middleware IP; Dovecot's default mail_max_userip_connections=10
 * would refuse the 11th with NO [LIMIT].
 */
import type { CheckResult } from '../../../model/types.ts';
import { makeCheck } from '../../common/check.ts';
import { Criteria, describeError } from '../../common/criteria.ts';
import { Transcript } from '../../common/transcript.ts';
import { IMAP_CHECKS, type ImapProbeContext } from '../context.ts';
import { openImapSession, type ImapSession } from '../session.ts';

export async function parallelSessionsCheck(ctx: ImapProbeContext): Promise<CheckResult> {
  const startedAt = performance.now();
  const criteria = new Criteria();
  // Only failures are worth keeping: 20 full session transcripts would drown the evidence.
  const transcript = new Transcript(ctx.secrets, 200);
  const attempts = Array.from({ length: ctx.parallelSessions }, async (_, index) => {
    const session = await ctx.latency.time('LOGIN (parallel)', () => openImapSession(ctx.endpoint, ctx.primary, undefined, ctx.signal));
    // A selected mailbox makes it a working session, as OX holds them.
    await session.client.mailboxOpen('INBOX', { readOnly: true }).catch(async (error: unknown) => {
      await session.close();
      throw error;
    });
    return { index, session };
  });
  const outcomes = await Promise.allSettled(attempts);
  const open: ImapSession[] = [];
  const failures: string[] = [];
  outcomes.forEach((outcome, index) => {
    if (outcome.status === 'fulfilled') open.push(outcome.value.session);
    else {
      failures.push(describeError(outcome.reason));
      transcript.add(`session ${index + 1}: ${describeError(outcome.reason)}`);
    }
  });
  // Every session must still answer while all are open.
  const alive = await Promise.allSettled(open.map((s) => s.client.noop()));
  const answering = alive.filter((a) => a.status === 'fulfilled').length;
  await Promise.allSettled(open.map((s) => s.close()));
  const distinct = [...new Set(failures)];
  criteria.add(
    `parallel sessions of ${ctx.primary.login}`,
    `${ctx.parallelSessions} open at once`,
    `${answering} open and answering${distinct.length ? `; refused: ${distinct.join(' | ')}` : ''}`,
    answering === ctx.parallelSessions,
  );
  const evidence = failures.length ? [await transcript.write(ctx.evidence, 'imap-parallel-sessions.txt', 'Refused parallel IMAP sessions')] : [];
  return makeCheck(IMAP_CHECKS.parallel, ctx.requirements, startedAt, { criteria: criteria.items, evidence });
}
