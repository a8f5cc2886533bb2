/**
 * Mail list contracts: `all` rows of the requested columns (AllRequest.yaml,
 * column appendix) and `threadedAll` conversation objects with `thread`
 * (MW ThreadedAllRequest.yaml).
 */
import { describe, expect, it } from 'vitest';
import { mailConversations, mailRows } from '../../src/contract/index.ts';

const COLUMNS = '600,601,602,603,604,607,610,611,614';
const ROW = ['17', 'default0/INBOX', false, [['Anna Alpha', 'anna@example.com']], [[null, 'bert@example.com']], 'Quarterly report', 1573658456000, 32, 3];

describe('mail rows', () => {
  it('accepts rows of the requested columns, nulls where OX has no value', () => {
    expect(mailRows(COLUMNS).safeParse([ROW, ['18', 'default0/INBOX', true, [], [], null, 1573658456001, 0, null]]).success).toBe(true);
  });

  it('rejects a wrong type, a missing column, a null id and a two-field address with a number', () => {
    expect(mailRows(COLUMNS).safeParse([ROW.map((v, i) => (i === 5 ? 42 : v))]).success).toBe(false);
    expect(mailRows(COLUMNS).safeParse([ROW.slice(0, 8)]).success).toBe(false);
    expect(mailRows(COLUMNS).safeParse([[null, ...ROW.slice(1)]]).success).toBe(false);
    expect(mailRows('600,603').safeParse([['1', [['A', 7]]]]).success).toBe(false);
  });
});

describe('mail conversations (threadedAll)', () => {
  const message = { id: '17', folder_id: 'default0/INBOX', subject: 'Quarterly report', received_date: 1573658456000, flags: 32 };
  it('accepts conversations whose root carries the thread', () => {
    expect(mailConversations('600,601,607,610,611').safeParse([{ ...message, thread: [message, { ...message, id: '18' }] }]).success).toBe(true);
  });

  it('rejects rows instead of objects, a missing thread and a wrongly typed field', () => {
    const schema = mailConversations('600,601,607,610,611');
    expect(schema.safeParse([['17', 'default0/INBOX']]).success).toBe(false);
    expect(schema.safeParse([message]).success).toBe(false);
    expect(schema.safeParse([{ ...message, subject: 5, thread: [message] }]).success).toBe(false);
  });
});
