/**
 * The OX client a scenario uses: one session plus the module calls bound to
 * it, e.g. `ox.mail.all(inbox)`. One instance per iteration, i.e. per user
 * session; the account is the VU's own from the pool unless given.
 */
import { accountForVu } from './accounts.ts';
import type { OxAccount } from './accounts.ts';
import type { OxOutcome } from './envelope.ts';
import * as bootModule from './modules/boot.ts';
import type { BootResult, DefaultFolders } from './modules/boot.ts';
import * as chronos from './modules/chronos.ts';
import type { DateRange, NewEvent } from './modules/chronos.ts';
import * as contacts from './modules/contacts.ts';
import type { NewContact } from './modules/contacts.ts';
import * as drive from './modules/drive.ts';
import * as folders from './modules/folders.ts';
import * as mail from './modules/mail.ts';
import type { MailAttachment, MailListOptions } from './modules/mail.ts';
import * as quota from './modules/quota.ts';
import { OxSession } from './session.ts';
import type { LoginData } from './session.ts';

export class OxClient {
  readonly session: OxSession;
  /** Filled by boot(); until then only the inbox fallback is known. */
  folders: DefaultFolders = bootModule.defaultFoldersOf(undefined);

  constructor(account: OxAccount = accountForVu()) {
    this.session = new OxSession(account);
  }

  login(): OxOutcome<LoginData> {
    return this.session.login();
  }

  autologin(): OxOutcome<LoginData> {
    return this.session.autologin();
  }

  logout(): OxOutcome {
    return this.session.logout();
  }

  boot(): BootResult {
    const result = bootModule.boot(this.session);
    this.folders = result.folders;
    return result;
  }

  readonly folder = {
    root: () => folders.root(this.session),
    list: (parent: string) => folders.list(this.session, parent),
  };

  readonly mail = {
    all: (folder: string = this.folders.inbox, options?: MailListOptions) => mail.all(this.session, folder, options),
    get: (folder: string, id: string) => mail.get(this.session, folder, id),
    send: (to: string, subject: string, body: string, attachment?: MailAttachment) => mail.send(this.session, to, subject, body, attachment),
  };

  readonly chronos = {
    all: (range: DateRange, folder: string | undefined = this.folders.calendar) => chronos.all(this.session, range, folder),
    create: (event: NewEvent, folder: string | undefined = this.folders.calendar) =>
      folder === undefined ? missingFolder('chronos.new', 'calendar') : chronos.create(this.session, folder, event),
  };

  readonly contacts = {
    all: (folder: string | undefined = this.folders.contacts) => (folder === undefined ? missingFolder('contacts.all', 'contacts') : contacts.all(this.session, folder)),
    create: (contact: NewContact, folder: string | undefined = this.folders.contacts) =>
      folder === undefined ? missingFolder('contacts.new', 'contacts') : contacts.create(this.session, folder, contact),
  };

  readonly drive = {
    upload: (size: number, folder: string | undefined = this.folders.infostore) =>
      folder === undefined ? missingFolder('infostore.new', 'infostore') : drive.upload(this.session, folder, size),
    all: (folder: string | undefined = this.folders.infostore) => (folder === undefined ? missingFolder('infostore.all', 'infostore') : drive.all(this.session, folder)),
    download: (id: string, folder: string | undefined = this.folders.infostore) =>
      folder === undefined ? missingFolder('infostore.document', 'infostore') : drive.download(this.session, folder, id),
  };

  readonly quota = {
    get: (module?: string) => quota.get(this.session, module),
  };
}

/** A call that cannot be made because boot() did not reveal the folder; no request, no metric. */
function missingFolder<T>(name: string, kind: string): OxOutcome<T> {
  console.warn(`signoff: ${name} skipped: the boot batch named no default ${kind} folder`);
  return { ok: false, status: 0, code: 'NO-FOLDER' };
}
