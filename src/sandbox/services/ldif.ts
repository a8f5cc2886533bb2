/**
 * The directory content: one OU per OX context under ou=people so that OX's
 * `user@context` resolution is real, users as inetOrgPerson + posixAccount
 * with {SSHA} password hashes (same as `slappasswd -h {SSHA}`); language in
 * preferredLanguage, time zone in signoffTimeZone (the sandbox schema, slapd.ts).
 */
import { createHash, randomBytes } from 'node:crypto';
import type { Account } from '../../config/accounts.ts';

export const BASE_DN = 'dc=example,dc=test';
export const PEOPLE_DN = `ou=people,${BASE_DN}`;
export const ADMIN_DN = `cn=admin,${BASE_DN}`;
export const DOVECOT_DN = `cn=dovecot,${BASE_DN}`;

export function contextDn(contextId: number): string {
  return `ou=ctx${contextId},${PEOPLE_DN}`;
}

export function userDn(account: Pick<Account, 'username' | 'contextid'>): string {
  return `uid=${account.username},${contextDn(account.contextid)}`;
}

/** {SSHA}: base64(SHA1(password ‖ salt) ‖ salt) with an 8-byte salt. */
export function ssha(password: string): string {
  const salt = randomBytes(8);
  const digest = createHash('sha1').update(password, 'utf8').update(salt).digest();
  return `{SSHA}${Buffer.concat([digest, salt]).toString('base64')}`;
}

/** One LDIF line; values that are not "SAFE-STRING" (RFC 2849) are base64-encoded. */
function line(attribute: string, value: string | number): string {
  const text = String(value);
  // RFC 2849 SAFE-CHAR/SAFE-INIT-CHAR ranges are control-character ranges by definition.
  // eslint-disable-next-line no-control-regex
  const safe = /^[\x01-\x09\x0b\x0c\x0e-\x1f\x21-\x39\x3b\x3d-\x7f][\x01-\x09\x0b\x0c\x0e-\x7f]*$/.test(text) && !text.endsWith(' ');
  return safe ? `${attribute}: ${text}` : `${attribute}:: ${Buffer.from(text, 'utf8').toString('base64')}`;
}

function entry(attributes: [string, string | number | undefined][]): string {
  return attributes
    .filter((pair): pair is [string, string | number] => pair[1] !== undefined)
    .map(([a, v]) => line(a, v))
    .join('\n');
}

export interface DirectoryContent {
  dovecotPasswordHash: string;
  accounts: Account[];
  /** Fixture password for accounts whose CSV row has none (OX createuser requires one). */
  fallbackPassword: string;
}

export function buildLdif(content: DirectoryContent): string {
  const entries: string[] = [
    entry([['dn', BASE_DN], ['objectClass', 'dcObject'], ['objectClass', 'organization'], ['dc', 'example'], ['o', 'signoff sandbox']]),
    entry([['dn', PEOPLE_DN], ['objectClass', 'organizationalUnit'], ['ou', 'people']]),
    entry([
      ['dn', DOVECOT_DN], ['objectClass', 'organizationalRole'], ['objectClass', 'simpleSecurityObject'],
      ['cn', 'dovecot'], ['userPassword', content.dovecotPasswordHash],
    ]),
  ];
  const contexts = [...new Set(content.accounts.map((a) => a.contextid))].sort((a, b) => a - b);
  for (const ctx of contexts) {
    entries.push(entry([['dn', contextDn(ctx)], ['objectClass', 'organizationalUnit'], ['ou', `ctx${ctx}`], ['description', `OX context ${ctx}`]]));
  }
  content.accounts.forEach((account, index) => {
    entries.push(
      entry([
        ['dn', userDn(account)],
        ['objectClass', 'inetOrgPerson'],
        ['objectClass', 'posixAccount'],
        ['objectClass', 'signoffUser'],
        ['uid', account.username],
        ['cn', account.displayname],
        ['sn', account.surname],
        ['givenName', account.givenname],
        ['displayName', account.displayname],
        ['mail', account.email],
        ['ou', account.department],
        ['o', account.company],
        ['preferredLanguage', account.language],
        ['signoffTimeZone', account.timezone],
        ['uidNumber', 10000 + index],
        ['gidNumber', 10000 + account.contextid],
        ['homeDirectory', `/nonexistent/${account.username}`],
        ['loginShell', '/usr/sbin/nologin'],
        ['userPassword', ssha(account.password ?? content.fallbackPassword)],
      ]),
    );
  });
  return `${entries.join('\n\n')}\n`;
}
