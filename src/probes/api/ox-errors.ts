/**
 * Errors of the Node-side OX client: an OX error envelope or an HTTP failure,
 * with the code the server gave. SES-0205 gets its own reading: real OX binds
 * a session to the client IP it logged in from (IP check); the code means a
 * balancer or egress proxy changed the client address — a deployment problem,
 * never a lost session, so nothing logs in again on it.
 * Codes: MW com.openexchange.sessiond SessionExceptionCodes (SES-0205 WRONG_CLIENT_IP, PERMISSION_DENIED).
 */
export const IP_CHECK_CODE = 'SES-0205';

/** The check error code signoff reports for an IP-check refusal. */
export const IP_CHECK_FAILURE = 'OX_IP_CHECK_FAILED';

const IP_CHECK_HINT =
  'the middleware refused the session because its client IP changed (IP check, SES-0205): a balancer or egress proxy ' +
  'sends one session from several addresses — make the balancer keep the client address (X-Forwarded-For, sticky egress) ' +
  'or configure com.openexchange.IPCheck / IPCheckWhitelist on the target; not a lost session, signoff did not log in again';

export class OxApiError extends Error {
  readonly code: string;
  readonly status: number;
  constructor(code: string, message: string, status: number) {
    super(code === IP_CHECK_CODE ? `${code}: ${message} — ${IP_CHECK_HINT}` : `${code}: ${message}`);
    this.name = 'OxApiError';
    this.code = code;
    this.status = status;
  }

  /** True for the IP-check refusal (SES-0205). */
  get ipCheck(): boolean {
    return this.code === IP_CHECK_CODE;
  }
}

export function isIpCheckError(error: unknown): boolean {
  return error instanceof OxApiError && error.ipCheck;
}

/** The code an error becomes in a check: SES-0205 is located as the IP check, everything else keeps the caller's fallback. */
export function oxCheckCode(error: unknown, fallback: string): string {
  return isIpCheckError(error) ? IP_CHECK_FAILURE : fallback;
}
