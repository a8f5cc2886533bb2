/**
 * The OX response envelope in its three real shapes: success (`data`,
 * `timestamp`), error (`error`, `code`, `categories`, `category`, …) and
 * success with warnings: `data` next to the first warning written into the
 * error fields "for compatibility", category 13 / "WARNING", and `warnings`
 * (one object, or an array when there are several).
 *
 * Spec: /work/shared/reference/ox-http-api/spec/http-api/http_api/components/schemas/common/CommonResponse.yaml
 *   (MW http-api/http_api/components/schemas/common/CommonResponse.yaml @2f4482d9),
 *   MW http-api/http_api/components/schemas/common/CommonResponseDataWithWarnings.yaml @d8e7d75b.
 * Semantics: MW com.openexchange.server/src/com/openexchange/ajax/writer/ResponseWriter.java (`write`:
 *   the first warning becomes the top-level error fields when there is no exception);
 *   FE ui/apps/io.ox/core/http.js `processResponse`: `isWarning = category === 13 && 'data' in response`.
 * No Node built-ins here, and zod/mini (15 kB, not the 450 kB of classic zod): the module is meant
 * to be bundled into k6 as well, where every VU loads its own copy.
 */
import * as z from 'zod/mini';
import { once } from './once.ts';

/** Category.CATEGORY_WARNING; the numeric form the UI tests. */
export const WARNING_CATEGORY = 13;

/** `PREFIX-NNNN`: upper-case module identifier, dash, four digits (e.g. MSG-0012, CAL-4060). */
export const errorCode = once(() => z.string().check(z.regex(/^[A-Z][A-Z0-9_]*-\d{4}$/, 'an OX error code PREFIX-NNNN')));

const categories = z.union([z.string(), z.array(z.string())]);

/** The error fields (CommonResponse.yaml); `error_params` items are strings in the spec, numbers in practice (CON-0101). */
export const errorFields = once(() => z.looseObject({
  error: z.string(),
  code: errorCode(),
  error_params: z.optional(z.array(z.unknown())),
  error_id: z.optional(z.string()),
  error_desc: z.optional(z.string()),
  error_stack: z.optional(z.array(z.unknown())),
  categories: z.optional(categories),
  category: z.optional(z.int()),
}));

const timestamp = z.optional(z.int());

/** One warning as ResponseWriter writes it inside `warnings`. */
export const warningObject = errorFields;
const warningList = once(() => z.union([warningObject(), z.array(warningObject())]));

/** MW writes `data` only when it is not null, so a success may carry none. */
export const successEnvelope = once(() => z.looseObject({ data: z.optional(z.unknown()), timestamp }).check(z.refine((b) => !('error' in b), 'a success envelope has no error')));

export const errorEnvelope = once(() => errorFields().check(z.refine((b) => !isWarningShape(b), 'an error envelope is not a warning')));

export const warningEnvelope = once(() => z
  .extend(errorFields(), { data: z.optional(z.unknown()), timestamp, warnings: z.optional(warningList()) })
  .check(z.refine((b) => isWarningShape(b), 'a warning envelope has data and category 13 / "WARNING"')));

/** Any envelope a module call can answer. */
export const envelope = once(() => z.union([successEnvelope(), warningEnvelope(), errorEnvelope()]));

export type ErrorFields = z.infer<ReturnType<typeof errorFields>>;

function hasWarningCategory(b: Record<string, unknown>): boolean {
  if (b.category === WARNING_CATEGORY) return true;
  const c = b.categories;
  return c === 'WARNING' || (Array.isArray(c) && c[0] === 'WARNING');
}

/** Success with warnings: `data` present and the error fields carry the warning category (the UI's rule). */
export function isWarningShape(body: unknown): boolean {
  if (!body || typeof body !== 'object' || Array.isArray(body)) return false;
  const b = body as Record<string, unknown>;
  return 'data' in b && hasWarningCategory(b);
}

export type Outcome =
  | { kind: 'success'; data: unknown; warnings: ErrorFields[] }
  | { kind: 'error'; error: ErrorFields }
  | { kind: 'invalid'; reason: string };

/** The warnings of an answer: the `warnings` field (object or array), else the top-level error fields. */
export function warningsOf(body: Record<string, unknown>): ErrorFields[] {
  const listed = warningList().safeParse(body.warnings);
  if (listed.success) return Array.isArray(listed.data) ? listed.data : [listed.data];
  const top = errorFields().safeParse(body);
  return top.success ? [top.data] : [];
}

/** What a client makes of an envelope: a failure only when `error` is set without the warning shape. */
export function classifyEnvelope(body: unknown): Outcome {
  if (!body || typeof body !== 'object' || Array.isArray(body)) return { kind: 'invalid', reason: 'not a JSON object' };
  const b = body as Record<string, unknown>;
  if (!('error' in b)) return { kind: 'success', data: b.data, warnings: [] };
  if (isWarningShape(b)) return { kind: 'success', data: b.data, warnings: warningsOf(b) };
  const parsed = errorFields().safeParse(b);
  if (!parsed.success) return { kind: 'invalid', reason: `malformed error envelope: ${z.prettifyError(parsed.error)}` };
  return { kind: 'error', error: parsed.data };
}
