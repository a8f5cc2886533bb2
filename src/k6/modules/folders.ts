/**
 * Folder calls as the 7.10 UI sends them (FE ui/apps/io.ox/core/folder/api.js):
 * tree 0 for mail ids (`1`, `default<n>…`), tree 1 for everything else, all
 * folder columns (FE core/http.js `getAllColumns('folders')`), `altNames`, UTC.
 * Calendars and address books come through `allVisible` (the UI's flat view).
 */
import type { OxOutcome } from '../envelope.ts';
import type { OxSession } from '../session.ts';

/** Every column of FE http.js idMapping.folders, ascending (what `appendColumns: true` sends). */
export const FOLDER_COLUMNS = '1,2,3,4,5,6,20,300,301,302,304,305,306,307,308,309,310,311,312,313,314,315,316,3010,3020,3030';
/** Row indices of FOLDER_COLUMNS. */
export const COL = { id: 0, title: 7, module: 8, type: 9, standardFolder: 14, standardFolderType: 22 } as const;

export type FolderRow = unknown[];

/** FE folder/api.js `tree(id)`: mail folders live in tree 0, the rest in tree 1 (altNames needs it). */
export function treeOf(id: string): 0 | 1 {
  return id === '1' || /^default\d+/.test(id) ? 0 : 1;
}

export function list(session: OxSession, parent: string, columns = FOLDER_COLUMNS): OxOutcome<FolderRow[]> {
  return session.call({
    name: 'folders.list',
    method: 'GET',
    path: '/folders',
    query: { action: 'list', all: 0, altNames: true, parent, timezone: 'UTC', tree: treeOf(parent), columns },
    shape: 'json',
  });
}

export function get(session: OxSession, id: string): OxOutcome<Record<string, unknown>> {
  return session.call({ name: 'folders.get', method: 'GET', path: '/folders', query: { action: 'get', altNames: true, id, timezone: 'UTC', tree: treeOf(id) }, shape: 'json' });
}

/** Sections private/public/shared of one content type, rows in FOLDER_COLUMNS order (FE folder/api.js `flat`). */
export type VisibleFolders = Partial<Record<'private' | 'public' | 'shared', FolderRow[]>>;

export function allVisible(session: OxSession, contentType: 'calendar' | 'contacts' | 'tasks', columns = FOLDER_COLUMNS): OxOutcome<VisibleFolders> {
  return session.call({
    name: `folders.allVisible`,
    method: 'GET',
    path: '/folders',
    query: { action: 'allVisible', altNames: true, content_type: contentType, timezone: 'UTC', tree: 1, columns },
    shape: 'json',
  });
}

/** The user's default folder of a flat module: the first private standard folder of an allVisible answer. */
export function defaultOf(visible: VisibleFolders | undefined): string | undefined {
  const rows = visible?.private ?? [];
  const standard = rows.find((row) => Array.isArray(row) && row[COL.standardFolder] === true) ?? rows[0];
  const id = Array.isArray(standard) ? standard[COL.id] : undefined;
  return typeof id === 'string' || typeof id === 'number' ? String(id) : undefined;
}

/** A mail folder of the given standard_folder_type (FE/MW: 7 inbox, 9 drafts, 10 sent, 11 spam, 12 trash) in a folder list. */
export function standardMailFolder(rows: FolderRow[] | undefined, type: number): string | undefined {
  const row = (rows ?? []).find((r) => Array.isArray(r) && r[COL.standardFolderType] === type);
  const id = row?.[COL.id];
  return typeof id === 'string' ? id : undefined;
}

/** FE folder/api.js `multiple`: several folder gets in one batch (http.pause/resume), e.g. after a send. */
export function getMany(session: OxSession, ids: readonly string[]): OxOutcome<unknown[]> {
  const batch = ids.map((id) => ({ module: 'folders', action: 'get', altNames: true, id, timezone: 'UTC', tree: treeOf(id) }));
  return session.call({ name: 'multiple.folders', method: 'PUT', path: '/multiple', query: MULTIPLE_QUERY, json: batch, shape: 'multiple' });
}

const MULTIPLE_QUERY = { continue: true };
