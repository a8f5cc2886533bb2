/**
 * A small OX HTTP API client for Node-side checks (smoke, API round-trips,
 * account verification): login with the form body, the cookie jar replayed on
 * every call, the session parameter, and OX error envelopes turned into errors.
 */
import { CookieJar } from 'tough-cookie';
import { Agent, fetch, type Dispatcher, type RequestInit, type Response } from 'undici';
import { readFileSync } from 'node:fs';

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
}

export interface OxEnvelopeError {
  error: string;
  code: string;
  error_params?: unknown[];
  categories?: string | string[];
}

/** An OX error envelope or an HTTP failure, with the code the server gave. */
export class OxApiError extends Error {
  readonly code: string;
  readonly status: number;
  constructor(code: string, message: string, status: number) {
    super(`${code}: ${message}`);
    this.name = 'OxApiError';
    this.code = code;
    this.status = status;
  }
}

export interface LoginResult {
  session: string;
  user: string;
  user_id: number;
  context_id: number;
  locale?: string;
}

export class OxClient {
  readonly jar = new CookieJar();
  private readonly apiUrl: string;
  private readonly options: Required<Pick<OxClientOptions, 'userAgent' | 'client' | 'timeoutMs'>>;
  private readonly dispatcher: Dispatcher | undefined;
  /** Only a pool this client made is closed with it; a shared one belongs to the caller. */
  private readonly ownsDispatcher: boolean;
  session: string | undefined;

  constructor(options: OxClientOptions) {
    this.apiUrl = new URL(options.apiPath ?? '/ajax', options.baseUrl).toString().replace(/\/$/, '');
    this.options = {
      userAgent: options.userAgent ?? 'signoff/0.1 (OX acceptance harness)',
      client: options.client ?? 'open-xchange-appsuite',
      timeoutMs: options.timeoutMs ?? 15_000,
    };
    this.ownsDispatcher = options.dispatcher === undefined;
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
    const body = new URLSearchParams({ name, password });
    const result = (await this.call('login', 'login', { client: this.options.client }, {
      method: 'POST',
      body,
      headers: { 'content-type': 'application/x-www-form-urlencoded; charset=UTF-8' },
      withSession: false,
      topLevel: true,
    })) as LoginResult;
    this.session = result.session;
    return result;
  }

  async logout(): Promise<void> {
    if (!this.session) return;
    await this.request('login', { action: 'logout', session: this.session }, { method: 'GET' });
    this.session = undefined;
  }

  /** GET/PUT/POST a module action; returns `data` of the envelope. */
  async call(
    module: string,
    action: string | undefined,
    params: Record<string, string | number | boolean> = {},
    init: { method?: string; body?: RequestInit['body']; headers?: Record<string, string>; withSession?: boolean; topLevel?: boolean } = {},
  ): Promise<unknown> {
    const query: Record<string, string> = {};
    if (action) query.action = action;
    for (const [k, v] of Object.entries(params)) query[k] = String(v);
    if (init.withSession !== false) {
      if (!this.session) throw new OxApiError('CLIENT', 'not logged in', 0);
      query.session = this.session;
    }
    const res = await this.request(module, query, init);
    const text = await res.text();
    const json = parseBody(text);
    if (json && typeof json === 'object' && 'error' in json && 'code' in json) {
      const e = json as OxEnvelopeError;
      throw new OxApiError(e.code, e.error, res.status);
    }
    if (!res.ok) throw new OxApiError(`HTTP-${res.status}`, `${module}?action=${action} answered HTTP ${res.status}`, res.status);
    if (init.topLevel) return json;
    return (json as { data?: unknown } | undefined)?.data;
  }

  /** A raw request with cookies; for downloads and exports whose body is not JSON. */
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
}

/** JSON bodies, and the HTML callback pages of uploads (`callback_<action>({...})`). */
export function parseBody(text: string): unknown {
  if (text === '') return undefined;
  const trimmed = text.trimStart();
  if (trimmed.startsWith('{') || trimmed.startsWith('[')) return JSON.parse(text);
  const callback = /\((\{.*\})\)/s.exec(text);
  return callback?.[1] ? JSON.parse(callback[1]) : undefined;
}

/** A connection pool that trusts `caFile` (undefined: the system trust store, Node's default pool). */
export function trustingDispatcher(caFile: string | undefined): Agent | undefined {
  return caFile ? new Agent({ connect: { ca: readFileSync(caFile) } }) : undefined;
}
