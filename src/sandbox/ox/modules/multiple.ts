/**
 * /ajax/multiple: a PUT array of `{module, action, ...params, data}`; answers a
 * bare array of envelopes in order, stopping after the first error unless
 * `continue=true`.
 */
import type { NodeContext, OxModule, OxReply, OxRequest } from '../context.ts';
import { errorEnvelope, OxError, successEnvelope, toOxError } from '../envelope.ts';

const NOT_ALLOWED = new Set(['login', 'multiple']);

async function multiple(req: OxRequest, ctx: NodeContext): Promise<OxReply> {
  if (!Array.isArray(req.body)) return { kind: 'bare', status: 400, body: { error: 'expected a JSON array', code: 'SVL-0010' } };
  const keepGoing = req.params.get('continue') === 'true';
  const results: unknown[] = [];
  for (const item of req.body as unknown[]) {
    let envelope: unknown;
    try {
      if (typeof item !== 'object' || item === null) throw new OxError('SVL-0010', ['expected an object']);
      const { module, data: body, ...rest } = item as Record<string, unknown>;
      if (typeof module !== 'string' || module === '') throw new OxError('SVL-0002', ['module']);
      if (NOT_ALLOWED.has(module)) throw new OxError('SVL-0001', [module]);
      const params = new URLSearchParams();
      for (const [k, v] of Object.entries(rest)) if (v !== undefined && v !== null) params.set(k, typeof v === 'string' ? v : JSON.stringify(v));
      // The batch's own session and cookies authenticate every item.
      params.set('session', req.params.get('session') ?? '');
      const [mod, ...sub] = module.split('/');
      const reply = await ctx.dispatch({
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
      });
      envelope = toEnvelope(reply);
    } catch (error) {
      envelope = errorEnvelope(toOxError(error));
    }
    results.push(envelope);
    if (!keepGoing && typeof envelope === 'object' && envelope !== null && 'error' in envelope) break;
  }
  return { kind: 'bare', body: results };
}

function toEnvelope(reply: OxReply): unknown {
  switch (reply.kind) {
    case 'data':
      return successEnvelope(reply.data, reply.timestamp);
    case 'json-text':
      return JSON.parse(reply.text) as unknown;
    case 'top':
    case 'bare':
      return reply.body;
    case 'callback':
      return reply.payload;
    case 'empty':
      return {};
    case 'raw':
      return { data: Buffer.isBuffer(reply.body) ? reply.body.toString('utf8') : reply.body };
  }
}

export const multipleModule: OxModule = { name: 'multiple', actions: {}, noAction: multiple };
