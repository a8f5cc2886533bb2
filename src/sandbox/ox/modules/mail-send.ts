/** Sending: MIME from the UI's mail JSON (nodemailer), LMTP delivery to the recipients and a copy in Sent. */
import MailComposer from 'nodemailer/lib/mail-composer/index.js';
import type { NodeContext } from '../context.ts';
import { OxError } from '../envelope.ts';
import type { OxSession } from '../sessions.ts';
import { MAIL_PREFIX } from './folders-ids.ts';
import { standardMailFolders } from './folders.ts';
import { parseAddressList } from './mail-format.ts';

/** Delivers over LMTP to every recipient and keeps a copy in the sender's Sent folder. */
export async function sendRaw(ctx: NodeContext, session: OxSession, raw: Buffer, recipients: string[]): Promise<{ folder_id: string; id: string }> {
  if (recipients.length === 0) throw new OxError('MSG-0100', ['no recipients']);
  const result = await ctx.transport.deliver(session.user.email, recipients, raw);
  if (result.accepted.length === 0) throw new OxError('MSG-0100', [`recipients rejected: ${result.rejected.join(', ')}`]);
  for (const r of result.accepted) ctx.imap.invalidateByEmail(r, 'INBOX');
  const { sent } = await standardMailFolders(ctx, session);
  const appended = await ctx.imap.with(session.user, session.password, (c) => c.append(sent, raw, ['\\Seen']));
  ctx.imap.invalidate(session.user, sent);
  return { folder_id: `${MAIL_PREFIX}${sent}`, id: appended ? String(appended.uid ?? '') : '' };
}

export async function composeFromJson(session: OxSession, mail: Record<string, unknown>, files: { filename: string; contentType: string; data: Buffer }[]): Promise<{ raw: Buffer; recipients: string[] }> {
  const to = parseAddressList(mail.to);
  const cc = parseAddressList(mail.cc);
  const bcc = parseAddressList(mail.bcc);
  const parts = Array.isArray(mail.attachments) ? (mail.attachments as { content_type?: string; content?: string }[]) : [];
  const first = parts[0] ?? { content_type: 'text/plain', content: '' };
  const isHtml = /html/i.test(first.content_type ?? '') || mail.content_type === 'ALTERNATIVE';
  const from = parseAddressList(mail.from)[0] ?? { name: session.user.displayName, address: session.user.email };
  const composer = new MailComposer({
    from,
    to,
    cc,
    bcc,
    subject: typeof mail.subject === 'string' ? mail.subject : '',
    ...(isHtml ? { html: first.content ?? '' } : { text: first.content ?? '' }),
    attachments: files.map((f) => ({ filename: f.filename, contentType: f.contentType, content: f.data })),
    headers: typeof mail.priority === 'number' ? { 'X-Priority': String(mail.priority) } : {},
  });
  const raw = await composer.compile().build();
  return { raw, recipients: [...to, ...cc, ...bcc].map((a) => a.address) };
}
