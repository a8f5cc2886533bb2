/** /ajax/export: VCARD (folder or ids) and ICAL (folder, optional id) as raw text bodies. */
import { sessionOf } from '../context.ts';
import type { NodeContext, OxModule, OxReply, OxRequest } from '../context.ts';
import { OxError } from '../envelope.ts';
import { formatIcal } from '../ical.ts';
import type { ChronosEvent } from '../ical.ts';
import { formatVcards } from '../vcard.ts';
import type { Contact } from '../vcard.ts';
import { checkCalendarFolder, storeFolder } from './chronos.ts';
import { checkContactFolder } from './contacts.ts';

async function vcard(req: OxRequest, ctx: NodeContext): Promise<OxReply> {
  const session = sessionOf(req);
  const cid = session.user.contextId;
  let contacts: Contact[];
  const ids = req.params.get('ids');
  if (ids) {
    contacts = ids.split(',').flatMap((pair) => {
      const [folder, id] = pair.split('.');
      const o = ctx.store.get<Contact>('contact', cid, Number(id));
      return o && o.folder === folder ? [o.data] : [];
    });
  } else {
    const folder = req.params.get('folder');
    if (!folder) throw new OxError('SVL-0002', ['folder']);
    checkContactFolder(session, folder);
    contacts = ctx.store.list<Contact>('contact', cid, folder).map((o) => o.data);
  }
  return { kind: 'raw', contentType: 'text/x-vcard; charset=UTF-8', body: formatVcards(contacts), filename: 'contacts.vcf' };
}

async function ical(req: OxRequest, ctx: NodeContext): Promise<OxReply> {
  const session = sessionOf(req);
  const folder = req.params.get('folder');
  if (!folder) throw new OxError('SVL-0002', ['folder']);
  checkCalendarFolder(session, folder);
  const id = req.params.get('id');
  let events = ctx.store.list<ChronosEvent>('event', session.user.contextId, storeFolder(session));
  if (id) events = events.filter((o) => String(o.id) === id || String(o.data.seriesId) === id);
  return { kind: 'raw', contentType: 'text/calendar; charset=UTF-8', body: formatIcal(events.map((o) => o.data), (tz) => ctx.store.timezone(tz)), filename: 'calendar.ics' };
}

export const exportModule: OxModule = { name: 'export', actions: { VCARD: vcard, ICAL: ical } };
