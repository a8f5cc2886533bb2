/**
 * One authenticated IMAP session (imapflow) with what the probe needs around
 * it: a swappable redacted transcript fed by imapflow's protocol log, the
 * CAPABILITY lists before and after login, TLS facts, and errors classified
 * into our codes (TLS_FAILED, IMAP_AUTH_FAILED, TARGET_UNREACHABLE).
 */
import { ImapFlow, type TlsInfo } from 'imapflow';
import type { SecureContext, TLSSocket } from 'node:tls';
import { SignoffError } from '../../errors.ts';
import { redactImapClientLine } from '../common/redact.ts';
import { TLS_ERROR_CODE, trustSource } from '../common/tls.ts';
import type { Transcript } from '../common/transcript.ts';

export type ImapTlsMode = 'starttls' | 'implicit' | 'none';

export interface ImapEndpoint {
  host: string;
  port: number;
  tls: ImapTlsMode;
  /** Built from caFile (loadCaTrust); undefined = the system trust store. */
  secureContext?: SecureContext;
  caFile?: string;
}

export interface ImapAccount {
  login: string;
  password: string;
}

export interface ImapSession {
  client: ImapFlow;
  login: string;
  greeting: string | undefined;
  /** Advertised before STARTTLS (undefined with implicit TLS or no TLS). */
  capabilitiesBeforeTls: string[] | undefined;
  /** Advertised right before LOGIN (after STARTTLS when used). */
  capabilitiesBeforeLogin: string[];
  capabilitiesAfterLogin: string[];
  tls: TlsInfo | false | undefined;
  /** The server certificate's end of validity (TLS sessions only). */
  certificateValidTo: Date | undefined;
  /** Redirects the protocol log to another transcript (one per check). */
  useTranscript(transcript: Transcript | undefined): void;
  close(): Promise<void>;
}

const CONNECT_TIMEOUT_MS = 5_000;

const UNREACHABLE = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH', 'ENOTFOUND', 'EAI_AGAIN', 'CONNECT_TIMEOUT', 'GREETING_TIMEOUT', 'NoConnection', 'EConnectionClosed']);

interface ErrorFacts {
  code?: string;
  message: string;
  tlsFailed?: boolean;
  authenticationFailed?: boolean;
  response?: unknown;
  responseText?: string;
}

/** Maps what imapflow / node:tls throw during connect+login to our error codes. */
export function classifyImapError(error: unknown, endpoint: ImapEndpoint, login: string): SignoffError {
  const facts = (error ?? {}) as ErrorFacts;
  const where = `${endpoint.host}:${endpoint.port}`;
  // Node's advice about --use-system-ca is wrong here: the CA file is what decides.
  facts.message = (facts.message ?? String(error)).replace(/;? ?if the root CA is installed locally.*$/, '');
  const code = facts.code ?? '';
  if (facts.authenticationFailed) {
    const serverText = typeof facts.response === 'string' ? facts.response : (facts.responseText ?? facts.message);
    return new SignoffError('IMAP_AUTH_FAILED', `IMAP login as ${login} at ${where} refused: ${serverText}`, { cause: error });
  }
  if (facts.tlsFailed || TLS_ERROR_CODE.test(code) || /STARTTLS|certificate|TLS/i.test(facts.message)) {
    return new SignoffError('TLS_FAILED', `TLS to IMAP ${where} (${endpoint.tls}) failed: ${facts.message}${code ? ` [${code}]` : ''}; trusted: ${trustSource(endpoint.caFile)}`, {
      cause: error,
    });
  }
  if (UNREACHABLE.has(code)) {
    return new SignoffError('TARGET_UNREACHABLE', `IMAP ${where} unreachable: ${facts.message} [${code}]`, { cause: error });
  }
  return new SignoffError('TARGET_UNREACHABLE', `IMAP ${where}: ${facts.message}${code ? ` [${code}]` : ''}`, { cause: error });
}

interface LogEntry {
  src?: string;
  msg?: string;
  err?: { message?: string };
}

/**
 * Opens and authenticates a session. Protocol lines go to the current
 * transcript; client lines carrying credentials are redacted before that.
 */
