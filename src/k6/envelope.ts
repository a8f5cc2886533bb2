/**
 * Reading OX answers: the JSON envelope, the bare array of `/multiple`, the
 * login object, the HTML callback page of uploads and downloads. Every answer
 * becomes an `OxOutcome`; the session turns outcomes into metrics.
 *
 * A success may carry a warning: OX writes the first warning into the
 * top-level `error`/`code`/`category` (13)/`categories` ("WARNING") fields next
 * to `data` (MW ResponseWriter.addWarnings), also in `/multiple` items and in
 * the login object; the UI treats category 13 with data as success (FE
 * io.ox/core/http.js processResponse). Only an `error` without that shape fails.
 */
import { readBinary } from './binary.ts';

/**
 * How a request's answer is shaped, which decides how failure is detected.
 * `login`: the login/autologin object (`session` at the top, not under `data`).
 */
export type ResponseShape = 'json' | 'callback' | 'multiple' | 'binary' | 'empty' | 'login';

export interface OxErrorEnvelope {
  error: string;
  code?: string;
  error_params?: unknown[];
  categories?: string | string[];
}

export interface OxItemError {
  /** Index in the `/multiple` batch. */
  index: number;
  code: string;
}

export interface OxOutcome<T = unknown> {
  ok: boolean;
  status: number;
  /** First error code: OX code, or `HTTP-<status>`, or `PARSE` for an unreadable body. */
  code?: string;
  /** `data` of a success envelope; for `/multiple` the array of item envelopes. */
  data?: T;
  /** The whole decoded JSON (login answers are not wrapped in `data`). */
  json?: unknown;
  /** Failed items of a `/multiple` batch. */
  itemErrors?: OxItemError[];
  /** Codes of the warnings a success carried (one per warned envelope or `/multiple` item). */
  warnings?: string[];
}

export interface ResponseLike {
  status: number;
  body: string | ArrayBuffer | null;
  headers: Record<string, string>;
}

const CALLBACK_JSON = /\((\{.*\})\)/s;

interface MaybeWarning {
  category?: unknown;
  categories?: unknown;
}

/** `category` 13 or `categories` "WARNING" (a string, or an array whose first entry decides, as OX writes it). */
function isWarningShaped(value: MaybeWarning): boolean {
  if (value.category === 13) return true;
  const categories = value.categories;
  return categories === 'WARNING' || (Array.isArray(categories) && categories[0] === 'WARNING');
}

/** A warning next to a result: `data` (or, in the login object, `session`) is there. */
function isWarning(value: object, resultKey: 'data' | 'session'): boolean {
  return resultKey in value && isWarningShaped(value as MaybeWarning);
}

function isErrorEnvelope(value: unknown, resultKey: 'data' | 'session' = 'data'): value is OxErrorEnvelope {
  return typeof value === 'object' && value !== null && 'error' in value && !isWarning(value, resultKey);
}

function warningCode(value: unknown): string | undefined {
  if (typeof value !== 'object' || value === null || !('error' in value)) return undefined;
  return codeOf(value as OxErrorEnvelope);
}

function codeOf(envelope: OxErrorEnvelope): string {
  return typeof envelope.code === 'string' && envelope.code !== '' ? envelope.code : 'OX-UNKNOWN';
}

function parseJson(text: string): { ok: true; value: unknown } | { ok: false } {
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch {
    return { ok: false };
  }
}

function fromEnvelope(status: number, json: unknown, resultKey: 'data' | 'session' = 'data'): OxOutcome {
  if (isErrorEnvelope(json, resultKey)) return { ok: false, status, code: codeOf(json), json };
  const data = typeof json === 'object' && json !== null && 'data' in json ? (json as { data: unknown }).data : undefined;
  const warning = warningCode(json);
  return warning === undefined ? { ok: true, status, data, json } : { ok: true, status, data, json, warnings: [warning] };
}

function fromMultiple(status: number, json: unknown): OxOutcome {
  // A batch refused as a whole (e.g. unknown session) is one plain envelope.
  if (!Array.isArray(json)) return isErrorEnvelope(json) ? fromEnvelope(status, json) : { ok: false, status, code: 'PARSE', json };
  const itemErrors: OxItemError[] = [];
  const warnings: string[] = [];
  json.forEach((item: unknown, index) => {
    if (isErrorEnvelope(item)) itemErrors.push({ index, code: codeOf(item) });
    else {
      const warning = warningCode(item);
      if (warning !== undefined) warnings.push(warning);
    }
  });
  const first = itemErrors[0];
  const outcome: OxOutcome = first ? { ok: false, status, code: first.code, data: json, json, itemErrors } : { ok: true, status, data: json, json };
  if (warnings.length > 0) outcome.warnings = warnings;
  return outcome;
}

/**
 * A success whose body is decoded only when someone reads `data`/`json`:
 * most calls in a load run only need to know that they succeeded, and
 * JSON.parse of every list would make k6's CPU, not the server, the limit.
 */
class LazySuccess implements OxOutcome {
  readonly ok = true;
  readonly status: number;
  readonly #text: string;
  #json: unknown;
  #parsed = false;

  constructor(status: number, text: string) {
    this.status = status;
    this.#text = text;
  }

  get json(): unknown {
    if (!this.#parsed) {
      const parsed = parseJson(this.#text);
      this.#json = parsed.ok ? parsed.value : undefined;
      this.#parsed = true;
    }
    return this.#json;
  }

  get data(): unknown {
    const json = this.json;
    if (Array.isArray(json)) return json; // /multiple answers a bare array
    return typeof json === 'object' && json !== null && 'data' in json ? (json as { data: unknown }).data : undefined;
  }
}

/** Looks like JSON (or a callback page) and cannot hold an error envelope: no `"error"` anywhere. */
function surelySuccess(text: string): boolean {
  if (text.includes('"error"')) return false;
  const first = text.trimStart().charAt(0);
  return first === '{' || first === '[';
}

/** Turns a k6 response into an outcome according to the shape the call expects. */
export function readOutcome(res: ResponseLike, shape: ResponseShape): OxOutcome {
  const status = res.status;
  if (status < 200 || status > 299) return { ok: false, status, code: `HTTP-${status}` };
  if (shape === 'binary') return readBinary(res);
  // k6 converts the Go body into a JS string on every read of res.body: read it once.
  const body = res.body;
  const text = typeof body === 'string' ? body : '';
  if (shape === 'empty' && text.trim() === '') return { ok: true, status };
  let jsonText = text;
  if (shape === 'callback') {
    const match = CALLBACK_JSON.exec(text);
    // Servers may also answer uploads with plain JSON (NOTES §9: accept both).
    jsonText = match?.[1] ?? text;
  }
  if (surelySuccess(jsonText)) return new LazySuccess(status, jsonText);
  const parsed = parseJson(jsonText);
  if (!parsed.ok) return { ok: false, status, code: 'PARSE' };
  if (shape === 'multiple') return fromMultiple(status, parsed.value);
  return fromEnvelope(status, parsed.value, shape === 'login' ? 'session' : 'data');
}
