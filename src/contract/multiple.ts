/**
 * The `/multiple` answer: a JSON array with one envelope() per request, in
 * request order ("response[0] corresponds to request[0]"). Each item is
 * judged on its own: success, success with warnings, or error. Real OX
 * processes every item (it never reads `continue`, MW Multiple.java), so the
 * answer has as many items as the request.
 *
 * Spec: /work/shared/reference/ox-http-api/spec/http-api/http_api/paths/13-multiple/Request.yaml
 *   (MW same path): PUT body array of SingleRequest, 200 array of SingleResponse, 400 malformed body.
 */
import * as z from 'zod/mini';
import { once } from './once.ts';
import { classifyEnvelope, envelope, type Outcome } from './envelope.ts';

export const multipleResponse = once(() => z.array(envelope()));

/** One outcome per item; an answer of the wrong length or shape is invalid as a whole. */
export function classifyMultiple(body: unknown, requests: number): Outcome[] | { kind: 'invalid'; reason: string } {
  if (!Array.isArray(body)) return { kind: 'invalid', reason: '/multiple did not answer a JSON array' };
  if (body.length !== requests) return { kind: 'invalid', reason: `/multiple answered ${body.length} items for ${requests} requests` };
  return body.map((item) => classifyEnvelope(item));
}
