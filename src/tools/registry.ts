/**
 * Every external program signoff runs, in one table: what it is for, where it is
 * found, how its version is read, which version is needed and what installs it.
 * `signoff doctor`, `resolveK6()` and the bootstrap's package list agree with it.
 */

/** How a missing or wrong tool gets fixed: a Debian package, or a command to run. */
export type Install = { debian: string } | { command: string };

export interface VersionProbe {
  /** Program to run instead of the tool itself, when the tool reports no version of its own. */
  via?: string;
  args: string[];
  /** First capture group is the version; read from stdout and stderr together. */
  pattern: RegExp;
}

/** A file the tool needs besides its executable (a driver, a module). */
export interface RequiredFile {
  path: string;
  why: string;
  install: Install;
}

export interface ToolSpec {
  name: string;
  purpose: string;
  /**
   * Where to look, in this order: the Node running signoff (`self`), the
   * project's tools folder (.tools/bin), fixed paths, then PATH.
   */
  locate: { self?: true; project?: true; paths?: string[]; onPath?: string };
  version?: VersionProbe;
  /** semver range the version must satisfy. */
  requires?: string;
  /** Whether signoff cannot work without it (doctor fails on these only). */
  needed: boolean;
  install: Install;
  files?: RequiredFile[];
}

export const K6_VERSION = '2.2.0';
export const NODE_RANGE = '>=22.12.0';
export const BOOTSTRAP = 'npm run bootstrap';

const OPENLDAP_VERSION: VersionProbe = { args: ['-VV'], pattern: /OpenLDAP: \S+ (\d+\.\d+\.\d+)/ };
const DOVECOT_VERSION: VersionProbe = { via: '/usr/sbin/dovecot', args: ['--version'], pattern: /^(\d+\.\d+\.\d+)/m };
const POPPLER_VERSION: VersionProbe = { args: ['-v'], pattern: /version (\d+\.\d+\.\d+)/ };
const APACHE_MODULES = ['proxy', 'proxy_http', 'proxy_balancer', 'lbmethod_byrequests', 'slotmem_shm', 'headers', 'ssl'];

