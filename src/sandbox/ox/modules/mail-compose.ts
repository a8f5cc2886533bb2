/**
 * Composition spaces, the REST-like /mail/compose paths of MW's
 * MailComposeRestServlet (Post/Patch/Get/DeleteMethodHandler) as the UI uses
 * them (FE io.ox/mail/compose/api.js):
 *   POST   mail/compose?type=new        body: JSON array of original mail references → new space
 *   GET    mail/compose[?columns=a,b]   [{id}] without columns, space objects with them
 *   GET    mail/compose/{id}            the space
 *   PATCH  mail/compose/{id}            JSON body merged into the space → the space
 *   POST   mail/compose/{id}/send       multipart, optional field `JSON` applied first → "default0/<Sent>/<uid>"; space deleted
 *   DELETE mail/compose/{id}            → {success: true}
 * Spaces live in the shared store so any node can continue one.
 */
import { randomUUID } from 'node:crypto';
import { data, sessionOf } from '../context.ts';
import type { NodeContext, OxReply, OxRequest } from '../context.ts';
import { OxError } from '../envelope.ts';
import type { OxSession } from '../sessions.ts';
import type { StoredObject } from '../store.ts';
import { composeFromJson, sendRaw } from './mail-send.ts';

/** MW default of com.openexchange.mail.compose.maxSpacesPerUser. */
const MAX_SPACES_PER_USER = 20;
const TYPES = new Set(['new', 'reply', 'replyall', 'forward', 'resend', 'edit', 'copy']);
/** Fields a PATCH (or the send `JSON` field) may change; the rest is server-owned. */
const WRITABLE = ['from', 'sender', 'to', 'cc', 'bcc', 'replyTo', 'subject', 'content', 'contentType', 'priority', 'requestReadReceipt', 'security', 'sharedAttachments', 'customHeaders'];

type Space = Record<string, unknown> & { id: string };

function owner(session: OxSession): string {
  return String(session.user.userId);
}

function spaces(ctx: NodeContext, session: OxSession): StoredObject<Space>[] {
  return ctx.store.list<Space>('compose', session.user.contextId, owner(session));
}

function findSpace(ctx: NodeContext, session: OxSession, id: string): StoredObject<Space> {
  const o = spaces(ctx, session).find((s) => s.data.id === id);
  if (!o) throw new OxError('MSGCS-0007', [id]);
  return o;
}

function newSpace(session: OxSession, type: string): Space {
  return {
    id: randomUUID().replace(/-/g, ''),
    from: [session.user.displayName, session.user.email], sender: null, to: [], cc: [], bcc: [], replyTo: null,
    subject: '', content: '', contentType: 'text/html', attachments: [],
    meta: { type, date: Date.now(), replyFor: null, forwardsFor: null, editFor: null },
    requestReadReceipt: false, priority: 'normal',
    sharedAttachments: { language: null, enabled: false, autodelete: false, expiryDate: null, password: null },
    security: { encrypt: false, pgpInline: false, sign: false, language: null, message: null },
  };
}

function isAddress(value: unknown): boolean {
  return Array.isArray(value) && value.length === 2 && (value[0] === null || typeof value[0] === 'string') && typeof value[1] === 'string';
}

/** Applies the writable fields of a UI message JSON; wrong shapes are JSON errors (SVL-0009) like MW's JSON parsing errors. */
function merge(space: Space, patch: unknown): Space {
  if (!patch || typeof patch !== 'object' || Array.isArray(patch)) throw new OxError('SVL-0028', ['object', Array.isArray(patch) ? 'array' : typeof patch]);
  const p = patch as Record<string, unknown>;
  for (const list of ['to', 'cc', 'bcc']) {
    if (p[list] !== undefined && (!Array.isArray(p[list]) || !(p[list] as unknown[]).every(isAddress))) throw new OxError('SVL-0009', [`${list}: expected [[name, address], …]`]);
  }
  if (p.from !== undefined && p.from !== null && !isAddress(p.from)) throw new OxError('SVL-0009', ['from: expected [name, address]']);
  const out: Space = { ...space };
  for (const key of WRITABLE) if (p[key] !== undefined) out[key] = p[key];
  return out;
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch (cause) {
    throw new OxError('SVL-0029', [], { cause });
  }
}

const PRIORITY: Record<string, number> = { high: 1, normal: 3, low: 5 };

async function send(req: OxRequest, ctx: NodeContext, session: OxSession, o: StoredObject<Space>): Promise<OxReply> {
  const json = req.fields?.get('JSON');
  const space = json ? merge(o.data, parseJson(json)) : o.data;
  const mail = {
    from: space.from, to: space.to, cc: space.cc, bcc: space.bcc, subject: space.subject,
    attachments: [{ content_type: space.contentType, content: space.content }],
    priority: PRIORITY[String(space.priority)] ?? 3,
  };
  const { raw, recipients } = await composeFromJson(session, mail, (req.files ?? []).filter((f) => f.field !== 'JSON'));
  const sent = await sendRaw(ctx, session, raw, recipients);
  ctx.store.delete('compose', session.user.contextId, o.id);
  return data(`${sent.folder_id}/${sent.id}`);
}

function pick(space: Space, columns: string | null): Record<string, unknown> {
  if (!columns) return { id: space.id };
  const out: Record<string, unknown> = { id: space.id };
  for (const c of columns.split(',').map((x) => x.trim()).filter(Boolean)) if (space[c] !== undefined) out[c] = space[c];
  return out;
}

/** Routes `mail/compose[/{id}[/send]]` by HTTP method, like MW's method handlers. */
export async function composeRoute(req: OxRequest, ctx: NodeContext): Promise<OxReply> {
  const session = sessionOf(req);
  const parts = req.subPath.split('/').filter(Boolean).slice(1);
  const [id, sub] = parts;
  const unknown = () => new OxError('SVL-0001', [`mail/${req.subPath}`]);
  if (parts.length > 2) throw unknown();
  switch (req.method) {
    case 'POST': {
      if (id === undefined) {
        const type = req.params.get('type') || 'new';
        if (!TYPES.has(type)) throw new OxError('SVL-0010', ['type', type]);
        const existing = spaces(ctx, session);
        if (existing.length >= MAX_SPACES_PER_USER) throw new OxError('MSGCS-0011', [MAX_SPACES_PER_USER]);
        const space = newSpace(session, type);
        ctx.store.insert('compose', session.user.contextId, owner(session), space);
        return data(space);
      }
      if (sub === 'send') return send(req, ctx, session, findSpace(ctx, session, id));
      throw unknown();
    }
    case 'GET':
      if (id === undefined) return data(spaces(ctx, session).map((o) => pick(o.data, req.params.get('columns'))));
      if (sub === undefined) return data(findSpace(ctx, session, id).data);
      throw unknown();
    case 'PATCH': {
      if (id === undefined || sub !== undefined) throw unknown();
      const o = findSpace(ctx, session, id);
      const space = merge(o.data, req.body);
      ctx.store.update('compose', session.user.contextId, o.id, o.folder, space);
      return data(space);
    }
    case 'DELETE': {
      if (id === undefined || sub !== undefined) throw unknown();
      const o = findSpace(ctx, session, id);
      ctx.store.delete('compose', session.user.contextId, o.id);
      return data({ success: true });
    }
    default:
      throw unknown();
  }
}
