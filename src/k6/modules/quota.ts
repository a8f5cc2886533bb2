/** Quota (NOTES §11): what the UI's storage indicator asks. */
import type { OxOutcome } from '../envelope.ts';
import type { OxSession } from '../session.ts';

export function get(session: OxSession, module = 'filestorage'): OxOutcome<Record<string, unknown>> {
  return session.call({ name: 'quota.get', method: 'GET', path: '/quota', query: { action: 'get', module }, shape: 'json' });
}
