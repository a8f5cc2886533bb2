/**
 * IDLE as OX push uses it: one session idles on a folder, a second session
 * appends to it, the first must be told (untagged EXISTS) without polling.
 */
import { once } from 'node:events';
import type { CheckResult } from '../../../model/types.ts';
import { makeCheck } from '../../common/check.ts';
import { Criteria } from '../../common/criteria.ts';
import { Transcript } from '../../common/transcript.ts';
import { hasCapability, oxCapability } from '../capabilities.ts';
import { IMAP_CHECKS, type ImapProbeContext } from '../context.ts';
import { buildProbeMessages } from '../messages.ts';
import { openImapSession, type ImapSession } from '../session.ts';
import { personalNamespace } from './folders.ts';

const NOTIFY_TIMEOUT_MS = 10_000;

async function until(condition: () => boolean, timeoutMs: number): Promise<boolean> {
  const deadline = performance.now() + timeoutMs;
  while (!condition()) {
    if (performance.now() > deadline) return false;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  return true;
}

export async function idleCheck(ctx: ImapProbeContext): Promise<CheckResult> {
  const startedAt = performance.now();
  const criteria = new Criteria();
  const capability = oxCapability('IDLE');
  if (!hasCapability(ctx.matrix.afterLogin, capability)) {
    criteria.add('IDLE advertised', 'advertised (recommended)', `missing: ${capability.impact}`, false);
    return makeCheck(IMAP_CHECKS.idle, ctx.requirements, startedAt, { criteria: criteria.items });
  }
  const transcript = new Transcript(ctx.secrets);
  let watcher: ImapSession | undefined;
  let writer: ImapSession | undefined;
  let folder: string | undefined;
  try {
    transcript.add('== writer');
    writer = await openImapSession(ctx.endpoint, ctx.primary, transcript, ctx.signal);
    folder = `${personalNamespace(writer).prefix}signoff-${ctx.token}-idle`;
    await writer.client.mailboxCreate(folder);
    transcript.add('== watcher');
    watcher = await openImapSession(ctx.endpoint, ctx.primary, transcript, ctx.signal);
    const box = await watcher.client.mailboxOpen(folder);
    const before = box.exists;
    const notified = once(watcher.client, 'exists', { signal: AbortSignal.timeout(NOTIFY_TIMEOUT_MS) }).then(
      () => true,
      () => false,
    );
    const idling = watcher.client.idle();
    const started = await until(() => watcher?.client.idling === true, 5_000);
    criteria.add('IDLE started', '+ idling', started ? 'idling' : 'server did not accept IDLE', started);
    if (started) {
      const [message] = await buildProbeMessages(`${ctx.token}-idle`, ctx.primary.login);
      const appendedAt = performance.now();
      await writer.client.append(folder, (message as { raw: Buffer }).raw);
      const seen = await notified;
      if (seen) ctx.latency.record('IDLE notification', performance.now() - appendedAt);
      const count = watcher.client.mailbox ? watcher.client.mailbox.exists : before;
      criteria.add('EXISTS while idling', `EXISTS ${before + 1} within ${NOTIFY_TIMEOUT_MS / 1000} s`, seen ? `EXISTS ${count}` : 'no notification', seen && count === before + 1);
    }
    await watcher.client.noop(); // ends IDLE with DONE
    await idling;
  } catch (error) {
    criteria.add('IDLE round trip', 'completes', `failed: ${(error as Error).message}`, false);
  } finally {
    await watcher?.close();
    if (writer && folder) await writer.client.mailboxDelete(folder).catch(() => undefined);
    await writer?.close();
  }
  const evidence = [await transcript.write(ctx.evidence, 'imap-idle.txt', 'IMAP IDLE with an APPEND from a second session (redacted)')];
  return makeCheck(IMAP_CHECKS.idle, ctx.requirements, startedAt, { criteria: criteria.items, evidence });
}
