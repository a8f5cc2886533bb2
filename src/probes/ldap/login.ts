/**
 * How OX's LDAP authentication turns a typed login into user, context and a
 * bind DN / search filter (LDAPAuthentication.split(), ox-deployment.md §2.2).
 */
import { DN, EqualityFilter } from 'ldapts';

export interface OxLogin {
  user: string;
  /** The part after the last '@'; 'defaultcontext' when there is none. */
  context: string;
}

/** Splits at the LAST '@': `first.last@example.com@42` → user `first.last@example.com`, context `42`. */
export function splitOxLogin(login: string): OxLogin {
  const at = login.lastIndexOf('@');
  if (at < 0) return { user: login, context: 'defaultcontext' };
  return { user: login.slice(0, at), context: login.slice(at + 1) };
}

/** bindOnly mode: `<uidAttribute>=<user>,<base>`, the value escaped as a DN value. */
export function bindOnlyDn(uidAttribute: string, user: string, base: string): string {
  return `${new DN({ [uidAttribute]: user }).toString()},${base}`;
}

/** search mode: `(&<searchFilter>(<uidAttribute>=<user>))`, the value escaped as a filter value. */
export function userSearchFilter(searchFilter: string, uidAttribute: string, user: string): string {
  return `(&${searchFilter}${new EqualityFilter({ attribute: uidAttribute, value: user }).toString()})`;
}
