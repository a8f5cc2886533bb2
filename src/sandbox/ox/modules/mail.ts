/**
 * /ajax/mail over real IMAP as the logged-in user: all (cached, serialised
 * per request shape), threadedAll, list, count, get (view text/html/noimg,
 * embedded), new (multipart json_0 → LMTP to the recipients + APPEND to Sent;
 * or raw RFC 822 PUT), update, delete; composition spaces under mail/compose.
 */
import { simpleParser } from 'mailparser';
import type { AddressObject } from 'mailparser';
import { data, sessionOf } from '../context.ts';
import type { NodeContext, OxModule, OxReply, OxRequest } from '../context.ts';
import { errorEnvelope, OxError, toOxError } from '../envelope.ts';
import { toOxTime } from '../timezone.ts';
import { imapPath, MAIL_PREFIX } from './folders-ids.ts';
import { standardMailFolders } from './folders.ts';
import { composeRoute } from './mail-compose.ts';
import { bitsToFlags, colorLabel, columnValue, flagsToBits, sortRows } from './mail-format.ts';
import { bodyPart } from './mail-html.ts';
import { composeFromJson, sendRaw } from './mail-send.ts';
import { threadedAll as threads } from './mail-threads.ts';
import { applyLimits, columnsParam, intParam, param, timeZoneOf } from './params.ts';

const RENDER_CACHE_LIMIT = 64;

function folderPath(folder: string): string {
  const path = imapPath(folder);
  if (!path) throw new OxError('FLD-0003', [folder]);
  return path;
}

async function all(req: OxRequest, ctx: NodeContext): Promise<OxReply> {
  const session = sessionOf(req);
  const folder = param(req, 'folder');
  const columns = param(req, 'columns');
  const tz = timeZoneOf(req);
  const state = await ctx.imap.folderState(session.user, session.password, folderPath(folder));
  const p = req.params;
  const key = `${columns}|${p.get('sort')}|${p.get('order')}|${p.get('limit')}|${p.get('left_hand_limit')}|${p.get('right_hand_limit')}|${tz}`;
  let text = state.rendered.get(key);
  if (text === undefined) {
    const cols = columnsParam(req);
    const rows = applyLimits(sortRows(state.rows, p.get('sort'), p.get('order')), req);
    const timestamp = state.rows.reduce((max, r) => Math.max(max, r.receivedMs), 0);
    text = JSON.stringify({ data: rows.map((r) => cols.map((c) => columnValue(r, c, folder, tz))), timestamp });
    if (state.rendered.size >= RENDER_CACHE_LIMIT) state.rendered.clear();
    state.rendered.set(key, text);
  }
  return { kind: 'json-text', text };
}

/** Conversations (the UI's inbox prefetch: 13 columns, sort=610, order=desc, includeSent=true, max=300, limit=0,30). */
async function threadedAll(req: OxRequest, ctx: NodeContext): Promise<OxReply> {
  const session = sessionOf(req);
  const folder = param(req, 'folder');
  const columns = columnsParam(req);
  const main = await ctx.imap.folderState(session.user, session.password, folderPath(folder));
  let sent;
  if (req.params.get('includeSent') === 'true') {
    const path = (await standardMailFolders(ctx, session)).sent;
    // A mailbox without a Sent folder yet threads the inbox alone.
    const state = await ctx.imap.folderState(session.user, session.password, path).catch((error: unknown) => {
      if (error instanceof OxError && error.code === 'FLD-0003') return undefined;
      throw error;
    });
    if (state) sent = { folder: `${MAIL_PREFIX}${path}`, rows: state.rows };
  }
  const all = threads({ folder, rows: main.rows }, sent, {
    columns, sort: req.params.get('sort'), order: req.params.get('order'), max: intParam(req, 'max'), tz: timeZoneOf(req),
  });
  return data(applyLimits(all, req));
}

interface MailIdentifier {
  id: string;
  folder: string;
}

function identifiers(body: unknown): MailIdentifier[] {
  if (!Array.isArray(body)) throw new OxError('SVL-0028', ['array', typeof body]);
  return body.map((item) => {
    const o = item as { id?: unknown; folder?: unknown; folder_id?: unknown };
    const folder = o.folder ?? o.folder_id;
    if (o.id === undefined || typeof folder !== 'string') throw new OxError('SVL-0009', ['expected {id, folder}']);
    return { id: String(o.id), folder };
  });
}

