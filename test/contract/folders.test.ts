/** Folder rows (03-folders/ListRequest.yaml, column appendix) and allVisible groups. */
import { describe, expect, it } from 'vitest';
import { folderRows, visibleFolders } from '../../src/contract/index.ts';

const COLUMNS = '1,20,300,301,302,304,305,308,316';
const ROW = ['34', '1', 'Calendar', 'calendar', 1, false, 403710016, true, 1];

describe('folder rows', () => {
  it('accepts rows of the requested folder columns and the allVisible groups', () => {
    expect(folderRows(COLUMNS).safeParse([ROW, ['default0/INBOX', 'default0', 'Inbox', 'mail', 1, true, 'lrswipkxtecda', true, 7]]).success).toBe(true);
    expect(visibleFolders(COLUMNS).safeParse({ private: [ROW], shared: [] }).success).toBe(true);
  });

  it('rejects a string folder type, a row of objects and a group that is not rows', () => {
    expect(folderRows(COLUMNS).safeParse([ROW.map((v, i) => (i === 4 ? 'private' : v))]).success).toBe(false);
    expect(folderRows(COLUMNS).safeParse([{ id: '34', title: 'Calendar' }]).success).toBe(false);
    expect(visibleFolders(COLUMNS).safeParse({ private: ROW }).success).toBe(false);
  });
});
