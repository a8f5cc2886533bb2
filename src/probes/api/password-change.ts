/**
 * Password change through the API (PUT passwordchange {old_password,
 * new_password}): afterwards the old password must fail and the new one work
 * for OX login, LDAP bind and IMAP login. The original password is always
 * restored (finally), whatever failed in between. No password is ever written.
 */
import { randomBytes } from 'node:crypto';
import type { CheckResult } from '../../model/types.ts';
import { isSignoffError } from '../../errors.ts';
import { checkErrorOf, makeCheck, type CheckIdentity, type RequirementMap } from '../common/check.ts';
import { Criteria, describeError } from '../common/criteria.ts';
import { redactSecrets } from '../common/redact.ts';
import { loadCaTrust } from '../common/tls.ts';
import { openImapSession, type ImapEndpoint } from '../imap/session.ts';
import { bindOnce } from '../ldap/connection.ts';
import { bindOnlyDn, splitOxLogin } from '../ldap/login.ts';
import { OxClient, trustingDispatcher, type OxClientOptions } from './ox-client.ts';
import { oxCheckCode } from './ox-errors.ts';
import type { RoundTripAccount, RoundTripTarget } from './types.ts';

export const PASSWORD_CHANGE_CHECK: CheckIdentity = { id: 'api.password-change', title: 'After a password change the old password fails and the new one works (OX, LDAP, IMAP)', family: 'api' };

type Outcome = 'accepted' | 'refused';

async function changePassword(options: OxClientOptions, login: string, from: string, to: string): Promise<void> {
  const client = new OxClient(options);
  await client.login(login, from);
  try {
    await client.call('passwordchange', 'update', {}, { method: 'PUT', body: JSON.stringify({ old_password: from, new_password: to }), headers: { 'content-type': 'application/json' } });
  } finally {
    await client.logout().catch(() => undefined);
  }
}

async function oxLogin(options: OxClientOptions, login: string, password: string): Promise<Outcome> {
  const client = new OxClient(options);
  try {
    await client.login(login, password);
  } catch (error) {
    if ((error as { code?: string }).code && (error as { status?: number }).status !== undefined && (error as { status: number }).status < 500) return 'refused';
    throw error;
  }
  await client.logout().catch(() => undefined);
  return 'accepted';
}

async function imapLogin(endpoint: ImapEndpoint, login: string, password: string): Promise<Outcome> {
  try {
    const session = await openImapSession(endpoint, { login, password });
    await session.close();
    return 'accepted';
  } catch (error) {
    if (isSignoffError(error) && error.code === 'IMAP_AUTH_FAILED') return 'refused';
    throw error;
  }
}

export async function passwordChange(target: RoundTripTarget, account: RoundTripAccount, imap: ImapEndpoint, requirements: RequirementMap): Promise<CheckResult> {
  const startedAt = performance.now();
  const criteria = new Criteria();
  // One pool for the five short OX sessions of this check, closed at its end.
  const dispatcher = trustingDispatcher(target.caFile);
  const options: OxClientOptions = { baseUrl: target.baseUrl, apiPath: target.apiPath, ...(dispatcher ? { dispatcher } : {}) };
  const original = account.password;
  const changed = `Sgn-${randomBytes(12).toString('base64url')}!`;
  const secrets = [original, changed];
  const expect = async (name: string, wanted: Outcome, probe: () => Promise<Outcome>): Promise<void> => {
    const got = await criteria.attempt(name, wanted, probe);
    if (got !== undefined) criteria.add(name, wanted, got, got === wanted);
  };
  let changedOnServer = false;
  let error: { code: string; message: string } | undefined;
  try {
    await changePassword(options, account.login, original, changed);
    changedOnServer = true;
    criteria.add('passwordchange update', 'accepted', 'accepted', true);
    await expect('OX login with the old password', 'refused', () => oxLogin(options, account.login, original));
    await expect('OX login with the new password', 'accepted', () => oxLogin(options, account.login, changed));
    if (target.ldap) {
      const ldapTarget = target.ldap;
      const endpoint = { url: ldapTarget.url, startTls: ldapTarget.startTls ?? false, ...(await loadCaTrust(target.caFile)) };
      const { user, context } = splitOxLogin(account.login);
      const dn = bindOnlyDn(ldapTarget.uidAttribute ?? 'uid', user, ldapTarget.baseDnForContext(Number(context)));
      const bind = async (password: string): Promise<Outcome> => {
        const r = await bindOnce(endpoint, dn, password);
        if (r.ok) return 'accepted';
        if (isSignoffError(r.error)) throw r.error;
        return 'refused';
      };
      await expect('LDAP bind with the old password', 'refused', () => bind(original));
      await expect('LDAP bind with the new password', 'accepted', () => bind(changed));
    }
    await expect('IMAP login with the old password', 'refused', () => imapLogin(imap, account.email, original));
    await expect('IMAP login with the new password', 'accepted', () => imapLogin(imap, account.email, changed));
  } catch (cause) {
    criteria.add('passwordchange update', 'accepted', `failed: ${describeError(cause)}`, false);
    error = checkErrorOf(cause, oxCheckCode(cause, 'OX_API_FAILED'));
  } finally {
    if (changedOnServer) {
      // Restoring matters more than anything measured: other checks use this account.
      const restored = await criteria.attempt('original password restored', 'restored', () => changePassword(options, account.login, changed, original).then(() => 'restored'));
      if (restored) criteria.add('original password restored', 'restored', 'restored', true);
    }
    await dispatcher?.close();
  }
  for (const c of criteria.items) c.measured = redactSecrets(c.measured, secrets);
  if (error) error.message = redactSecrets(error.message, secrets);
  return makeCheck(PASSWORD_CHANGE_CHECK, requirements, startedAt, { criteria: criteria.items, ...(error ? { error } : {}) });
}
