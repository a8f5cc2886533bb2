import { describe, expect, it } from 'vitest';
import { buildCapabilityMatrix, OX_CAPABILITIES } from '../../../src/probes/imap/capabilities.ts';

const DOVECOT_AFTER_LOGIN =
  'IMAP4rev1 SASL-IR LOGIN-REFERRALS ID ENABLE IDLE SORT SORT=DISPLAY THREAD=REFERENCES THREAD=REFS THREAD=ORDEREDSUBJECT MULTIAPPEND UNSELECT CHILDREN NAMESPACE UIDPLUS LIST-EXTENDED CONDSTORE QRESYNC ESEARCH LIST-STATUS BINARY MOVE SNIPPET=FUZZY PREVIEW=FUZZY PREVIEW LITERAL+ NOTIFY SPECIAL-USE QUOTA ACL RIGHTS=texk'.split(' ');

describe('buildCapabilityMatrix', () => {
  it('finds nothing blocking in a full Dovecot list', () => {
    const matrix = buildCapabilityMatrix(['IMAP4rev1', 'IDLE', 'STARTTLS'], DOVECOT_AFTER_LOGIN);
    expect(matrix.missingBlocking).toEqual([]);
    expect(matrix.rows.find((r) => r.name === 'QUOTA')).toMatchObject({ beforeLogin: false, afterLogin: true, presence: 'advertised' });
  });

  it('lists every recommended capability a narrowed server drops, each with its OX impact', () => {
    const matrix = buildCapabilityMatrix(['IMAP4rev1', 'IDLE'], ['IMAP4rev1', 'IDLE']);
    expect(matrix.missingBlocking).toEqual(['SORT', 'NAMESPACE', 'UIDPLUS', 'QUOTA', 'SPECIAL-USE', 'CHILDREN']);
    expect(matrix.missingFeatures).toContain('ACL');
    expect(matrix.missingFeatures).toContain('THREAD=REFERENCES');
    for (const row of matrix.rows.filter((r) => r.presence === 'missing')) expect(row.impact.length).toBeGreaterThan(20);
  });

  it('accepts an alternative spelling of a capability (QUOTA=RES-STORAGE for QUOTA)', () => {
    const matrix = buildCapabilityMatrix([], ['IMAP4rev1', 'quota=res-storage']);
    expect(matrix.rows.find((r) => r.name === 'QUOTA')?.presence).toBe('advertised');
  });

  it('treats IMAP4rev1 as the only required capability and keeps informational ones out of the verdict', () => {
    expect(OX_CAPABILITIES.filter((c) => c.level === 'required').map((c) => c.name)).toEqual(['IMAP4rev1']);
    const matrix = buildCapabilityMatrix([], DOVECOT_AFTER_LOGIN.filter((c) => c !== 'MOVE'));
    expect(matrix.missingBlocking).toEqual([]);
    expect(matrix.rows.find((r) => r.name === 'MOVE')).toMatchObject({ presence: 'missing', blocking: false });
  });
});
