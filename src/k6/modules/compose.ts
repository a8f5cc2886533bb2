/**
 * Sending through a composition space, as the 7.10 UI does (FE
 * ui/apps/io.ox/mail/compose/api.js): `POST mail/compose` opens the space
 * (body: JSON array of referenced mails, empty for a new mail), `PATCH
 * mail/compose/{id}` stores what the user typed (the UI's auto-save), `POST
 * mail/compose/{id}/send` sends it with the multipart field `JSON`.
 */
import type { OxOutcome } from '../envelope.ts';
import type { OxCall, OxSession } from '../session.ts';

export interface ComposedMail {
  to: string;
  subject: string;
  /** HTML, the UI's default messageFormat. */
  html: string;
}

/** OxCall declares GET/POST/PUT only; PATCH is what FE compose/api.js `update` sends (see report: H2 to widen OxCall.method). */
const PATCH = 'PATCH' as OxCall['method'];

/** Opens a new composition space; `data.id` names it. */
export function open(session: OxSession): OxOutcome<{ id?: string }> {
  return session.call({ name: 'mail.compose', method: 'POST', path: '/mail/compose', query: { type: 'new', vcard: false }, json: [], shape: 'json' });
}

function spaceBody(session: OxSession, mail: ComposedMail): Record<string, unknown> {
  return { from: [null, session.account.email], to: [[null, mail.to]], subject: mail.subject, content: mail.html, contentType: 'text/html' };
}

/** Auto-save of the typed mail into the space. */
export function update(session: OxSession, id: string, mail: ComposedMail): OxOutcome {
  return session.call({ name: 'mail.compose.update', method: PATCH, path: `/mail/compose/${encodeURIComponent(id)}`, json: spaceBody(session, mail), shape: 'json' });
}

/** Sends the space; the answer may name the sent copy (`folder/id`, FE compose/api.js refreshFolders). */
export function sendSpace(session: OxSession, id: string, mail: ComposedMail): OxOutcome<unknown> {
  return session.call({ name: 'mail.compose.send', method: 'POST', path: `/mail/compose/${encodeURIComponent(id)}/send`, form: { JSON: JSON.stringify(spaceBody(session, mail)) }, shape: 'callback' });
}

/** The whole compose: open, one auto-save, send. `ok` only when the send succeeded. */
export function compose(session: OxSession, mail: ComposedMail): OxOutcome<unknown> {
  const space = open(session);
  const id = space.ok ? space.data?.id : undefined;
  if (typeof id !== 'string') return space.ok ? { ok: false, status: space.status, code: 'PARSE' } : space;
  update(session, id, mail);
  return sendSpace(session, id, mail);
}
