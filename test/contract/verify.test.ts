/**
 * verifyResponse checks a whole answer body by call name: the envelope, then
 * the data of a success against the call's contract. The contract modules use
 * no Node built-ins, so they can be bundled into k6.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CONTRACT_NAMES, verifyResponse } from '../../src/contract/index.ts';

const message = { id: '17', folder_id: 'default0/INBOX', subject: 'Hello', received_date: 1573658456000 };

describe('verifyResponse', () => {
  it('accepts a threadedAll answer of the requested columns, also with a warning', () => {
    const body = { data: [{ ...message, thread: [message] }], timestamp: 1 };
    expect(verifyResponse('mail.threadedAll', body, { columns: '600,601,607,610' })).toEqual({ ok: true });
    expect(verifyResponse('mail.threadedAll', { ...body, error: 'w', code: 'MSG-0021', category: 13, categories: 'WARNING' }, { columns: '600,601,607,610' })).toEqual({ ok: true });
  });

  it('names the problem of a threadedAll answer that breaks the contract', () => {
    const verdict = verifyResponse('mail.threadedAll', { data: [['17', 'default0/INBOX']] }, { columns: '600,601' });
    expect(verdict.ok).toBe(false);
    expect(!verdict.ok && verdict.problem).toBeTruthy();
  });

  it('accepts a well-formed error envelope and rejects a malformed one', () => {
    expect(verifyResponse('chronos.all', { error: 'Unsupported folder', code: 'CAL-4060', categories: 'ERROR', category: 8 })).toEqual({ ok: true });
    expect(verifyResponse('chronos.all', { error: 'Unsupported folder' }).ok).toBe(false);
  });

  it('checks chronos, mail rows, login and /multiple answers', () => {
    expect(verifyResponse('chronos.all', { data: [{ id: '1', folder: 'cal://0/34', startDate: { value: '2017-07-08' } }] }).ok).toBe(false);
    expect(verifyResponse('mail.all', { data: [['1', 'default0/INBOX', 'Hi']] }, { columns: '600,601,607' })).toEqual({ ok: true });
    expect(verifyResponse('mail.all', { data: [['1', 'default0/INBOX']] }, { columns: '600,601,607' }).ok).toBe(false);
    expect(verifyResponse('login.login', { session: 'abc', user: 'anna', user_id: 3 })).toEqual({ ok: true });
    expect(verifyResponse('login.login', { user: 'anna' }).ok).toBe(false);
    expect(verifyResponse('multiple', [{ data: 1 }, { error: 'x', code: 'SVL-0001' }], { requests: 2 })).toEqual({ ok: true });
    expect(verifyResponse('multiple', [{ data: 1 }], { requests: 2 }).ok).toBe(false);
    expect(CONTRACT_NAMES).toContain('mail.compose');
  });

  it('imports no Node built-in in src/contract (bundled into k6 for --verify-responses)', () => {
    const dir = join(import.meta.dirname, '../../src/contract');
    for (const file of readdirSync(dir)) expect(readFileSync(join(dir, file), 'utf8')).not.toMatch(/from 'node:|require\(/);
  });
});
