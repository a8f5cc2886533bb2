/**
 * /ajax/login: login (form POST only), autologin (session cookie), store,
 * logout. Cookie names carry hashes of (User-Agent, client); JSESSIONID carries
 * this node's route so Apache keeps the session on it.
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
import { OxError } from '../envelope.ts';
import type { OxSession } from '../sessions.ts';

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

async function login(req: OxRequest, ctx: NodeContext): Promise<OxReply> {
  // The query is checked before the body is merged in: a password in the URL is refused.
  if (req.query.has('password')) throw new OxError('LGI-0024');
  if (req.method !== 'POST' || !req.fields) throw new OxError('LGI-0003', ['password']);
  const name = req.fields.get('name') ?? req.fields.get('login');
  const password = req.fields.get('password');
  if (!name) throw new OxError('LGI-0003', ['name']);
  if (password === undefined) throw new OxError('LGI-0003', ['password']);
  if (ctx.faults.loginBroken) throw new OxError('LGI-0016');
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
  });
  ctx.imap.updatePassword(user, password);
  return { kind: 'top', body: loginBody(session), cookies: sessionCookies(session, req.secure) };
}

/** Finds the session through the `open-xchange-session-<hash>` cookie and checks its secret. */
async function autologin(req: OxRequest, ctx: NodeContext): Promise<OxReply> {
  const { hashA } = cookieHashes(String(req.headers['user-agent'] ?? ''), clientOf(req), ctx.cookieSalt);
  const id = req.cookies.get(`${SESSION_PREFIX}${hashA}`);
  if (!id) throw new OxError('SES-0203', ['']);
  const session = ctx.sessions.get(id);
  if (!session) throw new OxError('SES-0203', [id]);
  if (req.cookies.get(`${SECRET_PREFIX}${hashA}`) !== session.secret) throw new OxError('SES-0206');
  return { kind: 'top', body: loginBody(session), cookies: [setCookie('JSESSIONID', session.jsessionId, { secure: req.secure })] };
}

/** Re-issues the cookies with Expires ("stay signed in" after the fact). */
async function store(req: OxRequest, ctx: NodeContext): Promise<OxReply> {
  const session = requireSession(req, ctx);
  session.staySignedIn = true;
  return { kind: 'data', data: {}, cookies: sessionCookies(session, req.secure) };
}

async function logout(req: OxRequest, ctx: NodeContext): Promise<OxReply> {
  const session = requireSession(req, ctx);
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
  return session;
}

export const loginModule: OxModule = {
  name: 'login',
  public: true,
  actions: { login, autologin, store, logout },
};
