/**
 * Morning login peak: a user signs in, the UI boots into the inbox, the user
 * signs out. The one scenario whose sessions are short on purpose: logins
 * are the load. One iteration = one session.
 */
import { UiSession } from '../src/k6/ui-session.ts';

export default function loginLogout(): void {
  const session = new UiSession();
  if (!session.start()) return;
  session.think();
  session.end();
}