async function list(req: OxRequest, ctx: NodeContext): Promise<OxReply> {
  const session = sessionOf(req);
  const cols = columnsParam(req);
  const tz = timeZoneOf(req);
  const out: unknown[][] = [];
  for (const { id, folder } of identifiers(req.body)) {
    const state = await ctx.imap.folderState(session.user, session.password, folderPath(folder));
    const row = state.rows.find((r) => String(r.uid) === id);
    if (row) out.push(cols.map((c) => columnValue(row, c, folder, tz)));
  }
  return data(out);
}

async function count(req: OxRequest, ctx: NodeContext): Promise<OxReply> {
  const session = sessionOf(req);
  const state = await ctx.imap.folderState(session.user, session.password, folderPath(param(req, 'folder')));
  return data(state.rows.length);
}

function addressPairs(value: AddressObject | AddressObject[] | undefined): [string | null, string][] {
  const objects = value === undefined ? [] : Array.isArray(value) ? value : [value];
  return objects.flatMap((o) => o.value.map((a): [string | null, string] => [a.name || null, a.address ?? '']));
}

async function get(req: OxRequest, ctx: NodeContext): Promise<OxReply> {
  const session = sessionOf(req);
  const folder = param(req, 'folder');
  const id = param(req, 'id');
  const path = folderPath(folder);
  const tz = timeZoneOf(req);
  const message = await ctx.imap.with(session.user, session.password, async (client) => {
    const lock = await client.getMailboxLock(path);
    try {
      const m = await client.fetchOne(id, { uid: true, source: true, flags: true, size: true, internalDate: true }, { uid: true });
      if (!m || !m.source) throw new OxError('MSG-0032', [id, folder]);
      if (req.params.get('unseen') !== 'true' && !m.flags?.has('\\Seen')) {
        await client.messageFlagsAdd(id, ['\\Seen'], { uid: true });
        m.flags?.add('\\Seen');
        ctx.imap.invalidate(session.user, path);
      }
      return m;
    } finally {
      lock.release();
    }
  });
  const source = message.source!;
  if (req.params.get('src') === '1' || req.params.get('save') === '1') return { kind: 'raw', contentType: 'message/rfc822', body: source };
  const parsed = await simpleParser(source);
  const flags = message.flags ?? new Set<string>();
  const { part: body, modified } = bodyPart(parsed, req.params.get('view'), req.params.get('embedded') === 'true');
  const files = parsed.attachments.map((a, i) => ({
    id: String(i + 2), content_type: a.contentType, filename: a.filename ?? null, size: a.size, disp: a.contentDisposition ?? 'attachment', content: null,
  }));
  const received = message.internalDate ? new Date(message.internalDate).getTime() : Date.now();
  const headers: Record<string, string> = {};
  for (const line of parsed.headerLines) headers[line.key] = line.line.slice(line.line.indexOf(':') + 1).trim();
  return data({
    id, folder_id: folder, account_id: 0, account_name: 'E-Mail',
    from: addressPairs(parsed.from), to: addressPairs(parsed.to), cc: addressPairs(parsed.cc), bcc: addressPairs(parsed.bcc),
    subject: parsed.subject ?? '', size: message.size ?? source.length,
    sent_date: toOxTime(parsed.date?.getTime() ?? received, tz), received_date: toOxTime(received, tz),
    flags: flagsToBits(flags), color_label: colorLabel(flags), priority: Number.parseInt(String(headers['X-Priority'] ?? '3'), 10) || 3,
    attachment: files.length > 0, content_type: parsed.attachments.length > 0 ? 'multipart/mixed' : body.content_type,
    unread: flags.has('\\Seen') ? 0 : 1, msg_ref: `${folder}/${id}`, message_id: parsed.messageId ?? null,
    headers, attachments: [body, ...files], nested_msgs: [], user: [], truncated: false, modified: modified ? 1 : 0,
  });
}

async function newMail(req: OxRequest, ctx: NodeContext): Promise<OxReply> {
  const session = sessionOf(req);
  if (req.fields) {
    // Multipart upload: answer with the callback page, errors included.
    try {
      const json = req.fields.get('json_0');
      if (!json) throw new OxError('SVL-0002', ['json_0']);
      let mail: Record<string, unknown>;
      try {
        mail = JSON.parse(json) as Record<string, unknown>;
      } catch (cause) {
        throw new OxError('SVL-0029', [], { cause });
      }
      const { raw, recipients } = await composeFromJson(session, mail, req.files ?? []);
      const sent = await sendRaw(ctx, session, raw, recipients);
      return { kind: 'callback', action: 'new', payload: { data: `${sent.folder_id}/${sent.id}` } };
    } catch (error) {
      if (req.inMultiple) throw error;
      return { kind: 'callback', action: 'new', payload: errorEnvelope(toOxError(error)) };
    }
  }
  const raw = req.rawBody;
  if (!raw || raw.length === 0) throw new OxError('SVL-0020', ['expected an RFC 822 message']);
  const folder = req.params.get('folder');
  if (folder) {
    const path = folderPath(folder);
    const flags = bitsToFlags(Number(req.params.get('flags') ?? 0));
    const appended = await ctx.imap.with(session.user, session.password, (c) => c.append(path, raw, flags));
    ctx.imap.invalidate(session.user, path);
    return data({ folder_id: folder, id: appended ? String(appended.uid ?? '') : '' });
  }
  const parsed = await simpleParser(raw);
  const recipients = [parsed.to, parsed.cc, parsed.bcc].flatMap((v) => addressPairs(v).map((p) => p[1]));
  return data(await sendRaw(ctx, session, raw, recipients));
}

