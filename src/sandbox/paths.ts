/**
 * Where sandboxes live. One short folder per sandbox under a common root, which
 * doubles as the registry: `status`/`down` find a sandbox by its folder name.
 * The root stays short because Dovecot's unix sockets must fit 108 bytes (P16).
 */
import { join } from 'node:path';
import { SignoffError } from '../errors.ts';

/** Root of all sandboxes; SIGNOFF_SANDBOX_ROOT overrides it (keep it short). */
export function sandboxRoot(): string {
  return process.env.SIGNOFF_SANDBOX_ROOT ?? '/tmp/signoff-sbx';
}

const NAME = /^[A-Za-z0-9][A-Za-z0-9_-]{0,23}$/;

export function isSandboxName(name: string): boolean {
  return NAME.test(name);
}

/**
 * V8 code cache of the node program, shared by all sandboxes (keyed by file
 * content and Node version, so always safe to reuse): a node then starts in
 * about half the time. Its dot name is no sandbox name.
 */
export function compileCacheDir(): string {
  return join(sandboxRoot(), '.compile-cache');
}

export function assertSandboxName(name: string): void {
  if (!NAME.test(name)) {
    throw new SignoffError(
      'USAGE',
      `sandbox name "${name}" is not usable: expected 1–24 letters, digits, "_" or "-", starting with a letter or digit`,
    );
  }
}

export interface SandboxPaths {
  dir: string;
  infoFile: string;
  credentialsFile: string;
  certs: string;
  caFile: string;
  serverCert: string;
  serverKey: string;
  ldap: string;
  dovecot: string;
  dovecotRun: string;
  apache: string;
  nodes: string;
  data: string;
  mail: string;
  home: string;
  logs: string;
}

export function sandboxPaths(name: string): SandboxPaths {
  const dir = join(sandboxRoot(), name);
  const certs = join(dir, 'certs');
  const dovecot = join(dir, 'dovecot');
  return {
    dir,
    infoFile: join(dir, 'sandbox.json'),
    credentialsFile: join(dir, 'credentials.json'),
    certs,
    caFile: join(certs, 'ca.crt'),
    serverCert: join(certs, 'server.crt'),
    serverKey: join(certs, 'server.key'),
    ldap: join(dir, 'ldap'),
    dovecot,
    dovecotRun: join(dovecot, 'run'),
    apache: join(dir, 'apache'),
    nodes: join(dir, 'nodes'),
    data: join(dir, 'data'),
    mail: join(dir, 'mail'),
    home: join(dir, 'home'),
    logs: join(dir, 'logs'),
  };
}

/** Marker every sandbox process has in its command line (its config lives in the folder). */
export function processMarker(dir: string): string {
  return `${dir}/`;
}
