/**
 * A composition space (`POST mail/compose`, `GET|PATCH mail/compose/{id}`):
 * `data` is the message model with the space's `id`; addresses are
 * [personal, address] pairs as in mail rows.
 *
 * Spec (not among the saved files; read from MW with the search tool):
 *   MW http-api/http_api/components/schemas/mailcompose/MailComposeResponse.yaml @2f4482d9 (data: MailComposeMessageModel),
 *   MW http-api/http_api/components/schemas/mailcompose/MailComposeMessageModel.yaml @2f4482d9
 *   (id, from, to, cc, bcc, subject, content, contentType text/plain|text/html, attachments, meta,
 *   requestReadReceipt, priority low|normal|high, sharedAttachments, security).
 */
import * as z from 'zod/mini';
import { once } from './once.ts';

const address = z.tuple([z.nullable(z.string()), z.nullable(z.string())]);

export const compositionSpace = once(() => z.looseObject({
  id: z.string().check(z.minLength(1)),
  from: z.optional(z.nullable(address)),
  to: z.optional(z.array(address)),
  cc: z.optional(z.array(address)),
  bcc: z.optional(z.array(address)),
  subject: z.optional(z.nullable(z.string())),
  content: z.optional(z.nullable(z.string())),
  contentType: z.optional(z.enum(['text/plain', 'text/html'])),
  attachments: z.optional(z.array(z.looseObject({}))),
  meta: z.optional(z.looseObject({})),
  requestReadReceipt: z.optional(z.boolean()),
  priority: z.optional(z.enum(['low', 'normal', 'high'])),
  sharedAttachments: z.optional(z.looseObject({})),
  security: z.optional(z.looseObject({})),
}));
