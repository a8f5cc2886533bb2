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
  #folder: ReturnType<typeof folderApi> | undefined;
  #mail: ReturnType<typeof mailApi> | undefined;
  #chronos: ReturnType<typeof chronosApi> | undefined;
  #contacts: ReturnType<typeof contactsApi> | undefined;
  #drive: ReturnType<typeof driveApi> | undefined;
  #quota: ReturnType<typeof quotaApi> | undefined;
  /** Filled by boot() (decoded from its answer when first read); until then only the inbox fallback is known. */
  #folders: DefaultFolders | BootResult = bootModule.defaultFoldersOf(undefined);

  get folders(): DefaultFolders {
    const folders = this.#folders;
    return 'outcome' in folders ? folders.folders : folders;
  }

  set folders(folders: DefaultFolders) {
    this.#folders = folders;
  }

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
    this.#folders = result;
    return result;
  }

  /** Built on first use: a session that never calls folder does not pay for its closures. */
  get folder(): ReturnType<typeof folderApi> {
    return (this.#folder ??= folderApi(this));
  }

  /** Built on first use: a session that never calls mail does not pay for its closures. */
  get mail(): ReturnType<typeof mailApi> {
    return (this.#mail ??= mailApi(this));
  }

  /** Built on first use: a session that never calls chronos does not pay for its closures. */
  get chronos(): ReturnType<typeof chronosApi> {
    return (this.#chronos ??= chronosApi(this));
  }

  /** Built on first use: a session that never calls contacts does not pay for its closures. */
  get contacts(): ReturnType<typeof contactsApi> {
    return (this.#contacts ??= contactsApi(this));
  }

  /** Built on first use: a session that never calls drive does not pay for its closures. */
  get drive(): ReturnType<typeof driveApi> {
    return (this.#drive ??= driveApi(this));
  }

  /** Built on first use: a session that never calls quota does not pay for its closures. */
  get quota(): ReturnType<typeof quotaApi> {
    return (this.#quota ??= quotaApi(this));
  }
}

function folderApi(ox: OxClient) {
  return {
    root: () => folders.root(ox.session),
    list: (parent: string) => folders.list(ox.session, parent),
  };
}

function mailApi(ox: OxClient) {
  return {
    all: (folder: string = ox.folders.inbox, options?: MailListOptions) => mail.all(ox.session, folder, options),
    get: (folder: string, id: string) => mail.get(ox.session, folder, id),
    send: (to: string, subject: string, body: string, attachment?: MailAttachment) => mail.send(ox.session, to, subject, body, attachment),
  };
}

function chronosApi(ox: OxClient) {
  return {
    all: (range: DateRange, folder: string | undefined = ox.folders.calendar) => chronos.all(ox.session, range, folder),
    create: (event: NewEvent, folder: string | undefined = ox.folders.calendar) =>
      folder === undefined ? missingFolder('chronos.new', 'calendar') : chronos.create(ox.session, folder, event),
  };
}

function contactsApi(ox: OxClient) {
  return {
    all: (folder: string | undefined = ox.folders.contacts) => (folder === undefined ? missingFolder('contacts.all', 'contacts') : contacts.all(ox.session, folder)),
    create: (contact: NewContact, folder: string | undefined = ox.folders.contacts) =>
      folder === undefined ? missingFolder('contacts.new', 'contacts') : contacts.create(ox.session, folder, contact),
  };
}

function driveApi(ox: OxClient) {
  return {
    upload: (size: number, folder: string | undefined = ox.folders.infostore) =>
      folder === undefined ? missingFolder('infostore.new', 'infostore') : drive.upload(ox.session, folder, size),
    all: (folder: string | undefined = ox.folders.infostore) => (folder === undefined ? missingFolder('infostore.all', 'infostore') : drive.all(ox.session, folder)),
    download: (id: string, folder: string | undefined = ox.folders.infostore) =>
      folder === undefined ? missingFolder('infostore.document', 'infostore') : drive.download(ox.session, folder, id),
  };
}

function quotaApi(ox: OxClient) {
  return {
    get: (module?: string) => quota.get(ox.session, module),
  };
}

/** A call that cannot be made because boot() did not reveal the folder; no request, no metric. */
function missingFolder<T>(name: string, kind: string): OxOutcome<T> {
  console.warn(`signoff: ${name} skipped: the boot batch named no default ${kind} folder`);
  return { ok: false, status: 0, code: 'NO-FOLDER' };
}
