/**
 * A chronos event (`chronos?action=all|get|new` data): every field of
 * EventDataRaw with its type; date-times as DateTimeData {value, tzid}.
 * Calendar users, attendees and alarms are objects whose own schemas are
 * not in the saved spec: accepted as objects.
 *
 * Spec: /work/shared/reference/ox-http-api/spec/http-api/http_api/components/schemas/chronos/EventDataRaw.yaml,
 *   …/chronos/DateTimeData.yaml, …/chronos/EventData.yaml (a $ref to EventDataRaw);
 *   folder ids: ox-fidelity.md finding 1 (MW chronos IDMangling: `cal://0/<id>`).
 */
import * as z from 'zod/mini';
import { once } from './once.ts';

/** DateTimeData: RFC 5545 DATE or DATE-TIME value (`20170708`, `20170708T220000`, `…Z`), optional tzid. */
export const dateTime = once(() => z.looseObject({
  value: z.string().check(z.regex(/^\d{8}(T\d{6}Z?)?$/, 'an RFC 5545 date or date-time')),
  tzid: z.optional(z.string()),
}));

const calendarUser = z.looseObject({});
const int64 = z.int();

const FLAGS = ['attachments', 'alarms', 'scheduled', 'organizer', 'organizer_on_behalf', 'attendee', 'attendee_on_behalf', 'private', 'confidential', 'transparent', 'event_tentative', 'event_confirmed', 'event_cancelled', 'needs_action', 'accepted', 'declined', 'tentative', 'delegated', 'series', 'overridden', 'first_occurrence', 'last_occurrence'] as const;

/** A composite calendar folder id as chronos wants it: `cal://<account>/<id>`. */
export const calendarFolderId = once(() => z.string().check(z.regex(/^cal:\/\/\d+\/.+$/, 'a composite calendar folder id cal://0/<id>')));

export const chronosEvent = once(() => z.looseObject({
  id: z.string(),
  folder: z.string(),
  startDate: z.optional(dateTime()),
  endDate: z.optional(dateTime()),
  created: z.optional(int64),
  timestamp: z.optional(int64),
  lastModified: z.optional(int64),
  categories: z.optional(z.array(z.string())),
  filename: z.optional(z.string()),
  uid: z.optional(z.string()),
  description: z.optional(z.string()),
  attendees: z.optional(z.array(z.looseObject({}))),
  alarms: z.optional(z.array(z.looseObject({}))),
  modifiedBy: z.optional(calendarUser),
  createdBy: z.optional(calendarUser),
  organizer: z.optional(calendarUser),
  calendarUser: z.optional(calendarUser),
  summary: z.optional(z.string()),
  sequence: z.optional(z.int()),
  class: z.optional(z.string()),
  transp: z.optional(z.enum(['OPAQUE', 'TRANSPARENT'])),
  color: z.optional(z.string()),
  changeExceptionDates: z.optional(z.array(z.string())),
  deleteExceptionDates: z.optional(z.array(z.string())),
  recurrenceId: z.optional(z.string()),
  rrule: z.optional(z.string()),
  attachments: z.optional(z.array(z.looseObject({}))),
  extendedProperties: z.optional(z.looseObject({})),
  geo: z.optional(z.looseObject({ lat: z.optional(z.number()), long: z.optional(z.number()) })),
  attendeePrivileges: z.optional(z.string()),
  url: z.optional(z.string()),
  seriesId: z.optional(z.string()),
  status: z.optional(z.string()),
  location: z.optional(z.string()),
  flags: z.optional(z.array(z.enum(FLAGS))),
  relatedTo: z.optional(z.string()),
}));

export const chronosEvents = once(() => z.array(chronosEvent()));
