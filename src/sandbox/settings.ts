/**
 * Service settings derived from a sandbox's recorded state, so that faults and
 * restarts (node-up, ldap-up, capability reload) render exactly what `up` did.
 */
import { join } from 'node:path';
import type { DaemonIdentity } from './identity.ts';
import { sandboxPaths } from './paths.ts';
import { apacheFiles, type ApacheSettings } from './services/apache.ts';
import { dovecotFiles, type DovecotSettings } from './services/dovecot.ts';
import { slapdFiles, type SlapdFiles, type SlapdPorts } from './services/slapd.ts';
import { portOf } from './state.ts';
import type { SandboxCredentials, SandboxInfo } from './types.ts';

export function slapdSettings(info: SandboxInfo): { files: SlapdFiles; ports: SlapdPorts } {
  const p = sandboxPaths(info.name);
  return { files: slapdFiles(p.ldap, p.logs), ports: { ldap: portOf(info.ldap.url), ldaps: portOf(info.ldap.tlsUrl) } };
}

export function dovecotSettings(info: SandboxInfo, credentials: SandboxCredentials, identity: DaemonIdentity): DovecotSettings {
  const p = sandboxPaths(info.name);
  return {
    sandboxName: info.name,
    files: dovecotFiles(p.dovecot, p.logs),
    ports: { imap: info.imap.port, imaps: info.imap.tlsPort, lmtp: info.lmtp.port },
    ldapPort: portOf(info.ldap.url),
    dovecotLdapPassword: credentials.dovecotLdapPassword,
    identity,
    certFile: p.serverCert,
    keyFile: p.serverKey,
    mailDir: p.mail,
    homeDir: p.home,
    ...(info.imapCapability === undefined ? {} : { imapCapability: info.imapCapability }),
  };
}

export function apacheSettings(info: SandboxInfo, sticky: boolean): ApacheSettings {
  const p = sandboxPaths(info.name);
  return {
    files: apacheFiles(p.apache, p.logs),
    httpPort: portOf(info.balancerUrl),
    httpsPort: portOf(info.balancerHttpsUrl),
    nodes: info.nodes.map((n) => ({ route: n.route, port: portOf(n.url) })),
    certFile: p.serverCert,
    keyFile: p.serverKey,
    sticky,
  };
}

export function nodeConfigPath(info: SandboxInfo, route: string): string {
  return join(sandboxPaths(info.name).nodes, `${route}.json`);
}
