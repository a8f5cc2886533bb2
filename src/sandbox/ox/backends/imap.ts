/**
 * IMAP as the logged-in user, via imapflow. One connection per user per node,
 * reused by all of that user's sessions; folder message lists are cached and
 * revalidated cheaply (STATUS uidvalidity/uidnext/highestmodseq/messages) at
 * most every REVALIDATE_MS, and dropped on our own writes.
 */
import { readFileSync } from 'node:fs';
import { ImapFlow } from 'imapflow';
import type { FetchMessageObject, ListResponse, MessageStructureObject } from 'imapflow';
import type { OxNodeConfig } from '../../types.ts';
import { OxError } from '../envelope.ts';
import type { OxUser } from '../sessions.ts';

const REVALIDATE_MS = 500;
const FOLDER_LIST_TTL_MS = 5_000;

export type AddressPair = [string | null, string];

/** What the list view needs of one message, fetched once per folder state. */
export interface MessageRow {
  uid: number;
  flags: Set<string>;
  size: number;
  receivedMs: number;
  sentMs: number;
  from: AddressPair[];
  to: AddressPair[];
  cc: AddressPair[];
  bcc: AddressPair[];
  subject: string;
  hasAttachment: boolean;
  contentType: string;
  priority: number;
  dispositionNotificationTo: string;
  messageId: string;
  /** Threading (threadedAll): In-Reply-To and the References header's ids. */
  inReplyTo?: string;
  references?: string[];
}

export interface FolderState {
  key: string;
  rows: MessageRow[];
  /** Serialised responses by request shape (columns, sort, limits, zone). */
  rendered: Map<string, string>;
}

interface FolderCache {
  state: FolderState;
  checkedAt: number;
  pending?: Promise<FolderState>;
}

interface UserConnection {
  user: OxUser;
  password: string;
  client?: ImapFlow;
  connecting?: Promise<ImapFlow>;
  folders: Map<string, FolderCache>;
  list?: { at: number; folders: ListResponse[] };
  lastUsed: number;
}

export class ImapPool {
  readonly #config: OxNodeConfig['imap'];
  readonly #ca: Buffer | undefined;
  readonly #users = new Map<string, UserConnection>();

  constructor(config: OxNodeConfig['imap']) {
    this.#config = config;
    this.#ca = config.caFile ? readFileSync(config.caFile) : undefined;
  }

