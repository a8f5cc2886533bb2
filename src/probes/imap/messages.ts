/**
 * The test messages the probe writes: built with nodemailer (stream transport,
 * nothing is sent), with known subjects, dates, Message-IDs, a reply chain for
 * THREAD and a token in every body, so every later answer can be compared
 * with what was written.
 */
import nodemailer from 'nodemailer';

export interface ProbeMessage {
  label: 'a' | 'b' | 'c' | 'd';
  subject: string;
  messageId: string;
  date: Date;
  flags: string[];
  bodyToken: string;
  inReplyTo?: string;
  raw: Buffer;
}

export const PROBE_FROM = 'signoff-probe@signoff.invalid';

export async function buildProbeMessages(token: string, to: string): Promise<ProbeMessage[]> {
  const transport = nodemailer.createTransport({ streamTransport: true, buffer: true, newline: 'windows' });
  const id = (label: string): string => `<${label}.${token}@signoff.invalid>`;
  const specs: Omit<ProbeMessage, 'raw' | 'bodyToken'>[] = [
    // a and c form a thread (c replies to a); b sorts first by subject; d is moved away.
    { label: 'a', subject: `signoff ${token} bravo`, messageId: id('a'), date: new Date('2024-01-02T10:00:00Z'), flags: ['\\Seen'] },
    { label: 'b', subject: `signoff ${token} alpha`, messageId: id('b'), date: new Date('2024-01-03T10:00:00Z'), flags: [] },
    { label: 'c', subject: `Re: signoff ${token} bravo`, messageId: id('c'), date: new Date('2024-01-04T10:00:00Z'), flags: [], inReplyTo: id('a') },
    { label: 'd', subject: `signoff ${token} delta`, messageId: id('d'), date: new Date('2024-01-05T10:00:00Z'), flags: ['\\Flagged'] },
  ];
  const messages: ProbeMessage[] = [];
  for (const spec of specs) {
    const bodyToken = `body-${spec.label}-${token}`;
    const info = await transport.sendMail({
      from: `signoff probe <${PROBE_FROM}>`,
      to,
      subject: spec.subject,
      messageId: spec.messageId,
      date: spec.date,
      text: `Written by the signoff IMAP probe.\r\n${bodyToken}\r\n`,
      ...(spec.inReplyTo ? { inReplyTo: spec.inReplyTo, references: [spec.inReplyTo] } : {}),
    });
    messages.push({ ...spec, bodyToken, raw: info.message as Buffer });
  }
  return messages;
}
