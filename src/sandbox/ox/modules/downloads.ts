/**
 * How real OX answers a failed download. Actions whose default format is a
 * file (infostore/files `document`; MW Dispatchers.isApiOutputExpectedFor is
 * false for ETag-aware actions and @DispatcherNotes(defaultFormat="file"))
 * get no JSON envelope on errors: AJAXServlet.handleOXException writes an
 * HTML error page, HTTP 403 with the exception message for session errors,
 * otherwise HTTP 500 "An error occurred inside the server which prevented it
 * from fulfilling the request." (MW com.openexchange.ajax.AJAXServlet). A
 * missing parameter is HTTP 400 with a page, or the JSON envelope when the
 * Accept header asks for JSON (MW DispatcherServlet.handleOXException).
 */
import type { OxError } from '../envelope.ts';

const DOWNLOAD_ACTIONS: Record<string, ReadonlySet<string>> = {
  infostore: new Set(['document']),
  files: new Set(['document']),
};

export function isDownload(module: string, action: string): boolean {
  return DOWNLOAD_ACTIONS[module]?.has(action) ?? false;
}

const STATUS_TEXT: Record<number, string> = { 400: 'Bad Request', 403: 'Forbidden', 500: 'Internal Server Error' };

function escapeHtml(text: string): string {
  return text.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]!);
}

/** AJAXServlet.getErrorPage: a minimal HTML page naming the status. */
export function errorPage(status: number, description: string): string {
  const text = STATUS_TEXT[status] ?? String(status);
  return `<!DOCTYPE html>\n<html><head>\n<title>${status} ${text}</title>\n</head><body>\n<h1>${text}</h1>\n<p>${escapeHtml(description)}</p>\n</body></html>\n`;
}

export interface DownloadError {
  status: number;
  headers: Record<string, string>;
  body: string;
}

/** The page for a failed download, or undefined when the usual JSON envelope applies. */
export function downloadError(error: OxError, accept = ''): DownloadError | undefined {
  const page = (status: number, description: string): DownloadError => ({
    status, headers: { 'content-type': 'text/html; charset=UTF-8', 'content-disposition': 'inline' }, body: errorPage(status, description),
  });
  if (error.code === 'SVL-0002') return /application\/json|text\/javascript/i.test(accept) ? undefined : page(400, error.message);
  const session = error.code.startsWith('SES-');
  const status = session ? 403 : 500;
  const description = session ? error.message : 'An error occurred inside the server which prevented it from fulfilling the request.';
  return page(status, description);
}
