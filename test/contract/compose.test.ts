/** The composition space (MW mailcompose/MailComposeMessageModel.yaml). */
import { describe, expect, it } from 'vitest';
import { compositionSpace } from '../../src/contract/index.ts';

const SPACE = {
  id: '3c1d0f7a8e2b4c6d9e0f1a2b3c4d5e6f',
  from: ['Anna Alpha', 'anna@example.com'],
  to: [['Bert Beta', 'bert@example.com']],
  cc: [],
  bcc: [],
  subject: 'Quarterly report',
  content: '<div>Hello</div>',
  contentType: 'text/html',
  attachments: [],
  meta: { type: 'new', date: 1573658456000 },
  requestReadReceipt: false,
  priority: 'normal',
};

describe('composition space', () => {
  it('accepts a new space as POST mail/compose answers it', () => {
    expect(compositionSpace().safeParse(SPACE).success).toBe(true);
  });

  it('rejects a space without id, an unknown content type, an unknown priority and a string address', () => {
    const { id: _id, ...noId } = SPACE;
    expect(compositionSpace().safeParse(noId).success).toBe(false);
    expect(compositionSpace().safeParse({ ...SPACE, contentType: 'text/rtf' }).success).toBe(false);
    expect(compositionSpace().safeParse({ ...SPACE, priority: 'urgent' }).success).toBe(false);
    expect(compositionSpace().safeParse({ ...SPACE, to: ['bert@example.com'] }).success).toBe(false);
  });
});
