/**
 * Downloads (shape `binary`) are read with k6's responseType `none`: the bytes
 * are never copied into the VU, so a large file costs no JS memory. Whether a
 * 2xx answer is the file or an error in disguise is told from the headers: a
 * file comes with `Content-Disposition` (filename), an error as a JSON envelope
 * (`application/json`, OX's `text/javascript`) or an HTML error page.
 */
/** The part of an OxOutcome a download has (no import of envelope.ts, which imports this). */
export interface BinaryOutcome {
  ok: boolean;
  status: number;
  code?: string;
}

interface HeadersLike {
  status: number;
  headers: Record<string, string>;
}

const FILE_DISPOSITION = /filename/i;
const ENVELOPE_TYPE = /^\s*(application\/json|text\/javascript|application\/javascript)\b/i;
const PAGE_TYPE = /^\s*text\/html\b/i;

export function readBinary(res: HeadersLike): BinaryOutcome {
  const status = res.status;
  const disposition = res.headers['Content-Disposition'];
  if (disposition !== undefined && FILE_DISPOSITION.test(disposition)) return { ok: true, status };
  const type = res.headers['Content-Type'] ?? '';
  if (ENVELOPE_TYPE.test(type)) return { ok: false, status, code: 'DOWNLOAD-ENVELOPE' };
  if (PAGE_TYPE.test(type)) return { ok: false, status, code: 'DOWNLOAD-ERROR-PAGE' };
  return { ok: true, status };
}
