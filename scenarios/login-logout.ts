/**
 * Morning login peak: a user signs in, the UI boots, the user signs out.
 * One iteration = one session.
 */
import { OxClient, think } from '../src/k6/index.ts';

export default function loginLogout(): void {
  const ox = new OxClient();
  if (!ox.login().ok) return;
  ox.boot();
  think();
  ox.logout();
}
