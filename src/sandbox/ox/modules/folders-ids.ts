/**
 * Folder ids of the non-mail default folders. OX uses numeric ids per
 * context; we derive them from the user id so every node agrees without a
 * lookup. Mail folders are `default0/<IMAP path>`.
 */
import { OxError } from '../envelope.ts';
import type { OxUser } from '../sessions.ts';

export const MAIL_ROOT = 'default0';
export const MAIL_PREFIX = 'default0/';

export function contactsFolderId(user: OxUser): string {
  return String(user.userId * 10 + 1);
}

/** The calendar folder's id in the legacy folder tree (config tree, import/export). */
export function calendarFolderNumber(user: OxUser): string {
  return String(user.userId * 10 + 2);
}

/** Chronos folder ids carry the account prefix. */
export function calendarFolderId(user: OxUser): string {
  return `cal://0/${calendarFolderNumber(user)}`;
}

export function driveFolderId(user: OxUser): string {
  return String(user.userId * 10 + 3);
}

/** Root folders and shared-user ids that chronos IDMangling passes through unmangled. */
const ROOT_FOLDER_IDS = new Set(['0', '1', '2', '3']);

/**
 * The account-relative folder id of a chronos folder id, as MW IDMangling
 * (com.openexchange.chronos.provider.composition.impl.idmangling) reads it:
 * root ids "0"–"3" and `u:` ids pass as-is; everything else must be
 * `cal://<account>/<folder>`, or it is CAL-4060 "Unsupported folder".
 */
export function relativeCalendarFolder(folder: string): { account: number; folder: string } {
  if (ROOT_FOLDER_IDS.has(folder) || folder.startsWith('u:')) return { account: 0, folder };
  const m = /^cal:\/\/(\d+)\/(.+)$/.exec(folder);
  if (!m) throw new OxError('CAL-4060', [folder, 'null']);
  return { account: Number(m[1]), folder: m[2]! };
}

/** The chronos folder id of the user's calendar, or an OX error: CAL-4060 for non-composite ids, FLD-0003 for unknown folders. */
export function checkChronosFolder(user: OxUser, folder: string): string {
  const relative = relativeCalendarFolder(folder);
  if (relative.account !== 0 || relative.folder !== calendarFolderNumber(user)) throw new OxError('FLD-0003', [folder]);
  return calendarFolderId(user);
}

/**
 * iCal import/export (MW ICalImporter/ICalExporter) resolve a bare numeric
 * folder through the legacy tree and a `cal://` id through chronos: both name the calendar.
 */
export function isCalendarFolder(user: OxUser, folder: string): boolean {
  return folder === calendarFolderId(user) || folder === calendarFolderNumber(user);
}

export function imapPath(folderId: string): string | undefined {
  return folderId.startsWith(MAIL_PREFIX) ? folderId.slice(MAIL_PREFIX.length) : undefined;
}
