/** /ajax/infostore: new (multipart json+file → callback page), all (columns), get, document (bytes). */
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
  '711': 'number_of_versions',
};

type FileMeta = Record<string, unknown> & { filename: string; file_mimetype: string; file_size: number };

function fileObject(o: StoredObject<FileMeta>, session: OxSession): Record<string, unknown> {
  return {
    url: '', description: '', locked_until: 0, version_comment: '', ...o.data,
    id: String(o.id), folder_id: o.folder, created_by: session.user.userId, modified_by: session.user.userId,
    last_modified: o.modified, version: 1, current_version: true, number_of_versions: 1,
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
      throw new OxError('SVL-0010', [(cause as Error).message]);
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

async function all(req: OxRequest, ctx: NodeContext): Promise<OxReply> {
  const session = sessionOf(req);
  const folder = param(req, 'folder');
  checkFolder(session, folder);
  const columns = columnsParam(req);
  const files = ctx.store.list<FileMeta>('file', session.user.contextId, folder).map((o) => fileObject(o, session));
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

export const infostoreModule: OxModule = { name: 'infostore', actions: { new: create, all, get, document } };
