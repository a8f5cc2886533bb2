/**
 * Folder list answers (`folders?action=list|root|allVisible`): rows of the
 * requested folder columns. `allVisible` groups the rows by kind
 * (`private`, `public`, `shared`), each an array of rows.
 *
 * Spec: /work/shared/reference/ox-http-api/spec/http-api/http_api/paths/03-folders/ListRequest.yaml
 *   (200: FoldersResponse, "each array element describes one folder and is itself an array"),
 *   spec/http-api/http_api/paths/03-folders/RootRequest.yaml;
 *   column types: spec/documentation-generic/http_api/documents/appendix/2_column_identifiers.md
 *   ("Common folder data", "Detailed folder data").
 */
import * as z from 'zod/mini';
import { FOLDER_COLUMNS, rowsSchema } from './columns.ts';

export function folderRows(columns: string | readonly string[]): z.ZodMiniType<unknown[][]> {
  return rowsSchema(FOLDER_COLUMNS(), columns);
}

export function visibleFolders(columns: string | readonly string[]): z.ZodMiniType {
  const rows = folderRows(columns);
  return z.looseObject({ private: z.optional(rows), public: z.optional(rows), shared: z.optional(rows) });
}
