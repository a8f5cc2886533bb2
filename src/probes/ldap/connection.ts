/**
 * LDAP connections as the probe opens them: ldaps:// or ldap:// + StartTLS,
 * certificates checked against the CA file, a connect timeout of a few seconds
 * so a dead directory fails fast, and errors mapped to our codes.
 */
import { Client, ResultCodeError } from 'ldapts';
import type { SecureContext, TLSSocket } from 'node:tls';
import { SignoffError } from '../../errors.ts';
import { TLS_ERROR_CODE, trustSource } from '../common/tls.ts';

export interface LdapEndpoint {
  url: string;
  startTls: boolean;
  /** Built from caFile (loadCaTrust); undefined = the system trust store. */
  secureContext?: SecureContext;
  caFile?: string;
}

export const LDAP_CONNECT_TIMEOUT_MS = 3_000;
const LDAP_OPERATION_TIMEOUT_MS = 10_000;

export function transportOf(endpoint: LdapEndpoint): 'ldaps' | 'starttls' | 'plain' {
  return endpoint.url.startsWith('ldaps:') ? 'ldaps' : endpoint.startTls ? 'starttls' : 'plain';
}

/** LDAP result codes name themselves; transport failures become LDAP_UNREACHABLE or TLS_FAILED. */
export function classifyLdapError(error: unknown, endpoint: LdapEndpoint): SignoffError | ResultCodeError {
  if (error instanceof ResultCodeError) return error;
  const facts = (error ?? {}) as { code?: string; message?: string };
  const message = facts.message ?? String(error);
  if (TLS_ERROR_CODE.test(facts.code ?? '') || /certificate|TLS|SSL/i.test(message)) {
    return new SignoffError('TLS_FAILED', `TLS to LDAP ${endpoint.url} (${transportOf(endpoint)}) failed: ${message}; trusted: ${trustSource(endpoint.caFile)}`, { cause: error });
  }
  return new SignoffError('LDAP_UNREACHABLE', `LDAP ${endpoint.url} unreachable: ${message}${facts.code ? ` [${facts.code}]` : ''}`, { cause: error });
}

export function ldapResultName(error: ResultCodeError): string {
  const name = error.constructor.name.replace(/Error$/, '');
  return `${name.charAt(0).toLowerCase()}${name.slice(1)} (${error.code})`;
}

export interface LdapConnection {
  client: Client;
  tls?: { protocol: string; authorized: boolean };
}

/** The negotiated TLS facts; ldapts keeps its socket private, so it is read defensively. */
export function tlsFacts(client: Client): { protocol: string; authorized: boolean } | undefined {
  const socket = (client as unknown as { socket?: TLSSocket }).socket;
  if (!socket || typeof socket.getProtocol !== 'function') return undefined;
  return { protocol: socket.getProtocol() ?? 'unknown', authorized: socket.authorized };
}

/** Connects (and upgrades with StartTLS); the caller binds. Throws SignoffError on transport failure. */
export async function openLdap(endpoint: LdapEndpoint): Promise<LdapConnection> {
  // Fresh objects each time: ldapts' startTLS writes the plain socket into the options it gets.
  const tlsOptions = (): { secureContext?: SecureContext } => (endpoint.secureContext ? { secureContext: endpoint.secureContext } : {});
  const implicit = endpoint.url.startsWith('ldaps:');
  // ldapts treats any tlsOptions as "connect with TLS": give them only to ldaps://.
  const client = new Client({ url: endpoint.url, connectTimeout: LDAP_CONNECT_TIMEOUT_MS, timeout: LDAP_OPERATION_TIMEOUT_MS, ...(implicit ? { tlsOptions: tlsOptions() } : {}) });
  try {
    if (endpoint.startTls && !implicit) await client.startTLS(tlsOptions());
  } catch (error) {
    await client.unbind().catch(() => undefined);
    throw classifyLdapError(error, endpoint);
  }
  const tls = tlsFacts(client);
  return tls ? { client, tls } : { client };
}

/**
 * Binds on a fresh connection, as OX does per login. Result codes (49, …) come
 * back as the ResultCodeError; transport failures as SignoffError.
 */
export async function bindOnce(endpoint: LdapEndpoint, dn: string, password: string): Promise<{ ok: true; tls?: LdapConnection['tls'] } | { ok: false; error: SignoffError | ResultCodeError }> {
  let connection: LdapConnection | undefined;
  try {
    connection = await openLdap(endpoint);
    await connection.client.bind(dn, password);
    return connection.tls ? { ok: true, tls: tlsFacts(connection.client) ?? connection.tls } : { ok: true };
  } catch (error) {
    return { ok: false, error: error instanceof SignoffError ? error : classifyLdapError(error, endpoint) };
  } finally {
    await connection?.client.unbind().catch(() => undefined);
  }
}
