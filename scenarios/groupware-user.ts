/**
 * A calendar and address-book heavy session: page through four calendar
 * weeks, create an event, list the contacts and add one.
 */
import exec from 'k6/execution';
import { OxClient, think, weekOf } from '../src/k6/index.ts';

const WEEKS = 4;

export default function groupwareUser(): void {
  const ox = new OxClient();
  if (!ox.login().ok) return;
  ox.boot();
  think();

  const now = new Date();
  for (let week = 0; week < WEEKS; week++) {
    ox.chronos.all(weekOf(now, week));
    think();
  }

  const start = new Date(weekOf(now, 1).start.getTime() + (9 + (exec.vu.idInTest % 8)) * 3_600_000);
  ox.chronos.create({ summary: `signoff meeting ${exec.vu.idInTest}/${exec.vu.iterationInScenario}`, start, end: new Date(start.getTime() + 3_600_000), location: 'Room 1' });
  think(2);

  ox.contacts.all();
  think();
  ox.contacts.create({ firstName: 'Load', lastName: `Test ${exec.vu.idInTest}-${exec.vu.iterationInScenario}`, email: `load.test.${exec.vu.idInTest}@example.test` });
  think();
  ox.logout();
}
