/** /ajax/import: VCARD into a contacts folder, ICAL into the calendar; answers `callback_import`. */
import { sessionOf } from '../context.ts';
import type { NodeContext, OxModule, OxReply, OxRequest } from '../context.ts';
import { errorEnvelope, OxError, toOxError } from '../envelope.ts';
import { parseIcal } from '../ical.ts';
import type { ChronosEvent } from '../ical.ts';
import { parseVcards } from '../vcard.ts';
import { checkCalendarFolder, storeFolder } from './chronos.ts';
import { checkContactFolder, insertContact } from './contacts.ts';
import { param } from './params.ts';

/** The uploaded text: UTF-8, else Windows-1252 (how older vCard 2.1 exporters write 8-bit files). */
function fileText(req: OxRequest): string {
  const file = req.files?.find((f) => f.field === 'file') ?? req.files?.[0];
  const bytes = file?.data ?? (req.rawBody?.length ? req.rawBody : undefined);
  if (!bytes) throw new OxError('SVL-0002', ['file']);
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return new TextDecoder('windows-1252').decode(bytes);
  }
}

function importVcard(req: OxRequest, ctx: NodeContext): object[] {
  const session = sessionOf(req);
  const folder = param(req, 'folder');
  checkContactFolder(session, folder);
  return parseVcards(fileText(req)).map((c) => {
    const o = insertContact(ctx, session, folder, c);
    return { id: String(o.id), folder_id: folder, last_modified: o.modified };
  });
}

function importIcal(req: OxRequest, ctx: NodeContext): object[] {
  const session = sessionOf(req);
  const folderParam = param(req, 'folder');
  checkCalendarFolder(session, folderParam);
  const folder = storeFolder(session);
  const { events, timezones } = parseIcal(fileText(req));
  for (const [tzid, text] of timezones) ctx.store.saveTimezone(tzid, text);
  const cid = session.user.contextId;
  const masters = new Map<string, { id: number; event: ChronosEvent }>();
  const result: object[] = [];
  // Masters first, so exceptions (RECURRENCE-ID) can name their series.
  for (const event of events.filter((e) => !e.recurrenceId)) {
    const o = ctx.store.insert('event', cid, folder, { ...event, created: Date.now() });
    masters.set(event.uid, { id: o.id, event: o.data });
    result.push({ id: String(o.id), folder_id: folderParam, last_modified: o.modified });
  }
  for (const event of events.filter((e) => e.recurrenceId)) {
    const master = masters.get(event.uid);
    const o = ctx.store.insert('event', cid, folder, { ...event, ...(master ? { seriesId: String(master.id) } : {}), created: Date.now() });
    if (master) {
      master.event.changeExceptionDates = [...(master.event.changeExceptionDates ?? []), event.recurrenceId!];
      ctx.store.update('event', cid, master.id, folder, master.event);
    }
    result.push({ id: String(o.id), folder_id: folderParam, last_modified: o.modified });
  }
  return result;
}

function importer(run: (req: OxRequest, ctx: NodeContext) => object[]) {
  return async (req: OxRequest, ctx: NodeContext): Promise<OxReply> => {
    try {
      return { kind: 'callback', action: 'import', payload: { data: run(req, ctx) } };
    } catch (error) {
      return { kind: 'callback', action: 'import', payload: errorEnvelope(toOxError(error)) };
    }
  };
}

export const importModule: OxModule = { name: 'import', actions: { VCARD: importer(importVcard), ICAL: importer(importIcal) } };
