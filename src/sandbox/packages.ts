/** The Debian packages the sandbox needs, checked before anything starts. */
import { accessSync, constants } from 'node:fs';
import { SignoffError } from '../errors.ts';

export const SANDBOX_BINARIES = {
  slapd: { path: '/usr/sbin/slapd', pkg: 'slapd' },
  slapadd: { path: '/usr/sbin/slapadd', pkg: 'slapd' },
  dovecot: { path: '/usr/sbin/dovecot', pkg: 'dovecot-imapd' },
  doveadm: { path: '/usr/bin/doveadm', pkg: 'dovecot-core' },
  lmtp: { path: '/usr/lib/dovecot/lmtp', pkg: 'dovecot-lmtpd' },
  dovecotLdap: { path: '/usr/lib/dovecot/modules/auth/libauthdb_ldap.so', pkg: 'dovecot-ldap' },
  apache2: { path: '/usr/sbin/apache2', pkg: 'apache2' },
  modSsl: { path: '/usr/lib/apache2/modules/mod_ssl.so', pkg: 'apache2' },
  openssl: { path: '/usr/bin/openssl', pkg: 'openssl' },
  schema: { path: '/etc/ldap/schema/nis.schema', pkg: 'slapd' },
} as const;

export type SandboxBinary = keyof typeof SANDBOX_BINARIES;

/** Throws PACKAGE_MISSING naming the first missing file and its Debian package. */
export function assertSandboxPackages(required: Record<string, { path: string; pkg: string }> = SANDBOX_BINARIES): void {
  for (const { path, pkg } of Object.values(required)) {
    try {
      accessSync(path, constants.R_OK);
    } catch (cause) {
      throw new SignoffError('PACKAGE_MISSING', `${path} is missing: the sandbox needs the Debian package "${pkg}"`, {
        cause,
        hint: `Run \`npm run bootstrap\` as root (it installs ${pkg}), or \`apt-get install ${pkg}\`.`,
      });
    }
  }
}

export function binary(name: SandboxBinary): string {
  return SANDBOX_BINARIES[name].path;
}
