/**
 * One OX session as the App Suite UI holds it: an explicit cookie jar (secret,
 * public-session and JSESSIONID cookies), `session=<id>` on every call, and the
 * same User-Agent and `client` throughout (the secret cookie's name is derived
 * from both). Every call is tagged `name=<module.action>` and measured; a
 * session the server lost mid-way is counted and replaced by a new login, at
 * most once per call.
 */
import exec from 'k6/execution';
import http from 'k6/http';
import type { CookieJar, FileData, RequestBody } from 'k6/http';
import type { OxAccount } from './accounts.ts';
import { newSessionJar, routeSetBy } from './cookies.ts';
import { readOutcome } from './envelope.ts';
import type { OxOutcome, ResponseShape } from './envelope.ts';
import { oxErrors, oxFailed, oxLoginDuration, oxRouteChanges, oxSessionLost, oxSessions, SESSION_LOST_CODES } from './metrics.ts';
import { settings } from './settings.ts';
import { encodeQuery } from './url.ts';
import type { Query } from './url.ts';

export const OX_CLIENT = 'open-xchange-appsuite';
export const USER_AGENT = 'Mozilla/5.0 (X11; Linux x86_64) signoff-k6/0.1';
const LOGIN_QUERY = `action=login&client=${OX_CLIENT}&staySignedIn=false`;
const AUTOLOGIN_QUERY = `action=autologin&client=${OX_CLIENT}`;

export interface OxCall {
  /** Tag `name`: the OX module and action, e.g. `mail.all`. */
  name: string;
  method: 'GET' | 'POST' | 'PUT';
  /** Below the API path, e.g. `/mail` or `/config/folder`. */
  path: string;
  query?: Query;
  /** A JSON value (sent as application/json) or multipart fields (with http.file values). */
  json?: unknown;
  form?: Record<string, string | FileData>;
  shape: ResponseShape;
}

export interface LoginData {
  session: string;
  user?: string;
  user_id?: number;
  context_id?: number;
  locale?: string;
}

let loginCounter = 0;
/** exec.vu builds a new object on every read; the id never changes within a VU. */
let vuId: number | undefined;

type ResponseType = 'text' | 'none';

/** What k6 gets on every request; rebuilt only when the session's jar changes (a new login). */
interface RequestParams {
  jar: CookieJar;
  headers: Record<string, string>;
  tags: { name: string };
  responseType: ResponseType;
}

/**
 * Per-action objects handed to k6 on every request, built once per VU: this
 * runs per request, so nothing here may allocate in the steady state.
 */
interface ActionMeta {
  name: string;
  tags: { name: string };
  /** Params of the last request of this action, keyed by body kind; reused while jar and response type match. */
  plain?: RequestParams;
  json?: RequestParams;
}
const actionMeta = new Map<string, ActionMeta>();

function metaOf(name: string): ActionMeta {
  let meta = actionMeta.get(name);
  if (!meta) {
    meta = { name, tags: { name } };
    actionMeta.set(name, meta);
  }
  return meta;
}

/** Constant tag objects for the metrics whose tags repeat (route, name+code). */
const sessionTags = new Map<string, { route: string }>();
const errorTags = new Map<string, { name: string; code: string }>();

function routeTags(route: string): { route: string } {
  let tags = sessionTags.get(route);
  if (!tags) sessionTags.set(route, (tags = { route }));
  return tags;
}

function errorTagsOf(name: string, code: string): { name: string; code: string } {
  const key = `${name} ${code}`;
  let tags = errorTags.get(key);
  if (!tags) errorTags.set(key, (tags = { name, code }));
  return tags;
}

/** The query part of a call, encoded once per query object (modules hand in constant ones where they can). */
const encodedQueries = new WeakMap<Query, string>();

function queryOf(query: Query | undefined): string {
  if (query === undefined) return '';
  let encoded = encodedQueries.get(query);
  if (encoded === undefined) {
    encoded = encodeQuery(query, 'session');
    encodedQueries.set(query, encoded);
  }
  return encoded;
}

export class OxSession {
  readonly account: OxAccount;
  #jar: CookieJar = newSessionJar();
  #sessionId: string | undefined;
  /** `session=<id>`, encoded once per session. */
  #sessionQuery = '';
  #route: string | undefined;
  readonly #headers: Record<string, string> = { 'User-Agent': USER_AGENT };
  readonly #jsonHeaders: Record<string, string> = { 'User-Agent': USER_AGENT, 'Content-Type': 'application/json' };

  constructor(account: OxAccount) {
    this.account = account;
  }

  get id(): string | undefined {
    return this.#sessionId;
  }

  /** JSESSIONID route of this session (`OX1`), `none` when the server sets no route. */
  get route(): string {
    return this.#route ?? 'none';
  }

