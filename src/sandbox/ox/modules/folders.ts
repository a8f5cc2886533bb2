/**
 * /ajax/folders: root, list, get, path, allVisible over one tree (the UI asks tree 0
 * for mail and tree 1 otherwise; both answer the same folders here): system folders 1 (private),
 * 2 (public), 3 (shared), 9 (drive root); the user's contacts, calendar and
 * drive folders; the mail account `default0` with its IMAP folders (special
 * use mapped to the standard folders).
 */
import type { ListResponse } from 'imapflow';
import { data, sessionOf } from '../context.ts';
import type { NodeContext, OxModule, OxReply, OxRequest } from '../context.ts';
import { OxError } from '../envelope.ts';
import type { OxSession } from '../sessions.ts';
import { calendarFolderId, calendarFolderNumber, contactsFolderId, driveFolderId, MAIL_PREFIX, MAIL_ROOT } from './folders-ids.ts';
import { columnsParam, param } from './params.ts';

/** Folder column id → field name (NOTES §4). */
export const FOLDER_COLUMNS: Record<string, string> = {
  '1': 'id', '2': 'created_by', '3': 'modified_by', '4': 'creation_date', '5': 'last_modified', '6': 'last_modified_utc',
  '20': 'folder_id', '300': 'title', '301': 'module', '302': 'type', '304': 'subfolders', '305': 'own_rights',
  '306': 'permissions', '307': 'summary', '308': 'standard_folder', '309': 'total', '310': 'new', '311': 'unread',
  '312': 'deleted', '313': 'capabilities', '314': 'subscribed', '315': 'subscr_subflds', '316': 'standard_folder_type',
  '317': 'supported_capabilities', '318': 'account_id', '3010': 'com.openexchange.publish.publicationFlag',
  '3020': 'com.openexchange.subscribe.subscriptionFlag', '3030': 'com.openexchange.folderstorage.displayName',
  '3203': 'com.openexchange.calendar.provider',
};

const OWN_RIGHTS = 403710016; // admin + all object rights, what OX shows for one's own folders
const MAIL_TYPE_BY_USE: Record<string, number> = { '\\Inbox': 7, '\\Drafts': 9, '\\Sent': 10, '\\Junk': 11, '\\Trash': 12 };

export type FolderObject = Record<string, unknown>;

function base(session: OxSession, id: string, parent: string, title: string, module: string, type: number, extra: FolderObject = {}): FolderObject {
  return {
    id, folder_id: parent, title, module, type,
    created_by: session.user.userId, modified_by: session.user.userId, creation_date: 0, last_modified: 0, last_modified_utc: 0,
    subfolders: false, subscr_subflds: false, own_rights: OWN_RIGHTS,
    permissions: [{ entity: session.user.userId, group: false, bits: OWN_RIGHTS }],
    summary: '', standard_folder: false, standard_folder_type: 0, total: 0, new: 0, unread: 0, deleted: 0,
    capabilities: 0, subscribed: true, supported_capabilities: [], account_id: null,
    'com.openexchange.publish.publicationFlag': false, 'com.openexchange.subscribe.subscriptionFlag': false,
    'com.openexchange.folderstorage.displayName': session.user.displayName,
    ...extra,
  };
}

function systemFolders(session: OxSession): FolderObject[] {
  return [
    base(session, '1', '0', 'Private', 'system', 5, { subfolders: true, subscr_subflds: true }),
    base(session, '2', '0', 'Public', 'system', 5),
    base(session, '3', '0', 'Shared', 'system', 5),
    base(session, '9', '0', 'Drive', 'system', 5, { subfolders: true, subscr_subflds: true }),
  ];
}

function privateFolders(session: OxSession): FolderObject[] {
  const std = { standard_folder: true };
  return [
    base(session, contactsFolderId(session.user), '1', 'Contacts', 'contacts', 1, { ...std, standard_folder_type: 3 }),
    base(session, calendarFolderNumber(session.user), '1', 'Calendar', 'calendar', 1, { ...std, standard_folder_type: 2 }),
    base(session, MAIL_ROOT, '1', 'E-Mail', 'mail', 5, { subfolders: true, subscr_subflds: true, account_id: '0' }),
  ];
}

/** The calendar as chronos shows it (content type `event`): composite id, provider `chronos`. */
function eventFolder(session: OxSession): FolderObject {
  return base(session, calendarFolderId(session.user), '1', 'Calendar', 'event', 1, {
    standard_folder: true, standard_folder_type: 2, account_id: 'cal://0', 'com.openexchange.calendar.provider': 'chronos',
  });
}

function driveFolders(session: OxSession): FolderObject[] {
  return [base(session, driveFolderId(session.user), '9', 'My files', 'infostore', 1, { standard_folder: true, standard_folder_type: 8 })];
}

function mailFolder(session: OxSession, f: ListResponse, all: ListResponse[]): FolderObject {
  const use = f.path === 'INBOX' ? '\\Inbox' : f.specialUse;
  const parent = f.parentPath ? `${MAIL_PREFIX}${f.parentPath}` : MAIL_ROOT;
  const children = all.some((c) => c.parentPath === f.path);
  const typeCode = use ? MAIL_TYPE_BY_USE[use] : undefined;
  return base(session, `${MAIL_PREFIX}${f.path}`, parent, f.path === 'INBOX' ? 'Inbox' : f.name, 'mail', 1, {
    subfolders: children, subscr_subflds: children, subscribed: f.subscribed, account_id: '0',
    total: f.status?.messages ?? 0, unread: f.status?.unseen ?? 0, new: f.status?.recent ?? 0,
    standard_folder: typeCode !== undefined, standard_folder_type: typeCode ?? 0,
  });
}

