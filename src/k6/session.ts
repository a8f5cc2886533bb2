/**
 * One OX session as the App Suite UI holds it: an explicit cookie jar (secret,
 * public-session and JSESSIONID cookies), `session=<id>` on every call, and the
 * same User-Agent and `client` throughout (the secret cookie's name is derived
 * from both). Every call is tagged `name=<module.action>` and measured; a
 * session the server lost mid-way is counted and replaced by a new login, at
 * most once per call. Failed logins and HTTP 429 answers make the VU back off
 * (backoff.ts) instead of trying again at once.
 */
import exec from 'k6/execution';
import http from 'k6/http';
import type { CookieJar, FileData, RequestBody } from 'k6/http';
import type { OxAccount } from './accounts.ts';
import { isParked, loginFailed, loginRetryReason, loginSucceeded, notRateLimited, parkedPause, rateLimited, retryAfterOf, waitTurn } from './backoff.ts';
import type { RetryReason } from './backoff.ts';
import { checkContract, verifying } from './contract.ts';
import { newSessionJar, routeSetBy } from './cookies.ts';
import { readOutcome } from './envelope.ts';
import type { OxOutcome, ResponseShape } from './envelope.ts';
import { oxErrors, oxFailed, oxLoginDuration, oxRateLimited, oxRetries, oxRouteChanges, oxSessionLost, oxSessions, oxWarnings, SESSION_LOST_CODES } from './metrics.ts';
import { settings } from './settings.ts';
import { browserForVu } from './user-agents.ts';
import { encodeQuery } from './url.ts';
import type { Query } from './url.ts';

export const OX_CLIENT = 'open-xchange-appsuite';
const LOGIN_QUERY = `action=login&client=${OX_CLIENT}&staySignedIn=false`;
const AUTOLOGIN_QUERY = `action=autologin&client=${OX_CLIENT}`;
/** MW AjaxExceptionCodes.DISABLED_ACTION: what AutoLogin answers when com.openexchange.sessiond.autologin is false. */
const DISABLED_ACTION = 'SVL-0015';
export const AUTOLOGIN_OFF = 'AUTOLOGIN-OFF';

export interface OxCall {
  /** Tag `name`: the OX module and action, e.g. `mail.all`. */
  name: string;
  /** PATCH: composition-space updates (FE mail/compose/api.js); DELETE where the REST-like APIs use it. */
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  /** Below the API path, e.g. `/mail` or `/config/folder`. */
  path: string;
  query?: Query;
  /** A JSON value (sent as application/json) or multipart fields (with http.file values). */
  json?: unknown;
  form?: Record<string, string | FileData>;
  shape: ResponseShape;
}

/** Extra query parameters of a login or autologin, e.g. the UI's `rampup=true&rampUpFor=open-xchange-appsuite`. */
export interface LoginOptions {
  query?: Query;
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
/** The VU's browser, the same for all its sessions (a user does not switch browsers between logins). */
let vuUserAgent: string | undefined;

function userAgentOfVu(): string {
  vuId ??= exec.vu.idInTest;
  return (vuUserAgent ??= settings.userAgent ?? browserForVu(vuId).userAgent);
}

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

const retryTags = new Map<string, { name: string; reason: RetryReason }>();
const rateLimitTags = new Map<string, { name: string; route: string }>();

function retryTagsOf(name: string, reason: RetryReason): { name: string; reason: RetryReason } {
  const key = `${name} ${reason}`;
  let tags = retryTags.get(key);
  if (!tags) retryTags.set(key, (tags = { name, reason }));
  return tags;
}

function rateLimitTagsOf(name: string, route: string): { name: string; route: string } {
  const key = `${name} ${route}`;
  let tags = rateLimitTags.get(key);
  if (!tags) rateLimitTags.set(key, (tags = { name, route }));
  return tags;
}

/** The extra query of a login, encoded once per query object. */
function extraQueryOf(options: LoginOptions | undefined): string {
  const query = options?.query === undefined ? '' : queryOf(options.query);
  return query === '' ? '' : `&${query}`;
}

interface ResponseMeta {
  status: number;
  headers: Record<string, string>;
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
  /** The User-Agent every request of this session sends (the VU's browser). */
  readonly userAgent: string;
  #jar: CookieJar = newSessionJar();
  #sessionId: string | undefined;
  /** `session=<id>`, encoded once per session. */
  #sessionQuery = '';
  #route: string | undefined;
  readonly #headers: Record<string, string>;
  readonly #jsonHeaders: Record<string, string>;

