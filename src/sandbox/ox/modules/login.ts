/**
 * /ajax/login: login (form POST, field `name` only as MW LoginTools.parseLogin),
 * autologin (off unless com.openexchange.sessiond.autologin: SVL-0015, as MW AutoLogin),
 * store (deprecated no-op since 7.10.3), logout (bare HTTP errors, as MW
 * LoginServlet). Cookie names carry hashes of (User-Agent, client); JSESSIONID
 * carries this node's route so Apache keeps the session on it. Every session
 * check includes the IP check (com.openexchange.IPCheck=true): SES-0205.
 */
import type { NodeContext, OxModule, OxReply, OxRequest } from '../context.ts';
import {
  clearCookie,
  cookieHashes,
  jsessionId,
  PUBLIC_SESSION_PREFIX,
  SECRET_PREFIX,
  SESSION_PREFIX,
  setCookie,
  STAY_SIGNED_IN_TTL_MS,
} from '../cookies.ts';
import { errorEnvelope, OxError } from '../envelope.ts';
import type { OxSession } from '../sessions.ts';
import { rampUp } from './rampup.ts';

export const DEFAULT_CLIENT = 'open-xchange-appsuite';

function clientOf(req: OxRequest): string {
  return req.params.get('client') || DEFAULT_CLIENT;
}

function sessionCookies(session: OxSession, secure: boolean): string[] {
  const expires = session.staySignedIn ? new Date(Date.now() + STAY_SIGNED_IN_TTL_MS) : undefined;
  const options = { secure, ...(expires ? { expires } : {}) };
  return [
    setCookie(`${SECRET_PREFIX}${session.hashA}`, session.secret, options),
    setCookie(`${PUBLIC_SESSION_PREFIX}${session.hashB}`, session.publicId, options),
    setCookie(`${SESSION_PREFIX}${session.hashA}`, session.id, options),
    setCookie('JSESSIONID', session.jsessionId, { secure }),
  ];
}

function loginBody(session: OxSession): object {
  return {
    session: session.id,
    user: session.user.login,
    user_id: session.user.userId,
    context_id: session.user.contextId,
    locale: session.user.locale,
  };
}

/** com.openexchange.sessiond.autologin: the node's setting, unless the autologin fault switched it. */
export function autologinEnabled(ctx: NodeContext): boolean {
  return ctx.faults.autologin ?? ctx.config.autologin ?? false;
}

async function withRampUp(req: OxRequest, ctx: NodeContext, session: OxSession, body: object): Promise<object> {
  if (req.params.get('rampup') !== 'true') return body;
  return { ...body, rampup: await rampUp({ ...req, session }, ctx) };
}

async function login(req: OxRequest, ctx: NodeContext): Promise<OxReply> {
  // The query is checked before the body is merged in: a password in the URL is refused (MW Tools.checkNonExistence).
  if (req.query.has('password')) throw new OxError('SVL-0030', ['password']);
  const name = req.params.get('name');
  const password = req.fields?.get('password');
  if (!name) throw new OxError('SVL-0002', ['name']);
  if (password === undefined) throw new OxError('SVL-0002', ['password']);
  if (ctx.faults.loginBroken) throw new OxError('LGI-0005');
  const user = await ctx.ldap.authenticate(name, password);
  const client = clientOf(req);
  const userAgent = String(req.headers['user-agent'] ?? '');
  const { hashA, hashB } = cookieHashes(userAgent, client, ctx.cookieSalt);
  const session = ctx.sessions.create({
    user,
    password,
    client,
    userAgent,
    hashA,
    hashB,
    jsessionId: jsessionId(ctx.config.route),
    staySignedIn: req.params.get('staySignedIn') === 'true',
    clientIp: req.clientIp ?? '',
  });
  ctx.imap.updatePassword(user, password);
  return { kind: 'top', body: await withRampUp(req, ctx, session, loginBody(session)), cookies: sessionCookies(session, req.secure) };
}

function findByCookies(req: OxRequest, ctx: NodeContext, hashA: string): OxSession | undefined {
  const id = req.cookies.get(`${SESSION_PREFIX}${hashA}`);
  const session = id ? ctx.sessions.get(id) : undefined;
  return session && req.cookies.get(`${SECRET_PREFIX}${hashA}`) === session.secret ? session : undefined;
}

