/** What several scenarios share: the UI's auto-refresh and the marker of mails a load session sent. */
import type { OxClient } from '../../src/k6/index.ts';

/** Subject prefix of every mail a load session sends; the receiving session deletes such mails from its inbox. */
export const LOAD_MAIL_MARKER = '[signoff-load]';

/**
 * FE 7.10 auto-refresh (`refresh^` every refreshInterval): the mail app
 * (autoStart io.ox/mail/main, always loaded) reloads its list and the
 * folder tree reloads the mail folders.
 */
export function refreshMail(ox: OxClient): void {
  ox.mail.threadedAll();
  ox.folder.list('default0');
}
