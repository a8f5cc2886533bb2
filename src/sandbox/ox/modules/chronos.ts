/**
 * /ajax/chronos: all (range, fields, expand), get, new, update, delete,
 * needsAction, and chronos/alarm pending; events
 * are objects, not column arrays. Folder ids are chronos composite ids
 * (`cal://0/<id>`); a bare legacy id is CAL-4060 as in real chronos.
 */
import { data, sessionOf } from '../context.ts';
import type { NodeContext, OxModule, OxReply, OxRequest } from '../context.ts';
import { errorEnvelope, OxError, toOxError } from '../envelope.ts';
import { occurrences, toUtcMs } from '../ical.ts';
import type { ChronosEvent } from '../ical.ts';
import type { OxSession } from '../sessions.ts';
import type { StoredObject } from '../store.ts';
import { parseBasicDateTime } from '../timezone.ts';
import { calendarFolderId, checkChronosFolder, isCalendarFolder } from './folders-ids.ts';
import { param } from './params.ts';

function rangeMs(value: string, name: string): number {
  const f = parseBasicDateTime(value);
  if (!f) throw new OxError('SVL-0010', [name, value]);
  return Date.UTC(f.year, f.month - 1, f.day, f.hour, f.minute, f.second);
}

export function eventObject(o: StoredObject<ChronosEvent>, session: OxSession): Record<string, unknown> {
  const e = o.data;
  const flags = [e.rrule ? 'series' : e.recurrenceId ? 'overridden' : undefined, 'organizer', 'accepted'].filter(Boolean);
  return {
    ...e,
    id: String(o.id),
    folder: calendarFolderId(session.user),
    ...(e.rrule || e.recurrenceId ? { seriesId: String(e.seriesId ?? o.id) } : {}),
    created: (e.created as number | undefined) ?? o.modified,
    lastModified: o.modified,
    timestamp: o.modified,
    createdBy: { entity: session.user.userId, email: session.user.email, cn: session.user.displayName },
    calendarUser: { entity: session.user.userId, email: session.user.email, cn: session.user.displayName },
    flags,
  };
}

function pick(event: Record<string, unknown>, fields: string[] | undefined): Record<string, unknown> {
  if (!fields) return event;
  const out: Record<string, unknown> = { id: event.id, folder: event.folder };
  for (const f of fields) if (event[f] !== undefined) out[f] = event[f];
  return out;
}

/** Import/export: a bare legacy id or a chronos id of the calendar (MW ICalImporter/ICalExporter). */
export function checkCalendarFolder(session: OxSession, folder: string | null): string {
  if (folder !== null && folder !== '' && !isCalendarFolder(session.user, folder)) throw new OxError('FLD-0003', [folder]);
  return calendarFolderId(session.user);
}

/** Chronos actions: the folder, when given, must be a composite id of the user's calendar. */
function chronosFolder(session: OxSession, folder: string | null | undefined): string {
  if (folder === null || folder === undefined || folder === '') return calendarFolderId(session.user);
  return checkChronosFolder(session.user, folder);
}

/** Stored events live under the bare folder id so import/export and chronos agree. */
export function storeFolder(session: OxSession): string {
  return calendarFolderId(session.user);
}

function eventsInRange(req: OxRequest, ctx: NodeContext, session: OxSession): Record<string, unknown>[] {
  const from = rangeMs(param(req, 'rangeStart'), 'rangeStart');
  const to = rangeMs(param(req, 'rangeEnd'), 'rangeEnd');
  const expand = req.params.get('expand') === 'true';
  const fields = req.params.get('fields')?.split(',').map((f) => f.trim()).filter(Boolean);
  const out: { start: number; event: Record<string, unknown> }[] = [];
  for (const o of ctx.store.list<ChronosEvent>('event', session.user.contextId, storeFolder(session))) {
    const base = eventObject(o, session);
    if (o.data.rrule) {
      const occ = occurrences(o.data, from, to);
      if (expand) for (const x of occ) out.push({ start: x.startMs, event: { ...base, recurrenceId: x.recurrenceId, startDate: x.startDate, endDate: x.endDate } });
      else if (occ[0]) out.push({ start: occ[0].startMs, event: base });
      continue;
    }
    const start = toUtcMs(o.data.startDate);
    const end = o.data.endDate ? toUtcMs(o.data.endDate) : start;
    if (start < to && (end > from || (end === start && start >= from))) out.push({ start, event: base });
  }
  out.sort((a, b) => a.start - b.start);
  if (req.params.get('order')?.toUpperCase() === 'DESC') out.reverse();
  return out.map((x) => pick(x.event, fields));
}

/**
 * GET all&folder=… answers the events; PUT all with `{folders: [...]}` (the
 * 7.10 calendar's multi-folder form) answers `[{folder, events}]`, a folder
 * that fails carrying its `error` instead, as MW's events-results converter.
 */
async function all(req: OxRequest, ctx: NodeContext): Promise<OxReply> {
  const session = sessionOf(req);
  const folders = (req.body as { folders?: unknown } | undefined)?.folders;
  if (req.method === 'PUT' && req.body !== undefined) {
    if (!Array.isArray(folders)) throw new OxError('SVL-0009', ['expected {folders: [...]}']);
    // A bad range fails the whole request, not one folder.
    rangeMs(param(req, 'rangeStart'), 'rangeStart');
    rangeMs(param(req, 'rangeEnd'), 'rangeEnd');
    return data(folders.map((folder) => {
      try {
        chronosFolder(session, String(folder));
        return { folder: String(folder), events: eventsInRange(req, ctx, session) };
      } catch (error) {
        return { folder: String(folder), error: errorEnvelope(toOxError(error)) };
      }
    }));
  }
  chronosFolder(session, req.params.get('folder'));
  return data(eventsInRange(req, ctx, session));
}

