/**
 * Column-based list answers (`all`, `list`, folder `list`…): `data` is an array
 * of rows, each an array with one value per requested column, in the order
 * of the `columns` parameter. A value OX has not got is `null`; identifiers
 * never are.
 *
 * Spec: /work/shared/reference/ox-http-api/spec/documentation-generic/http_api/documents/appendix/2_column_identifiers.md
 *   ("Detailed mail data", "Common folder data", "Detailed folder data"); types String, Number, Boolean,
 *   Array, Time (= a number of milliseconds, same file, intro).
 */
import * as z from 'zod/mini';
import { once } from './once.ts';

const address = z.tuple([z.nullable(z.string()), z.nullable(z.string())]);
const time = z.int();

/** Value types by column id; a column not listed is accepted as any value. */
export type ColumnTable = Record<string, { name: string; type: z.ZodMiniType; id?: boolean }>;

export const MAIL_COLUMNS = once((): ColumnTable => ({
  '102': { name: 'color_label', type: z.int() },
  '600': { name: 'id', type: z.string(), id: true },
  '601': { name: 'folder_id', type: z.string(), id: true },
  '602': { name: 'attachment', type: z.boolean() },
  '603': { name: 'from', type: z.array(address) },
  '604': { name: 'to', type: z.array(address) },
  '605': { name: 'cc', type: z.array(address) },
  '606': { name: 'bcc', type: z.array(address) },
  '607': { name: 'subject', type: z.string() },
  '608': { name: 'size', type: z.int() },
  '609': { name: 'sent_date', type: time },
  '610': { name: 'received_date', type: time },
  '611': { name: 'flags', type: z.int() },
  '612': { name: 'level', type: z.int() },
  '613': { name: 'disp_notification_to', type: z.string() },
  '614': { name: 'priority', type: z.int() },
  '615': { name: 'msg_ref', type: z.string() },
  // The appendix says String ("special field to sort by seen status"); servers answer a boolean too.
  '651': { name: 'flag_seen', type: z.union([z.string(), z.boolean()]) },
  '652': { name: 'account_name', type: z.string() },
  '653': { name: 'account_id', type: z.int() },
  '654': { name: 'original_id', type: z.string() },
  '655': { name: 'original_folder_id', type: z.string() },
  '656': { name: 'content_type', type: z.string() },
}));

export const FOLDER_COLUMNS = once((): ColumnTable => ({
  '1': { name: 'id', type: z.string(), id: true },
  '2': { name: 'created_by', type: z.union([z.string(), z.number()]) },
  '3': { name: 'modified_by', type: z.union([z.string(), z.number()]) },
  '4': { name: 'creation_date', type: time },
  '5': { name: 'last_modified', type: time },
  '20': { name: 'folder_id', type: z.string() },
  '300': { name: 'title', type: z.string() },
  '301': { name: 'module', type: z.string() },
  '302': { name: 'type', type: z.int() },
  '304': { name: 'subfolders', type: z.boolean() },
  '305': { name: 'own_rights', type: z.union([z.int(), z.string()]) },
  '306': { name: 'permissions', type: z.array(z.looseObject({})) },
  '307': { name: 'summary', type: z.string() },
  '308': { name: 'standard_folder', type: z.boolean() },
  '309': { name: 'total', type: z.int() },
  '310': { name: 'new', type: z.int() },
  '311': { name: 'unread', type: z.int() },
  '312': { name: 'deleted', type: z.int() },
  '313': { name: 'capabilities', type: z.int() },
  '314': { name: 'subscribed', type: z.boolean() },
  '315': { name: 'subscr_subflds', type: z.boolean() },
  '316': { name: 'standard_folder_type', type: z.int() },
  '317': { name: 'supported_capabilities', type: z.array(z.string()) },
  '318': { name: 'account_id', type: z.string() },
}));

function valueSchema(table: ColumnTable, column: string): z.ZodMiniType {
  const entry = table[column];
  if (!entry) return z.unknown();
  return entry.id ? entry.type : z.nullable(entry.type);
}

/** Rows of exactly the requested columns, each value of its column's type. */
export function rowsSchema(table: ColumnTable, columns: string | readonly string[]): z.ZodMiniType<unknown[][]> {
  const row = z.tuple(columnList(columns).map((c) => valueSchema(table, c)) as [z.ZodMiniType, ...z.ZodMiniType[]]);
  return z.array(row) as unknown as z.ZodMiniType<unknown[][]>;
}

function columnList(columns: string | readonly string[]): string[] {
  return typeof columns === 'string' ? columns.split(',').map((c) => c.trim()) : [...columns];
}

/** One object with the columns' names as keys (threadedAll answers objects, not rows). */
export function objectSchema(table: ColumnTable, columns: string | readonly string[]): z.ZodMiniObject {
  const shape: Record<string, z.ZodMiniType> = {};
  for (const c of columnList(columns)) {
    const entry = table[c];
    if (entry) shape[entry.name] = entry.id ? entry.type : z.optional(z.nullable(entry.type));
  }
  return z.looseObject(shape);
}
