/**
 * The OX client a scenario uses: one session plus the module calls bound to
 * it, e.g. `ox.mail.threadedAll()`, sent as the UI of SIGNOFF_UI sends them
 * (see scenarios/README.md for the UI source of every request). One instance
 * per iteration, i.e. per user session; the account is the VU's own from the
 * pool unless given.
 */
import { accountForVu } from './accounts.ts';
import type { OxAccount } from './accounts.ts';
import type { OxOutcome } from './envelope.ts';
import * as bootModule from './modules/boot.ts';
import type { BootResult, DefaultFolders } from './modules/boot.ts';
import * as chronos from './modules/chronos.ts';
import type { DateRange, NewEvent } from './modules/chronos.ts';
import * as compose from './modules/compose.ts';
import * as contacts from './modules/contacts.ts';
import type { NewContact } from './modules/contacts.ts';
import * as drive from './modules/drive.ts';
import * as folders from './modules/folders.ts';
import * as mail from './modules/mail.ts';
import type { MailAttachment, MailListOptions } from './modules/mail.ts';
import * as quota from './modules/quota.ts';
import { OxSession } from './session.ts';
import type { LoginData } from './session.ts';
import { uiModel } from './ui-profile.ts';
import type { UiModel } from './ui-profile.ts';

export interface ObjectRef {
  id: string;
  folder: string;
}

export class OxClient {
  readonly session: OxSession;
  readonly ui: UiModel;
  #login: OxOutcome<LoginData> | undefined;
  #boot: BootResult | undefined;
  #learned: Partial<DefaultFolders> = {};
  /** The merged view, rebuilt only after boot() or learn(): every mail call reads it. */
  #merged: DefaultFolders | undefined;
  #api: ReturnType<typeof apis> | undefined;

  constructor(account: OxAccount = accountForVu(), ui: UiModel = uiModel) {
    this.session = new OxSession(account);
    this.ui = ui;
  }

