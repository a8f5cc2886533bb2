/**
 * /ajax/contacts: all (columns, sort incl. the virtual sort name 607, limit),
 * get, new, delete (the UI's `[{id, folder}]` body) over the shared store.
 */
import { data, sessionOf } from '../context.ts';
import type { NodeContext, OxModule, OxReply, OxRequest } from '../context.ts';
import { OxError } from '../envelope.ts';
import type { OxSession } from '../sessions.ts';
import type { StoredObject } from '../store.ts';
import type { Contact } from '../vcard.ts';
import { contactsFolderId } from './folders-ids.ts';
import { applyLimits, columnsParam, param } from './params.ts';

/** Contact column id → field name (NOTES §4). */
export const CONTACT_COLUMNS: Record<string, string> = {
  '1': 'id', '2': 'created_by', '3': 'modified_by', '4': 'creation_date', '5': 'last_modified', '20': 'folder_id',
  '223': 'uid', '500': 'display_name', '501': 'first_name', '502': 'last_name', '503': 'second_name', '505': 'title',
  '511': 'birthday', '519': 'department', '520': 'position', '524': 'user_id', '542': 'telephone_business1',
  '548': 'telephone_home1', '551': 'cellular_telephone1', '555': 'email1', '556': 'email2', '557': 'email3',
  '569': 'company', '599': 'file_as', '602': 'mark_as_distributionlist', '608': 'useCount',
  '100': 'categories', '504': 'suffix', '518': 'note', '558': 'url',
  '506': 'street_home', '507': 'postal_code_home', '508': 'city_home', '509': 'state_home', '510': 'country_home',
  '523': 'street_business', '525': 'postal_code_business', '526': 'city_business', '527': 'state_business', '528': 'country_business',
  '538': 'street_other', '539': 'city_other', '540': 'postal_code_other', '541': 'country_other', '598': 'state_other',
  '543': 'telephone_business2', '544': 'fax_business', '546': 'telephone_car', '549': 'telephone_home2', '550': 'fax_home',
  '552': 'cellular_telephone2', '553': 'telephone_other', '554': 'fax_other', '559': 'telephone_isdn', '560': 'telephone_pager',
  '570': 'image1', '601': 'image1_content_type', '606': 'image1_url', '607': 'sort_name',
};

/** Column 607, what OX sorts the address book by: last/first name, else display name, company, e-mail. */
function sortName(c: Contact): string {
  const name = [c.last_name, c.first_name].filter(Boolean).join(', ');
  return String(name || c.display_name || c.company || c.email1 || '');
}

export function checkContactFolder(session: OxSession, folder: string): void {
  if (folder !== contactsFolderId(session.user)) throw new OxError('FLD-0003', [folder]);
}

export function contactObject(o: StoredObject<Contact>, session: OxSession): Contact {
  return {
    ...o.data,
    id: String(o.id),
    folder_id: o.folder,
    created_by: session.user.userId,
    modified_by: session.user.userId,
    creation_date: (o.data.creation_date as number | undefined) ?? o.modified,
    last_modified: o.modified,
    mark_as_distributionlist: false,
    useCount: 0,
    sort_name: sortName(o.data),
  };
}

export function insertContact(ctx: NodeContext, session: OxSession, folder: string, contact: Contact): StoredObject<Contact> {
  const clean: Contact = { ...contact };
  for (const key of ['id', 'folder_id', 'created_by', 'modified_by', 'last_modified']) delete clean[key];
  clean.creation_date = Date.now();
  if (!clean.display_name) clean.display_name = [clean.first_name, clean.last_name].filter(Boolean).join(' ');
  return ctx.store.insert('contact', session.user.contextId, folder, clean);
}

async function all(req: OxRequest, ctx: NodeContext): Promise<OxReply> {
  const session = sessionOf(req);
  const folder = param(req, 'folder');
  checkContactFolder(session, folder);
  const columns = columnsParam(req);
  let contacts = ctx.store.list<Contact>('contact', session.user.contextId, folder).map((o) => contactObject(o, session));
  const sort = req.params.get('sort');
  if (sort) {
    const sortField = CONTACT_COLUMNS[sort];
    if (!sortField) throw new OxError('SVL-0010', ['sort', sort]);
    const dir = req.params.get('order')?.toLowerCase() === 'desc' ? -1 : 1;
    contacts = contacts.sort((a, b) => String(a[sortField] ?? '').localeCompare(String(b[sortField] ?? ''), 'en', { sensitivity: 'base' }) * dir);
  }
  const timestamp = contacts.reduce((m, c) => Math.max(m, Number(c.last_modified)), 0);
  return data(applyLimits(contacts, req).map((c) => columns.map((col) => c[CONTACT_COLUMNS[col] ?? ''] ?? null)), timestamp);
}

async function get(req: OxRequest, ctx: NodeContext): Promise<OxReply> {
  const session = sessionOf(req);
  const folder = param(req, 'folder');
  const id = param(req, 'id');
  const o = ctx.store.get<Contact>('contact', session.user.contextId, Number(id));
  if (!o || o.folder !== folder) throw new OxError('CON-0125', [id, folder]);
  return data(contactObject(o, session), o.modified);
}

async function create(req: OxRequest, ctx: NodeContext): Promise<OxReply> {
  const session = sessionOf(req);
  const body = req.body as Contact | undefined;
  if (!body || typeof body !== 'object') throw new OxError('SVL-0028', ['object', typeof body]);
  const folder = String(body.folder_id ?? contactsFolderId(session.user));
  checkContactFolder(session, folder);
  const o = insertContact(ctx, session, folder, body);
  return data({ id: String(o.id) }, o.modified);
}

/** PUT contacts?action=delete&timestamp=… with `[{id, folder}]` (or one object); a contact not in that folder is CON-0125. */
async function remove(req: OxRequest, ctx: NodeContext): Promise<OxReply> {
  const session = sessionOf(req);
  param(req, 'timestamp');
  const body = req.body;
  if (!body || typeof body !== 'object') throw new OxError('SVL-0028', ['array', typeof body]);
  const items = (Array.isArray(body) ? body : [body]) as { id?: unknown; folder?: unknown; folder_id?: unknown }[];
  const found = items.map((item) => {
    const id = String(item?.id ?? '');
    const folder = String(item?.folder ?? item?.folder_id ?? '');
    const o = /^\d+$/.test(id) ? ctx.store.get<Contact>('contact', session.user.contextId, Number(id)) : undefined;
    if (!o || o.folder !== folder) throw new OxError('CON-0125', [id, folder]);
    return o;
  });
  for (const o of found) ctx.store.delete('contact', session.user.contextId, o.id);
  return data({}, Date.now());
}

export const contactsModule: OxModule = { name: 'contacts', actions: { all, get, new: create, delete: remove } };
