/**
 * The custom metrics signoff's ingester reads from k6's JSON output. Names and
 * tags are a contract (see scenarios/README.md); change them only together
 * with src/load's ingest.
 */
import { Counter, Rate, Trend } from 'k6/metrics';

/** 1 per OX request that failed (HTTP not 2xx, an OX error envelope, a 429), else 0. Tag: name. */
export const oxFailed = new Rate('ox_failed');
/** Count of OX errors. Tags: name, code (`SES-0203`, `HTTP-429`, `SES-0205`, `AUTOLOGIN-OFF`). */
export const oxErrors = new Counter('ox_errors');
/** Duration of the login request. */
export const oxLoginDuration = new Trend('ox_login_duration', true);
/** Session gone mid-session (SES-0203/0206 on a request that carried one), followed by a new login. Tags: name, code. */
export const oxSessionLost = new Counter('ox_session_lost');
/** The JSESSIONID route changed within one session: the balancer broke stickiness. */
export const oxRouteChanges = new Counter('ox_route_changes');
/** +1 per successful login. Tag: route (the JSESSIONID suffix, `none` when absent). */
export const oxSessions = new Counter('ox_sessions');
/** +1 per success answer (or `/multiple` item) carrying an OX warning (category 13). Tags: name, code. */
export const oxWarnings = new Counter('ox_warnings');
/** +1 per HTTP 429 answer. Tags: name, route (the session's JSESSIONID route, `none` before one is known). */
export const oxRateLimited = new Counter('ox_rate_limited');
/** +1 per request sent again after a failure. Tags: name, reason (`session-lost`, `rate-limited`, `login-failed`). */
export const oxRetries = new Counter('ox_retries');
/** +1 when a VU stops sending for the rest of the run after the retry cap. Tag: reason (`login-failed`, `rate-limited`). */
export const oxParked = new Counter('ox_parked');

/**
 * Codes meaning "the server no longer knows this session" (NOTES §12): a new
 * login helps. SES-0205 (the client IP changed, MW SessionExceptionCodes
 * WRONG_CLIENT_IP) is not one: a new session would fail the same way behind a
 * balancer or egress that changes addresses, so it is reported, not re-logged.
 */
export const SESSION_LOST_CODES: ReadonlySet<string> = new Set(['SES-0203', 'SES-0206']);
