/** Address book calls (NOTES §8): list a folder, create and delete a contact. */
import type { OxOutcome } from '../envelope.ts';
import type { OxSession } from '../session.ts';

/** id, folder, display_name, first_name, last_name, email1. */
export const CONTACT_COLUMNS = '1,20,500,501,502,555';
const LAST_NAME = '502';

export function all(session: OxSession, folder: string, columns = CONTACT_COLUMNS): OxOutcome<unknown[][]> {
  return session.call({ name: 'contacts.all', method: 'GET', path: '/contacts', query: { action: 'all', folder, columns, sort: LAST_NAME, order: 'asc' }, shape: 'json' });
}

export interface NewContact {
  firstName: string;
  lastName: string;
  email: string;
}

export function create(session: OxSession, folder: string, contact: NewContact): OxOutcome<{ id: string }> {
  return session.call({
    name: 'contacts.new',
    method: 'PUT',
    path: '/contacts',
    query: { action: 'new' },
    json: { folder_id: folder, first_name: contact.firstName, last_name: contact.lastName, display_name: `${contact.lastName}, ${contact.firstName}`, email1: contact.email },
    shape: 'json',
  });
}

/** Deletes contacts (FE contacts/api.js `remove`: PUT with {id, folder}, timestamp now). */
export function remove(session: OxSession, contacts: ReadonlyArray<{ id: string; folder: string }>): OxOutcome {
  return session.call({ name: 'contacts.delete', method: 'PUT', path: '/contacts', query: { action: 'delete', timestamp: Date.now() }, json: contacts.map((c) => ({ id: c.id, folder: c.folder })), shape: 'json' });
}
