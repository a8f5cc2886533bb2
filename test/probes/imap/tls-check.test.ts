/**
 * The TLS verdict of an IMAP session: judged from what the handshake showed.
 * (The live handshake against Dovecot is covered in probe.test.ts.)
 */
import { describe, expect, it } from 'vitest';
import { tlsCheck } from '../../../src/probes/imap/checks/connection.ts';
import type { ImapSession } from '../../../src/probes/imap/session.ts';

const DAY = 86_400_000;

function session(validTo: Date): ImapSession {
  return {
    client: {},
    capabilitiesBeforeTls: ['IMAP4rev1', 'STARTTLS'],
    tls: { version: 'TLSv1.3', name: 'TLS_AES_256_GCM_SHA384', standardName: 'TLS_AES_256_GCM_SHA384', authorized: true },
    certificateValidTo: validTo,
  } as unknown as ImapSession;
}

const endpoint = { host: '127.0.0.1', port: 143, tls: 'starttls' as const, caFile: '/tmp/ca.crt' };

describe('tlsCheck', () => {
  it('passes a verified certificate with months of validity left and shows the days as a figure', () => {
    const check = tlsCheck(endpoint, session(new Date(Date.now() + 90 * DAY)), undefined, Date.now(), []);
    expect(check.status).toBe('passed');
    expect(check.criteria.find((c) => c.name === 'certificate validity')?.measured).toMatch(/^(89|90) days \(until \d{4}-\d{2}-\d{2}\)$/);
  });

  it('fails a certificate that lapses within two weeks', () => {
    const check = tlsCheck(endpoint, session(new Date(Date.now() + 5 * DAY)), undefined, Date.now(), []);
    expect(check.status).toBe('failed');
    expect(check.criteria.find((c) => c.name === 'certificate validity')).toMatchObject({ expected: 'at least 14 days left', passed: false });
  });
});
