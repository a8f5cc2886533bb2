/**
 * Mail list answers. `all` (and `list`) answer rows of the requested columns;
 * `threadedAll` answers one object per conversation, filled with the
 * columns by name and a `thread` array of the conversation's messages
 * (the root included), each an object of the same columns.
 *
 * Spec: /work/shared/reference/ox-http-api/spec/http-api/http_api/paths/07-mail/AllRequest.yaml
 *   (200: MailsResponse, "each array element describes one mail and is itself an array");
 *   MW http-api/http_api/paths/07-mail/ThreadedAllRequest.yaml @550ee15e (200: MailConversationsResponse,
 *   "an array of objects … enhanced by a special `thread` field");
 *   column types: spec/documentation-generic/http_api/documents/appendix/2_column_identifiers.md.
 */
import * as z from 'zod/mini';
import { MAIL_COLUMNS, objectSchema, rowsSchema } from './columns.ts';

export function mailRows(columns: string | readonly string[]): z.ZodMiniType<unknown[][]> {
  return rowsSchema(MAIL_COLUMNS(), columns);
}

export function mailConversations(columns: string | readonly string[]): z.ZodMiniType {
  const message = objectSchema(MAIL_COLUMNS(), columns);
  return z.array(z.extend(message, { thread: z.array(message).check(z.minLength(1)) }));
}
