/**
 * iCalendar files → the facts a migration must keep per event (local times
 * and their zone, all-day, recurrence with exceptions, attendees, alarms),
 * parsed with ical.js; events keyed by UID + RECURRENCE-ID.
 */
import ICAL from 'ical.js';

export type EventFields = Record<string, string | string[] | undefined> & { key: string };

export class IcalSyntaxError extends Error {
  readonly file: string;
  readonly line: number;
  constructor(file: string, line: number, message: string) {
    super(`${file}:${line}: ${message}`);
    this.name = 'IcalSyntaxError';
    this.file = file;
    this.line = line;
  }
}

type Component = InstanceType<typeof ICAL.Component>;
type Property = InstanceType<typeof ICAL.Property>;

function timeOf(prop: Property | null): string | undefined {
  if (!prop) return undefined;
  const time = prop.getFirstValue() as InstanceType<typeof ICAL.Time>;
  const tzid = prop.getParameter('tzid');
  const value = time.toString().replace(/[-:]/g, '');
  return time.isDate ? `${value} (all-day)` : typeof tzid === 'string' && !value.endsWith('Z') ? `${value} ${tzid}` : value;
}

function personOf(prop: Property): string {
  const cn = prop.getParameter('cn');
  const partstat = prop.getParameter('partstat');
  return [String(prop.getFirstValue()).toLowerCase(), cn ? `CN=${String(cn)}` : '', partstat ? `PARTSTAT=${String(partstat)}` : ''].filter(Boolean).join(' ');
}

function alarmOf(alarm: Component): string {
  const trigger = alarm.getFirstProperty('trigger');
  const related = trigger?.getParameter('related');
  return [alarm.getFirstPropertyValue('action'), trigger ? String(trigger.getFirstValue()) : '', related ? `RELATED=${String(related)}` : ''].filter(Boolean).join(' ');
}

function eventFields(event: Component, zones: Set<string>): EventFields {
  const uid = String(event.getFirstPropertyValue('uid') ?? '');
  const recurrenceId = timeOf(event.getFirstProperty('recurrence-id'));
  const rrule = event.getFirstPropertyValue('rrule') as InstanceType<typeof ICAL.Recur> | null;
  const tzids = ['dtstart', 'dtend'].map((p) => event.getFirstProperty(p)?.getParameter('tzid')).filter((t): t is string => typeof t === 'string');
  const text = (name: string): string | undefined => {
    const v = event.getFirstPropertyValue(name);
    return v === null || v === undefined || v === '' ? undefined : String(v);
  };
  return {
    key: recurrenceId ? `${uid} @ ${recurrenceId}` : uid,
    summary: text('summary'),
    location: text('location'),
    description: text('description'),
    start: timeOf(event.getFirstProperty('dtstart')),
    end: timeOf(event.getFirstProperty('dtend')),
    'time zone definitions': tzids.length ? [...new Set(tzids)].map((t) => `${t}: ${zones.has(t) ? 'VTIMEZONE present' : 'no VTIMEZONE'}`) : undefined,
    recurrence: rrule ? ICAL.Recur.fromString(rrule.toString()).toString() : undefined,
    'deleted occurrences': listOrUndefined(event.getAllProperties('exdate').flatMap((p) => p.getValues().map((t) => String(t).replace(/[-:]/g, '')))),
    organizer: event.getFirstProperty('organizer') ? personOf(event.getFirstProperty('organizer') as Property) : undefined,
    attendees: listOrUndefined(event.getAllProperties('attendee').map(personOf)),
    alarms: listOrUndefined(event.getAllSubcomponents('valarm').map(alarmOf)),
  };
}

function listOrUndefined(list: string[]): string[] | undefined {
  return list.length ? list.sort() : undefined;
}

function locate(content: string, message: string): number {
  const quoted = /'([^']+)'/.exec(message)?.[1];
  if (!quoted) return 1;
  const index = content.split(/\r?\n/).findIndex((l) => l.startsWith(quoted.slice(0, 40)));
  return index < 0 ? 1 : index + 1;
}

export function parseIcalFile(content: string, file: string): EventFields[] {
  let calendar: Component;
  try {
    calendar = new ICAL.Component(ICAL.parse(content) as ConstructorParameters<typeof ICAL.Component>[0]);
  } catch (error) {
    throw new IcalSyntaxError(file, locate(content, (error as Error).message), (error as Error).message);
  }
  if (calendar.name !== 'vcalendar') throw new IcalSyntaxError(file, 1, `expected VCALENDAR, found ${calendar.name}`);
  const zones = new Set(calendar.getAllSubcomponents('vtimezone').map((z) => String(z.getFirstPropertyValue('tzid'))));
  return calendar.getAllSubcomponents('vevent').map((e) => eventFields(e, zones));
}
