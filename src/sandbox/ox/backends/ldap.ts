/**
 * LDAP authentication the way OX's LDAPAuthentication does it with bindOnly:
 * split the login at the last '@' into user and context, bind as
 * `uid=<user>,ou=ctx<cid>,<peopleDn>`, and change passwords as the user.
 */
import { createHash, randomBytes } from 'node:crypto';
import { Attribute, Change, Client, InvalidCredentialsError } from 'ldapts';
import type { OxNodeConfig } from '../../types.ts';
import { OxError } from '../envelope.ts';
import type { OxUser } from '../sessions.ts';

const TIMEOUT_MS = 5_000;

export interface LoginName {
  user: string;
  contextId: number;
}

/** Splits at the last '@' (ox-deployment §2.2); the context must be a numeric id in the sandbox. */
export function splitLogin(login: string): LoginName | undefined {
  const at = login.lastIndexOf('@');
  const user = at < 0 ? login : login.slice(0, at);
  const context = at < 0 ? '1' : login.slice(at + 1);
  if (user === '' || !/^\d{1,9}$/.test(context)) return undefined;
  return { user, contextId: Number(context) };
}

/** RFC 4514 escaping of an attribute value inside a DN. */
export function escapeDnValue(value: string): string {
  return value.replace(/[,=+<>#;"\\]/g, (c) => `\\${c}`).replace(/^ | $/g, (c) => `\\${c}`);
}

export function userDn(name: LoginName, peopleDn: string): string {
  return `uid=${escapeDnValue(name.user)},ou=ctx${name.contextId},${peopleDn}`;
}

/** `{SSHA}` = base64(SHA1(password ‖ salt) ‖ salt), what slappasswd writes. */
export function sshaHash(password: string): string {
  const salt = randomBytes(8);
  const digest = createHash('sha1').update(password).update(salt).digest();
  return `{SSHA}${Buffer.concat([digest, salt]).toString('base64')}`;
}

function isCommunicationError(error: unknown): boolean {
  return !(error instanceof InvalidCredentialsError) && !(error instanceof OxError);
}

export class LdapBackend {
  readonly #config: OxNodeConfig['ldap'];

  constructor(config: OxNodeConfig['ldap']) {
    this.#config = config;
  }

  #client(): Client {
    return new Client({ url: this.#config.url, timeout: TIMEOUT_MS, connectTimeout: TIMEOUT_MS });
  }

  /** Binds as the user; wrong password, unknown user or unknown context all give LGI-0006. */
  async authenticate(login: string, password: string): Promise<OxUser> {
    const name = splitLogin(login);
    if (!name || password === '') throw new OxError('LGI-0006');
    const dn = userDn(name, this.#config.peopleDn);
    const client = this.#client();
    try {
      await client.bind(dn, password);
      const { searchEntries } = await client.search(dn, {
        scope: 'base',
        attributes: ['uid', 'mail', 'displayName', 'givenName', 'sn', 'uidNumber', 'preferredLanguage', 'signoffTimeZone'],
      });
      const entry = searchEntries[0];
      if (!entry) throw new OxError('LGI-0006');
      const text = (key: string): string => {
        const v = entry[key];
        const first = Array.isArray(v) ? v[0] : v;
        return first === undefined ? '' : first.toString();
      };
      const uidNumber = Number(text('uidNumber'));
      return {
        login,
        uid: name.user,
        contextId: name.contextId,
        userId: Number.isSafeInteger(uidNumber) && uidNumber > 0 ? uidNumber : stableUserId(dn),
        dn,
        email: text('mail') || `${name.user}@example.test`,
        displayName: text('displayName') || name.user,
        givenName: text('givenName'),
        surname: text('sn'),
        locale: normaliseLocale(text('preferredLanguage')),
        timezone: validTimeZone(text('signoffTimeZone')) ?? DEFAULT_TIMEZONE,
      };
    } catch (error) {
      if (error instanceof InvalidCredentialsError) throw new OxError('LGI-0006');
      if (isCommunicationError(error)) throw new OxError('LGI-0015', [(error as Error).message], { cause: error });
      throw error;
    } finally {
      await client.unbind().catch(() => undefined);
    }
  }

  /** Binds with the old password, then replaces userPassword ({SSHA}) as the user itself. */
  async changePassword(dn: string, oldPassword: string, newPassword: string): Promise<void> {
    const client = this.#client();
    try {
      await client.bind(dn, oldPassword);
      await client.modify(
        dn,
        new Change({ operation: 'replace', modification: new Attribute({ type: 'userPassword', values: [sshaHash(newPassword)] }) }),
      );
    } catch (error) {
      if (error instanceof InvalidCredentialsError) throw new OxError('PSW-0001');
      if (isCommunicationError(error)) throw new OxError('LGI-0015', [(error as Error).message], { cause: error });
      throw error;
    } finally {
      await client.unbind().catch(() => undefined);
    }
  }

  /** Health: an anonymous read of the base entry. */
  async check(): Promise<void> {
    const client = this.#client();
    try {
      await client.search(this.#config.baseDn, { scope: 'base', attributes: ['dn'] });
    } finally {
      await client.unbind().catch(() => undefined);
    }
  }
}

function stableUserId(dn: string): number {
  return createHash('sha256').update(dn).digest().readUInt32BE(0) % 1_000_000;
}

/** OX's default for users without a zone of their own. */
const DEFAULT_TIMEZONE = 'Europe/Berlin';

/** The zone when Intl knows it (the node converts times with Intl), else undefined. */
function validTimeZone(value: string): string | undefined {
  if (!value) return undefined;
  try {
    return new Intl.DateTimeFormat('en', { timeZone: value }).resolvedOptions().timeZone === value ? value : undefined;
  } catch {
    return undefined;
  }
}

function normaliseLocale(value: string): string {
  const m = /^([a-z]{2})(?:[-_]([A-Za-z]{2}))?$/.exec(value.trim());
  if (!m?.[1]) return 'en_US';
  return `${m[1]}_${(m[2] ?? m[1]).toUpperCase()}`;
}