export const TOOLS: readonly ToolSpec[] = [
  {
    name: 'node',
    purpose: 'runs signoff itself (TypeScript by type stripping)',
    locate: { self: true },
    requires: NODE_RANGE,
    needed: true,
    install: { command: BOOTSTRAP },
  },
  {
    name: 'k6',
    purpose: 'load engine; pinned, built from go.k6.io/k6/v2',
    locate: { project: true, onPath: 'k6' },
    version: { args: ['version'], pattern: /k6 v(\d+\.\d+\.\d+)/ },
    requires: K6_VERSION,
    needed: true,
    install: { command: BOOTSTRAP },
  },
  {
    name: 'go',
    purpose: 'builds k6 (only when the pinned k6 is missing)',
    locate: { paths: ['/usr/local/go/bin/go'], onPath: 'go' },
    version: { args: ['version'], pattern: /go version go(\d+\.\d+(?:\.\d+)?)/ },
    requires: '>=1.25.0',
    needed: false,
    install: { command: 'install Go >= 1.25 into /usr/local/go (https://go.dev/doc/install)' },
  },
  {
    name: 'slapd',
    purpose: 'sandbox LDAP directory (OpenLDAP)',
    locate: { paths: ['/usr/sbin/slapd'], onPath: 'slapd' },
    version: OPENLDAP_VERSION,
    needed: true,
    install: { debian: 'slapd' },
  },
  {
    name: 'slapadd',
    purpose: 'loads the sandbox directory from LDIF',
    locate: { paths: ['/usr/sbin/slapadd'], onPath: 'slapadd' },
    // slapadd is slapd under another name and has no version flag.
    version: { ...OPENLDAP_VERSION, via: '/usr/sbin/slapd' },
    needed: true,
    install: { debian: 'slapd' },
  },
  {
    name: 'ldapsearch',
    purpose: 'LDAP client used to check the sandbox directory',
    locate: { paths: ['/usr/bin/ldapsearch'], onPath: 'ldapsearch' },
    version: OPENLDAP_VERSION,
    needed: true,
    install: { debian: 'ldap-utils' },
  },
  {
    name: 'dovecot',
    purpose: 'sandbox IMAP + LMTP server, users from LDAP',
    locate: { paths: ['/usr/sbin/dovecot'], onPath: 'dovecot' },
    version: DOVECOT_VERSION,
    // The sandbox writes Dovecot 2.3 configuration; 2.4 changed its syntax.
    requires: '2.3.x',
    needed: true,
    install: { debian: 'dovecot-imapd' },
    files: [
      { path: '/usr/lib/dovecot/imap', why: 'IMAP service', install: { debian: 'dovecot-imapd' } },
      { path: '/usr/lib/dovecot/lmtp', why: 'LMTP service', install: { debian: 'dovecot-lmtpd' } },
      {
        path: '/usr/lib/dovecot/modules/auth/libauthdb_ldap.so',
        why: 'LDAP passdb/userdb driver',
        install: { debian: 'dovecot-ldap' },
      },
    ],
  },
  {
    name: 'doveadm',
    purpose: 'seeds and inspects sandbox mailboxes',
    locate: { paths: ['/usr/bin/doveadm'], onPath: 'doveadm' },
    version: DOVECOT_VERSION,
    needed: true,
    install: { debian: 'dovecot-core' },
  },
  {
    name: 'apache2',
    purpose: 'sandbox load balancer (mod_proxy_balancer, sticky on JSESSIONID)',
    locate: { paths: ['/usr/sbin/apache2'], onPath: 'apache2' },
    version: { args: ['-v'], pattern: /Apache\/(\d+\.\d+\.\d+)/ },
    needed: true,
    install: { debian: 'apache2' },
    files: APACHE_MODULES.map((module) => ({
      path: `/usr/lib/apache2/modules/mod_${module}.so`,
      why: `module ${module}`,
      install: { debian: 'apache2' },
    })),
  },
  {
    name: 'openssl',
    purpose: 'sandbox CA and server certificates',
    locate: { paths: ['/usr/bin/openssl'], onPath: 'openssl' },
    version: { args: ['version'], pattern: /OpenSSL (\d+\.\d+\.\d+)/ },
    needed: true,
    install: { debian: 'openssl' },
  },
  {
    name: 'chromium',
    purpose: 'browser for the Playwright GUI checks',
    locate: { paths: ['/usr/bin/chromium'], onPath: 'chromium' },
    version: { args: ['--version'], pattern: /Chromium (\d+\.\d+\.\d+)/ },
    needed: true,
    install: { debian: 'chromium' },
  },
  {
    name: 'pdfsig',
    purpose: 'verifies the signature of the test protocol PDF',
    locate: { paths: ['/usr/bin/pdfsig'], onPath: 'pdfsig' },
    version: POPPLER_VERSION,
    needed: true,
    install: { debian: 'poppler-utils' },
  },
  {
    name: 'pdftotext',
    purpose: 'reads the protocol PDF back in tests',
    locate: { paths: ['/usr/bin/pdftotext'], onPath: 'pdftotext' },
    version: POPPLER_VERSION,
    needed: true,
    install: { debian: 'poppler-utils' },
  },
];

export function toolSpec(name: string): ToolSpec {
  const spec = TOOLS.find((tool) => tool.name === name);
  if (!spec) throw new Error(`no tool named ${name} in the registry`);
  return spec;
}

/** The shell command that installs what is listed (Debian packages are merged into one apt-get). */
export function fixCommand(installs: readonly Install[]): string {
  const packages = [...new Set(installs.flatMap((i) => ('debian' in i ? [i.debian] : [])))];
  const commands = [...new Set(installs.flatMap((i) => ('command' in i ? [i.command] : [])))];
  if (packages.length > 0) commands.push(`apt-get install -y ${packages.join(' ')}`);
  return commands.join(' && ');
}