  /** Form login with the password in the body; a fresh jar, so the balancer places the session. */
  login(): OxOutcome<LoginData> {
    this.#jar = newSessionJar();
    this.#sessionId = undefined;
    loginCounter += 1;
    vuId ??= exec.vu.idInTest;
    const url = `${settings.apiUrl}/login?${LOGIN_QUERY}&authId=signoff-${vuId}-${loginCounter}`;
    const meta = metaOf('login');
    const res = http.post(url, { name: this.account.login, password: this.account.password }, this.#params(meta, false, 'text'));
    const outcome = this.#record(meta, readOutcome(res, 'json'));
    const session = (outcome.json as Partial<LoginData> | undefined)?.session;
    if (outcome.ok && typeof session === 'string') {
      // A fresh jar: the JSESSIONID, if any, is the one this answer sets.
      this.#startSession(session, routeSetBy(res));
      oxLoginDuration.add(res.timings.duration);
      return { ok: true, status: outcome.status, data: outcome.json as LoginData, json: outcome.json };
    }
    return { ok: false, status: outcome.status, code: outcome.ok ? 'PARSE' : outcome.code };
  }

  /** Re-enters the session through the session cookie, as the UI does on reload. */
  autologin(): OxOutcome<LoginData> {
    const meta = metaOf('autologin');
    const res = http.get(`${settings.apiUrl}/login?${AUTOLOGIN_QUERY}`, this.#params(meta, false, 'text'));
    const outcome = this.#record(meta, readOutcome(res, 'json'));
    const session = (outcome.json as Partial<LoginData> | undefined)?.session;
    if (outcome.ok && typeof session === 'string') {
      this.#setSessionId(session);
      return { ok: true, status: outcome.status, data: outcome.json as LoginData, json: outcome.json };
    }
    return { ok: false, status: outcome.status, code: outcome.ok ? 'PARSE' : outcome.code };
  }

  logout(): OxOutcome {
    if (this.#sessionId === undefined) return { ok: true, status: 0 };
    const meta = metaOf('logout');
    const res = http.get(`${settings.apiUrl}/login?action=logout&${this.#sessionQuery}`, this.#params(meta, false, 'text'));
    this.#setSessionId(undefined);
    this.#route = undefined;
    return this.#record(meta, readOutcome(res, 'empty'));
  }

  /** One authenticated OX call; logs in first when there is no session. */
  call<T = unknown>(call: OxCall): OxOutcome<T> {
    if (this.#sessionId === undefined && !this.login().ok) return { ok: false, status: 0, code: 'NO-SESSION' };
    const first = this.#send(call);
    if (first.ok || first.code === undefined || !SESSION_LOST_CODES.has(first.code)) return first as OxOutcome<T>;
    oxSessionLost.add(1, errorTagsOf(call.name, first.code));
    if (!this.login().ok) return first as OxOutcome<T>;
    return this.#send(call) as OxOutcome<T>;
  }

  #setSessionId(sessionId: string | undefined): void {
    this.#sessionId = sessionId;
    this.#sessionQuery = sessionId === undefined ? '' : `session=${encodeURIComponent(sessionId)}`;
  }

  #startSession(sessionId: string, route: string | undefined): void {
    this.#setSessionId(sessionId);
    this.#route = route;
    oxSessions.add(1, routeTags(this.route));
  }

  #send(call: OxCall): OxOutcome {
    const query = queryOf(call.query);
    const url = query === '' ? `${settings.apiUrl}${call.path}?${this.#sessionQuery}` : `${settings.apiUrl}${call.path}?${query}&${this.#sessionQuery}`;
    const meta = metaOf(call.name);
    let body: RequestBody | null = null;
    let json = false;
    if (call.json !== undefined) {
      body = JSON.stringify(call.json);
      json = true;
    } else if (call.form !== undefined) {
      body = call.form; // k6 encodes an object holding http.file values as multipart/form-data
    }
    const res = http.request(call.method, url, body, this.#params(meta, json, call.shape === 'binary' ? 'none' : 'text'));
    this.#trackRoute(res);
    return this.#record(meta, readOutcome(res, call.shape));
  }

  /** A new JSESSIONID with another route inside one session means stickiness broke. */
  #trackRoute(res: Parameters<typeof routeSetBy>[0]): void {
    const route = routeSetBy(res);
    if (route === undefined) return;
    if (this.#route !== undefined && route !== this.#route) oxRouteChanges.add(1);
    this.#route = route;
  }

  /** The params object for this action, reused from the previous request while jar and response type are the same. */
  #params(meta: ActionMeta, json: boolean, responseType: ResponseType): RequestParams {
    const cached = json ? meta.json : meta.plain;
    if (cached !== undefined && cached.jar === this.#jar && cached.responseType === responseType) return cached;
    const params: RequestParams = { jar: this.#jar, headers: json ? this.#jsonHeaders : this.#headers, tags: meta.tags, responseType };
    if (json) meta.json = params;
    else meta.plain = params;
    return params;
  }

  /**
   * ox_failed is the per-request pass/fail (a Rate tagged name, what k6's
   * check() would give again as a second sample per request), so no check().
   */
  #record(meta: ActionMeta, outcome: OxOutcome): OxOutcome {
    oxFailed.add(!outcome.ok, meta.tags);
    if (!outcome.ok) {
      const items = outcome.itemErrors;
      if (items && items.length > 0) for (const item of items) oxErrors.add(1, errorTagsOf(meta.name, item.code));
      else oxErrors.add(1, errorTagsOf(meta.name, outcome.code ?? 'OX-UNKNOWN'));
    }
    return outcome;
  }
}
