/**
 * /ajax/infostore and its alias /ajax/files (MW registers FileActionFactory as
 * "infostore" and AliasFileActionFactory as "files"; the UI's files/api.js
 * uses "files"): new (multipart json+file → callback page), all (columns,
 * sort, limit), get, document (bytes), delete.
 */
import { createHash } from 'node:crypto';
import { data, sessionOf } from '../context.ts';
import type { NodeContext, OxModule, OxReply, OxRequest } from '../context.ts';
import { errorEnvelope, OxError, toOxError } from '../envelope.ts';
import type { OxSession } from '../sessions.ts';
import type { StoredObject } from '../store.ts';
import { driveFolderId } from './folders-ids.ts';
import { applyLimits, columnsParam, param } from './params.ts';

/** Infostore column id → field name (NOTES §4). */
const FILE_COLUMNS: Record<string, string> = {
  '1': 'id', '2': 'created_by', '3': 'modified_by', '4': 'creation_date', '5': 'last_modified', '20': 'folder_id',
  '700': 'title', '701': 'url', '702': 'filename', '703': 'file_mimetype', '704': 'file_size', '705': 'version',
  '706': 'description', '707': 'locked_until', '708': 'file_md5sum', '709': 'version_comment', '710': 'current_version',
  '711': 'number_of_versions', '23': 'last_modified_utc', '108': 'object_permissions', '109': 'shareable',
};

type FileMeta = Record<string, unknown> & { filename: string; file_mimetype: string; file_size: number };

function fileObject(o: StoredObject<FileMeta>, session: OxSession): Record<string, unknown> {
  return {
    url: '', description: '', locked_until: 0, version_comment: '', ...o.data,
    id: String(o.id), folder_id: o.folder, created_by: session.user.userId, modified_by: session.user.userId,
    last_modified: o.modified, last_modified_utc: o.modified, version: 1, current_version: true, number_of_versions: 1,
    object_permissions: [], shareable: true,
  };
}

function checkFolder(session: OxSession, folder: string): void {
  if (folder !== driveFolderId(session.user)) throw new OxError('FLD-0003', [folder]);
}

async function create(req: OxRequest, ctx: NodeContext): Promise<OxReply> {
  const session = sessionOf(req);
  try {
    const json = req.fields?.get('json') ?? (req.body === undefined ? undefined : JSON.stringify(req.body));
    if (!json) throw new OxError('SVL-0002', ['json']);
    let meta: Record<string, unknown>;
    try {
      meta = JSON.parse(json) as Record<string, unknown>;
    } catch (cause) {
      throw new OxError('SVL-0029', [], { cause });
    }
    const folder = String(meta.folder_id ?? driveFolderId(session.user));
    checkFolder(session, folder);
    const file = req.files?.find((f) => f.field === 'file');
    const bytes = file?.data ?? Buffer.alloc(0);
    const filename = file?.filename || String(meta.filename ?? meta.title ?? 'unnamed');
    const record: FileMeta = {
      title: String(meta.title ?? filename), description: String(meta.description ?? ''), filename,
      file_mimetype: file?.contentType || 'application/octet-stream', file_size: bytes.length,
      file_md5sum: createHash('md5').update(bytes).digest('hex'), creation_date: Date.now(),
    };
    const o = ctx.store.insert('file', session.user.contextId, folder, record);
    await ctx.store.writeFileBytes(o.id, bytes);
    if (!req.fields) return data(String(o.id), o.modified);
    return { kind: 'callback', action: 'new', payload: { data: String(o.id), timestamp: o.modified } };
  } catch (error) {
    if (!req.fields) throw error;
    return { kind: 'callback', action: 'new', payload: errorEnvelope(toOxError(error)) };
  }
}

function compareBy(field: string): (a: Record<string, unknown>, b: Record<string, unknown>) => number {
  return (a, b) => {
    const x = a[field];
    const y = b[field];
    if (typeof x === 'number' && typeof y === 'number') return x - y;
    return String(x ?? '').localeCompare(String(y ?? ''), 'en', { sensitivity: 'base' });
  };
}

/**
 * The UI's list: `action=all&folder=&columns=…&sort=702&order=asc&limit=0,210`
 * plus `pregenerate_previews=true` (accepted; previews are not rendered here).
 */
async function all(req: OxRequest, ctx: NodeContext): Promise<OxReply> {
  const session = sessionOf(req);
  const folder = param(req, 'folder');
  const columns = columnsParam(req);
  checkFolder(session, folder);
  let files = ctx.store.list<FileMeta>('file', session.user.contextId, folder).map((o) => fileObject(o, session));
  const sort = req.params.get('sort');
  if (sort) {
    const field = FILE_COLUMNS[sort];
    if (!field) throw new OxError('SVL-0010', ['sort', sort]);
    const direction = req.params.get('order')?.toLowerCase() === 'desc' ? -1 : 1;
    const cmp = compareBy(field);
    files = files.sort((a, b) => cmp(a, b) * direction || Number(a.id) - Number(b.id));
  }
  const timestamp = files.reduce((m, f) => Math.max(m, Number(f.last_modified)), 0);
  return data(applyLimits(files, req).map((f) => columns.map((c) => f[FILE_COLUMNS[c] ?? ''] ?? null)), timestamp);
}

function find(req: OxRequest, ctx: NodeContext): StoredObject<FileMeta> {
  const session = sessionOf(req);
  const id = param(req, 'id');
  const o = ctx.store.get<FileMeta>('file', session.user.contextId, Number(id));
  if (!o) throw new OxError('IFO-0300', [id]);
  return o;
}

async function get(req: OxRequest, ctx: NodeContext): Promise<OxReply> {
  const o = find(req, ctx);
  return data(fileObject(o, sessionOf(req)), o.modified);
}

async function document(req: OxRequest, ctx: NodeContext): Promise<OxReply> {
  const o = find(req, ctx);
  const bytes = await ctx.store.readFileBytes(o.id);
  return { kind: 'raw', contentType: req.params.get('content_type') || o.data.file_mimetype, body: bytes, filename: o.data.filename };
}

/** PUT infostore?action=delete&timestamp=… with `[{id, folder}]`; answers the ids it could not delete. */
async function remove(req: OxRequest, ctx: NodeContext): Promise<OxReply> {
  const session = sessionOf(req);
  param(req, 'timestamp');
  if (!Array.isArray(req.body)) throw new OxError('SVL-0028', ['array', typeof req.body]);
  const failed: { id: string; folder: string }[] = [];
  for (const item of req.body as { id?: unknown; folder?: unknown }[]) {
    const id = String(item?.id ?? '');
    const folder = String(item?.folder ?? '');
    const o = /^\d+$/.test(id) ? ctx.store.get<FileMeta>('file', session.user.contextId, Number(id)) : undefined;
    if (!o || o.folder !== folder || !ctx.store.delete('file', session.user.contextId, o.id)) {
      failed.push({ id, folder });
      continue;
    }
    await ctx.store.deleteFileBytes(o.id);
  }
  return data(failed, Date.now());
}

const actions = { new: create, all, get, document, delete: remove };

export const infostoreModule: OxModule = { name: 'infostore', actions };

/** The "files" alias the 7.10 UI calls. */
export const filesModule: OxModule = { name: 'files', actions };