  #entry(user: OxUser, password: string): UserConnection {
    const key = `${user.contextId}/${user.uid}`;
    let entry = this.#users.get(key);
    if (!entry) {
      entry = { user, password, folders: new Map(), lastUsed: Date.now() };
      this.#users.set(key, entry);
    }
    entry.lastUsed = Date.now();
    return entry;
  }

  /** A newly changed password is used for the next (re)connect. */
  updatePassword(user: OxUser, password: string): void {
    this.#entry(user, password).password = password;
  }

  newClient(login: string, password: string): ImapFlow {
    return new ImapFlow({
      host: this.#config.host,
      port: this.#config.port,
      secure: false,
      doSTARTTLS: this.#config.secure === 'starttls' ? true : false,
      tls: this.#ca ? { ca: this.#ca } : {},
      auth: { user: login, pass: password },
      logger: false,
      disableAutoIdle: true,
    });
  }

  async #client(entry: UserConnection): Promise<ImapFlow> {
    if (entry.client?.usable) return entry.client;
    if (!entry.connecting) {
      // Login by e-mail: uids may repeat across contexts, addresses do not.
      const client = this.newClient(entry.user.email, entry.password);
      client.on('error', () => undefined);
      client.on('close', () => {
        if (entry.client === client) entry.client = undefined;
      });
      entry.connecting = client
        .connect()
        .then(() => {
          entry.client = client;
          return client;
        })
        .catch((error: unknown) => {
          const reason = (error as { authenticationFailed?: boolean }).authenticationFailed ? 'authentication failed' : (error as Error).message;
          throw new OxError('MSG-1000', [reason], { cause: error });
        })
        .finally(() => {
          entry.connecting = undefined;
        });
    }
    return entry.connecting;
  }

  /** Runs `work` with the user's connection, mapping IMAP failures to OX errors. */
  async with<T>(user: OxUser, password: string, work: (client: ImapFlow) => Promise<T>): Promise<T> {
    const entry = this.#entry(user, password);
    const client = await this.#client(entry);
    try {
      return await work(client);
    } catch (error) {
      if (error instanceof OxError) throw error;
      const text = (error as { responseText?: string }).responseText ?? (error as Error).message;
      throw new OxError('MSG-1001', [text], { cause: error });
    }
  }

  async listFolders(user: OxUser, password: string): Promise<ListResponse[]> {
    const entry = this.#entry(user, password);
    if (entry.list && Date.now() - entry.list.at < FOLDER_LIST_TTL_MS) return entry.list.folders;
    const folders = await this.with(user, password, (c) => c.list({ statusQuery: { messages: true, unseen: true, recent: true } }));
    entry.list = { at: Date.now(), folders };
    return folders;
  }

  /** The path of the folder with this special use (e.g. `\\Sent`), or the conventional name. */
  async specialFolder(user: OxUser, password: string, use: string, fallback: string): Promise<string> {
    const folders = await this.listFolders(user, password);
    return folders.find((f) => f.specialUse === use)?.path ?? fallback;
  }

  /** The message list of a folder, from cache when the mailbox did not change. */
  async folderState(user: OxUser, password: string, path: string): Promise<FolderState> {
    const entry = this.#entry(user, password);
    const cached = entry.folders.get(path);
    const now = Date.now();
    if (cached && now - cached.checkedAt < REVALIDATE_MS) return cached.state;
    if (cached?.pending) return cached.pending;
    const pending = this.#refresh(user, password, path, cached);
    if (cached) cached.pending = pending;
    try {
      const state = await pending;
      entry.folders.set(path, { state, checkedAt: Date.now() });
      return state;
    } catch (error) {
      entry.folders.delete(path);
      throw error;
    }
  }

  async #refresh(user: OxUser, password: string, path: string, cached: FolderCache | undefined): Promise<FolderState> {
    return this.with(user, password, async (client) => {
      // On the selected mailbox Dovecot answers STATUS from this session's view,
      // which misses mail delivered since: NOOP syncs the view first.
      if (client.mailbox && client.mailbox.path === path) await client.noop();
      const status = await client.status(path, { messages: true, uidNext: true, uidValidity: true, highestModseq: true }).catch((error: unknown) => {
        throw new OxError('FLD-0003', [`default0/${path}`], { cause: error });
      });
      if (!status) throw new OxError('FLD-0003', [`default0/${path}`]);
      const key = `${status.uidValidity}/${status.uidNext}/${status.highestModseq}/${status.messages}`;
      if (cached && cached.state.key === key) return cached.state;
      let rows: MessageRow[] = [];
      if ((status.messages ?? 0) > 0) {
        const lock = await client.getMailboxLock(path);
        try {
          const messages = await client.fetchAll(
            '1:*',
            { uid: true, flags: true, envelope: true, size: true, internalDate: true, bodyStructure: true, headers: ['x-priority', 'disposition-notification-to', 'references'] },
          );
          rows = messages.map(toRow);
        } finally {
          lock.release();
        }
      }
      return { key, rows, rendered: new Map() };
    });
  }

  /** Drops cached lists after our own writes (the next read refetches). */
  invalidate(user: OxUser, ...paths: string[]): void {
    const entry = this.#users.get(`${user.contextId}/${user.uid}`);
    if (!entry) return;
    for (const path of paths) entry.folders.delete(path);
    entry.list = undefined;
  }

  /** Invalidates a recipient's INBOX on this node after local delivery. */
  invalidateByEmail(email: string, path: string): void {
    const wanted = email.toLowerCase();
    for (const entry of this.#users.values()) if (entry.user.email.toLowerCase() === wanted) this.invalidate(entry.user, path);
  }

  /** Closes connections of users idle longer than `idleMs`. */
  sweep(idleMs: number): void {
    const now = Date.now();
    for (const [key, entry] of this.#users) {
      if (now - entry.lastUsed <= idleMs) continue;
      this.#users.delete(key);
      entry.client?.close();
    }
  }

  async close(): Promise<void> {
    for (const entry of this.#users.values()) entry.client?.close();
    this.#users.clear();
  }

  /** Health: the server greets on a fresh connection. */
  async check(): Promise<void> {
    const { connect } = await import('node:net');
    await new Promise<void>((resolve, reject) => {
      const socket = connect({ host: this.#config.host, port: this.#config.port });
      const timer = setTimeout(() => socket.destroy(new Error('IMAP greeting timeout')), 3_000);
      socket.once('data', (chunk) => {
        clearTimeout(timer);
        socket.end();
        if (chunk.toString().startsWith('* OK')) resolve();
        else reject(new Error(`unexpected IMAP greeting ${chunk.toString().slice(0, 40)}`));
      });
      socket.once('error', (error) => {
        clearTimeout(timer);
        reject(error);
      });
    });
  }
}

function pairs(addresses: { name?: string; address?: string }[] | undefined): AddressPair[] {
  return (addresses ?? []).map((a) => [a.name ? a.name : null, a.address ?? '']);
}

function headerValue(headers: Buffer | undefined, name: string): string {
  if (!headers) return '';
  const m = new RegExp(`^${name}:[ \\t]*(.*(?:\\r?\\n[ \\t].*)*)`, 'im').exec(headers.toString('utf8'));
  return m?.[1]?.replace(/\r?\n[ \t]+/g, ' ').trim() ?? '';
}

function hasAttachment(node: MessageStructureObject | undefined): boolean {
  if (!node) return false;
  if (node.disposition === 'attachment') return true;
  if (node.type === 'multipart/mixed' && (node.childNodes?.length ?? 0) > 1) return true;
  return (node.childNodes ?? []).some(hasAttachment);
}

function toRow(m: FetchMessageObject): MessageRow {
  const env = m.envelope;
  const received = m.internalDate ? new Date(m.internalDate).getTime() : 0;
  const priority = Number.parseInt(headerValue(m.headers, 'x-priority'), 10);
  return {
    uid: m.uid,
    flags: m.flags ?? new Set(),
    size: m.size ?? 0,
    receivedMs: received,
    sentMs: env?.date ? new Date(env.date).getTime() : received,
    from: pairs(env?.from),
    to: pairs(env?.to),
    cc: pairs(env?.cc),
    bcc: pairs(env?.bcc),
    subject: env?.subject ?? '',
    hasAttachment: hasAttachment(m.bodyStructure),
    contentType: m.bodyStructure?.type ?? 'text/plain',
    priority: Number.isFinite(priority) ? priority : 3,
    dispositionNotificationTo: headerValue(m.headers, 'disposition-notification-to'),
    messageId: env?.messageId ?? '',
    inReplyTo: env?.inReplyTo ?? '',
    references: headerValue(m.headers, 'references').match(/<[^>]+>/g) ?? [],
  };
}
