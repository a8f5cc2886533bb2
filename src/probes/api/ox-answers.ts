/**
 * How the client reads what OX answered, per kind of call:
 * - module calls: an envelope; success with warnings (category 13 next to
 *   `data`) is a success, only `error` without that shape fails (envelope.ts);
 * - login: the session at top level, warnings likewise a success;
 * - logout: an empty 200; errors are bare HTTP statuses, 400 without a
 *   session, 403 for an unknown/expired session or a wrong secret (MW LoginServlet);
 * - downloads: the bytes with the expected content type; an HTTP error, an
 *   error page or an error envelope instead is a failure, whatever the status.
 */
import { classifyEnvelope, classifyLogin, type ErrorFields, type LoginResponse } from '../../contract/index.ts';
import { OxApiError } from './ox-errors.ts';

export interface Answer {
  data: unknown;
  warnings: ErrorFields[];
}

const httpError = (status: number, what: string): OxApiError => new OxApiError(`HTTP-${status}`, `${what} answered HTTP ${status}`, status);

export function readCall(json: unknown, status: number, what: string): Answer {
  if (json === undefined || json === null) {
    if (status < 200 || status > 299) throw httpError(status, what);
    return { data: undefined, warnings: [] };
  }
  const outcome = classifyEnvelope(json);
  if (outcome.kind === 'error') throw new OxApiError(outcome.error.code, outcome.error.error, status);
  if (status < 200 || status > 299) throw httpError(status, what);
  if (outcome.kind === 'invalid') throw new OxApiError('INVALID-ANSWER', `${what}: ${outcome.reason}`, status);
  return { data: outcome.data, warnings: outcome.warnings };
}

export function readLogin(json: unknown, status: number): { login: LoginResponse; warnings: ErrorFields[] } {
  const outcome = classifyLogin(json);
  if (outcome.kind === 'error') throw new OxApiError(outcome.error.code, outcome.error.error, status);
  if (status < 200 || status > 299) throw httpError(status, 'login');
  if (outcome.kind === 'invalid') throw new OxApiError('INVALID-ANSWER', `login: ${outcome.reason}`, status);
  return { login: outcome.login, warnings: outcome.warnings };
}

const LOGOUT_STATUS: Record<number, string> = {
  400: 'logout without a session (HTTP 400)',
  403: 'logout of an unknown or expired session, or with a wrong secret (HTTP 403)',
};

export function readLogout(status: number, text: string): void {
  if (status === 200) {
    const body = parseJson(text);
    const outcome = body === undefined ? undefined : classifyEnvelope(body);
    if (outcome?.kind === 'error') throw new OxApiError(outcome.error.code, `logout: ${outcome.error.error}`, status);
    return;
  }
  throw new OxApiError(`HTTP-${status}`, LOGOUT_STATUS[status] ?? `logout answered HTTP ${status}`, status);
}

/** An OX code on an HTML error page (`SES-0203 Categories=TRY_AGAIN Message='…'`). */
const PAGE_CODE = /\b([A-Z][A-Z0-9_]*-\d{4})\b/;

function downloadFailure(status: number, contentType: string, text: string, what: string): OxApiError {
  const json = parseJson(text) ?? parseJson(/\((\{.*\})\)/s.exec(text)?.[1] ?? '');
  const outcome = json === undefined ? undefined : classifyEnvelope(json);
  if (outcome?.kind === 'error') return new OxApiError(outcome.error.code, `${what}: ${outcome.error.error}`, status);
  const code = PAGE_CODE.exec(text)?.[1];
  if (code) return new OxApiError(code, `${what} answered an error page (HTTP ${status})`, status);
  if (status < 200 || status > 299) return httpError(status, what);
  return new OxApiError('DOWNLOAD-NOT-CONTENT', `${what} answered ${contentType || 'no content type'} instead of the file (HTTP ${status})`, status);
}

/** The file's text, or the failure the server disguised as one. */
export function readDownload(status: number, contentType: string, text: string, what: string, expected: RegExp): string {
  const ok = status >= 200 && status <= 299;
  if (ok && expected.test(contentType)) return text;
  throw downloadFailure(status, contentType, text, what);
}

function parseJson(text: string): unknown {
  const trimmed = text.trim();
  if (!trimmed.startsWith('{') && !trimmed.startsWith('[')) return undefined;
  try {
    return JSON.parse(trimmed) as unknown;
  } catch {
    return undefined;
  }
}
