/**
 * The custom metrics signoff's ingester reads from k6's JSON output. Names and
 * tags are a contract (see scenarios/README.md); change them only together
 * with src/load's ingest.
 */
import { Counter, Rate, Trend } from 'k6/metrics';

/** 1 per OX request that failed (HTTP not 2xx, or an OX error envelope), else 0. Tag: name. */
export const oxFailed = new Rate('ox_failed');
/** Count of OX errors. Tags: name, code (`SES-0203` or `HTTP-503`). */
export const oxErrors = new Counter('ox_errors');
/** Duration of the login request. */
export const oxLoginDuration = new Trend('ox_login_duration', true);
/** Session gone mid-session (SES-0203/0205/0206 on a request that carried one). Tags: name, code. */
export const oxSessionLost = new Counter('ox_session_lost');
/** The JSESSIONID route changed within one session: the balancer broke stickiness. */
export const oxRouteChanges = new Counter('ox_route_changes');
/** +1 per successful login. Tag: route (the JSESSIONID suffix, `none` when absent). */
export const oxSessions = new Counter('ox_sessions');

/** Codes meaning "the server no longer knows this session" (NOTES §12). */
export const SESSION_LOST_CODES: ReadonlySet<string> = new Set(['SES-0203', 'SES-0205', 'SES-0206']);
