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
import { z } from 'zod';

/** DateTimeData: RFC 5545 DATE or DATE-TIME value (`20170708`, `20170708T220000`, `…Z`), optional tzid. */
export const dateTime = z.looseObject({
  value: z.string().regex(/^\d{8}(T\d{6}Z?)?$/, 'an RFC 5545 date or date-time'),
  tzid: z.string().optional(),
});

const calendarUser = z.looseObject({});
const int64 = z.number().int();

const FLAGS = ['attachments', 'alarms', 'scheduled', 'organizer', 'organizer_on_behalf', 'attendee', 'attendee_on_behalf', 'private', 'confidential', 'transparent', 'event_tentative', 'event_confirmed', 'event_cancelled', 'needs_action', 'accepted', 'declined', 'tentative', 'delegated', 'series', 'overridden', 'first_occurrence', 'last_occurrence'] as const;

/** A composite calendar folder id as chronos wants it: `cal://<account>/<id>`. */
export const calendarFolderId = z.string().regex(/^cal:\/\/\d+\/.+$/, 'a composite calendar folder id cal://0/<id>');

export const chronosEvent = z.looseObject({
  id: z.string(),
  folder: z.string(),
  startDate: dateTime.optional(),
  endDate: dateTime.optional(),
  created: int64.optional(),
  timestamp: int64.optional(),
  lastModified: int64.optional(),
  categories: z.array(z.string()).optional(),
  filename: z.string().optional(),
  uid: z.string().optional(),
  description: z.string().optional(),
  attendees: z.array(z.looseObject({})).optional(),
  alarms: z.array(z.looseObject({})).optional(),
  modifiedBy: calendarUser.optional(),
  createdBy: calendarUser.optional(),
  organizer: calendarUser.optional(),
  calendarUser: calendarUser.optional(),
  summary: z.string().optional(),
  sequence: z.number().int().optional(),
  class: z.string().optional(),
  transp: z.enum(['OPAQUE', 'TRANSPARENT']).optional(),
  color: z.string().optional(),
  changeExceptionDates: z.array(z.string()).optional(),
  deleteExceptionDates: z.array(z.string()).optional(),
  recurrenceId: z.string().optional(),
  rrule: z.string().optional(),
  attachments: z.array(z.looseObject({})).optional(),
  extendedProperties: z.looseObject({}).optional(),
  geo: z.looseObject({ lat: z.number().optional(), long: z.number().optional() }).optional(),
  attendeePrivileges: z.string().optional(),
  url: z.string().optional(),
  seriesId: z.string().optional(),
  status: z.string().optional(),
  location: z.string().optional(),
  flags: z.array(z.enum(FLAGS)).optional(),
  relatedTo: z.string().optional(),
});

export const chronosEvents = z.array(chronosEvent);
