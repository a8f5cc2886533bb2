/** Every sample account logs in (LOGIN) and can open its INBOX. */
import type { CheckResult } from '../../../model/types.ts';
import { makeCheck } from '../../common/check.ts';
import { Criteria, describeError } from '../../common/criteria.ts';
import { Transcript } from '../../common/transcript.ts';
import { IMAP_CHECKS, type ImapProbeContext } from '../context.ts';
import { openImapSession } from '../session.ts';

export async function loginCheck(ctx: ImapProbeContext): Promise<CheckResult> {
  const startedAt = performance.now();
  const criteria = new Criteria();
  const transcript = new Transcript(ctx.secrets);
  for (const account of ctx.accounts) {
    transcript.add(`== login ${account.login}`);
    try {
      const session = await ctx.latency.time('LOGIN (connect+auth)', () => openImapSession(ctx.endpoint, account, transcript, ctx.signal));
      try {
        const inbox = await ctx.latency.time('SELECT', () => session.client.mailboxOpen('INBOX', { readOnly: true }));
        criteria.add(`login ${account.login}`, 'LOGIN OK and INBOX selectable', `OK (INBOX: ${inbox.exists} messages)`, true);
      } finally {
        await session.close();
      }
    } catch (error) {
      const code = (error as { code?: string }).code ?? 'ERROR';
      criteria.add(`login ${account.login}`, 'LOGIN OK and INBOX selectable', `${code}: ${describeError(error)}`, false);
    }
  }
  const evidence = [await transcript.write(ctx.evidence, 'imap-login.txt', 'IMAP logins of the sample accounts (redacted)')];
  return makeCheck(IMAP_CHECKS.login, ctx.requirements, startedAt, { criteria: criteria.items, evidence });
}
