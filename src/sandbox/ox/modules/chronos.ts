/** /ajax/chronos: all (range, fields, expand), get, new, delete; events are objects, not column arrays. */
import { data, sessionOf } from '../context.ts';
import type { NodeContext, OxModule, OxReply, OxRequest } from '../context.ts';
import { OxError } from '../envelope.ts';
import { occurrences, toUtcMs } from '../ical.ts';
import type { ChronosEvent } from '../ical.ts';
import type { OxSession } from '../sessions.ts';
import type { StoredObject } from '../store.ts';
import { parseBasicDateTime } from '../timezone.ts';
import { calendarFolderId, isCalendarFolder } from './folders-ids.ts';
import { param } from './params.ts';

function rangeMs(value: string, name: string): number {
  const f = parseBasicDateTime(value);
  if (!f) throw new OxError('SVL-0011', [name, value]);
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

export function checkCalendarFolder(session: OxSession, folder: string | null): string {
  if (folder !== null && folder !== '' && !isCalendarFolder(session.user, folder)) throw new OxError('FLD-0003', [folder]);
  return calendarFolderId(session.user);
}

/** Stored events live under the bare folder id so import/export and chronos agree. */
export function storeFolder(session: OxSession): string {
  return calendarFolderId(session.user);
}

async function all(req: OxRequest, ctx: NodeContext): Promise<OxReply> {
  const session = sessionOf(req);
  checkCalendarFolder(session, req.params.get('folder'));
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
  return data(out.map((x) => pick(x.event, fields)));
}

async function get(req: OxRequest, ctx: NodeContext): Promise<OxReply> {
  const session = sessionOf(req);
  checkCalendarFolder(session, req.params.get('folder'));
  const id = param(req, 'id');
  const o = ctx.store.get<ChronosEvent>('event', session.user.contextId, Number(id));
  if (!o) throw new OxError('CAL-4040', [id, req.params.get('folder') ?? '']);
  return data(eventObject(o, session), o.modified);
}

export function validateEvent(body: unknown): ChronosEvent {
  const e = body as ChronosEvent | undefined;
  if (!e || typeof e !== 'object' || !e.startDate || typeof e.startDate.value !== 'string' || !parseBasicDateTime(e.startDate.value)) {
    throw new OxError('SVL-0010', ['expected an event with startDate {value, tzid}']);
  }
  if (e.endDate && !parseBasicDateTime(e.endDate.value)) throw new OxError('SVL-0010', ['endDate.value is not a date-time']);
  const clean: ChronosEvent = { ...e, uid: typeof e.uid === 'string' && e.uid ? e.uid : crypto.randomUUID() };
  for (const key of ['id', 'folder', 'lastModified', 'timestamp', 'createdBy', 'calendarUser', 'flags']) delete clean[key];
  return clean;
}

async function create(req: OxRequest, ctx: NodeContext): Promise<OxReply> {
  const session = sessionOf(req);
  const body = req.body as Record<string, unknown> | undefined;
  checkCalendarFolder(session, (body?.folder as string | undefined) ?? req.params.get('folder'));
  const event = validateEvent(body);
  const o = ctx.store.insert('event', session.user.contextId, storeFolder(session), { ...event, created: Date.now() });
  return data({ created: [eventObject(o, session)], updated: [], deleted: [] }, o.modified);
}

async function remove(req: OxRequest, ctx: NodeContext): Promise<OxReply> {
  const session = sessionOf(req);
  const items = Array.isArray(req.body) ? req.body : [];
  const deleted = [];
  for (const item of items as { id?: unknown; folder?: unknown }[]) {
    if (ctx.store.delete('event', session.user.contextId, Number(item.id))) deleted.push({ id: String(item.id), folder: calendarFolderId(session.user) });
  }
  return data({ created: [], updated: [], deleted });
}

export const chronosModule: OxModule = { name: 'chronos', actions: { all, get, new: create, delete: remove } };
