/**
 * Mail calls as the 7.10 UI sends them: the inbox as `threadedAll` (FE
 * ui/apps/io.ox/core/boot/load.js), mails read with FE mail/api.js `get`
 * parameters, flags and deletes as FE mail/api.js sends them. Sending lives in
 * compose.ts (composition spaces) and here as the legacy `action=new`.
 */
import http from 'k6/http';
import type { FileData } from 'k6/http';
import type { OxOutcome } from '../envelope.ts';
import type { OxSession } from '../session.ts';
import type { Query } from '../url.ts';

/** FE boot/load.js: color_label, id, folder, attachment, from, to, cc, subject, size, received_date, flags, priority, account_name. */
export const THREAD_COLUMNS = '102,600,601,602,603,604,605,607,608,610,611,614,652';
/** Row indices of THREAD_COLUMNS. */
const IX = { id: 1, folder: 2, subject: 7, flags: 10 } as const;
/** id, folder, attachment, from, subject, size, received_date, flags (the unthreaded list). */
export const MAIL_LIST_COLUMNS = '600,601,602,603,607,608,610,611';
const RECEIVED_DATE = '610';
/** MW/FE mail flag bit \Seen (FE mail/api.js api.FLAGS.SEEN). */
export const SEEN = 32;

export interface MailListOptions {
  columns?: string;
  sort?: string;
  order?: 'asc' | 'desc';
  limit?: number | string;
}

/** Rows in column order; with the default columns row[0] is the id. */
export type MailRow = unknown[];

/** One mail as the list answered it (array rows or thread objects). */
export interface MailRef {
  id: string;
  folder: string;
  flags: number;
  subject: string;
}

/** Query objects built once per folder: the session encodes a query object only the first time it sees it. */
const threadQueries = new Map<string, Query>();
const listQueries = new Map<string, Query>();

/** FE boot/load.js prefetch (thread view is the default): limit 0,30, includeSent, max 300. */
export function threadedAll(session: OxSession, folder: string): OxOutcome<unknown[]> {
  let query = threadQueries.get(folder);
  if (!query) {
    query = { action: 'threadedAll', folder, columns: THREAD_COLUMNS, sort: RECEIVED_DATE, order: 'desc', includeSent: true, max: 300, timezone: 'utc', limit: '0,30' };
    threadQueries.set(folder, query);
  }
  return session.call({ name: 'mail.threadedAll', method: 'GET', path: '/mail', query, shape: 'json' });
}

function listQuery(folder: string, options: MailListOptions | undefined): Query {
  if (options === undefined) {
    let query = listQueries.get(folder);
    if (!query) listQueries.set(folder, (query = listQuery(folder, {})));
    return query;
  }
  return { action: 'all', folder, columns: options.columns ?? MAIL_LIST_COLUMNS, sort: options.sort ?? RECEIVED_DATE, order: options.order ?? 'desc', limit: options.limit ?? 50 };
}

/** The list view of a folder not in thread view (FE mail/api.js `getAll`, the collection loader's columns and first page). */
export function listView(session: OxSession, folder: string): OxOutcome<MailRow[]> {
  return all(session, folder, { columns: THREAD_COLUMNS, limit: '0,30' });
}

/** A mail path as MW answers a send or save (`default0/Sent/123`, FE compose/api.js refreshFolders): folder and id. */
export function refOfPath(path: unknown, separator = '/'): { folder: string; id: string } | undefined {
  if (typeof path !== 'string') return undefined;
  const cut = path.lastIndexOf(separator);
  return cut > 0 && cut < path.length - 1 ? { folder: path.slice(0, cut), id: path.slice(cut + 1) } : undefined;
}

/** The unthreaded list (MW `action=all`). */
export function all(session: OxSession, folder: string, options?: MailListOptions): OxOutcome<MailRow[]> {
  return session.call({ name: 'mail.all', method: 'GET', path: '/mail', query: listQuery(folder, options), shape: 'json' });
}

