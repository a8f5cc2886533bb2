/**
 * Drive calls as the 7.10 UI sends them (FE ui/apps/io.ox/files/api.js), all
 * through `module=files` (the UI's name for infostore):
 * the list through `module=files` with the UI's columns, sort 702 (filename),
 * pages of 210 and `pregenerate_previews`; upload as multipart `json` + `file`
 * (NOTES §10); download as the UI's
 * download link (`delivery=download`); delete for good.
 */
import http from 'k6/http';
import type { OxOutcome } from '../envelope.ts';
import type { OxSession } from '../session.ts';
import { payloadOfSize } from '../payload.ts';

/** FE files/api.js `allColumns` (23 is meta, 108 object permissions). */
export const FILE_COLUMNS = '1,2,3,5,20,23,108,700,702,703,704,705,707';
/** FE files/api.js collection loader page size. */
export const PAGE_SIZE = 210;

/** Uploads `size` bytes as a new file; `data` is the new id. */
export function upload(session: OxSession, folder: string, size: number, filename = `signoff-${size}.bin`): OxOutcome<string> {
  return session.call({
    name: 'files.new',
    method: 'POST',
    path: '/files',
    query: { action: 'new' },
    form: {
      json: JSON.stringify({ folder_id: folder, title: filename, description: 'signoff load test upload' }),
      file: http.file(payloadOfSize(size), filename, 'application/octet-stream'),
    },
    shape: 'callback',
  });
}

/** One page of the folder's list view (page 0 = the first 210 files). */
export function all(session: OxSession, folder: string, page = 0, columns = FILE_COLUMNS): OxOutcome<unknown[][]> {
  return session.call({
    name: 'files.all',
    method: 'GET',
    path: '/files',
    query: { action: 'all', folder, columns, sort: '702', order: 'asc', limit: `${page * PAGE_SIZE},${(page + 1) * PAGE_SIZE}`, pregenerate_previews: true, timezone: 'UTC' },
    shape: 'json',
  });
}

/** Downloads the file as the UI's download link does (`delivery=download`); the body is discarded. */
export function download(session: OxSession, folder: string, id: string): OxOutcome {
  return session.call({ name: 'files.document', method: 'GET', path: '/files', query: { action: 'document', folder, id, delivery: 'download' }, shape: 'binary' });
}

/** Deletes files for good (hardDelete, so no Trash copy grows over a soak). */
export function remove(session: OxSession, files: ReadonlyArray<{ id: string; folder: string }>): OxOutcome {
  return session.call({
    name: 'files.delete',
    method: 'PUT',
    path: '/files',
    query: { action: 'delete', hardDelete: true, timestamp: Date.now() },
    json: files.map((f) => ({ id: f.id, folder: f.folder })),
    shape: 'json',
  });
}
