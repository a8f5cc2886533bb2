/** Drive (infostore) calls (NOTES §10): upload (multipart `json` + `file`), list, download. */
import http from 'k6/http';
import type { OxOutcome } from '../envelope.ts';
import type { OxSession } from '../session.ts';
import { payloadOfSize } from '../payload.ts';

/** id, folder, title, filename, file_size. */
export const FILE_COLUMNS = '1,20,700,702,704';

/** Uploads `size` bytes as a new file; `data` is the new id. */
export function upload(session: OxSession, folder: string, size: number, filename = `signoff-${size}.bin`): OxOutcome<string> {
  return session.call({
    name: 'infostore.new',
    method: 'POST',
    path: '/infostore',
    query: { action: 'new' },
    form: {
      json: JSON.stringify({ folder_id: folder, title: filename, description: 'signoff load test upload' }),
      file: http.file(payloadOfSize(size), filename, 'application/octet-stream'),
    },
    shape: 'callback',
  });
}

export function all(session: OxSession, folder: string, columns = FILE_COLUMNS): OxOutcome<unknown[][]> {
  return session.call({ name: 'infostore.all', method: 'GET', path: '/infostore', query: { action: 'all', folder, columns, sort: '700', order: 'asc' }, shape: 'json' });
}

/** Downloads the file; the body is discarded (only status and timing matter). */
export function download(session: OxSession, folder: string, id: string): OxOutcome {
  return session.call({ name: 'infostore.document', method: 'GET', path: '/infostore', query: { action: 'document', folder, id }, shape: 'binary' });
}
