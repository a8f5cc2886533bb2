import { describe, expect, it } from 'vitest';
import { bindOnlyDn, splitOxLogin, userSearchFilter } from '../../../src/probes/ldap/login.ts';

describe('splitOxLogin', () => {
  it('splits user and context at the last @, as OX LDAPAuthentication.split() does', () => {
    expect(splitOxLogin('anna.adler@1')).toEqual({ user: 'anna.adler', context: '1' });
    expect(splitOxLogin('anna.adler@acme.example@42')).toEqual({ user: 'anna.adler@acme.example', context: '42' });
  });

  it('uses the context "defaultcontext" when the login has no @', () => {
    expect(splitOxLogin('anna.adler')).toEqual({ user: 'anna.adler', context: 'defaultcontext' });
  });
});

describe('bind DN and search filter', () => {
  it('escapes the user in a bindOnly DN', () => {
    expect(bindOnlyDn('uid', 'a,b', 'ou=people,dc=x')).toBe('uid=a\\,b,ou=people,dc=x');
  });

  it('builds the OX search filter (&<searchFilter>(<uid>=<user>)) with the user escaped', () => {
    expect(userSearchFilter('(objectclass=posixAccount)', 'uid', 'anna')).toBe('(&(objectclass=posixAccount)(uid=anna))');
    expect(userSearchFilter('(objectclass=posixAccount)', 'uid', 'a*)(uid=b')).not.toContain('*)(');
  });
});
