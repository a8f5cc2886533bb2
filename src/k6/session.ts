/**
 * One OX session as the App Suite UI holds it: an explicit cookie jar (secret,
 * public-session and JSESSIONID cookies), `session=<id>` on every call, and the
 * same User-Agent and `client` throughout (the secret cookie's name is derived
 * from both). Every call is tagged `name=<module.action>` and measured; a
 * session the server lost mid-way is counted and replaced by a new login, at
 * most once per call.
 */
import { check } from 'k6';
import exec from 'k6/execution';
import http from 'k6/http';
import type { CookieJar, FileData, RequestBody } from 'k6/http';
import type { OxAccount } from './accounts.ts';
import { newSessionJar, routeInJar, routeSetBy } from './cookies.ts';
import { readOutcome } from './envelope.ts';
import type { OxOutcome, ResponseShape } from './envelope.ts';
import { oxErrors, oxFailed, oxLoginDuration, oxRouteChanges, oxSessionLost, oxSessions, SESSION_LOST_CODES } from './metrics.ts';
import { settings } from './settings.ts';
import { withQuery } from './url.ts';
import type { Query } from './url.ts';

export const OX_CLIENT = 'open-xchange-appsuite';
export const USER_AGENT = 'Mozilla/5.0 (X11; Linux x86_64) signoff-k6/0.1';

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

/** Per-action objects handed to k6 on every request, built once per VU (this runs per request). */
interface ActionMeta {
  tags: { name: string };
  checks: Record<string, (o: OxOutcome) => boolean>;
}
const actionMeta = new Map<string, ActionMeta>();

function metaOf(name: string): ActionMeta {
  let meta = actionMeta.get(name);
  if (!meta) {
    meta = { tags: { name }, checks: { [`${name}: 2xx without OX error`]: (o) => o.ok } };
    actionMeta.set(name, meta);
  }
  return meta;
}

export class OxSession {
  readonly account: OxAccount;
  #jar: CookieJar = newSessionJar();
  #sessionId: string | undefined;
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
    const url = withQuery(`${settings.apiUrl}/login`, {
      action: 'login',
      client: OX_CLIENT,
      staySignedIn: false,
      authId: `signoff-${exec.vu.idInTest}-${loginCounter}`,
    });
    const res = http.post(url, { name: this.account.login, password: this.account.password }, this.#params('login', 'text'));
    const outcome = this.#record('login', readOutcome(res, 'json'));
    const session = (outcome.json as Partial<LoginData> | undefined)?.session;
    if (outcome.ok && typeof session === 'string') {
      this.#startSession(session);
      oxLoginDuration.add(res.timings.duration);
      return { ok: true, status: outcome.status, data: outcome.json as LoginData, json: outcome.json };
    }
    return { ok: false, status: outcome.status, code: outcome.ok ? 'PARSE' : outcome.code };
  }

  /** Re-enters the session through the session cookie, as the UI does on reload. */
  autologin(): OxOutcome<LoginData> {
    const url = withQuery(`${settings.apiUrl}/login`, { action: 'autologin', client: OX_CLIENT });
    const res = http.get(url, this.#params('autologin', 'text'));
    const outcome = this.#record('autologin', readOutcome(res, 'json'));
    const session = (outcome.json as Partial<LoginData> | undefined)?.session;
    if (outcome.ok && typeof session === 'string') {
      this.#sessionId = session;
      return { ok: true, status: outcome.status, data: outcome.json as LoginData, json: outcome.json };
    }
    return { ok: false, status: outcome.status, code: outcome.ok ? 'PARSE' : outcome.code };
  }

  logout(): OxOutcome {
    if (this.#sessionId === undefined) return { ok: true, status: 0 };
    const url = withQuery(`${settings.apiUrl}/login`, { action: 'logout', session: this.#sessionId });
    const res = http.get(url, this.#params('logout', 'text'));
    this.#sessionId = undefined;
    this.#route = undefined;
    return this.#record('logout', readOutcome(res, 'empty'));
  }

  /** One authenticated OX call; logs in first when there is no session. */
  call<T = unknown>(call: OxCall): OxOutcome<T> {
    if (this.#sessionId === undefined && !this.login().ok) return { ok: false, status: 0, code: 'NO-SESSION' };
    const first = this.#send(call);
    if (first.ok || first.code === undefined || !SESSION_LOST_CODES.has(first.code)) return first as OxOutcome<T>;
    oxSessionLost.add(1, { name: call.name, code: first.code });
    if (!this.login().ok) return first as OxOutcome<T>;
    return this.#send(call) as OxOutcome<T>;
  }

  #startSession(sessionId: string): void {
    this.#sessionId = sessionId;
    this.#route = routeInJar(this.#jar, settings.baseUrl);
    oxSessions.add(1, { route: this.route });
  }

  #send(call: OxCall): OxOutcome {
    const url = withQuery(`${settings.apiUrl}${call.path}`, { ...call.query, session: this.#sessionId });
    let body: RequestBody | null = null;
    let headers = this.#headers;
    if (call.json !== undefined) {
      body = JSON.stringify(call.json);
      headers = this.#jsonHeaders;
    } else if (call.form !== undefined) {
      body = call.form; // k6 encodes an object holding http.file values as multipart/form-data
    }
    const params = { ...this.#params(call.name, call.shape === 'binary' ? 'none' : 'text'), headers };
    const res = http.request(call.method, url, body, params);
    this.#trackRoute(res);
    return this.#record(call.name, readOutcome(res, call.shape));
  }

  /** A new JSESSIONID with another route inside one session means stickiness broke. */
  #trackRoute(res: { cookies: { [name: string]: { value: string }[] } }): void {
    const route = routeSetBy(res);
    if (route === undefined) return;
    if (this.#route !== undefined && route !== this.#route) oxRouteChanges.add(1);
    this.#route = route;
  }

  #params(name: string, responseType: 'text' | 'none') {
    return { jar: this.#jar, headers: this.#headers, tags: metaOf(name).tags, responseType };
  }

  #record(name: string, outcome: OxOutcome): OxOutcome {
    const meta = metaOf(name);
    oxFailed.add(!outcome.ok, meta.tags);
    if (!outcome.ok) {
      const items = outcome.itemErrors;
      if (items && items.length > 0) for (const item of items) oxErrors.add(1, { name, code: item.code });
      else oxErrors.add(1, { name, code: outcome.code ?? 'OX-UNKNOWN' });
    }
    check(outcome, meta.checks, meta.tags);
    return outcome;
  }
}
