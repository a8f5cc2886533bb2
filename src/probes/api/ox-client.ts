/**
 * A small OX HTTP API client for Node-side checks (smoke, API round-trips,
 * account verification): login with the form body (`name`, `password`; real
 * OX reads only `name`, MW LoginTools.parseLogin), the cookie jar replayed on
 * every call, the session parameter, and OX answers read as real OX writes
 * them (ox-answers.ts): warnings are successes, logout errors bare statuses,
 * downloads must be the file. It never logs in again by itself — SES-0205
 * (IP check) in particular is reported, not papered over.
 */
import { CookieJar } from 'tough-cookie';
import { Agent, fetch, type Dispatcher, type RequestInit, type Response } from 'undici';
import { readFileSync } from 'node:fs';
import { verifyResponse, type ErrorFields, type VerifyParams } from '../../contract/index.ts';
import { readCall, readDownload, readLogin, readLogout, type Answer } from './ox-answers.ts';
import { OxApiError } from './ox-errors.ts';

export interface OxClientOptions {
  baseUrl: string; // e.g. http://127.0.0.1:8080
  apiPath?: string; // default /ajax
  caFile?: string;
  userAgent?: string;
  client?: string;
  timeoutMs?: number;
  /**
   * A connection pool shared by many clients (one per run, keep-alive), e.g.
   * account verification's thousands of short sessions. Its TLS trust is the
   * caller's: with it, caFile is not read. Without it, each client gets its own.
   */
  dispatcher?: Dispatcher;
  /** Checks every answer against the contract of its call (src/contract); a violation is an error. */
  verifyResponses?: boolean;
}

export { OxApiError };
export type OxWarning = ErrorFields;

/** The login answer; `context_id` is missing in some OX versions (ox-fidelity finding 19). */
export interface LoginResult {
  session: string;
  user: string;
  user_id: number;
  context_id?: number;
  locale?: string;
}

/** One `/multiple` item: its data, or the error OX gave for that item alone. */
export type MultipleItem = { ok: true; data: unknown; warnings: OxWarning[] } | { ok: false; error: OxApiError };

export interface MultipleRequest {
  module: string;
  action: string;
  [param: string]: unknown;
}

/** Warnings kept per client (most recent last), bounded so a long session cannot grow it. */
const MAX_WARNINGS = 100;

export class OxClient {
  readonly jar = new CookieJar();
  /** Warnings of successful answers, most recent last (bounded). */
  readonly warnings: OxWarning[] = [];
  private readonly apiUrl: string;
  private readonly options: Required<Pick<OxClientOptions, 'userAgent' | 'client' | 'timeoutMs'>>;
  private readonly dispatcher: Dispatcher | undefined;
  /** Only a pool this client made is closed with it; a shared one belongs to the caller. */
  private readonly ownsDispatcher: boolean;
  private readonly verifyResponses: boolean;
  session: string | undefined;

  constructor(options: OxClientOptions) {
    this.apiUrl = new URL(options.apiPath ?? '/ajax', options.baseUrl).toString().replace(/\/$/, '');
    this.options = {
      userAgent: options.userAgent ?? 'signoff/0.1 (OX acceptance harness)',
      client: options.client ?? 'open-xchange-appsuite',
      timeoutMs: options.timeoutMs ?? 15_000,
    };
    this.ownsDispatcher = options.dispatcher === undefined;
    this.verifyResponses = options.verifyResponses ?? false;
    this.dispatcher = options.dispatcher ?? trustingDispatcher(options.caFile);
  }

  /** Closes this client's own connection pool (idle keep-alive connections hold balancer workers). */
  async close(): Promise<void> {
    if (this.ownsDispatcher) await this.dispatcher?.close();
  }

  /** The node route of this session, from the JSESSIONID cookie (`<digits>.<route>`). */
  async route(): Promise<string | undefined> {
    const cookies = await this.jar.getCookies(this.apiUrl);
    return cookies.find((c) => c.key === 'JSESSIONID')?.value.split('.').pop();
  }

  async login(name: string, password: string): Promise<LoginResult> {
    const res = await this.request('login', { action: 'login', client: this.options.client }, {
      method: 'POST',
      body: new URLSearchParams({ name, password }),
      headers: { 'content-type': 'application/x-www-form-urlencoded; charset=UTF-8' },
    });
    const { login, warnings } = readLogin(this.verified('login.login', parseBody(await res.text())), res.status);
    this.keepWarnings(warnings);
    this.session = login.session;
    return login;
  }

  /** Ends the session; the local session is forgotten whatever the server says (no retry on a dead session). */
  async logout(): Promise<void> {
    const session = this.session;
    if (!session) return;
    this.session = undefined;
    const res = await this.request('login', { action: 'logout', session }, { method: 'GET' });
    readLogout(res.status, await res.text());
  }

  /** GET/PUT/POST a module action; returns `data` of the envelope (warnings kept on the client). */
  async call(
    module: string,
    action: string | undefined,
    params: Record<string, string | number | boolean> = {},
    init: { method?: string; body?: RequestInit['body']; headers?: Record<string, string>; withSession?: boolean; contract?: string } = {},
  ): Promise<unknown> {
    const res = await this.request(module, this.query(action, params, init.withSession !== false), init);
    const body = this.verified(init.contract ?? contractName(module, action), parseBody(await res.text()), typeof params.columns === 'string' ? { columns: params.columns } : {});
    const answer = readCall(body, res.status, `${module}${action ? `?action=${action}` : ''}`);
    this.keepWarnings(answer.warnings);
    return answer.data;
  }

