/**
 * Mail delivery through the API: A sends (mail new, multipart json_0), B sees
 * the message over IMAP (CA-trusted) within the limit, and A's Sent folder has it.
 */
import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { FormData } from 'undici';
import type { CheckResult } from '../../model/types.ts';
import { checkErrorOf, makeCheck, type CheckIdentity, type RequirementMap } from '../common/check.ts';
import { Criteria } from '../common/criteria.ts';
import { openImapSession, type ImapEndpoint } from '../imap/session.ts';
import type { OxClient } from './ox-client.ts';
import { oxCheckCode } from './ox-errors.ts';
import type { RoundTripAccount } from './types.ts';

export const MAIL_DELIVERY_CHECK: CheckIdentity = { id: 'api.mail-delivery', title: 'Mail sent through the API arrives in the recipient INBOX (IMAP) and in the sender Sent folder', family: 'api' };

async function waitForImap(endpoint: ImapEndpoint, account: RoundTripAccount, subject: string, deadline: number): Promise<boolean> {
  const session = await openImapSession(endpoint, { login: account.email, password: account.password });
  try {
    while (true) {
      const lock = await session.client.getMailboxLock('INBOX');
      try {
        const found = await session.client.search({ header: { subject } }, { uid: true });
        if (Array.isArray(found) && found.length > 0) return true;
      } finally {
        lock.release();
      }
      if (Date.now() >= deadline) return false;
      await sleep(250);
    }
  } finally {
    await session.close();
  }
}

async function inSent(client: OxClient, subject: string): Promise<boolean> {
  const sent = (await client.call('config/modules/mail/defaultFolder/sent', undefined)) as string;
  const rows = (await client.call('mail', 'all', { folder: sent, columns: '600,607', sort: '610', order: 'desc' })) as unknown[][];
  return rows.some((row) => row[1] === subject);
}

export async function mailDelivery(client: OxClient, from: RoundTripAccount, to: RoundTripAccount, imap: ImapEndpoint, timeoutMs: number, requirements: RequirementMap): Promise<CheckResult> {
  const startedAt = performance.now();
  const criteria = new Criteria();
  const subject = `signoff delivery ${randomUUID()}`;
  try {
    const form = new FormData();
    const mail = { from: from.email, to: [[null, to.email]], subject, content_type: 'text/plain', attachments: [{ content_type: 'text/plain', content: 'Sent by the signoff API round-trip check.' }], sendtype: 0 };
    form.append('json_0', JSON.stringify(mail));
    const sentAt = Date.now();
    const sent = await criteria.attempt('mail new', 'accepted', () => client.call('mail', 'new', {}, { method: 'POST', body: form }));
    if (sent !== undefined || criteria.allPassed) {
      criteria.add('mail new', 'accepted', 'accepted', true);
      const arrived = await waitForImap(imap, to, subject, sentAt + timeoutMs);
      const took = Date.now() - sentAt;
      criteria.add(`delivered to ${to.email} (IMAP INBOX)`, `within ${timeoutMs} ms`, arrived ? `after ${took} ms` : `not within ${timeoutMs} ms`, arrived);
      const stored = await criteria.attempt('sender Sent folder', 'has the message', () => inSent(client, subject));
      if (stored !== undefined) criteria.add('sender Sent folder', 'has the message', stored ? 'found' : 'not found', stored);
    }
    return makeCheck(MAIL_DELIVERY_CHECK, requirements, startedAt, { criteria: criteria.items });
  } catch (error) {
    return makeCheck(MAIL_DELIVERY_CHECK, requirements, startedAt, { criteria: criteria.items, error: checkErrorOf(error, oxCheckCode(error, 'OX_API_FAILED')) });
  }
}
