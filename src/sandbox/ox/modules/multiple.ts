/**
 * /ajax/multiple: a PUT array of `{module, action, ...params, data}`; answers a
 * bare array of envelopes in request order. As MW Multiple.java: there is no
 * `continue` parameter, every item is processed whatever the others answer,
 * and an item's warnings are written inside its envelope. (MW runs non-serial
 * items on up to 5 threads; this stand-in runs them one after the other.)
 */
import type { NodeContext, OxModule, OxReply, OxRequest } from '../context.ts';
import { addWarnings, errorEnvelope, OxError, successEnvelope, toOxError } from '../envelope.ts';

const NOT_ALLOWED = new Set(['login', 'multiple']);

function itemRequest(req: OxRequest, item: unknown): OxRequest {
  if (typeof item !== 'object' || item === null || Array.isArray(item)) throw new OxError('SVL-0028', ['object', Array.isArray(item) ? 'array' : typeof item]);
  const { module, data: body, ...rest } = item as Record<string, unknown>;
  if (typeof module !== 'string' || module === '') throw new OxError('SVL-0002', ['module']);
  if (NOT_ALLOWED.has(module)) throw new OxError('SVL-0007', [module]);
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(rest)) if (v !== undefined && v !== null) params.set(k, typeof v === 'string' ? v : JSON.stringify(v));
  // The batch's own session and cookies authenticate every item.
  params.set('session', req.params.get('session') ?? '');
  const [mod, ...sub] = module.split('/');
  return {
    ...req,
    module: mod ?? module,
    subPath: sub.join('/'),
    action: params.get('action') ?? '',
    method: body === undefined ? 'GET' : 'PUT',
    params,
    query: params,
    body,
    rawBody: undefined,
    fields: undefined,
    files: undefined,
    inMultiple: true,
  };
}

async function multiple(req: OxRequest, ctx: NodeContext): Promise<OxReply> {
  if (!Array.isArray(req.body)) throw new OxError('SVL-0028', ['array', req.body === undefined ? 'empty' : typeof req.body]);
  const results: unknown[] = [];
  for (const item of req.body as unknown[]) {
    try {
      results.push(toEnvelope(await ctx.dispatch(itemRequest(req, item))));
    } catch (error) {
      results.push(errorEnvelope(toOxError(error)));
    }
  }
  return { kind: 'bare', body: results };
}

function toEnvelope(reply: OxReply): unknown {
  switch (reply.kind) {
    case 'data':
      return successEnvelope(reply.data, reply.timestamp, reply.warnings);
    case 'json-text':
      return JSON.parse(reply.text) as unknown;
    case 'top':
      return addWarnings({ ...(reply.body as Record<string, unknown>) }, reply.warnings);
    case 'bare':
      return reply.body;
    case 'callback':
      return reply.payload;
    case 'empty':
    case 'status':
      return {};
    case 'raw':
      return { data: Buffer.isBuffer(reply.body) ? reply.body.toString('utf8') : reply.body };
  }
}

export const multipleModule: OxModule = { name: 'multiple', actions: {}, noAction: multiple };
