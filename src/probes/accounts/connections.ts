/**
 * What a verification run shares across accounts so that each account costs
 * its checks and not connection setup: one keep-alive HTTP pool for every
 * OxClient, a pool of LDAP connections (StartTLS done once per connection;
 * each account still binds with its own DN and password on it), and a lean
 * IMAP session (no protocol log, no ENABLE/COMPRESS/IDLE the check never uses).
 */
import { ImapFlow } from 'imapflow';
import { ResultCodeError } from 'ldapts';
import { Agent, type Dispatcher } from 'undici';
import { SignoffError } from '../../errors.ts';
import { classifyImapError, type ImapEndpoint } from '../imap/session.ts';
import { classifyLdapError, openLdap, type LdapConnection, type LdapEndpoint } from '../ldap/connection.ts';
import type { CaTrust } from '../common/tls.ts';

/** One undici pool for the run: keep-alive connections replace a TCP (+TLS) setup per account. */
export function sharedOxDispatcher(trust: CaTrust | undefined, concurrency: number): Agent {
  return new Agent({
    // Every account runs login, one call and logout in sequence: one connection per worker is enough.
    connections: Math.max(1, concurrency),
    keepAliveTimeout: 10_000,
    ...(trust ? { connect: { secureContext: trust.secureContext } } : {}),
  });
}

export type BindOutcome = { ok: true } | { ok: false; error: SignoffError | ResultCodeError };

/**
 * LDAP connections reused across accounts. A bind per account on a reused
 * connection is still a real credential check (the server verifies DN and
 * password on every BindRequest); what is saved is TCP + StartTLS per account.
 */
export class LdapBindPool {
  readonly #endpoint: LdapEndpoint;
  readonly #idle: LdapConnection[] = [];
  #closed = false;

  constructor(endpoint: LdapEndpoint) {
    this.#endpoint = endpoint;
  }

  /** Binds as `dn`; an idle connection that turns out dead is replaced once by a fresh one. */
  async bind(dn: string, password: string, signal?: AbortSignal): Promise<BindOutcome> {
    const reused = this.#idle.pop();
    if (reused) {
      const outcome = await this.#bindOn(reused, dn, password, signal);
      // Only a transport failure on a reused connection earns a retry: it may just have idled out.
      if (outcome.ok || outcome.error instanceof ResultCodeError || signal?.aborted) return outcome;
    }
    let fresh: LdapConnection;
    try {
      fresh = await openLdap(this.#endpoint);
    } catch (error) {
      return { ok: false, error: error instanceof SignoffError ? error : classifyLdapError(error, this.#endpoint) };
    }
    return this.#bindOn(fresh, dn, password, signal);
  }

  async #bindOn(connection: LdapConnection, dn: string, password: string, signal?: AbortSignal): Promise<BindOutcome> {
    try {
      await connection.client.bind(dn, password);
      this.#release(connection, signal);
      return { ok: true };
    } catch (error) {
      // A refused bind (49, …) leaves the connection usable (anonymous again); anything else does not.
      if (error instanceof ResultCodeError) this.#release(connection, signal);
      else this.#discard(connection);
      return { ok: false, error: error instanceof SignoffError ? error : classifyLdapError(error, this.#endpoint) };
    }
  }

  #release(connection: LdapConnection, signal?: AbortSignal): void {
    // A step that timed out meanwhile may have left the connection mid-operation.
    if (this.#closed || signal?.aborted) this.#discard(connection);
    else this.#idle.push(connection);
  }

  #discard(connection: LdapConnection): void {
    void connection.client.unbind().catch(() => undefined);
  }

  async close(): Promise<void> {
    this.#closed = true;
    const all = this.#idle.splice(0);
    await Promise.all(all.map((c) => c.client.unbind().catch(() => undefined)));
  }
}

const CONNECT_TIMEOUT_MS = 5_000;

/**
 * An authenticated IMAP session for the check only: imapflow without a logger
 * (nothing is transcribed here), without ENABLE, COMPRESS and auto-IDLE. TLS,
 * LOGIN and the error classification are the IMAP probe's.
 */
export async function openCheckSession(endpoint: ImapEndpoint, login: string, password: string, signal?: AbortSignal): Promise<ImapFlow> {
  const client = new ImapFlow({
    host: endpoint.host,
    port: endpoint.port,
    secure: endpoint.tls === 'implicit',
    doSTARTTLS: endpoint.tls === 'starttls' ? true : endpoint.tls === 'none' ? false : undefined,
    tls: endpoint.secureContext ? { secureContext: endpoint.secureContext } : {},
    auth: { user: login, pass: password, loginMethod: 'LOGIN' },
    clientInfo: { name: 'signoff', vendor: 'signoff account verification' },
    logger: false,
    disableCompression: true,
    disableAutoEnable: true,
    disableAutoIdle: true,
    connectionTimeout: CONNECT_TIMEOUT_MS,
    greetingTimeout: CONNECT_TIMEOUT_MS,
    socketTimeout: 30_000,
  });
  // Without a listener an 'error' event would crash the process; connect() rejects anyway.
  client.on('error', () => undefined);
  // The signal belongs to this one step: a timeout at any point (connect, STATUS, LIST) closes the socket.
  signal?.addEventListener('abort', () => client.close(), { once: true });
  try {
    await client.connect();
    return client;
  } catch (error) {
    client.close();
    throw classifyImapError(error, endpoint, login);
  }
}

/** LOGOUT when the server still listens; a dead connection is just closed. */
export async function closeCheckSession(client: ImapFlow): Promise<void> {
  try {
    await client.logout();
  } catch {
    client.close();
  }
}

export type { Dispatcher };
