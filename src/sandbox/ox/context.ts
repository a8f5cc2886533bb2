/** What every module handler receives and returns, independent of HTTP (so /multiple can reuse it). */
import type { IncomingHttpHeaders } from 'node:http';
import type { OxNodeConfig } from '../types.ts';
import type { SessionTable, OxSession } from './sessions.ts';
import type { Store } from './store.ts';
import type { LdapBackend } from './backends/ldap.ts';
import type { ImapPool } from './backends/imap.ts';
import type { MailTransport } from './backends/lmtp.ts';
import type { OxError } from './envelope.ts';
import type { FaultState } from './faults.ts';
import type { UploadedFile } from './http.ts';

export interface OxRequest {
  module: string;
  action: string;
  method: string;
  /** Query and form-body parameters merged (query wins). */
  params: URLSearchParams;
  /** The URL query alone (login refuses a password there). */
  query: URLSearchParams;
  /** PUT body parsed as JSON (or the `data` field of a /multiple item). */
  body: unknown;
  /** Raw PUT body (mail `new` with RFC 822 text). */
  rawBody?: Buffer;
  /** Multipart fields and files of an upload. */
  fields?: Map<string, string>;
  files?: UploadedFile[];
  /** Path below /ajax/<module>/ (config node path, infostore filename). */
  subPath: string;
  headers: IncomingHttpHeaders;
  cookies: Map<string, string>;
  secure: boolean;
  /**
   * The client's address as OX sees it with considerXForwards: the first
   * X-Forwarded-For entry (Apache adds it), else the peer address.
   */
  clientIp?: string;
  session?: OxSession;
  /** True when the request is part of /ajax/multiple. */
  inMultiple: boolean;
  /** Server-side call for an already checked `session` (login rampup, as MW's Dispatcher.perform). */
  internal?: boolean;
}

export type OxReply =
  | { kind: 'data'; data: unknown; timestamp?: number; warnings?: OxError[]; cookies?: string[] }
  /** JSON at top level (login). */
  | { kind: 'top'; body: object; warnings?: OxError[]; cookies?: string[] }
  /** A bare HTTP status with an empty body (logout errors, as LoginServlet's sendError). */
  | { kind: 'status'; status: number; cookies?: string[] }
  | { kind: 'empty'; cookies?: string[] }
  | { kind: 'raw'; contentType: string; body: Buffer | string; filename?: string }
  /** Prebuilt JSON text (hot paths cache serialised envelopes). */
  | { kind: 'json-text'; text: string }
  | { kind: 'callback'; action: string; payload: object }
  /** /multiple: a bare JSON array. */
  | { kind: 'bare'; body: unknown; status?: number };

export interface NodeContext {
  config: OxNodeConfig;
  sessions: SessionTable;
  store: Store;
  ldap: LdapBackend;
  imap: ImapPool;
  transport: MailTransport;
  faults: FaultState;
  cookieSalt: string;
  /** Dispatches a request to its module (used by /multiple). */
  dispatch: (req: OxRequest) => Promise<OxReply>;
}

export type ActionHandler = (req: OxRequest, ctx: NodeContext) => Promise<OxReply>;

export interface OxModule {
  name: string;
  /** Modules callable without a session (login). */
  public?: boolean;
  actions: Record<string, ActionHandler>;
  /** Handler for requests without `action` (config is path based, multiple has none). */
  noAction?: ActionHandler;
}

export function data(value: unknown, timestamp?: number): OxReply {
  return timestamp === undefined ? { kind: 'data', data: value } : { kind: 'data', data: value, timestamp };
}

/** The logged-in session; modules registered as non-public always get one. */
export function sessionOf(req: OxRequest): OxSession {
  if (!req.session) throw new Error('handler needs a session');
  return req.session;
}
