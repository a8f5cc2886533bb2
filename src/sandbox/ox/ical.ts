/**
 * iCalendar (via ical.js) ⇄ chronos event objects (with organizer, attendees
 * and alarms in chronos' shapes), and recurrence expansion.
 * Local date-times stay as `{value, tzid}` like chronos does; conversion to
 * UTC uses Intl with the IANA zone id, so imported VTIMEZONEs are kept only
 * to be written back on export.
 */
import ICAL from 'ical.js';
import { OxError } from './envelope.ts';
import { formatUtcBasic, parseBasicDateTime, zonedToUtc } from './timezone.ts';

export interface DateTimeData {
  value: string;
  tzid?: string;
}

export type ChronosEvent = Record<string, unknown> & {
  uid: string;
  summary?: string;
  startDate: DateTimeData;
  endDate?: DateTimeData;
  rrule?: string;
  recurrenceId?: string;
  deleteExceptionDates?: string[];
  changeExceptionDates?: string[];
};

type Jcal = ConstructorParameters<typeof ICAL.Component>[0];
type IcalTime = InstanceType<typeof ICAL.Time>;

export function toUtcMs(dt: DateTimeData): number {
  const f = parseBasicDateTime(dt.value);
  if (!f) throw new OxError('SVL-0010', ['date', dt.value]);
  if (f.utc || f.dateOnly || !dt.tzid) return Date.UTC(f.year, f.month - 1, f.day, f.hour, f.minute, f.second);
  try {
    return zonedToUtc(f, dt.tzid);
  } catch {
    return Date.UTC(f.year, f.month - 1, f.day, f.hour, f.minute, f.second);
  }
}

function basic(time: IcalTime): string {
  const iso = time.toString(); // 2024-01-05 or 2024-01-05T10:00:00[Z]
  return iso.replace(/[-:]/g, '');
}

function dateTimeOf(prop: InstanceType<typeof ICAL.Property> | null): DateTimeData | undefined {
  if (!prop) return undefined;
  const time = prop.getFirstValue() as IcalTime;
  const tzid = prop.getParameter('tzid');
  const value = basic(time);
  return typeof tzid === 'string' && !value.endsWith('Z') && !time.isDate ? { value, tzid } : { value };
}

type Property = InstanceType<typeof ICAL.Property>;
type Component = InstanceType<typeof ICAL.Component>;

/** Chronos CalendarUser: `uri` (mailto:), `email`, `cn`. */
export interface CalendarUser {
  uri: string;
  email?: string;
  cn?: string;
}

/** Chronos Attendee: a calendar user with participation status, role, type and RSVP. */
export interface Attendee extends CalendarUser {
  partStat: string;
  role?: string;
  cuType?: string;
  rsvp?: boolean;
}

/** Chronos Alarm: the trigger is a duration (relative to start or end) or an absolute UTC date-time. */
export interface Alarm {
  action: string;
  trigger: { duration?: string; related?: 'START' | 'END'; dateTime?: string };
  description?: string;
  summary?: string;
}

function param(p: Property, name: string): string | undefined {
  const v = p.getParameter(name);
  return v === null || v === undefined ? undefined : String(v);
}

function calendarUser(p: Property): CalendarUser {
  const uri = String(p.getFirstValue());
  const cn = param(p, 'cn');
  const email = /^mailto:/i.test(uri) ? uri.slice('mailto:'.length) : undefined;
  return { uri, ...(email ? { email } : {}), ...(cn ? { cn } : {}) };
}

function attendeeOf(p: Property): Attendee {
  const role = param(p, 'role');
  const cuType = param(p, 'cutype');
  const rsvp = param(p, 'rsvp');
  return {
    ...calendarUser(p),
    partStat: param(p, 'partstat') ?? 'NEEDS-ACTION',
    ...(role ? { role } : {}),
    ...(cuType ? { cuType } : {}),
    ...(rsvp ? { rsvp: rsvp.toUpperCase() === 'TRUE' } : {}),
  };
}

function alarmOf(valarm: Component): Alarm {
  const trigger = valarm.getFirstProperty('trigger');
  const value = trigger?.getFirstValue() as unknown;
  const related = trigger ? param(trigger, 'related') : undefined;
  const alarm: Alarm = {
    action: String(valarm.getFirstPropertyValue('action') ?? 'DISPLAY'),
    trigger:
      value instanceof ICAL.Time
        ? { dateTime: basic(value.convertToZone(ICAL.Timezone.utcTimezone)).replace(/Z?$/, 'Z') }
        : { duration: String(value ?? '-PT15M'), ...(related?.toUpperCase() === 'END' ? { related: 'END' as const } : {}) },
  };
  for (const field of ['description', 'summary'] as const) {
    const v = valarm.getFirstPropertyValue(field);
    if (v !== null && v !== undefined && v !== '') alarm[field] = String(v);
  }
  return alarm;
}

