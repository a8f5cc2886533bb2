/**
 * A webmail user's session: the UI boots into the inbox (the prefetched
 * thread list), the user deletes load-test mails that colleagues sent,
 * opens three mails, writes one to a colleague from the pool, glances at the
 * Sent folder, the calendar week and the address book, then keeps reading
 * until the session ends; the auto-refresh reloads the inbox meanwhile. Cleanup: the Sent copy
 * of its mail, the unseen flags of the mails it opened; then logout.
 */
import exec from 'k6/execution';
import { peerAccount, weekOf } from '../src/k6/index.ts';
import { SEEN, threadRefs } from '../src/k6/modules/mail.ts';
import type { MailRef } from '../src/k6/modules/mail.ts';
import { UiSession } from '../src/k6/ui-session.ts';
import { LOAD_MAIL_MARKER, refreshMail } from './lib/ui.ts';

const MAILS_TO_OPEN = 3;
/** Mean think times between two actions once the scripted part is done. */
const LIVE_GAP = 20;

export default function webmailUser(): void {
  const session = new UiSession({ refresh: refreshMail });
  if (!session.start()) return;
  const ox = session.ox;
  const inbox = ox.folders.inbox;
  const refs = threadRefs(session.boot?.inbox.data, inbox);

  const received = refs.filter((r) => r.subject.startsWith(LOAD_MAIL_MARKER));
  if (received.length > 0) ox.mail.remove(received);
  const readable = refs.filter((r) => !r.subject.startsWith(LOAD_MAIL_MARKER));

  const restored = new Set<string>();
  const open = (ref: MailRef): void => {
    ox.mail.get(ref.folder, ref.id);
    // Opening marks the mail seen, as for a user; the cleanup clears it again so the next run sees the same mailbox.
    if ((ref.flags & SEEN) === 0 && !restored.has(ref.id)) {
      restored.add(ref.id);
      session.onCleanup(() => ox.mail.setFlag(ref, SEEN, false));
    }
  };
  for (const ref of readable.slice(0, MAILS_TO_OPEN)) {
    if (!session.think()) break;
    open(ref);
  }

  if (session.think(2)) {
    const subject = `${LOAD_MAIL_MARKER} ${exec.vu.idInTest}/${exec.vu.iterationInScenario}`;
    const sent = ox.mail.send(peerAccount().email, subject, 'Hello from the signoff load test.');
    if (sent.ok) session.onCleanup(() => deleteSentCopy(session, subject, sent.data));
    // The user checks that the mail went out: the Sent folder's list view, then back to the inbox.
    const sentFolder = ox.folders.sent;
    if (sent.ok && sentFolder !== undefined && session.think()) {
      ox.mail.listView(sentFolder);
      if (session.think()) ox.mail.threadedAll();
    }
  }
  if (session.think()) {
    ox.chronos.open();
    ox.chronos.all(weekOf(new Date()));
  }
  if (session.think()) {
    ox.contacts.open();
    ox.contacts.all();
  }
  let next = MAILS_TO_OPEN;
  session.live(() => {
    const ref = readable[next++ % Math.max(1, readable.length)];
    if (ref) open(ref);
    else ox.mail.threadedAll();
  }, LIVE_GAP);
  session.end();
}

/** Deletes the Sent copy: the one the send answer named, else the one the Sent list shows under the session's unique subject. */
function deleteSentCopy(session: UiSession, subject: string, named: { id: string; folder: string } | undefined): void {
  const ox = session.ox;
  if (named) {
    ox.mail.remove([named]);
    return;
  }
  const sent = ox.folders.sent;
  if (sent === undefined) return;
  const list = ox.mail.all(sent, { columns: '600,601,607', limit: '0,20' });
  const copies = (list.data ?? []).filter((row) => row[2] === subject).map((row) => ({ id: String(row[0]), folder: typeof row[1] === 'string' ? row[1] : sent }));
  if (copies.length > 0) ox.mail.remove(copies);
}
