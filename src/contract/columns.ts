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
import { z } from 'zod';

const address = z.tuple([z.string().nullable(), z.string().nullable()]);
const time = z.number().int();

/** Value types by column id; a column not listed is accepted as any value. */
export type ColumnTable = Record<string, { name: string; type: z.ZodType; id?: boolean }>;

export const MAIL_COLUMNS: ColumnTable = {
  '102': { name: 'color_label', type: z.number().int() },
  '600': { name: 'id', type: z.string(), id: true },
  '601': { name: 'folder_id', type: z.string(), id: true },
  '602': { name: 'attachment', type: z.boolean() },
  '603': { name: 'from', type: z.array(address) },
  '604': { name: 'to', type: z.array(address) },
  '605': { name: 'cc', type: z.array(address) },
  '606': { name: 'bcc', type: z.array(address) },
  '607': { name: 'subject', type: z.string() },
  '608': { name: 'size', type: z.number().int() },
  '609': { name: 'sent_date', type: time },
  '610': { name: 'received_date', type: time },
  '611': { name: 'flags', type: z.number().int() },
  '612': { name: 'level', type: z.number().int() },
  '613': { name: 'disp_notification_to', type: z.string() },
  '614': { name: 'priority', type: z.number().int() },
  '615': { name: 'msg_ref', type: z.string() },
  // The appendix says String ("special field to sort by seen status"); servers answer a boolean too.
  '651': { name: 'flag_seen', type: z.union([z.string(), z.boolean()]) },
  '652': { name: 'account_name', type: z.string() },
  '653': { name: 'account_id', type: z.number().int() },
  '654': { name: 'original_id', type: z.string() },
  '655': { name: 'original_folder_id', type: z.string() },
  '656': { name: 'content_type', type: z.string() },
};

export const FOLDER_COLUMNS: ColumnTable = {
  '1': { name: 'id', type: z.string(), id: true },
  '2': { name: 'created_by', type: z.union([z.string(), z.number()]) },
  '3': { name: 'modified_by', type: z.union([z.string(), z.number()]) },
  '4': { name: 'creation_date', type: time },
  '5': { name: 'last_modified', type: time },
  '20': { name: 'folder_id', type: z.string() },
  '300': { name: 'title', type: z.string() },
  '301': { name: 'module', type: z.string() },
  '302': { name: 'type', type: z.number().int() },
  '304': { name: 'subfolders', type: z.boolean() },
  '305': { name: 'own_rights', type: z.union([z.number().int(), z.string()]) },
  '306': { name: 'permissions', type: z.array(z.looseObject({})) },
  '307': { name: 'summary', type: z.string() },
  '308': { name: 'standard_folder', type: z.boolean() },
  '309': { name: 'total', type: z.number().int() },
  '310': { name: 'new', type: z.number().int() },
  '311': { name: 'unread', type: z.number().int() },
  '312': { name: 'deleted', type: z.number().int() },
  '313': { name: 'capabilities', type: z.number().int() },
  '314': { name: 'subscribed', type: z.boolean() },
  '315': { name: 'subscr_subflds', type: z.boolean() },
  '316': { name: 'standard_folder_type', type: z.number().int() },
  '317': { name: 'supported_capabilities', type: z.array(z.string()) },
  '318': { name: 'account_id', type: z.string() },
};

function valueSchema(table: ColumnTable, column: string): z.ZodType {
  const entry = table[column];
  if (!entry) return z.unknown();
  return entry.id ? entry.type : entry.type.nullable();
}

/** Rows of exactly the requested columns, each value of its column's type. */
export function rowsSchema(table: ColumnTable, columns: string | readonly string[]): z.ZodType<unknown[][]> {
  const list = typeof columns === 'string' ? columns.split(',').map((c) => c.trim()) : [...columns];
  const row = z.tuple(list.map((c) => valueSchema(table, c)) as [z.ZodType, ...z.ZodType[]]);
  return z.array(row) as unknown as z.ZodType<unknown[][]>;
}

/** One object with the columns' names as keys (threadedAll answers objects, not rows). */
export function objectSchema(table: ColumnTable, columns: string | readonly string[]): z.ZodObject {
  const list = typeof columns === 'string' ? columns.split(',').map((c) => c.trim()) : [...columns];
  const shape: Record<string, z.ZodType> = {};
  for (const c of list) {
    const entry = table[c];
    if (entry) shape[entry.name] = entry.id ? entry.type : entry.type.nullable().optional();
  }
  return z.looseObject(shape);
}