function addCalendarUser(ve: Component, name: 'organizer' | 'attendee', user: Partial<Attendee>): void {
  const p = new ICAL.Property(name, ve);
  if (user.cn) p.setParameter('cn', user.cn);
  if (name === 'attendee') {
    if (user.cuType) p.setParameter('cutype', user.cuType);
    if (user.role) p.setParameter('role', user.role);
    p.setParameter('partstat', user.partStat ?? 'NEEDS-ACTION');
    if (user.rsvp !== undefined) p.setParameter('rsvp', user.rsvp ? 'TRUE' : 'FALSE');
  }
  p.setValue(user.uri ?? (user.email ? `mailto:${user.email}` : ''));
  ve.addProperty(p);
}

function addAlarm(ve: Component, alarm: Alarm): void {
  const valarm = new ICAL.Component('valarm');
  valarm.addPropertyWithValue('action', alarm.action);
  const trigger = new ICAL.Property('trigger', valarm);
  if (alarm.trigger.dateTime) {
    const f = parseBasicDateTime(alarm.trigger.dateTime);
    if (f) {
      const time = ICAL.Time.fromData({ year: f.year, month: f.month, day: f.day, hour: f.hour, minute: f.minute, second: f.second });
      time.zone = ICAL.Timezone.utcTimezone;
      trigger.resetType('date-time');
      trigger.setValue(time);
    }
  } else {
    trigger.setValue(ICAL.Duration.fromString(alarm.trigger.duration ?? '-PT15M'));
    if (alarm.trigger.related === 'END') trigger.setParameter('related', 'END');
  }
  valarm.addProperty(trigger);
  // RFC 5545 requires DESCRIPTION on DISPLAY alarms.
  const description = alarm.description ?? (alarm.action === 'DISPLAY' ? 'Reminder' : undefined);
  if (description) valarm.addPropertyWithValue('description', description);
  if (alarm.summary) valarm.addPropertyWithValue('summary', alarm.summary);
  ve.addSubcomponent(valarm);
}

export interface ParsedCalendar {
  events: ChronosEvent[];
  timezones: Map<string, string>;
}

export function parseIcal(input: string): ParsedCalendar {
  let cal: InstanceType<typeof ICAL.Component>;
  try {
    cal = new ICAL.Component(ICAL.parse(input) as Jcal);
  } catch (cause) {
    throw new OxError('IMP-0001', [(cause as Error).message], { cause });
  }
  const timezones = new Map<string, string>();
  for (const tz of cal.getAllSubcomponents('vtimezone')) timezones.set(String(tz.getFirstPropertyValue('tzid')), tz.toString());
  const events = cal.getAllSubcomponents('vevent').map((ve): ChronosEvent => {
    const startDate = dateTimeOf(ve.getFirstProperty('dtstart'));
    if (!startDate) throw new OxError('IMP-0001', ['VEVENT without DTSTART']);
    const event: ChronosEvent = { uid: String(ve.getFirstPropertyValue('uid') ?? crypto.randomUUID()), startDate };
    const endDate = dateTimeOf(ve.getFirstProperty('dtend'));
    if (endDate) event.endDate = endDate;
    for (const [prop, field] of [['summary', 'summary'], ['location', 'location'], ['description', 'description'], ['status', 'status'], ['transp', 'transp'], ['class', 'class'], ['url', 'url']] as const) {
      const v = ve.getFirstPropertyValue(prop);
      if (v !== null && v !== undefined && v !== '') event[field] = String(v);
    }
    const seq = ve.getFirstPropertyValue('sequence');
    if (seq !== null && seq !== undefined) event.sequence = Number(seq);
    const rrule = ve.getFirstPropertyValue('rrule');
    if (rrule) event.rrule = rrule.toString();
    const rid = dateTimeOf(ve.getFirstProperty('recurrence-id'));
    if (rid) event.recurrenceId = rid.value;
    const exdates = ve.getAllProperties('exdate').flatMap((p) => p.getValues().map((t) => basic(t as IcalTime)));
    if (exdates.length) event.deleteExceptionDates = exdates;
    const categories = ve.getAllProperties('categories').flatMap((p) => p.getValues().map(String));
    if (categories.length) event.categories = categories;
    const organizer = ve.getFirstProperty('organizer');
    if (organizer) event.organizer = calendarUser(organizer);
    const attendees = ve.getAllProperties('attendee').map(attendeeOf);
    if (attendees.length) event.attendees = attendees;
    const alarms = ve.getAllSubcomponents('valarm').map(alarmOf);
    if (alarms.length) event.alarms = alarms;
    return event;
  });
  return { events, timezones };
}

function timeProp(ve: InstanceType<typeof ICAL.Component>, name: string, dt: DateTimeData): void {
  const f = parseBasicDateTime(dt.value);
  if (!f) return;
  const time = ICAL.Time.fromData({ year: f.year, month: f.month, day: f.day, hour: f.hour, minute: f.minute, second: f.second, isDate: f.dateOnly });
  if (f.utc) time.zone = ICAL.Timezone.utcTimezone;
  const prop = new ICAL.Property(name, ve);
  prop.setValue(time);
  if (dt.tzid && !f.utc && !f.dateOnly) prop.setParameter('tzid', dt.tzid);
  ve.addProperty(prop);
}

