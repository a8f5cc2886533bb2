/**
 * The OX step of account verification reads answers as real OX writes them
 * (tiny local server): a warning next to data is no failure, a bare 403 on
 * logout is no failure of the account, SES-0205 is reported as the IP check
 * (balancer) and the account is not logged in again.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Account } from '../../../src/config/accounts.ts';
import { oxStep, type StepContext } from '../../../src/probes/accounts/steps.ts';
import { json, startFakeOx, type FakeOx } from '../api/fake-ox.ts';

let fake: FakeOx;
const account = { login: 'anna@1', line: 2, username: 'anna', contextid: 1 } as unknown as Account;

function context(): StepContext {
  return { target: { baseUrl: fake.baseUrl, apiPath: '/ajax', imap: { host: '127.0.0.1', port: 1, tls: 'none' } }, imap: { host: '127.0.0.1', port: 1, tls: 'none' }, stepTimeoutMs: 5_000 } as unknown as StepContext;
}

beforeAll(async () => {
  fake = await startFakeOx();
});

afterAll(async () => {
  await fake.close();
});

beforeEach(() => {
  fake.seen.length = 0;
  for (const key of Object.keys(fake.handlers)) delete fake.handlers[key];
  fake.handlers['login.login'] = () => json({ session: '0123456789abcdef0123456789abcdef', user: 'anna@1', user_id: 3 });
  fake.handlers['login.logout'] = () => ({ status: 200, body: '' });
});

describe('oxStep', () => {
  it('verifies an account whose answers carry warnings and whose login has no context_id', async () => {
    fake.handlers['config/identifier'] = () => json({ data: 3, error: 'warned', code: 'MSG-0021', categories: 'WARNING', category: 13 });
    await expect(oxStep(context(), account, 'secret')).resolves.toBeUndefined();
  });

  it('does not fail the account when logout answers a bare 403', async () => {
    fake.handlers['config/identifier'] = () => json({ data: 3 });
    fake.handlers['login.logout'] = () => ({ status: 403, body: '' });
    await expect(oxStep(context(), account, 'secret')).resolves.toBeUndefined();
  });

  it('reports SES-0205 as the IP check of a balancer and logs in only once', async () => {
    fake.handlers['config/identifier'] = () => json({ error: 'Request to server was refused. Original client IP address changed.', code: 'SES-0205', categories: 'PERMISSION_DENIED', category: 3 });
    const failure = await oxStep(context(), account, 'secret');
    expect(failure).toMatchObject({ step: 'ox', reason: 'OX_IP_CHECK_FAILED' });
    expect(failure?.message).toMatch(/SES-0205.*IP check.*balancer/);
    expect(fake.seen.filter((s) => s.query.get('action') === 'login')).toHaveLength(1);
  });
});