  /** `PUT /multiple`: one result per request, each judged on its own (warnings are successes). */
  async multiple(requests: MultipleRequest[]): Promise<MultipleItem[]> {
    const res = await this.request('multiple', this.query(undefined, {}, true), {
      method: 'PUT',
      body: JSON.stringify(requests),
      headers: { 'content-type': 'application/json' },
    });
    const body = this.verified('multiple', parseBody(await res.text()), { requests: requests.length });
    if (!Array.isArray(body)) {
      readCall(body, res.status, 'multiple'); // an error envelope (a lost session) throws its own code
      throw new OxApiError('INVALID-ANSWER', 'multiple did not answer a JSON array', res.status);
    }
    if (body.length !== requests.length) throw new OxApiError('INVALID-ANSWER', `multiple answered ${body.length} items for ${requests.length} requests`, res.status);
    return body.map((item, i) => this.multipleItem(item, res.status, requests[i]!));
  }

  /** A file (export, document): its text when the server answered the expected content type, else the error it gave. */
  async download(module: string, action: string, params: Record<string, string | number>, expected: RegExp): Promise<string> {
    const res = await this.request(module, this.query(action, params, true));
    return readDownload(res.status, res.headers.get('content-type') ?? '', await res.text(), `${module}?action=${action}`, expected);
  }

  /** A raw request with cookies; for callers that read the response themselves. */
  async request(module: string, query: Record<string, string>, init: { method?: string; body?: RequestInit['body']; headers?: Record<string, string> } = {}): Promise<Response> {
    const url = `${this.apiUrl}/${module}?${new URLSearchParams(query)}`;
    const cookie = await this.jar.getCookieString(url);
    const res = await fetch(url, {
      method: init.method ?? 'GET',
      body: init.body,
      headers: { 'user-agent': this.options.userAgent, ...(cookie ? { cookie } : {}), ...init.headers },
      signal: AbortSignal.timeout(this.options.timeoutMs),
      redirect: 'manual',
      dispatcher: this.dispatcher,
    });
    for (const setCookie of res.headers.getSetCookie()) {
      await this.jar.setCookie(setCookie, url, { ignoreError: true });
    }
    return res;
  }

  private query(action: string | undefined, params: Record<string, string | number | boolean>, withSession: boolean): Record<string, string> {
    const query: Record<string, string> = {};
    if (action) query.action = action;
    for (const [k, v] of Object.entries(params)) query[k] = String(v);
    if (withSession) {
      if (!this.session) throw new OxApiError('CLIENT', 'not logged in', 0);
      query.session = this.session;
    }
    return query;
  }

  private multipleItem(item: unknown, status: number, request: MultipleRequest): MultipleItem {
    try {
      const answer: Answer = readCall(item, status, `multiple ${request.module}?action=${request.action}`);
      this.keepWarnings(answer.warnings);
      return { ok: true, data: answer.data, warnings: answer.warnings };
    } catch (error) {
      if (error instanceof OxApiError) return { ok: false, error };
      throw error;
    }
  }

  /** The body, once it kept the contract of `name` (verify mode only; JSON answers only). */
  private verified(name: string, body: unknown, params: VerifyParams = {}): unknown {
    if (!this.verifyResponses || body === undefined) return body;
    const verdict = verifyResponse(name, body, params);
    if (!verdict.ok) throw new OxApiError('CONTRACT-VIOLATION', `${name} answered outside the OX contract: ${verdict.problem}`, 0);
    return body;
  }

  private keepWarnings(warnings: OxWarning[]): void {
    this.warnings.push(...warnings);
    if (this.warnings.length > MAX_WARNINGS) this.warnings.splice(0, this.warnings.length - MAX_WARNINGS);
  }
}

/** `mail` + `all` → `mail.all`; REST-like paths `mail/compose` → `mail.compose` (verify.ts names). */
function contractName(module: string, action: string | undefined): string {
  const path = module.replace(/\//g, '.');
  return action ? `${path}.${action}` : path;
}

/** JSON bodies, and the HTML callback pages of uploads (`callback_<action>({...})`); broken JSON is an answer error, not a crash. */
export function parseBody(text: string): unknown {
  if (text === '') return undefined;
  const trimmed = text.trimStart();
  const json = trimmed.startsWith('{') || trimmed.startsWith('[') ? text : /\((\{.*\})\)/s.exec(text)?.[1];
  if (json === undefined) return undefined;
  try {
    return JSON.parse(json) as unknown;
  } catch {
    throw new OxApiError('INVALID-ANSWER', `the server answered broken JSON (${text.length} bytes)`, 0);
  }
}

/** A connection pool that trusts `caFile` (undefined: the system trust store, Node's default pool). */
export function trustingDispatcher(caFile: string | undefined): Agent | undefined {
  return caFile ? new Agent({ connect: { ca: readFileSync(caFile) } }) : undefined;
}