export function formatIcal(events: ChronosEvent[], timezones: (tzid: string) => string | undefined): string {
  const cal = new ICAL.Component(['vcalendar', [], []]);
  cal.addPropertyWithValue('version', '2.0');
  cal.addPropertyWithValue('prodid', '-//signoff//sandbox App Suite//EN');
  const tzids = new Set(events.flatMap((e) => [e.startDate.tzid, e.endDate?.tzid]).filter((t): t is string => !!t));
  for (const tzid of tzids) {
    const text = timezones(tzid);
    if (text) cal.addSubcomponent(new ICAL.Component(ICAL.parse(text) as Jcal));
  }
  for (const e of events) {
    const ve = new ICAL.Component('vevent');
    ve.addPropertyWithValue('uid', e.uid);
    ve.addPropertyWithValue('dtstamp', ICAL.Time.fromJSDate(new Date(), true));
    timeProp(ve, 'dtstart', e.startDate);
    if (e.endDate) timeProp(ve, 'dtend', e.endDate);
    if (e.recurrenceId) timeProp(ve, 'recurrence-id', { value: e.recurrenceId, ...(e.startDate.tzid ? { tzid: e.startDate.tzid } : {}) });
    if (e.rrule) ve.addPropertyWithValue('rrule', ICAL.Recur.fromString(e.rrule));
    for (const ex of e.deleteExceptionDates ?? []) timeProp(ve, 'exdate', { value: ex, ...(e.startDate.tzid ? { tzid: e.startDate.tzid } : {}) });
    for (const field of ['summary', 'location', 'description', 'status', 'transp', 'class', 'url'] as const) {
      if (typeof e[field] === 'string') ve.addPropertyWithValue(field, e[field]);
    }
    if (typeof e.sequence === 'number') ve.addPropertyWithValue('sequence', e.sequence);
    if (Array.isArray(e.categories) && e.categories.length) {
      const p = new ICAL.Property('categories', ve);
      p.setValues(e.categories as string[]);
      ve.addProperty(p);
    }
    if (isRecord(e.organizer)) addCalendarUser(ve, 'organizer', e.organizer as Partial<Attendee>);
    if (Array.isArray(e.attendees)) for (const a of e.attendees) if (isRecord(a)) addCalendarUser(ve, 'attendee', a as Partial<Attendee>);
    if (Array.isArray(e.alarms)) for (const a of e.alarms) if (isRecord(a) && isRecord(a.trigger)) addAlarm(ve, a as unknown as Alarm);
    cal.addSubcomponent(ve);
  }
  return cal.toString() + '\r\n';
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

export interface Occurrence {
  recurrenceId: string;
  startDate: DateTimeData;
  endDate?: DateTimeData;
  startMs: number;
  endMs: number;
}

const MAX_OCCURRENCES = 5_000;

/** Occurrences of a series overlapping [fromMs, toMs), skipping deleted and overridden dates. */
export function occurrences(event: ChronosEvent, fromMs: number, toMs: number): Occurrence[] {
  const start = parseBasicDateTime(event.startDate.value);
  if (!start || !event.rrule) return [];
  const durationMs = event.endDate ? toUtcMs(event.endDate) - toUtcMs(event.startDate) : 0;
  const skip = new Set([...(event.deleteExceptionDates ?? []), ...(event.changeExceptionDates ?? [])]);
  const dtstart = ICAL.Time.fromData({ year: start.year, month: start.month, day: start.day, hour: start.hour, minute: start.minute, second: start.second, isDate: start.dateOnly });
  const iterator = ICAL.Recur.fromString(event.rrule).iterator(dtstart);
  const out: Occurrence[] = [];
  for (let i = 0; i < MAX_OCCURRENCES; i++) {
    const next = iterator.next();
    if (!next) break;
    const value = basic(next) + (start.utc ? 'Z' : '');
    const dt: DateTimeData = event.startDate.tzid ? { value, tzid: event.startDate.tzid } : { value };
    const startMs = toUtcMs(dt);
    if (startMs >= toMs) break;
    const endMs = startMs + durationMs;
    if (skip.has(value) || endMs <= fromMs && !(durationMs === 0 && startMs >= fromMs)) continue;
    const endValue = start.dateOnly ? formatUtcBasic(endMs).slice(0, 8) : localValue(endMs, event.startDate.tzid, start.utc);
    out.push({ recurrenceId: value, startDate: dt, endDate: { ...dt, value: endValue }, startMs, endMs });
  }
  return out;
}

/** UTC ms → basic local value in `tzid` (or UTC). */
function localValue(utcMs: number, tzid: string | undefined, utc: boolean): string {
  if (utc || !tzid) return formatUtcBasic(utcMs).replace(utc ? /$/ : /Z$/, '');
  const parts = new Intl.DateTimeFormat('en-CA', { timeZone: tzid, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit' }).formatToParts(new Date(utcMs));
  const get = (t: string) => parts.find((p) => p.type === t)?.value ?? '00';
  return `${get('year')}${get('month')}${get('day')}T${get('hour')}${get('minute')}${get('second')}`;
}
