/** The module helpers without a sandbox: chronos folder ids, conversations, mail body views, download error pages. */
import type { ParsedMail } from 'mailparser';
import { describe, expect, it } from 'vitest';
import type { MessageRow } from '../../../../src/sandbox/ox/backends/imap.ts';
import { OxError } from '../../../../src/sandbox/ox/envelope.ts';
import { downloadError } from '../../../../src/sandbox/ox/modules/downloads.ts';
import { checkChronosFolder, isCalendarFolder, relativeCalendarFolder } from '../../../../src/sandbox/ox/modules/folders-ids.ts';
import { bodyPart } from '../../../../src/sandbox/ox/modules/mail-html.ts';
import { threadedAll } from '../../../../src/sandbox/ox/modules/mail-threads.ts';
import type { OxUser } from '../../../../src/sandbox/ox/sessions.ts';

const user = { userId: 3 } as OxUser;

function codeOf(run: () => unknown): string | undefined {
  try {
    run();
  } catch (error) {
    return (error as OxError).code;
  }
  return undefined;
}

describe('chronos folder ids', () => {
  it('rejects a bare legacy folder id with CAL-4060 like chronos IDMangling', () => {
    expect(codeOf(() => relativeCalendarFolder('32'))).toBe('CAL-4060');
    expect(codeOf(() => checkChronosFolder(user, '32'))).toBe('CAL-4060');
  });

  it('reads composite ids and passes root and shared-user ids through', () => {
    expect(relativeCalendarFolder('cal://0/32')).toEqual({ account: 0, folder: '32' });
    expect(relativeCalendarFolder('1')).toEqual({ account: 0, folder: '1' });
    expect(relativeCalendarFolder('u:7')).toEqual({ account: 0, folder: 'u:7' });
    expect(checkChronosFolder(user, 'cal://0/32')).toBe('cal://0/32');
    expect(codeOf(() => checkChronosFolder(user, 'cal://0/99'))).toBe('FLD-0003');
  });

  it('lets iCal import/export name the calendar by either id', () => {
    expect(isCalendarFolder(user, '32')).toBe(true);
    expect(isCalendarFolder(user, 'cal://0/32')).toBe(true);
  });
});

function row(uid: number, subject: string, receivedMs: number, ids: { messageId: string; inReplyTo?: string; references?: string[] }): MessageRow {
  return {
    uid, flags: new Set(), size: 100, receivedMs, sentMs: receivedMs, from: [['A', 'a@x']], to: [['B', 'b@x']], cc: [], bcc: [],
    subject, hasAttachment: false, contentType: 'text/plain', priority: 3, dispositionNotificationTo: '', ...ids,
  };
}

describe('threadedAll conversations', () => {
  const inbox = {
    folder: 'default0/INBOX',
    rows: [
      row(1, 'Plan', 1000, { messageId: '<a@x>' }),
      row(2, 'Re: Plan', 3000, { messageId: '<c@x>', inReplyTo: '<b@x>', references: ['<a@x>', '<b@x>'] }),
      row(3, 'Other', 2000, { messageId: '<d@x>' }),
    ],
  };
  const sent = {
    folder: 'default0/Sent',
    rows: [row(7, 'Re: Plan', 2500, { messageId: '<b@x>', inReplyTo: '<a@x>' }), row(8, 'Alone', 5000, { messageId: '<e@x>' })],
  };
  const options = { columns: ['600', '601', '607', '610'], sort: '610', order: 'desc', max: 300, tz: 'UTC' };

  it('answers root objects keyed by column name with the whole conversation, Sent replies included', () => {
    const threads = threadedAll(inbox, sent, options);
    expect(threads.map((t) => t.subject)).toEqual(['Re: Plan', 'Other']);
    const first = threads[0]!;
    expect(first).toMatchObject({ id: '2', folder_id: 'default0/INBOX' });
    expect((first.thread as Record<string, unknown>[]).map((m) => `${String(m.folder_id)}/${String(m.id)}`)).toEqual([
      'default0/INBOX/2', 'default0/Sent/7', 'default0/INBOX/1',
    ]);
  });

  it('leaves out Sent-only conversations and Sent mails without includeSent', () => {
    expect(threadedAll(inbox, sent, options).some((t) => t.subject === 'Alone')).toBe(false);
    const plain = threadedAll(inbox, undefined, options);
    expect((plain[0]!.thread as unknown[]).length).toBe(2);
  });

  it('only threads the newest `max` messages', () => {
    expect(threadedAll(inbox, undefined, { ...options, max: 1 }).map((t) => t.id)).toEqual(['2']);
  });
});

describe('mail body views', () => {
  const parsed = {
    text: 'Hello',
    html: '<html><head><style>p{color:red}</style></head><body><p onclick="x()">Hello</p><img src="https://tracker.example/p.gif"><img src="cid:logo"><script>alert(1)</script></body></html>',
  } as unknown as ParsedMail;

  it('blocks external images for view=noimg and flags the mail modified', () => {
    const { part, modified } = bodyPart(parsed, 'noimg', false);
    expect(modified).toBe(true);
    expect(part.content).not.toMatch(/\ssrc="https:/);
    expect(part.content).toContain('data-original-src="https://tracker.example/p.gif"');
    expect(part.content).toContain('src="cid:logo"');
  });

  it('drops scripts and event handlers from html views', () => {
    const { part, modified } = bodyPart(parsed, 'html', false);
    expect(modified).toBe(false);
    expect(part.content).not.toMatch(/<script|onclick/);
  });

  it('answers only the body (with its styles) when embedded', () => {
    const { part } = bodyPart(parsed, 'noimg', true);
    expect(part.content).not.toMatch(/<html|<body|<head/);
    expect(part.content.startsWith('<style>p{color:red}</style><p>Hello</p>')).toBe(true);
  });

  it('answers text for view=text', () => {
    expect(bodyPart(parsed, 'text', true).part).toMatchObject({ content_type: 'text/plain', content: 'Hello' });
  });
});

describe('download errors', () => {
  it('answers a lost session on a download with HTTP 403 and an HTML page', () => {
    const page = downloadError(new OxError('SES-0203', ['abc']))!;
    expect(page.status).toBe(403);
    expect(page.headers['content-type']).toMatch(/^text\/html/);
    expect(page.body).toContain('<title>403 Forbidden</title>');
  });

  it('answers other download failures with HTTP 500 and the generic page', () => {
    const page = downloadError(new OxError('IFO-0300', ['9']))!;
    expect(page.status).toBe(500);
    expect(page.body).toContain('An error occurred inside the server which prevented it from fulfilling the request.');
  });

  it('answers a missing parameter with HTTP 400, or JSON when the client accepts JSON', () => {
    expect(downloadError(new OxError('SVL-0002', ['id']))!.status).toBe(400);
    expect(downloadError(new OxError('SVL-0002', ['id']), 'application/json, text/javascript')).toBeUndefined();
  });
});