/**
 * MailUpdateBody fields accepted: `flags` (bit sum) with `value` (true sets,
 * false clears); `set_flags` / `clear_flags` (bit sums); `color_label` (0–10,
 * keyword `$cl_<n>`, 0 clears); `folder_id` (move target). Without `id`, the
 * whole folder is updated.
 */
async function update(req: OxRequest, ctx: NodeContext): Promise<OxReply> {
  const session = sessionOf(req);
  const folder = param(req, 'folder');
  const path = folderPath(folder);
  const id = req.params.get('id');
  const range = id ?? '1:*';
  const body = (req.body ?? {}) as { flags?: number; value?: boolean; set_flags?: number; clear_flags?: number; color_label?: number; folder_id?: string };
  const set = [...bitsToFlags(body.set_flags ?? 0), ...(body.flags !== undefined && body.value !== false ? bitsToFlags(body.flags) : [])];
  const clear = [...bitsToFlags(body.clear_flags ?? 0), ...(body.flags !== undefined && body.value === false ? bitsToFlags(body.flags) : [])];
  let result = { folder_id: folder, id: id ?? '' };
  await ctx.imap.with(session.user, session.password, async (client) => {
    const lock = await client.getMailboxLock(path);
    try {
      if (set.length) await client.messageFlagsAdd(range, set, { uid: true });
      if (clear.length) await client.messageFlagsRemove(range, clear, { uid: true });
      if (body.color_label !== undefined) {
        const labels = Array.from({ length: 10 }, (_, i) => `$cl_${i + 1}`);
        await client.messageFlagsRemove(range, labels, { uid: true });
        if (body.color_label > 0) await client.messageFlagsAdd(range, [`$cl_${body.color_label}`], { uid: true });
      }
      if (body.folder_id && body.folder_id !== folder) {
        const target = folderPath(body.folder_id);
        const moved = await client.messageMove(range, target, { uid: true });
        const newUid = moved && id ? moved.uidMap?.get(Number(id)) : undefined;
        result = { folder_id: body.folder_id, id: newUid !== undefined ? String(newUid) : (id ?? '') };
        ctx.imap.invalidate(session.user, target);
      }
    } finally {
      lock.release();
    }
  });
  ctx.imap.invalidate(session.user, path);
  return data(result);
}

/** Moves to Trash; deletes for good in Trash or with `harddelete=1`. Answers the ids not deleted (none). */
async function remove(req: OxRequest, ctx: NodeContext): Promise<OxReply> {
  const session = sessionOf(req);
  const byFolder = new Map<string, string[]>();
  for (const { id, folder } of identifiers(req.body)) byFolder.set(folder, [...(byFolder.get(folder) ?? []), id]);
  const { trash } = await standardMailFolders(ctx, session);
  const hard = req.params.get('harddelete') === '1' || req.params.get('harddelete') === 'true';
  for (const [folder, ids] of byFolder) {
    const path = folderPath(folder);
    await ctx.imap.with(session.user, session.password, async (client) => {
      const lock = await client.getMailboxLock(path);
      try {
        if (hard || path === trash) await client.messageDelete(ids.join(','), { uid: true });
        else await client.messageMove(ids.join(','), trash, { uid: true });
      } finally {
        lock.release();
      }
    });
    ctx.imap.invalidate(session.user, path, trash);
  }
  return data([]);
}

export const mailModule: OxModule = {
  name: 'mail',
  actions: { all, threadedAll, list, count, get, new: newMail, update, delete: remove },
  // mail/compose/... carries no action parameter (REST-like paths).
  noAction: async (req, ctx) => {
    if (req.subPath === 'compose' || req.subPath.startsWith('compose/')) return composeRoute(req, ctx);
    throw new OxError('SVL-0002', ['action']);
  },
};
