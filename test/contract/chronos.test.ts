/** The chronos event (EventDataRaw.yaml, DateTimeData.yaml) and composite calendar folder ids. */
import { describe, expect, it } from 'vitest';
import { calendarFolderId, chronosEvent } from '../../src/contract/index.ts';

const EVENT = {
  id: '1234',
  folder: 'cal://0/34',
  uid: 'migr-event-weekly-0002',
  summary: 'Weekly sync',
  startDate: { value: '20170708T220000', tzid: 'America/New_York' },
  endDate: { value: '20170708T230000', tzid: 'America/New_York' },
  created: 1499544000000,
  timestamp: 1499544000000,
  sequence: 0,
  transp: 'OPAQUE',
  rrule: 'FREQ=WEEKLY;COUNT=4',
  deleteExceptionDates: ['20170722T220000Z'],
  organizer: { uri: 'mailto:anna@example.com', cn: 'Anna Alpha', entity: 3 },
  attendees: [{ cuType: 'INDIVIDUAL', partStat: 'ACCEPTED', uri: 'mailto:anna@example.com' }],
  flags: ['scheduled', 'organizer', 'series', 'accepted'],
};

describe('chronos event', () => {
  it('accepts an event shaped after EventDataRaw, an all-day date and a UTC date-time', () => {
    expect(chronosEvent().safeParse(EVENT).success).toBe(true);
    expect(chronosEvent().safeParse({ ...EVENT, startDate: { value: '20170708' }, endDate: { value: '20170709T000000Z' } }).success).toBe(true);
  });

  it('rejects an ISO date instead of RFC 5545, an unknown flag, an unknown transp and a numeric id', () => {
    expect(chronosEvent().safeParse({ ...EVENT, startDate: { value: '2017-07-08T22:00:00' } }).success).toBe(false);
    expect(chronosEvent().safeParse({ ...EVENT, flags: ['important'] }).success).toBe(false);
    expect(chronosEvent().safeParse({ ...EVENT, transp: 'BUSY' }).success).toBe(false);
    expect(chronosEvent().safeParse({ ...EVENT, id: 1234 }).success).toBe(false);
  });

  it('knows a composite calendar folder id from a bare one', () => {
    expect(calendarFolderId().safeParse('cal://0/34').success).toBe(true);
    expect(calendarFolderId().safeParse('34').success).toBe(false);
  });
});