/**
 * Finds the session through the `open-xchange-session-<hash>` cookie and checks
 * its secret (MW AutoLogin): switched off (the default) it is SVL-0015
 * DISABLED_ACTION "autologin" and the cookies stay; switched on but failed,
 * the OX cookies and JSESSIONID are removed and the answer is SVL-0003 "Invalid cookie.".
 */
async function autologin(req: OxRequest, ctx: NodeContext): Promise<OxReply> {
  if (!autologinEnabled(ctx)) return { kind: 'top', body: errorEnvelope(new OxError('SVL-0015', ['autologin'])) };
  const { hashA, hashB } = cookieHashes(String(req.headers['user-agent'] ?? ''), clientOf(req), ctx.cookieSalt);
  const session = findByCookies(req, ctx, hashA);
  if (!session) {
    const ours = [`${SECRET_PREFIX}${hashA}`, `${SESSION_PREFIX}${hashA}`, `${PUBLIC_SESSION_PREFIX}${hashB}`, 'JSESSIONID'];
    const cookies = ours.filter((n) => req.cookies.has(n)).map((n) => clearCookie(n, req.secure));
    return { kind: 'top', body: errorEnvelope(new OxError('SVL-0003')), cookies };
  }
  const body = await withRampUp(req, ctx, session, loginBody(session));
  return { kind: 'top', body, cookies: [setCookie('JSESSIONID', session.jsessionId, { secure: req.secure })] };
}

/** Deprecated since 7.10.3 and a no-op: the session is checked, nothing is written. */
async function store(req: OxRequest, ctx: NodeContext): Promise<OxReply> {
  requireSession(req, ctx);
  return { kind: 'data', data: {} };
}

/**
 * MW LoginServlet logout: no session parameter → 400; a wrong secret → 403;
 * an unknown session, or one the IP check refuses, is logged and answered
 * with an empty 200 (nothing to log out); success an empty 200 with the cookies removed.
 */
async function logout(req: OxRequest, ctx: NodeContext): Promise<OxReply> {
  let session: OxSession;
  try {
    session = requireSession(req, ctx);
  } catch (error) {
    if (!(error instanceof OxError)) throw error;
    if (error.code === 'SES-0201') return { kind: 'status', status: 400 };
    if (error.code === 'SES-0206') return { kind: 'status', status: 403 };
    return { kind: 'empty' };
  }
  ctx.sessions.delete(session.id);
  const names = [...req.cookies.keys()].filter((n) => n.startsWith('open-xchange-') || n === 'JSESSIONID');
  for (const n of [`${SECRET_PREFIX}${session.hashA}`, `${PUBLIC_SESSION_PREFIX}${session.hashB}`, `${SESSION_PREFIX}${session.hashA}`, 'JSESSIONID']) {
    if (!names.includes(n)) names.push(n);
  }
  return { kind: 'empty', cookies: names.map((n) => clearCookie(n, req.secure)) };
}

/** The session check of every authenticated call (login is public, so its own actions call it). */
export function requireSession(req: OxRequest, ctx: NodeContext): OxSession {
  const id = req.params.get('session');
  if (!id) throw new OxError('SES-0201');
  const session = ctx.sessions.get(id);
  if (!session) throw new OxError('SES-0203', [id]);
  // A changed User-Agent means another secret-cookie name, hence SES-0206 like OX.
  const userAgent = String(req.headers['user-agent'] ?? '');
  const hashA = userAgent === session.userAgent ? session.hashA : cookieHashes(userAgent, session.client, ctx.cookieSalt).hashA;
  if (hashA !== session.hashA || req.cookies.get(`${SECRET_PREFIX}${hashA}`) !== session.secret) throw new OxError('SES-0206');
  // MW SessionUtility.checkIP: the address the session was created from, nothing else.
  if (req.clientIp !== undefined && req.clientIp !== session.clientIp) throw new OxError('SES-0205', [session.clientIp, req.clientIp]);
  return session;
}

export const loginModule: OxModule = {
  name: 'login',
  public: true,
  actions: { login, autologin, store, logout },
};
