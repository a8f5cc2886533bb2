/**
 * Reading OX answers: the JSON envelope, the bare array of `/multiple`, and
 * the HTML callback page of uploads. Every answer becomes an `OxOutcome`; the
 * session turns outcomes into metrics.
 */

/** How a request's answer is shaped, which decides how failure is detected. */
export type ResponseShape = 'json' | 'callback' | 'multiple' | 'binary' | 'empty';

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
}

interface ResponseLike {
  status: number;
  body: string | ArrayBuffer | null;
}

const CALLBACK_JSON = /\((\{.*\})\)/s;

function isErrorEnvelope(value: unknown): value is OxErrorEnvelope {
  return typeof value === 'object' && value !== null && 'error' in value;
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

function fromEnvelope(status: number, json: unknown): OxOutcome {
  if (isErrorEnvelope(json)) return { ok: false, status, code: codeOf(json), json };
  const data = typeof json === 'object' && json !== null && 'data' in json ? (json as { data: unknown }).data : undefined;
  return { ok: true, status, data, json };
}

function fromMultiple(status: number, json: unknown): OxOutcome {
  // A batch refused as a whole (e.g. unknown session) is one plain envelope.
  if (!Array.isArray(json)) return isErrorEnvelope(json) ? fromEnvelope(status, json) : { ok: false, status, code: 'PARSE', json };
  const itemErrors: OxItemError[] = [];
  json.forEach((item: unknown, index) => {
    if (isErrorEnvelope(item)) itemErrors.push({ index, code: codeOf(item) });
  });
  const first = itemErrors[0];
  return first ? { ok: false, status, code: first.code, data: json, json, itemErrors } : { ok: true, status, data: json, json };
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
  if (shape === 'binary') return { ok: true, status };
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
  return shape === 'multiple' ? fromMultiple(status, parsed.value) : fromEnvelope(status, parsed.value);
}
