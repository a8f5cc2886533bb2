import { describe, expect, it } from 'vitest';
import { redactImapClientLine, redactSecrets } from '../../../src/probes/common/redact.ts';
import { percentile } from '../../../src/probes/common/stats.ts';

describe('redaction', () => {
  it('keeps the user of an IMAP LOGIN and hides the password', () => {
    expect(redactImapClientLine('4 LOGIN "anna.adler" "Sandbox-01-pw!"')).toBe('4 LOGIN "anna.adler" ***');
    expect(redactImapClientLine('a LOGIN anna secret')).toBe('a LOGIN anna ***');
  });

  it('hides the SASL payload of AUTHENTICATE but keeps the mechanism', () => {
    expect(redactImapClientLine('5 AUTHENTICATE PLAIN AGFubmEAc2VjcmV0')).toBe('5 AUTHENTICATE PLAIN ***');
  });

  it('blanks a secret in its plain, IMAP-quoted and base64 forms', () => {
    const secret = 'pa"ss\\word';
    const text = `x ${secret} y "pa\\"ss\\\\word" z ${Buffer.from(secret).toString('base64')}`;
    const out = redactSecrets(text, [secret]);
    expect(out).not.toContain('pa"ss');
    expect(out).not.toContain(Buffer.from(secret).toString('base64').replace(/=+$/, ''));
  });
});

describe('percentile', () => {
  it('uses the nearest rank', () => {
    const sorted = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10];
    expect(percentile(sorted, 50)).toBe(5);
    expect(percentile(sorted, 95)).toBe(10);
    expect(percentile([7], 95)).toBe(7);
  });
});
