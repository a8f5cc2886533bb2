/** Mail calls (NOTES §6): list a folder, open a mail, send one (multipart `json_0`). */
import http from 'k6/http';
import type { FileData } from 'k6/http';
import type { OxOutcome } from '../envelope.ts';
import type { OxSession } from '../session.ts';
import type { Query } from '../url.ts';

/** id, folder, attachment, from, subject, size, received_date, flags: what the UI's list view shows. */
export const MAIL_LIST_COLUMNS = '600,601,602,603,607,608,610,611';
const RECEIVED_DATE = '610';

export interface MailListOptions {
  columns?: string;
  sort?: string;
  order?: 'asc' | 'desc';
  limit?: number;
}

/** Rows in column order; with the default columns row[0] is the id. */
export type MailRow = unknown[];

/** The default list query per folder, built once: the session encodes a query object only the first time it sees it. */
const defaultListQueries = new Map<string, Query>();

function listQuery(folder: string, options: MailListOptions | undefined): Query {
  if (options === undefined) {
    let query = defaultListQueries.get(folder);
    if (!query) defaultListQueries.set(folder, (query = listQuery(folder, {})));
    return query;
  }
  return { action: 'all', folder, columns: options.columns ?? MAIL_LIST_COLUMNS, sort: options.sort ?? RECEIVED_DATE, order: options.order ?? 'desc', limit: options.limit ?? 50 };
}

export function all(session: OxSession, folder: string, options?: MailListOptions): OxOutcome<MailRow[]> {
  return session.call({ name: 'mail.all', method: 'GET', path: '/mail', query: listQuery(folder, options), shape: 'json' });
}

/** Opens a mail without marking it seen, so repeated runs see the same mailbox. */
export function get(session: OxSession, folder: string, id: string): OxOutcome<Record<string, unknown>> {
  return session.call({ name: 'mail.get', method: 'GET', path: '/mail', query: { action: 'get', folder, id, view: 'text', unseen: true, timezone: 'UTC' }, shape: 'json' });
}

export interface MailAttachment {
  data: string | ArrayBuffer;
  filename: string;
  contentType?: string;
}

/** Sends a plain-text mail the way the UI's compose does: multipart with `json_0` (+ `file_0`). */
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