function findEvent(ctx: NodeContext, session: OxSession, id: string, folder: string): StoredObject<ChronosEvent> {
  const o = /^\d+$/.test(id) ? ctx.store.get<ChronosEvent>('event', session.user.contextId, Number(id)) : undefined;
  if (!o || o.folder !== storeFolder(session)) throw new OxError('CAL-4040', [id, folder]);
  return o;
}

async function get(req: OxRequest, ctx: NodeContext): Promise<OxReply> {
  const session = sessionOf(req);
  const folder = param(req, 'folder');
  chronosFolder(session, folder);
  const o = findEvent(ctx, session, param(req, 'id'), folder);
  return data(eventObject(o, session), o.modified);
}

export function validateEvent(body: unknown): ChronosEvent {
  const e = body as ChronosEvent | undefined;
  if (!e || typeof e !== 'object' || !e.startDate || typeof e.startDate.value !== 'string' || !parseBasicDateTime(e.startDate.value)) {
    throw new OxError('SVL-0009', ['expected an event with startDate {value, tzid}']);
  }
  if (e.endDate && !parseBasicDateTime(e.endDate.value)) throw new OxError('SVL-0009', ['endDate.value is not a date-time']);
  const clean: ChronosEvent = { ...e, uid: typeof e.uid === 'string' && e.uid ? e.uid : crypto.randomUUID() };
  for (const key of ['id', 'folder', 'lastModified', 'timestamp', 'createdBy', 'calendarUser', 'flags']) delete clean[key];
  return clean;
}

async function create(req: OxRequest, ctx: NodeContext): Promise<OxReply> {
  const session = sessionOf(req);
  const body = req.body as Record<string, unknown> | undefined;
  chronosFolder(session, param(req, 'folder'));
  if (body?.folder !== undefined) chronosFolder(session, String(body.folder));
  const event = validateEvent(body);
  const o = ctx.store.insert('event', session.user.contextId, storeFolder(session), { ...event, created: Date.now() });
  return data({ created: [eventObject(o, session)], updated: [], deleted: [] }, o.modified);
}

/** PUT chronos?action=update&folder=&id=&timestamp= with `{event: {...}}` (or the bare event) as body. */
async function update(req: OxRequest, ctx: NodeContext): Promise<OxReply> {
  const session = sessionOf(req);
  const folder = param(req, 'folder');
  chronosFolder(session, folder);
  const o = findEvent(ctx, session, param(req, 'id'), folder);
  param(req, 'timestamp');
  const body = req.body as { event?: unknown } | undefined;
  const patch = (body && typeof body === 'object' && 'event' in body ? body.event : body) as Record<string, unknown> | undefined;
  if (!patch || typeof patch !== 'object') throw new OxError('SVL-0028', ['object', typeof patch]);
  const merged = validateEvent({ ...o.data, ...patch, uid: o.data.uid });
  ctx.store.update('event', session.user.contextId, o.id, o.folder, merged);
  const updated = ctx.store.get<ChronosEvent>('event', session.user.contextId, o.id)!;
  return data({ created: [], updated: [eventObject(updated, session)], deleted: [] }, updated.modified);
}

/** PUT chronos?action=delete&timestamp= with `[{id, folder, recurrenceId?}]` (the UI's body form). */
async function remove(req: OxRequest, ctx: NodeContext): Promise<OxReply> {
  const session = sessionOf(req);
  param(req, 'timestamp');
  const body = req.body as unknown;
  const items = Array.isArray(body) ? body : body && typeof body === 'object' && Array.isArray((body as { events?: unknown }).events) ? (body as { events: unknown[] }).events : undefined;
  if (!items) throw new OxError('SVL-0028', ['array', typeof body]);
  const deleted = [];
  for (const item of items as { id?: unknown; folder?: unknown }[]) {
    const folder = typeof item?.folder === 'string' ? item.folder : '';
    if (!folder) throw new OxError('SVL-0009', ['expected {id, folder}']);
    chronosFolder(session, folder);
    const o = findEvent(ctx, session, String(item.id), folder);
    ctx.store.delete('event', session.user.contextId, o.id);
    deleted.push(eventObject(o, session));
  }
  return data({ created: [], updated: [], deleted }, Date.now());
}

/**
 * GET chronos?action=needsAction&folder=&rangeStart=&rangeEnd= (the UI's
 * invitation check on every refresh): events awaiting the user's reply. The
 * stand-in's users organise all their events, so none do.
 */
async function needsAction(req: OxRequest, _ctx: NodeContext): Promise<OxReply> {
  const session = sessionOf(req);
  chronosFolder(session, req.params.get('folder'));
  rangeMs(param(req, 'rangeStart'), 'rangeStart');
  rangeMs(param(req, 'rangeEnd'), 'rangeEnd');
  return data([]);
}

/** GET chronos/alarm?action=pending&rangeEnd=&actions=DISPLAY,AUDIO (the UI's reminder poll): no alarms are stored here. */
async function pending(req: OxRequest, _ctx: NodeContext): Promise<OxReply> {
  if (req.subPath !== 'alarm') throw new OxError('SVL-0021', [req.action, 'chronos']);
  rangeMs(param(req, 'rangeEnd'), 'rangeEnd');
  return data([]);
}

export const chronosModule: OxModule = { name: 'chronos', actions: { all, get, new: create, update, delete: remove, needsAction, pending } };
