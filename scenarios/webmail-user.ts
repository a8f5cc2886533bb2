/**
 * A webmail user's session: boot, read the inbox, open three mails, send one
 * to a colleague from the pool, glance at the calendar week and the address
 * book, sign out.
 */
import exec from 'k6/execution';
import { OxClient, peerAccount, think, weekOf } from '../src/k6/index.ts';

const MAILS_TO_OPEN = 3;

export default function webmailUser(): void {
  const ox = new OxClient();
  if (!ox.login().ok) return;
  ox.boot();
  think();

  const inbox = ox.folders.inbox;
  const list = ox.mail.all(inbox, { limit: 50 });
  const ids = (list.data ?? []).slice(0, MAILS_TO_OPEN).map((row) => String(row[0]));
  for (const id of ids) {
    think();
    ox.mail.get(inbox, id);
  }

  think(2); // writing takes longer than reading
  const to = peerAccount().email;
  ox.mail.send(to, `signoff load ${exec.vu.idInTest}/${exec.vu.iterationInScenario}`, 'Hello from the signoff load test.\n');

  think();
  ox.chronos.all(weekOf(new Date()));
  think();
  ox.contacts.all();
  think();
  ox.logout();
}
