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
import { z } from 'zod';

const address = z.tuple([z.string().nullable(), z.string().nullable()]);

export const compositionSpace = z.looseObject({
  id: z.string().min(1),
  from: address.nullable().optional(),
  to: z.array(address).optional(),
  cc: z.array(address).optional(),
  bcc: z.array(address).optional(),
  subject: z.string().nullable().optional(),
  content: z.string().nullable().optional(),
  contentType: z.enum(['text/plain', 'text/html']).optional(),
  attachments: z.array(z.looseObject({})).optional(),
  meta: z.looseObject({}).optional(),
  requestReadReceipt: z.boolean().optional(),
  priority: z.enum(['low', 'normal', 'high']).optional(),
  sharedAttachments: z.looseObject({}).optional(),
  security: z.looseObject({}).optional(),
});
