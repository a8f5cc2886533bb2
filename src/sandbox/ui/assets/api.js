// Client of the node's /ajax API, as the App Suite UI uses it: session as a
// query parameter plus the secret cookie (same origin), errors as envelopes.

const AJAX = '/ajax';
const CLIENT = 'open-xchange-appsuite';

let session = null;
let pending = 0;
const listeners = { sessionLost: () => {}, busy: () => {} };

export class ApiError extends Error {
  constructor(code, message, envelope) {
    super(message);
    this.code = code;
    this.envelope = envelope;
  }
}

export function on(event, listener) {
  listeners[event] = listener;
}

export function currentSession() {
  return session;
}

/** OX messages carry %s / %1$s placeholders filled from error_params. */
function formatError(envelope) {
  const params = Array.isArray(envelope.error_params) ? envelope.error_params : [];
  let next = 0;
  return String(envelope.error ?? envelope.code ?? 'Unknown error').replace(/%(?:(\d+)\$)?[sd]/g, (_, index) => {
    const value = index ? params[Number(index) - 1] : params[next++];
    return value === undefined ? '' : String(value);
  });
}

function check(envelope) {
  if (envelope && typeof envelope === 'object' && !Array.isArray(envelope) && envelope.error !== undefined) {
    const error = new ApiError(envelope.code ?? 'UNKNOWN', formatError(envelope), envelope);
    if (session && /^SES-/.test(error.code)) listeners.sessionLost(error);
    throw error;
  }
  return envelope;
}

async function call(url, init) {
  pending += 1;
  listeners.busy(true);
  try {
    const response = await fetch(url, { credentials: 'same-origin', ...init });
    const text = await response.text();
    if (!response.ok && !text.startsWith('{')) throw new ApiError(`HTTP-${response.status}`, `The server answered HTTP ${response.status}`);
    return text;
  } catch (error) {
    if (error instanceof ApiError) throw error;
    throw new ApiError('NETWORK', 'The server cannot be reached. Please check your connection.');
  } finally {
    pending -= 1;
    if (pending === 0) listeners.busy(false);
  }
}

function url(module, params) {
  const target = new URL(`${AJAX}/${module}`, location.origin);
  for (const [name, value] of Object.entries(params)) if (value !== undefined && value !== null) target.searchParams.set(name, String(value));
  if (session) target.searchParams.set('session', session);
  return target;
}

/** GET (or PUT with a JSON body) and unwrap `data` from the envelope. */
export async function request(module, params = {}, body) {
  const init = body === undefined ? { method: 'GET' } : { method: 'PUT', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) };
  const text = await call(url(module, params), init);
  return check(text ? JSON.parse(text) : {}).data;
}

/** Multipart upload; OX answers with an HTML page calling back with the JSON. */
export async function upload(module, params, form) {
  const text = await call(url(module, params), { method: 'POST', body: form });
  const match = /\((\{.*\})\)/s.exec(text);
  const envelope = match ? JSON.parse(match[1]) : text.startsWith('{') ? JSON.parse(text) : null;
  if (!envelope) throw new ApiError('UPLOAD', 'The server did not confirm the upload.');
  return check(envelope).data;
}

export async function login(name, password, staySignedIn) {
  const target = new URL(`${AJAX}/login`, location.origin);
  target.searchParams.set('action', 'login');
  target.searchParams.set('client', CLIENT);
  if (staySignedIn) target.searchParams.set('staySignedIn', 'true');
  const text = await call(target, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded; charset=UTF-8' },
    body: new URLSearchParams({ name, password }),
  });
  const answer = check(JSON.parse(text));
  session = answer.session;
  return answer;
}

/**
 * GET login?action=autologin, as the real UI tries on every page load (FE8
 * core/boot/login/auto.js): a session from the cookies when the server allows
 * autologin; an error when it does not (com.openexchange.sessiond.autologin=false).
 */
export async function autoLogin() {
  const target = new URL(`${AJAX}/login`, location.origin);
  target.searchParams.set('action', 'autologin');
  target.searchParams.set('client', CLIENT);
  const text = await call(target, { method: 'GET' });
  const answer = check(text ? JSON.parse(text) : {});
  if (typeof answer.session !== 'string') throw new ApiError('AUTOLOGIN', 'No session from autologin.');
  session = answer.session;
  return answer;
}

export async function logout() {
  const current = session;
  session = null;
  if (!current) return;
  const target = new URL(`${AJAX}/login`, location.origin);
  target.searchParams.set('action', 'logout');
  target.searchParams.set('session', current);
  await call(target, { method: 'GET' }).catch(() => {});
}

/** A link that downloads with the session (the secret cookie rides along). */
export function downloadUrl(module, params) {
  return url(module, params).href;
}
