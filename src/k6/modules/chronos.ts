/** Calendar calls through chronos (NOTES §7): a date range and creating an event. */
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