  /** Default folders: what the boot revealed, completed by what later calls (allVisible) learned. */
  get folders(): DefaultFolders {
    if (this.#merged) return this.#merged;
    const merged: DefaultFolders = { ...(this.#boot?.folders ?? { inbox: this.#learned.inbox ?? bootModule.FALLBACK_INBOX }) };
    for (const [key, value] of Object.entries(this.#learned) as [keyof DefaultFolders, string | undefined][]) if (value !== undefined && merged[key] === undefined) merged[key] = value;
    return (this.#merged = merged);
  }

  set folders(folders: DefaultFolders) {
    this.#learned = { ...folders };
    this.#boot = undefined;
    this.#merged = undefined;
  }

  /** Folders learned after the boot (allVisible, the config path); the boot's own answers win. */
  learn(folders: Partial<DefaultFolders>): void {
    this.#learned = { ...this.#learned, ...folders };
    this.#merged = undefined;
  }

  /** The 8.x UI asks for the server config before it shows the login form; 7.10 gets it inside the rampup. */
  login(): OxOutcome<LoginData> {
    if (this.ui.ui === '8') bootModule.serverConfig(this.session);
    this.#login = this.session.login(bootModule.LOGIN_OPTIONS[this.ui.ui]);
    return this.#login;
  }

  autologin(): OxOutcome<LoginData> {
    return this.session.autologin();
  }

  logout(): OxOutcome {
    return this.session.logout();
  }

  boot(): BootResult {
    this.#boot = bootModule.boot(this.session, this.ui.ui, this.#login?.json);
    this.#merged = undefined;
    return this.#boot;
  }

  get folder() {
    return this.#apis().folder;
  }
  get mail() {
    return this.#apis().mail;
  }
  get chronos() {
    return this.#apis().chronos;
  }
  get contacts() {
    return this.#apis().contacts;
  }
  get drive() {
    return this.#apis().drive;
  }
  get quota() {
    return this.#apis().quota;
  }

  /** Built on first use: a session that makes no calls does not pay for the closures. */
  #apis(): ReturnType<typeof apis> {
    return (this.#api ??= apis(this));
  }
}

function apis(ox: OxClient) {
  return { folder: folderApi(ox), mail: mailApi(ox), chronos: chronosApi(ox), contacts: contactsApi(ox), drive: driveApi(ox), quota: quotaApi(ox) };
}

function folderApi(ox: OxClient) {
  return {
    list: (parent: string) => folders.list(ox.session, parent),
    get: (id: string) => folders.get(ox.session, id),
    allVisible: (contentType: 'calendar' | 'contacts' | 'tasks') => folders.allVisible(ox.session, contentType),
  };
}

function mailApi(ox: OxClient) {
  return {
    threadedAll: (folder: string = ox.folders.inbox) => mail.threadedAll(ox.session, folder),
    all: (folder: string = ox.folders.inbox, options?: MailListOptions) => mail.all(ox.session, folder, options),
    listView: (folder: string) => mail.listView(ox.session, folder),
    get: (folder: string, id: string) => mail.get(ox.session, folder, id),
    setFlag: (ref: ObjectRef, flags: number, value: boolean) => mail.setFlag(ox.session, ref.folder, ref.id, flags, value),
    remove: (refs: readonly ObjectRef[]) => mail.remove(ox.session, refs),
    /**
     * Sends an HTML mail through a composition space (SIGNOFF_MAIL_SEND=legacy
     * or with an attachment: `action=new`, plain text), then reloads the mail
     * folders as FE compose/api.js resetMailFolders does. `data` is the sent copy when the server named it.
     */
    send: (to: string, subject: string, body: string, attachment?: MailAttachment): OxOutcome<ObjectRef> => {
      const sent = ox.ui.mailSend === 'legacy' || attachment ? mail.send(ox.session, to, subject, body, attachment) : compose.compose(ox.session, { to, subject, html: `<p>${body}</p>` });
      if (!sent.ok) return { ok: false, status: sent.status, code: sent.code };
      const { inbox, sent: sentFolder, drafts } = ox.folders;
      folders.getMany(ox.session, [inbox, sentFolder, drafts].filter((id): id is string => id !== undefined));
      return { ok: true, status: sent.status, data: mail.refOfPath(sent.data) };
    },
  };
}

function calendarFolder(ox: OxClient): string | undefined {
  const id = ox.folders.calendar;
  return id === undefined ? undefined : chronos.calendarFolderId(id);
}

function chronosApi(ox: OxClient) {
  return {
    /** Opening the calendar app: the flat folder view (allVisible); it names the default calendar if the boot did not. */
    open: () => {
      const visible = folders.allVisible(ox.session, 'calendar');
      ox.learn({ calendar: folders.defaultOf(visible.data) });
      return visible;
    },
    all: (range: DateRange, folder: string | undefined = calendarFolder(ox)) => chronos.all(ox.session, range, folder),
    create: (event: NewEvent, folder: string | undefined = calendarFolder(ox)) =>
      folder === undefined ? missingFolder<Record<string, unknown>>('chronos.new', 'calendar') : chronos.create(ox.session, folder, event),
    remove: (events: readonly ObjectRef[]) => chronos.remove(ox.session, events),
  };
}

function contactsApi(ox: OxClient) {
  return {
    open: () => {
      const visible = folders.allVisible(ox.session, 'contacts');
      ox.learn({ contacts: folders.defaultOf(visible.data) });
      return visible;
    },
    all: (folder: string | undefined = ox.folders.contacts) => (folder === undefined ? missingFolder<unknown[][]>('contacts.all', 'contacts') : contacts.all(ox.session, folder)),
    create: (contact: NewContact, folder: string | undefined = ox.folders.contacts) =>
      folder === undefined ? missingFolder<{ id: string }>('contacts.new', 'contacts') : contacts.create(ox.session, folder, contact),
    remove: (refs: readonly ObjectRef[]) => contacts.remove(ox.session, refs),
  };
}

function driveApi(ox: OxClient) {
  return {
    /** Opening Drive: its default folder (from the boot, else the config path), then the list's first page. */
    open: () => {
      if (ox.folders.infostore === undefined) ox.learn({ infostore: bootModule.infostoreFromConfig(ox.session) });
      return ox.folders.infostore === undefined ? missingFolder<unknown[][]>('files.all', 'infostore') : drive.all(ox.session, ox.folders.infostore);
    },
    upload: (size: number, folder: string | undefined = ox.folders.infostore) =>
      folder === undefined ? missingFolder<string>('files.new', 'infostore') : drive.upload(ox.session, folder, size),
    all: (folder: string | undefined = ox.folders.infostore, page = 0) => (folder === undefined ? missingFolder<unknown[][]>('files.all', 'infostore') : drive.all(ox.session, folder, page)),
    download: (id: string, folder: string | undefined = ox.folders.infostore) =>
      folder === undefined ? missingFolder('files.document', 'infostore') : drive.download(ox.session, folder, id),
    remove: (refs: readonly ObjectRef[]) => drive.remove(ox.session, refs),
  };
}

function quotaApi(ox: OxClient) {
  return {
    get: (module?: string) => quota.get(ox.session, module),
  };
}

/** A call that cannot be made because the boot did not reveal the folder; no request, no metric. */
function missingFolder<T = unknown>(name: string, kind: string): OxOutcome<T> {
  console.warn(`signoff: ${name} skipped: the boot named no default ${kind} folder`);
  return { ok: false, status: 0, code: 'NO-FOLDER' };
}
