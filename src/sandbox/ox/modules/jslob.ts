/** /ajax/jslob: per-user JSON blobs (UI settings), shared by all nodes through the store. */
import { data, sessionOf } from '../context.ts';
import type { NodeContext, OxModule, OxReply, OxRequest } from '../context.ts';
import { OxError } from '../envelope.ts';
import { param } from './params.ts';

function jslob(id: string, tree: unknown) {
  return { id, tree: tree ?? {}, meta: {} };
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function deepMerge(target: Record<string, unknown>, patch: Record<string, unknown>): Record<string, unknown> {
  const out = { ...target };
  for (const [k, v] of Object.entries(patch)) {
    const current = out[k];
    out[k] = isObject(v) && isObject(current) ? deepMerge(current, v) : v;
  }
  return out;
}

async function list(req: OxRequest, ctx: NodeContext): Promise<OxReply> {
  const { user } = sessionOf(req);
  if (!Array.isArray(req.body) || !req.body.every((i) => typeof i === 'string')) throw new OxError('JSL-0001', ['expected an array of ids']);
  return data((req.body as string[]).map((id) => jslob(id, ctx.store.jslobGet(user.contextId, user.userId, id))));
}

async function all(req: OxRequest, ctx: NodeContext): Promise<OxReply> {
  const { user } = sessionOf(req);
  return data(ctx.store.jslobAll(user.contextId, user.userId).map((r) => jslob(r.id, r.tree)));
}

async function get(req: OxRequest, ctx: NodeContext): Promise<OxReply> {
  const { user } = sessionOf(req);
  const id = param(req, 'id');
  return data(jslob(id, ctx.store.jslobGet(user.contextId, user.userId, id)));
}

/** `set` replaces the tree, `update` merges into it. */
async function set(req: OxRequest, ctx: NodeContext): Promise<OxReply> {
  const { user } = sessionOf(req);
  const id = param(req, 'id');
  if (!isObject(req.body)) throw new OxError('JSL-0001', ['expected a JSON object']);
  const tree = req.action === 'update' ? deepMerge((ctx.store.jslobGet(user.contextId, user.userId, id) ?? {}) as Record<string, unknown>, req.body) : req.body;
  ctx.store.jslobSet(user.contextId, user.userId, id, tree);
  return data({});
}

export const jslobModule: OxModule = { name: 'jslob', actions: { list, all, get, set, update: set } };