  constructor(account: OxAccount) {
    this.account = account;
    this.userAgent = userAgentOfVu();
    this.#headers = { 'User-Agent': this.userAgent };
    this.#jsonHeaders = { 'User-Agent': this.userAgent, 'Content-Type': 'application/json' };
  }

  get id(): string | undefined {
    return this.#sessionId;
  }

  /** JSESSIONID route of this session (`OX1`), `none` when the server sets no route. */
  get route(): string {
    return this.#route ?? 'none';
  }

  /**
   * Form login with the password in the body; a fresh jar, so the balancer
   * places the session. A failure returns at once; the VU's next request then
   * waits its backoff, and after the retry cap the VU is parked: login() only
   * sleeps a bounded while and answers `PARKED` without a request.
   */
  login(options?: LoginOptions): OxOutcome<LoginData> {
    this.#jar = newSessionJar();
    this.#setSessionId(undefined);
    this.#route = undefined;
    if (isParked()) {
      parkedPause();
      return { ok: false, status: 0, code: 'PARKED' };
    }
    waitTurn();
    const retry = loginRetryReason();
    if (retry !== undefined) oxRetries.add(1, retryTagsOf('login', retry));
    loginCounter += 1;
    vuId ??= exec.vu.idInTest;
    const url = `${settings.apiUrl}/login?${LOGIN_QUERY}${extraQueryOf(options)}&authId=signoff-${vuId}-${loginCounter}`;
    const meta = metaOf('login');
    const res = http.post(url, { name: this.account.login, password: this.account.password }, this.#params(meta, false, 'text'));
    const limited = this.#noteRateLimit(meta, res, false);
    let outcome = readOutcome(res, 'login');
    const session = (outcome.json as Partial<LoginData> | undefined)?.session;
    // A 2xx without a session id is a failed login too (counted, backed off), not a silent success.
    if (outcome.ok && typeof session !== 'string') outcome = { ok: false, status: outcome.status, code: 'PARSE' };
    this.#record(meta, outcome);
    if (verifying) checkContract(meta.name, 'login', outcome);
    if (outcome.ok && typeof session === 'string') {
      loginSucceeded();
      // A fresh jar: the JSESSIONID, if any, is the one this answer sets.
      this.#startSession(session, routeSetBy(res));
      oxLoginDuration.add(res.timings.duration);
      return { ok: true, status: outcome.status, data: outcome.json as LoginData, json: outcome.json };
    }
    loginFailed(limited ? 'rate-limited' : 'login-failed', limited ? retryAfterOf(res.headers['Retry-After']) : undefined);
    return { ok: false, status: outcome.status, code: outcome.code };
  }

  /**
   * Re-enters the session through the session cookie, as the UI does on
   * reload. Real OX has autologin off unless configured
   * (com.openexchange.sessiond.autologin); without SIGNOFF_AUTOLOGIN=on no
   * request is sent. Either way "off" is the failure AUTOLOGIN-OFF, never a lost session.
   */
  autologin(options?: LoginOptions): OxOutcome<LoginData> {
    const meta = metaOf('autologin');
    if (!settings.autologin) {
      oxErrors.add(1, errorTagsOf(meta.name, AUTOLOGIN_OFF));
      return { ok: false, status: 0, code: AUTOLOGIN_OFF };
    }
    waitTurn();
    const res = http.get(`${settings.apiUrl}/login?${AUTOLOGIN_QUERY}${extraQueryOf(options)}`, this.#params(meta, false, 'text'));
    this.#noteRateLimit(meta, res, true);
    let outcome = readOutcome(res, 'login');
    if (!outcome.ok && outcome.code === DISABLED_ACTION) outcome = { ok: false, status: outcome.status, code: AUTOLOGIN_OFF, json: outcome.json };
    this.#record(meta, outcome);
    const session = (outcome.json as Partial<LoginData> | undefined)?.session;
    if (outcome.ok && typeof session === 'string') {
      this.#setSessionId(session);
      this.#trackRoute(res);
      return { ok: true, status: outcome.status, data: outcome.json as LoginData, json: outcome.json };
    }
    return { ok: false, status: outcome.status, code: outcome.ok ? 'PARSE' : outcome.code };
  }

  /**
   * POST, as the UI's session.logout. Real OX answers an empty 200; a missing
   * session 400 and a wrong secret 403, bare (MW LoginServlet): those fail
   * with HTTP-400/HTTP-403. The session is forgotten here either way.
   */
  logout(): OxOutcome {
    if (this.#sessionId === undefined) return { ok: true, status: 0 };
    waitTurn();
    const meta = metaOf('logout');
    const res = http.post(`${settings.apiUrl}/login?action=logout&${this.#sessionQuery}`, null, this.#params(meta, false, 'text'));
    this.#setSessionId(undefined);
    this.#route = undefined;
    this.#noteRateLimit(meta, res, true);
    return this.#record(meta, readOutcome(res, 'empty'));
  }

  /**
   * One authenticated OX call; logs in first when there is no session. A
   * login that fails returns at once (NO-SESSION); the backoff delays the
   * VU's next request, not this answer.
   */
  call<T = unknown>(call: OxCall): OxOutcome<T> {
    if (this.#sessionId === undefined && !this.login().ok) return { ok: false, status: 0, code: 'NO-SESSION' };
    const first = this.#send(call);
    if (first.ok || first.code === undefined || !SESSION_LOST_CODES.has(first.code)) return first as OxOutcome<T>;
    oxSessionLost.add(1, errorTagsOf(call.name, first.code));
    if (!this.login().ok) return first as OxOutcome<T>;
    oxRetries.add(1, retryTagsOf(call.name, 'session-lost'));
    return this.#send(call) as OxOutcome<T>;
  }

  /**
   * A request outside the session (no `session=` parameter), e.g. the public
   * server config the 8.x UI reads before login (`apps/manifests?action=config`):
   * same User-Agent, jar, backoff, 429 accounting and metrics as every call.
   */
  publicCall<T = unknown>(call: OxCall): OxOutcome<T> {
    return this.#send(call, false) as OxOutcome<T>;
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

  #send(call: OxCall, withSession = true): OxOutcome {
    waitTurn();
    const query = queryOf(call.query);
    const session = withSession ? this.#sessionQuery : '';
    const url = `${settings.apiUrl}${call.path}?${query}${query !== '' && session !== '' ? '&' : ''}${session}`;
    const meta = metaOf(call.name);
    let body: RequestBody | null = null;
    let json = false;
    if (call.json !== undefined) {
      body = JSON.stringify(call.json);
      json = true;
    } else if (call.form !== undefined) {
      body = call.form; // k6 encodes an object holding http.file values as multipart/form-data
    }
    // Downloads keep no body in the VU (responseType none); binary.ts judges them by their headers.
    const res = http.request(call.method, url, body, this.#params(meta, json, call.shape === 'binary' ? 'none' : 'text'));
    this.#trackRoute(res);
    this.#noteRateLimit(meta, res, true);
    const outcome = this.#record(meta, readOutcome(res, call.shape));
    if (verifying) checkContract(call.name, call.shape, outcome, call.query);
    return outcome;
  }

  /** A new JSESSIONID with another route inside one session means stickiness broke. */
  #trackRoute(res: Parameters<typeof routeSetBy>[0]): void {
    const route = routeSetBy(res);
    if (route === undefined) return;
    if (this.#route !== undefined && route !== this.#route) oxRouteChanges.add(1);
    this.#route = route;
  }

  /** Counts a 429 and (unless the login path backs off itself) delays the VU's next request; true for a 429. */
  #noteRateLimit(meta: ActionMeta, res: ResponseMeta, backOff: boolean): boolean {
    if (res.status !== 429) {
      notRateLimited();
      return false;
    }
    oxRateLimited.add(1, rateLimitTagsOf(meta.name, this.route));
    if (backOff) rateLimited(retryAfterOf(res.headers['Retry-After']));
    return true;
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
    const warnings = outcome.warnings;
    if (warnings !== undefined) for (const code of warnings) oxWarnings.add(1, errorTagsOf(meta.name, code));
    return outcome;
  }
}
