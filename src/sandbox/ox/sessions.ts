/**
 * The node's own session table (in memory, never shared between nodes: a
 * session sent to the wrong node is unknown there, which is how a broken
 * stickiness shows as SES-0203).
 */
import { randomHex32 } from './cookies.ts';
import { OxError } from './envelope.ts';

/** com.openexchange.sessiond.maxSessionPerUser default (MW sessiond.properties). */
export const MAX_SESSIONS_PER_USER = 100;

export interface OxUser {
  /** The typed login, e.g. `anna.adler@1`. */
  login: string;
  /** User part (LDAP uid). */
  uid: string;
  contextId: number;
  userId: number;
  dn: string;
  email: string;
  displayName: string;
  givenName: string;
  surname: string;
  locale: string;
  timezone: string;
}

export interface OxSession {
  id: string;
  secret: string;
  publicId: string;
  user: OxUser;
  /** Kept in memory only, for IMAP LOGIN and LDAP modify as the user; never logged. */
  password: string;
  client: string;
  /** User-Agent at login: requests with the same one skip re-hashing the cookie name. */
  userAgent: string;
  hashA: string;
  hashB: string;
  jsessionId: string;
  staySignedIn: boolean;
  /** Client address at login; a later request from another one is refused with SES-0205 (IP check). */
  clientIp: string;
  lastUsed: number;
}

const userKey = (s: OxSession): string => `${s.user.contextId}/${s.user.userId}`;

export class SessionTable {
  readonly #sessions = new Map<string, OxSession>();
  /** Session ids per user, for the per-user cap. */
  readonly #byUser = new Map<string, Set<string>>();
  readonly #idleMs: number;
  readonly #now: () => number;
  readonly #maxPerUser: number;

  constructor(idleMs: number, now: () => number = Date.now, maxPerUser = MAX_SESSIONS_PER_USER) {
    this.#idleMs = idleMs;
    this.#now = now;
    this.#maxPerUser = maxPerUser;
  }

  /** Adds a session; SES-0007 when the user already holds maxSessionPerUser live ones (like sessiond). */
  create(fields: Omit<OxSession, 'id' | 'secret' | 'publicId' | 'lastUsed'>): OxSession {
    const key = `${fields.user.contextId}/${fields.user.userId}`;
    const ids = this.#byUser.get(key);
    if (ids && ids.size >= this.#maxPerUser) {
      for (const id of ids) this.get(id); // drops the idle ones first
      if (ids.size >= this.#maxPerUser) throw new OxError('SES-0007', [fields.user.userId, fields.user.contextId]);
    }
    const session: OxSession = { ...fields, id: randomHex32(), secret: randomHex32(), publicId: randomHex32(), lastUsed: this.#now() };
    this.#sessions.set(session.id, session);
    if (ids) ids.add(session.id);
    else this.#byUser.set(key, new Set([session.id]));
    return session;
  }

  #remove(session: OxSession): void {
    this.#sessions.delete(session.id);
    const key = userKey(session);
    const ids = this.#byUser.get(key);
    ids?.delete(session.id);
    if (ids?.size === 0) this.#byUser.delete(key);
  }

  /** Returns the live session and touches it, or undefined when unknown or idle too long. */
  get(id: string): OxSession | undefined {
    const session = this.#sessions.get(id);
    if (!session) return undefined;
    const now = this.#now();
    if (now - session.lastUsed > this.#idleMs) {
      this.#remove(session);
      return undefined;
    }
    session.lastUsed = now;
    return session;
  }

  delete(id: string): OxSession | undefined {
    const session = this.#sessions.get(id);
    if (session) this.#remove(session);
    return session;
  }

  /** Drops idle sessions; returns how many are left. */
  sweep(): number {
    const now = this.#now();
    for (const session of [...this.#sessions.values()]) if (now - session.lastUsed > this.#idleMs) this.#remove(session);
    return this.#sessions.size;
  }

  get size(): number {
    return this.#sessions.size;
  }

  /** Other sessions of the same user (password change updates their stored password). */
  ofUser(contextId: number, uid: string): OxSession[] {
    return [...this.#sessions.values()].filter((s) => s.user.contextId === contextId && s.user.uid === uid);
  }
}
