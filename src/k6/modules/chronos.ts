/**
 * Calendar calls through chronos (NOTES §7): a date range, creating and
 * deleting an event. Folder ids are composite (`cal://0/<id>`), as FE
 * calendar code builds them (`'cal://0/' + folderAPI.getDefaultFolder('calendar')`);
 * real chronos answers a bare id with CAL-4060.
 */
import type { OxOutcome } from '../envelope.ts';
import type { OxSession } from '../session.ts';

export const EVENT_FIELDS = 'id,folder,summary,location,startDate,endDate,flags';

export interface DateRange {
  start: Date;
  end: Date;
}

/** RFC 5545 UTC form chronos wants: 20170708T220000Z. */
export function utcStamp(date: Date): string {
  return date.toISOString().replace(/[-:]/g, '').replace(/\.\d{3}/, '');
}

/** Local date-time without zone, for startDate/endDate with a tzid. */
function localStamp(date: Date): string {
  return utcStamp(date).replace(/Z$/, '');
}

/** The week (Monday 00:00 UTC) containing `date`, shifted by `offsetWeeks`. */
export function weekOf(date: Date, offsetWeeks = 0): DateRange {
  const start = new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate()));
  start.setUTCDate(start.getUTCDate() - ((start.getUTCDay() + 6) % 7) + offsetWeeks * 7);
  const end = new Date(start.getTime() + 7 * 86_400_000);
  return { start, end };
}

/** The composite chronos id of a calendar folder; ids that already are composite (or virtual) stay as they are. */
export function calendarFolderId(id: string): string {
  return /^(cal:\/\/|virtual\/)/.test(id) ? id : `cal://0/${id}`;
}

export function all(session: OxSession, range: DateRange, folder?: string): OxOutcome<Record<string, unknown>[]> {
  return session.call({
    name: 'chronos.all',
    method: 'GET',
    path: '/chronos',
    query: { action: 'all', folder, rangeStart: utcStamp(range.start), rangeEnd: utcStamp(range.end), fields: EVENT_FIELDS, expand: true, order: 'ASC', sort: 'startDate' },
    shape: 'json',
  });
}

export interface NewEvent {
  summary: string;
  start: Date;
  end: Date;
  location?: string;
  description?: string;
}

export function create(session: OxSession, folder: string, event: NewEvent): OxOutcome<Record<string, unknown>> {
  return session.call({
    name: 'chronos.new',
    method: 'PUT',
    path: '/chronos',
    query: { action: 'new', folder, checkConflicts: false, timezone: 'UTC' },
    json: {
      folder,
      summary: event.summary,
      location: event.location,
      description: event.description,
      startDate: { value: localStamp(event.start), tzid: 'UTC' },
      endDate: { value: localStamp(event.end), tzid: 'UTC' },
    },
    shape: 'json',
  });
}

/** The event a `new` answer created (`created[0]`), for deleting it later. */
export function createdEvent(outcome: OxOutcome<unknown>): { id: string; folder: string } | undefined {
  const created = (outcome.data as { created?: unknown } | undefined)?.created;
  const first = Array.isArray(created) ? (created[0] as { id?: unknown; folder?: unknown } | undefined) : undefined;
  return typeof first?.id === 'string' && typeof first.folder === 'string' ? { id: first.id, folder: first.folder } : undefined;
}

/** Deletes events (FE calendar/api.js `remove`: PUT with the event ids, timestamp now). */
export function remove(session: OxSession, events: ReadonlyArray<{ id: string; folder: string }>): OxOutcome {
  return session.call({ name: 'chronos.delete', method: 'PUT', path: '/chronos', query: { action: 'delete', timestamp: Date.now() }, json: events.map((e) => ({ id: e.id, folder: e.folder })), shape: 'json' });
}
