/**
 * mail?action=threadedAll: conversations of a folder (optionally joined with
 * the Sent folder, `includeSent=true`) built from Message-ID / In-Reply-To /
 * References. Each answer item is the root message as an object keyed by
 * column name plus `thread`, all messages of the conversation newest first
 * (MW spec 07-mail/ThreadedAllRequest.yaml, MailConversationsResponse).
 */
import type { MessageRow } from '../backends/imap.ts';
import { columnValue, sortRows } from './mail-format.ts';

/** Mail column id → field name in object answers (MW MailListField, FE http.js idMapping). */
export const MAIL_FIELD_NAMES: Record<string, string> = {
  '102': 'color_label', '600': 'id', '601': 'folder_id', '602': 'attachment', '603': 'from', '604': 'to', '605': 'cc',
  '606': 'bcc', '607': 'subject', '608': 'size', '609': 'sent_date', '610': 'received_date', '611': 'flags', '612': 'level',
  '613': 'disp_notification_to', '614': 'priority', '615': 'msgref', '651': 'flag_seen', '652': 'account_name',
  '653': 'account_id', '654': 'original_id', '655': 'original_folder_id', '656': 'content_type', '657': 'answered',
  '658': 'forwarded', '659': 'draft', '660': 'flagged', '661': 'date',
};

export interface FolderRows {
  folder: string;
  rows: MessageRow[];
}

interface Placed {
  row: MessageRow;
  folder: string;
}

/** Groups messages into conversations with a union-find over message ids. */
function conversations(messages: Placed[]): Placed[][] {
  const parent = new Map<string, string>();
  const find = (x: string): string => {
    let root = x;
    while (parent.get(root) !== root) root = parent.get(root) ?? root;
    parent.set(x, root);
    return root;
  };
  const join = (a: string, b: string) => {
    if (!parent.has(a)) parent.set(a, a);
    if (!parent.has(b)) parent.set(b, b);
    parent.set(find(a), find(b));
  };
  const keyOf = (m: Placed) => m.row.messageId || `${m.folder}/${m.row.uid}`;
  for (const m of messages) {
    const key = keyOf(m);
    if (!parent.has(key)) parent.set(key, key);
    for (const ref of [m.row.inReplyTo, ...(m.row.references ?? [])]) if (ref) join(key, ref);
  }
  const groups = new Map<string, Placed[]>();
  for (const m of messages) {
    const root = find(keyOf(m));
    groups.set(root, [...(groups.get(root) ?? []), m]);
  }
  return [...groups.values()];
}

function toObject(m: Placed, columns: string[], tz: string): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const c of columns) out[MAIL_FIELD_NAMES[c] ?? c] = columnValue(m.row, c, m.folder, tz);
  return out;
}

export interface ThreadOptions {
  columns: string[];
  sort: string | null;
  order: string | null;
  /** Only the newest `max` messages of the folder take part (the UI sends 300). */
  max: number | undefined;
  tz: string;
}

/** Conversations rooted in `main` (Sent-only conversations are left out), sorted by their newest message. */
export function threadedAll(main: FolderRows, sent: FolderRows | undefined, o: ThreadOptions): Record<string, unknown>[] {
  const newest = (rows: MessageRow[]) => {
    const sorted = sortRows(rows, '610', 'desc');
    return o.max !== undefined && o.max > 0 ? sorted.slice(0, o.max) : sorted;
  };
  const placed: Placed[] = newest(main.rows).map((row) => ({ row, folder: main.folder }));
  if (sent && sent.folder !== main.folder) placed.push(...newest(sent.rows).map((row) => ({ row, folder: sent.folder })));
  const threads = conversations(placed)
    .filter((t) => t.some((m) => m.folder === main.folder))
    .map((t) => t.sort((a, b) => b.row.receivedMs - a.row.receivedMs || b.row.uid - a.row.uid));
  // Root-level sort: the newest message of each conversation stands for it.
  const byRoot = new Map(threads.map((t) => [t[0]!.row, t]));
  const sortColumn = o.sort === 'thread' || o.sort === null ? '610' : o.sort;
  const order = o.sort === null ? 'desc' : o.order;
  const roots = sortRows([...byRoot.keys()], sortColumn, order);
  return roots.map((root) => {
    const thread = byRoot.get(root)!;
    return { ...toObject(thread[0]!, o.columns, o.tz), thread: thread.map((m) => toObject(m, o.columns, o.tz)) };
  });
}
