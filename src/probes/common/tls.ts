/**
 * TLS trust of the probes' own connections (IMAP, LDAP). The CA file is read
 * once per probe run into one SecureContext that every connection shares:
 * account verification opens hundreds of connections, and a bare `ca` option
 * makes Node parse the PEM and build a context again for each of them.
 */
import { readFile } from 'node:fs/promises';
import { createSecureContext, type SecureContext } from 'node:tls';
import { SignoffError } from '../../errors.ts';

export interface CaTrust {
  caFile: string;
  secureContext: SecureContext;
}

/** `undefined` without a CA file: the system trust store then decides. */
export async function loadCaTrust(caFile: string | undefined): Promise<CaTrust | undefined> {
  if (!caFile) return undefined;
  try {
    return { caFile, secureContext: createSecureContext({ ca: await readFile(caFile) }) };
  } catch (cause) {
    throw new SignoffError('TLS_FAILED', `cannot read the CA file ${caFile}: ${(cause as Error).message}`, { cause });
  }
}

/** Error codes of node:tls and OpenSSL that mean the handshake or the certificate failed. */
export const TLS_ERROR_CODE = /^(CERT_|UNABLE_TO_|SELF_SIGNED|DEPTH_ZERO|ERR_TLS_|ERR_SSL_|HOSTNAME_MISMATCH)/;

/** For failure messages: what the certificate was checked against. */
export function trustSource(caFile: string | undefined): string {
  return caFile ? `the CA file ${caFile}` : 'the system trust store';
}
