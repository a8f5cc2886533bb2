/**
 * The node's own session table (in memory, never shared between nodes: a
 * session sent to the wrong node is unknown there, which is how a broken
 * stickiness shows as SES-0203).
 */
import { randomHex32 } from './cookies.ts';

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
  lastUsed: number;
}

export class SessionTable {
  readonly #sessions = new Map<string, OxSession>();
  readonly #idleMs: number;
  readonly #now: () => number;

  constructor(idleMs: number, now: () => number = Date.now) {
    this.#idleMs = idleMs;
    this.#now = now;
  }

  create(fields: Omit<OxSession, 'id' | 'secret' | 'publicId' | 'lastUsed'>): OxSession {
    const session: OxSession = { ...fields, id: randomHex32(), secret: randomHex32(), publicId: randomHex32(), lastUsed: this.#now() };
    this.#sessions.set(session.id, session);
    return session;
  }

  /** Returns the live session and touches it, or undefined when unknown or idle too long. */
  get(id: string): OxSession | undefined {
    const session = this.#sessions.get(id);
    if (!session) return undefined;
    const now = this.#now();
    if (now - session.lastUsed > this.#idleMs) {
      this.#sessions.delete(id);
      return undefined;
    }
    session.lastUsed = now;
    return session;
  }

  delete(id: string): OxSession | undefined {
    const session = this.#sessions.get(id);
    this.#sessions.delete(id);
    return session;
  }

  /** Drops idle sessions; returns how many are left. */
  sweep(): number {
    const now = this.#now();
    for (const [id, session] of this.#sessions) if (now - session.lastUsed > this.#idleMs) this.#sessions.delete(id);
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
