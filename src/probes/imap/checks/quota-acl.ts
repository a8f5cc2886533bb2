/** QUOTA (recommended: fails when absent) and ACL (feature: skipped when absent). */
import type { CheckResult } from '../../../model/types.ts';
import { makeCheck, skippedCheck } from '../../common/check.ts';
import { Criteria } from '../../common/criteria.ts';
import { Transcript } from '../../common/transcript.ts';
import { hasCapability, oxCapability } from '../capabilities.ts';
import { IMAP_CHECKS, type ImapProbeContext } from '../context.ts';
import { attributeValues, quoted, rawCommand } from '../raw.ts';
import type { ImapSession } from '../session.ts';

export async function quotaCheck(ctx: ImapProbeContext, session: ImapSession): Promise<CheckResult> {
  const startedAt = performance.now();
  const criteria = new Criteria();
  const capability = oxCapability('QUOTA');
  if (!hasCapability(ctx.matrix.afterLogin, capability)) {
    criteria.add('QUOTA advertised', 'advertised (recommended)', `missing: ${capability.impact}`, false);
    return makeCheck(IMAP_CHECKS.quota, ctx.requirements, startedAt, { criteria: criteria.items });
  }
  const transcript = new Transcript(ctx.secrets);
  session.useTranscript(transcript);
  const quota = await criteria.attempt('GETQUOTAROOT INBOX', 'OK', () => ctx.latency.time('GETQUOTAROOT', () => session.client.getQuota('INBOX')));
  session.useTranscript(undefined);
  if (quota !== undefined) {
    const storage = quota ? quota.storage : undefined;
    const measured = storage ? `root "${quota ? quota.quotaRoot : ''}": ${storage.usage ?? '?'} of ${storage.limit ?? '?'} bytes used` : 'no STORAGE resource';
    criteria.add('storage quota', 'a STORAGE limit for INBOX', measured, !!storage && typeof storage.limit === 'number' && storage.limit > 0);
  }
  const evidence = [await transcript.write(ctx.evidence, 'imap-quota.txt', 'IMAP GETQUOTAROOT (redacted)')];
  return makeCheck(IMAP_CHECKS.quota, ctx.requirements, startedAt, { criteria: criteria.items, evidence });
}

export async function aclCheck(ctx: ImapProbeContext, session: ImapSession): Promise<CheckResult> {
  const startedAt = performance.now();
  const capability = oxCapability('ACL');
  if (!hasCapability(ctx.matrix.afterLogin, capability)) {
    return skippedCheck(IMAP_CHECKS.acl, ctx.requirements, {
      name: 'ACL advertised',
      expected: 'advertised (feature: sharing mail folders)',
      measured: `missing: ${capability.impact}`,
      passed: false,
    });
  }
  const criteria = new Criteria();
  const transcript = new Transcript(ctx.secrets);
  session.useTranscript(transcript);
  const myRights = await criteria.attempt('MYRIGHTS INBOX', 'OK', () => ctx.latency.time('MYRIGHTS', () => rawCommand(session.client, 'MYRIGHTS', [quoted('INBOX')], ['MYRIGHTS'])));
  if (myRights) {
    const rights = attributeValues(myRights[0]?.attributes)[1] ?? '';
    // OX needs lookup, read, write-flags, insert, create and administer on the own INBOX to share it.
    const missing = [...'lrswia'].filter((r) => !rights.includes(r));
    criteria.add('own rights on INBOX', 'at least lrswia (RFC 4314)', rights || '(none)', missing.length === 0);
  }
  const acl = await criteria.attempt('GETACL INBOX', 'OK', () => ctx.latency.time('GETACL', () => rawCommand(session.client, 'GETACL', [quoted('INBOX')], ['ACL'])));
  if (acl) {
    const entries = attributeValues(acl[0]?.attributes).slice(1);
    const pairs = entries.length / 2;
    criteria.add('ACL of INBOX', 'at least one identifier with rights', entries.join(' ') || '(empty)', pairs >= 1);
  }
  session.useTranscript(undefined);
  const evidence = [await transcript.write(ctx.evidence, 'imap-acl.txt', 'IMAP MYRIGHTS/GETACL (redacted)')];
  return makeCheck(IMAP_CHECKS.acl, ctx.requirements, startedAt, { criteria: criteria.items, evidence });
}
