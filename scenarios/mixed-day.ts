/**
 * A working day's mix: each iteration (session) is one of the other
 * scenarios, drawn by weight: 60 % webmail, 25 % groupware, 10 % drive,
 * 5 % login only.
 */
import driveUser from './drive-user.ts';
import groupwareUser from './groupware-user.ts';
import loginLogout from './login-logout.ts';
import webmailUser from './webmail-user.ts';

const MIX: ReadonlyArray<readonly [weight: number, session: () => void]> = [
  [60, webmailUser],
  [25, groupwareUser],
  [10, driveUser],
  [5, loginLogout],
];
const TOTAL = MIX.reduce((sum, [weight]) => sum + weight, 0);

export default function mixedDay(): void {
  let draw = Math.random() * TOTAL;
  for (const [weight, session] of MIX) {
    draw -= weight;
    if (draw < 0) return session();
  }
  loginLogout();
}