/**
 * Opens a mail as the detail view does (FE mail/api.js `get`): view noimg
 * (allowHtmlMessages on, allowHtmlImages off by default), max_size 100 KB,
 * process_plain_text=false, pregenerate_previews; embedded is `!sandboxedCSS`,
 * i.e. false by default. No `unseen`: the server marks the mail seen, as for a user.
 */
export function get(session: OxSession, folder: string, id: string): OxOutcome<Record<string, unknown>> {
  return session.call({
    name: 'mail.get',
    method: 'GET',
    path: '/mail',
    query: { action: 'get', folder, id, embedded: false, sanitize: false, view: 'noimg', max_size: 102400, process_plain_text: false, pregenerate_previews: true, timezone: 'UTC' },
    shape: 'json',
  });
}

/** Sets or clears flag bits (FE mail/api.js `update`, e.g. mark read/unread). */
export function setFlag(session: OxSession, folder: string, id: string, flags: number, value: boolean): OxOutcome {
  return session.call({ name: 'mail.update', method: 'PUT', path: '/mail', query: { action: 'update', folder, id, timestamp: Date.now() }, json: { flags, value }, shape: 'json' });
}

/** Deletes mails for good (FE mail/api.js `remove` with harddelete): what a session received or sent leaves no trace in Trash. */
export function remove(session: OxSession, mails: ReadonlyArray<{ id: string; folder: string }>): OxOutcome {
  return session.call({
    name: 'mail.delete',
    method: 'PUT',
    path: '/mail',
    query: { action: 'delete', harddelete: true, timestamp: Date.now() },
    json: mails.map((m) => ({ folder: m.folder, id: m.id })),
    shape: 'json',
  });
}

function refOfRow(row: unknown, fallbackFolder: string): MailRef | undefined {
  if (Array.isArray(row)) {
    const id = row[IX.id];
    if (typeof id !== 'string' && typeof id !== 'number') return undefined;
    const folder = row[IX.folder];
    return { id: String(id), folder: typeof folder === 'string' ? folder : fallbackFolder, flags: Number(row[IX.flags]) || 0, subject: String(row[IX.subject] ?? '') };
  }
  if (typeof row === 'object' && row !== null) {
    const o = row as Record<string, unknown>;
    if (typeof o.id !== 'string' && typeof o.id !== 'number') return undefined;
    const folder = o.folder_id ?? o.folder;
    return { id: String(o.id), folder: typeof folder === 'string' ? folder : fallbackFolder, flags: Number(o.flags) || 0, subject: String(o.subject ?? '') };
  }
  return undefined;
}

/** The mails of a threadedAll answer: rows in THREAD_COLUMNS order, or thread objects (`thread` holds the members). */
export function threadRefs(data: unknown, folder: string): MailRef[] {
  const refs: MailRef[] = [];
  for (const row of Array.isArray(data) ? data : []) {
    const members = typeof row === 'object' && row !== null && !Array.isArray(row) ? (row as { thread?: unknown }).thread : undefined;
    for (const member of Array.isArray(members) ? members : [row]) {
      const ref = refOfRow(member, folder);
      if (ref && ref.folder === folder) refs.push(ref);
    }
  }
  return refs;
}

export interface MailAttachment {
  data: string | ArrayBuffer;
  filename: string;
  contentType?: string;
}

/** The legacy send (MW spec 07-mail/NewRequest.yaml): multipart with `json_0` (+ `file_0`). */
export function send(session: OxSession, to: string, subject: string, body: string, attachment?: MailAttachment): OxOutcome {
  const mail = {
    from: session.account.email,
    to,
    subject,
    content_type: 'text/plain',
    sendtype: 0,
    attachments: [{ content_type: 'text/plain', content: body }],
  };
  const form: Record<string, string | FileData> = { json_0: JSON.stringify(mail) };
  if (attachment) form.file_0 = http.file(attachment.data, attachment.filename, attachment.contentType ?? 'application/octet-stream');
  return session.call({ name: 'mail.new', method: 'POST', path: '/mail', query: { action: 'new' }, form, shape: 'callback' });
}
