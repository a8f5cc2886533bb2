/**
 * The login answer (LoginResponse.yaml): session fields at top level,
 * `context_id` optional (finding 19), a warning next to the session a success.
 */
import { describe, expect, it } from 'vitest';
import { classifyLogin, loginResponse } from '../../src/contract/index.ts';

const LOGIN = { session: '8a07c5a2e4974a75ae70bd9a36198f03', user: 'anna@1', user_id: 3, context_id: 1, locale: 'en_US' };
const WARNING = { error: 'Password will expire soon.', code: 'LGI-0031', categories: 'WARNING', category: 13 };

describe('login response', () => {
  it('accepts the login answer, also without context_id or locale, and with rampup', () => {
    expect(loginResponse().safeParse(LOGIN).success).toBe(true);
    expect(loginResponse().safeParse({ session: LOGIN.session, user: 'anna', user_id: 3 }).success).toBe(true);
    expect(loginResponse().safeParse({ ...LOGIN, rampup: { jslobs: {} } }).success).toBe(true);
  });

  it('rejects an answer without session, a numeric session and a string user_id', () => {
    const { session: _session, ...noSession } = LOGIN;
    expect(loginResponse().safeParse(noSession).success).toBe(false);
    expect(loginResponse().safeParse({ ...LOGIN, session: 42 }).success).toBe(false);
    expect(loginResponse().safeParse({ ...LOGIN, user_id: '3' }).success).toBe(false);
  });

  it('takes a login with a warning as accepted, keeping the warning', () => {
    const outcome = classifyLogin({ ...LOGIN, ...WARNING });
    expect(outcome).toMatchObject({ kind: 'success', login: { session: LOGIN.session } });
    expect(outcome.kind === 'success' && outcome.warnings.map((w) => w.code)).toEqual(['LGI-0031']);
  });

  it('takes an error envelope as a refusal and a session next to a real error as not accepted', () => {
    expect(classifyLogin({ error: 'The user name or password is incorrect.', code: 'LGI-0006', categories: 'USER_INPUT', category: 1 })).toMatchObject({ kind: 'error', error: { code: 'LGI-0006' } });
    expect(classifyLogin({ ...LOGIN, error: 'x', code: 'LGI-0006', category: 1 })).toMatchObject({ kind: 'error' });
    expect(loginResponse().safeParse({ ...LOGIN, error: 'x', code: 'LGI-0006', category: 1 }).success).toBe(false);
  });
});