export async function openImapSession(endpoint: ImapEndpoint, account: ImapAccount, transcript?: Transcript, signal?: AbortSignal): Promise<ImapSession> {
  let sink = transcript;
  let beforeTls: string[] | undefined;
  let beforeLogin: string[] | undefined;
  let inSasl = false;
  // Filled right after construction, so the logger can read the capabilities at LOGIN time.
  const holder: { client?: ImapFlow } = {};
  const snapshot = (): string[] => [...(holder.client?.capabilities.keys() ?? [])].map((c) => c.toUpperCase());

  const note = (prefix: string, entry: LogEntry): void => {
    if (typeof entry?.msg !== 'string') return;
    if (entry.src === 'c') {
      // imapflow logs a client line before writing it: the right moment to freeze the lists.
      if (/^\S+\s+STARTTLS\b/i.test(entry.msg)) beforeTls = snapshot();
      if (/^\S+\s+(LOGIN|AUTHENTICATE)\b/i.test(entry.msg)) {
        beforeLogin = snapshot();
        inSasl = /AUTHENTICATE/i.test(entry.msg);
      }
      const line = inSasl && !/^\S+\s+AUTHENTICATE\b/i.test(entry.msg) ? '*** (SASL continuation)' : redactImapClientLine(entry.msg);
      sink?.add(`C: ${line}`);
      return;
    }
    if (entry.src === 's') {
      if (inSasl && /^\S+\s+(OK|NO|BAD)\b/i.test(entry.msg) && !entry.msg.startsWith('+')) inSasl = false;
      sink?.add(`S: ${entry.msg}`);
      return;
    }
    sink?.add(`${prefix} ${entry.msg}${entry.err?.message ? `: ${entry.err.message}` : ''}`);
  };

  const connected = new ImapFlow({
    host: endpoint.host,
    port: endpoint.port,
    secure: endpoint.tls === 'implicit',
    doSTARTTLS: endpoint.tls === 'starttls' ? true : endpoint.tls === 'none' ? false : undefined,
    tls: endpoint.secureContext ? { secureContext: endpoint.secureContext } : {},
    // OX logs in with LOGIN; plain LOGIN also keeps credentials on one redactable line.
    auth: { user: account.login, pass: account.password, loginMethod: 'LOGIN' },
    clientInfo: { name: 'signoff', vendor: 'signoff imap probe' },
    disableCompression: true, // readable transcripts; OX does not compress either
    disableAutoIdle: true, // the probe decides when to IDLE
    connectionTimeout: CONNECT_TIMEOUT_MS,
    greetingTimeout: CONNECT_TIMEOUT_MS,
    socketTimeout: 30_000,
    logger: {
      debug: (entry: LogEntry) => note('--', entry),
      info: (entry: LogEntry) => note('--', entry),
      warn: (entry: LogEntry) => note('-- warn:', entry),
      error: (entry: LogEntry) => note('-- error:', entry),
    },
  });
  holder.client = connected;
  // Without a listener an 'error' event would crash the process; connect() rejects anyway.
  connected.on('error', (error: Error) => sink?.add(`-- connection error: ${error.message}`));
  const onAbort = (): void => connected.close();
  signal?.addEventListener('abort', onAbort, { once: true });
  try {
    await connected.connect();
  } catch (error) {
    connected.close();
    signal?.removeEventListener('abort', onAbort);
    throw classifyImapError(error, endpoint, account.login);
  }
  return {
    client: connected,
    login: account.login,
    greeting: connected.greeting,
    capabilitiesBeforeTls: beforeTls,
    capabilitiesBeforeLogin: beforeLogin ?? [],
    capabilitiesAfterLogin: snapshot(),
    tls: connected.tls,
    certificateValidTo: certificateValidTo(connected),
    useTranscript(next) {
      sink = next;
    },
    async close() {
      signal?.removeEventListener('abort', onAbort);
      try {
        await connected.logout();
      } catch {
        connected.close(); // already gone: nothing to log out from
      }
    },
  };
}

/** imapflow keeps the TLS socket as `socket` (not in its typings). */
function certificateValidTo(client: ImapFlow): Date | undefined {
  const socket = (client as unknown as { socket?: Partial<TLSSocket> | false | null }).socket;
  const validTo = socket && typeof socket.getPeerCertificate === 'function' ? socket.getPeerCertificate().valid_to : undefined;
  return validTo ? new Date(validTo) : undefined;
}
