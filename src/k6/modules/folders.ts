/** Folder tree calls (NOTES §5), with the parameters the App Suite UI sends. */
import type { OxOutcome } from '../envelope.ts';
import type { OxSession } from '../session.ts';

/** id, parent, title, module, type, subfolders, own_rights, standard_folder, standard_folder_type. */
export const FOLDER_COLUMNS = '1,20,300,301,302,304,305,308,316';
const TREE = '0';

export type FolderRow = unknown[];

export function root(session: OxSession, columns = FOLDER_COLUMNS): OxOutcome<FolderRow[]> {
  return session.call({ name: 'folders.root', method: 'GET', path: '/folders', query: { action: 'root', columns, tree: TREE, altNames: true, timezone: 'UTC' }, shape: 'json' });
}

export function list(session: OxSession, parent: string, columns = FOLDER_COLUMNS): OxOutcome<FolderRow[]> {
  return session.call({ name: 'folders.list', method: 'GET', path: '/folders', query: { action: 'list', parent, all: 0, columns, tree: TREE, altNames: true, timezone: 'UTC' }, shape: 'json' });
}
