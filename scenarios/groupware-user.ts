/**
 * A calendar and address-book heavy session: open the calendar (its folder
 * list), page through four weeks, create an event, open the address book,
 * add a contact, then switch between weeks until the session ends; the
 * auto-refresh reloads the mail app and the shown week. Cleanup: the event
 * and the contact; then logout.
 */
import exec from 'k6/execution';
import { weekOf } from '../src/k6/index.ts';
import type { OxClient } from '../src/k6/index.ts';
import { createdEvent } from '../src/k6/modules/chronos.ts';
import { UiSession } from '../src/k6/ui-session.ts';
import { refreshMail } from './lib/ui.ts';

const WEEKS = 4;
const LIVE_GAP = 20;

function refresh(ox: OxClient): void {
  refreshMail(ox);
  ox.chronos.all(weekOf(new Date()));
}

export default function groupwareUser(): void {
  const session = new UiSession({ refresh });
  if (!session.start()) return;
  const ox = session.ox;
  const tag = `${exec.vu.idInTest}-${exec.vu.iterationInScenario}`;

  if (session.think()) ox.chronos.open();
  const now = new Date();
  for (let week = 0; week < WEEKS && session.think(); week++) ox.chronos.all(weekOf(now, week));

  if (session.think(2)) {
    const start = new Date(weekOf(now, 1).start.getTime() + (9 + (exec.vu.idInTest % 8)) * 3_600_000);
    const created = createdEvent(ox.chronos.create({ summary: `signoff meeting ${tag}`, start, end: new Date(start.getTime() + 3_600_000), location: 'Room 1' }));
    if (created) session.onCleanup(() => ox.chronos.remove([created]));
  }

  if (session.think()) {
    ox.contacts.open();
    ox.contacts.all();
  }
  if (session.think()) {
    const folder = ox.folders.contacts;
    const contact = ox.contacts.create({ firstName: 'Load', lastName: `Test ${tag}`, email: `load.test.${exec.vu.idInTest}@example.test` });
    const id = contact.data?.id;
    if (contact.ok && id !== undefined && folder !== undefined) session.onCleanup(() => ox.contacts.remove([{ id: String(id), folder }]));
  }
  let week = 0;
  session.live(() => ox.chronos.all(weekOf(now, week++ % WEEKS)), LIVE_GAP);
  session.end();
}