export interface StandardMailFolders {
  inbox: string;
  sent: string;
  drafts: string;
  trash: string;
  spam: string;
}

export async function standardMailFolders(ctx: NodeContext, session: OxSession): Promise<StandardMailFolders> {
  const folders = await ctx.imap.listFolders(session.user, session.password);
  const find = (use: string, fallback: string) => folders.find((f) => f.specialUse === use)?.path ?? fallback;
  return { inbox: 'INBOX', sent: find('\\Sent', 'Sent'), drafts: find('\\Drafts', 'Drafts'), trash: find('\\Trash', 'Trash'), spam: find('\\Junk', 'Junk') };
}

async function childrenOf(ctx: NodeContext, session: OxSession, parent: string): Promise<FolderObject[]> {
  if (parent === '0') return systemFolders(session);
  if (parent === '1') return privateFolders(session);
  if (parent === '2' || parent === '3') return [];
  if (parent === '9') return driveFolders(session);
  if (parent === MAIL_ROOT || parent.startsWith(MAIL_PREFIX)) {
    const folders = await ctx.imap.listFolders(session.user, session.password);
    const wanted = parent === MAIL_ROOT ? '' : parent.slice(MAIL_PREFIX.length);
    return folders.filter((f) => f.parentPath === wanted).map((f) => mailFolder(session, f, folders));
  }
  const known = [...privateFolders(session), ...driveFolders(session)].some((f) => f.id === parent);
  if (known) return [];
  throw new OxError('FLD-0003', [parent]);
}

export async function findFolder(ctx: NodeContext, session: OxSession, id: string): Promise<FolderObject> {
  const fixed = [...systemFolders(session), ...privateFolders(session), ...driveFolders(session), eventFolder(session)].find((f) => f.id === id);
  if (fixed) return fixed;
  if (id.startsWith(MAIL_PREFIX)) {
    const folders = await ctx.imap.listFolders(session.user, session.password);
    const f = folders.find((x) => `${MAIL_PREFIX}${x.path}` === id);
    if (f) return mailFolder(session, f, folders);
  }
  throw new OxError('FLD-0003', [id]);
}

export function toColumns(objects: FolderObject[], columns: string[]): unknown[][] {
  return objects.map((o) => columns.map((c) => {
    const field = FOLDER_COLUMNS[c];
    return field === undefined ? null : (o[field] ?? null);
  }));
}

async function root(req: OxRequest, _ctx: NodeContext): Promise<OxReply> {
  return data(toColumns(systemFolders(sessionOf(req)), columnsParam(req)));
}

async function list(req: OxRequest, ctx: NodeContext): Promise<OxReply> {
  const session = sessionOf(req);
  const children = await childrenOf(ctx, session, param(req, 'parent'));
  const visible = req.params.get('all') === '1' ? children : children.filter((f) => f.subscribed !== false);
  return data(toColumns(visible, columnsParam(req)));
}

async function get(req: OxRequest, ctx: NodeContext): Promise<OxReply> {
  return data(await findFolder(ctx, sessionOf(req), param(req, 'id')));
}

/** Folders of one content type by section, as `allVisible` answers them (MW folder JSON `AllVisibleFoldersAction`). */
function visibleByType(session: OxSession, contentType: string): { private: FolderObject[]; public: FolderObject[]; shared: FolderObject[] } {
  const none = { private: [], public: [], shared: [] };
  switch (contentType) {
    case 'event': return { ...none, private: [eventFolder(session)] };
    case 'calendar': return { ...none, private: privateFolders(session).filter((f) => f.module === 'calendar') };
    case 'contacts': return { ...none, private: privateFolders(session).filter((f) => f.module === 'contacts') };
    case 'infostore': case 'files': return { ...none, private: driveFolders(session) };
    case 'tasks': return none;
    default: throw new OxError('SVL-0010', ['content_type', contentType]);
  }
}

async function allVisible(req: OxRequest, _ctx: NodeContext): Promise<OxReply> {
  const session = sessionOf(req);
  const columns = columnsParam(req);
  const sections = visibleByType(session, param(req, 'content_type'));
  return data({
    private: toColumns(sections.private, columns),
    public: toColumns(sections.public, columns),
    shared: toColumns(sections.shared, columns),
  });
}

/** The folder and its parents up to (not including) the root "0", leaf first, as the UI's breadcrumbs read it. */
async function path(req: OxRequest, ctx: NodeContext): Promise<OxReply> {
  const session = sessionOf(req);
  const columns = columnsParam(req);
  const chain: FolderObject[] = [];
  let id = param(req, 'id');
  while (id !== '0' && chain.length < 64) {
    const folder = await findFolder(ctx, session, id);
    chain.push(folder);
    id = String(folder.folder_id);
  }
  return data(toColumns(chain, columns));
}

export const foldersModule: OxModule = { name: 'folders', actions: { root, list, get, allVisible, path } };
