/**
 * Folder ids of the non-mail default folders. OX uses numeric ids per
 * context; we derive them from the user id so every node agrees without a
 * lookup. Mail folders are `default0/<IMAP path>`.
 */
import type { OxUser } from '../sessions.ts';

export const MAIL_ROOT = 'default0';
export const MAIL_PREFIX = 'default0/';

export function contactsFolderId(user: OxUser): string {
  return String(user.userId * 10 + 1);
}

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

/** Accepts both `cal://0/<n>` and the bare number for the calendar folder. */
export function isCalendarFolder(user: OxUser, folder: string): boolean {
  return folder === calendarFolderId(user) || folder === calendarFolderNumber(user);
}

export function imapPath(folderId: string): string | undefined {
  return folderId.startsWith(MAIL_PREFIX) ? folderId.slice(MAIL_PREFIX.length) : undefined;
}
