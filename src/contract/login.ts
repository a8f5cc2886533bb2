/**
 * The login answer (`POST login?action=login`): session fields at the top
 * level, not under `data`. A login that succeeded with a warning carries the
 * warning in the error fields next to `session` (category 13 / "WARNING"),
 * as every other answer does; only an `error` without a session is a refusal.
 *
 * Spec: /work/shared/reference/ox-http-api/spec/http-api/http_api/components/schemas/login/LoginResponse.yaml
 *   (MW same path @41d3e995): session, user, user_id, context_id, locale, rampup.
 * `context_id` is optional: some versions do not send it (ox-fidelity.md finding 19); `locale` likewise
 * is only a description in the spec. Warnings: MW ajax/writer/ResponseWriter.java (see envelope.ts).
 */
import * as z from 'zod/mini';
import { once } from './once.ts';
import { errorFields, WARNING_CATEGORY, warningsOf, type ErrorFields } from './envelope.ts';

export const loginResponse = once(() => z
  .looseObject({
    session: z.string().check(z.minLength(1)),
    user: z.string(),
    user_id: z.int(),
    context_id: z.optional(z.int()),
    locale: z.optional(z.string()),
    rampup: z.optional(z.record(z.string(), z.unknown())),
    // Present only when the login succeeded with a warning.
    error: z.optional(z.string()),
    code: z.optional(z.string()),
    category: z.optional(z.int()),
    categories: z.optional(z.union([z.string(), z.array(z.string())])),
  })
  .check(z.refine((b) => !('error' in b) || isLoginWarning(b), 'a login answer with `error` must be a warning (category 13)')));

export type LoginResponse = z.infer<ReturnType<typeof loginResponse>>;

function isLoginWarning(b: Record<string, unknown>): boolean {
  const c = b.categories;
  return b.category === WARNING_CATEGORY || c === 'WARNING' || (Array.isArray(c) && c[0] === 'WARNING');
}

export type LoginOutcome =
  | { kind: 'success'; login: LoginResponse; warnings: ErrorFields[] }
  | { kind: 'error'; error: ErrorFields }
  | { kind: 'invalid'; reason: string };

/** Accepted (perhaps with warnings), refused with an OX error, or not a login answer at all. */
export function classifyLogin(body: unknown): LoginOutcome {
  if (!body || typeof body !== 'object' || Array.isArray(body)) return { kind: 'invalid', reason: 'not a JSON object' };
  const b = body as Record<string, unknown>;
  if (typeof b.session === 'string' && b.session !== '' && (!('error' in b) || isLoginWarning(b))) {
    const parsed = loginResponse().safeParse(b);
    if (!parsed.success) return { kind: 'invalid', reason: z.prettifyError(parsed.error) };
    return { kind: 'success', login: parsed.data, warnings: 'error' in b ? warningsOf(b) : [] };
  }
  const error = errorFields().safeParse(b);
  if (error.success) return { kind: 'error', error: error.data };
  return { kind: 'invalid', reason: 'neither a session nor an OX error' };
}
