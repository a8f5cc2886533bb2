/**
 * Shared data of all nodes (contacts, events, drive metadata, composition spaces, jslob, time
 * zones) in one SQLite file under dataDir, opened by every node in WAL mode so
 * a write on one node is visible on the others. Drive bytes live beside it.
 */
import { mkdirSync } from 'node:fs';
import { readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import type { StatementSync } from 'node:sqlite';

/** `compose`: mail composition spaces (shared so any node can continue a space). */
export type ObjectKind = 'contact' | 'event' | 'file' | 'compose';

export interface StoredObject<T> {
  id: number;
  folder: string;
  modified: number;
  data: T;
}

interface Row {
  id: number;
  folder: string;
  modified: number;
  data: string;
}

export class Store {
  readonly #db: DatabaseSync;
  readonly #filesDir: string;
  readonly #insert: StatementSync;
  readonly #update: StatementSync;
  readonly #byFolder: StatementSync;
  readonly #byId: StatementSync;
  readonly #delete: StatementSync;
  readonly #jslobGet: StatementSync;
  readonly #jslobAll: StatementSync;
  readonly #jslobSet: StatementSync;
  readonly #tzGet: StatementSync;
  readonly #tzSet: StatementSync;

  constructor(dataDir: string) {
    mkdirSync(dataDir, { recursive: true });
    this.#filesDir = join(dataDir, 'drive');
    mkdirSync(this.#filesDir, { recursive: true });
    this.#db = new DatabaseSync(join(dataDir, 'appsuite.sqlite'), { timeout: 5_000 });
    this.#db.exec(`
      PRAGMA journal_mode = WAL;
      PRAGMA busy_timeout = 5000;
      PRAGMA synchronous = NORMAL;
      CREATE TABLE IF NOT EXISTS objects (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        kind TEXT NOT NULL, cid INTEGER NOT NULL, folder TEXT NOT NULL,
        modified INTEGER NOT NULL, data TEXT NOT NULL);
      CREATE INDEX IF NOT EXISTS objects_folder ON objects(kind, cid, folder);
      CREATE TABLE IF NOT EXISTS jslob (
        cid INTEGER NOT NULL, user_id INTEGER NOT NULL, id TEXT NOT NULL, tree TEXT NOT NULL,
        PRIMARY KEY (cid, user_id, id));
      CREATE TABLE IF NOT EXISTS timezones (tzid TEXT PRIMARY KEY, vtimezone TEXT NOT NULL);
    `);
    this.#insert = this.#db.prepare('INSERT INTO objects (kind, cid, folder, modified, data) VALUES (?, ?, ?, ?, ?) RETURNING id');
    this.#update = this.#db.prepare('UPDATE objects SET folder = ?, modified = ?, data = ? WHERE kind = ? AND cid = ? AND id = ?');
    this.#byFolder = this.#db.prepare('SELECT id, folder, modified, data FROM objects WHERE kind = ? AND cid = ? AND folder = ? ORDER BY id');
    this.#byId = this.#db.prepare('SELECT id, folder, modified, data FROM objects WHERE kind = ? AND cid = ? AND id = ?');
    this.#delete = this.#db.prepare('DELETE FROM objects WHERE kind = ? AND cid = ? AND id = ?');
    this.#jslobGet = this.#db.prepare('SELECT tree FROM jslob WHERE cid = ? AND user_id = ? AND id = ?');
    this.#jslobAll = this.#db.prepare('SELECT id, tree FROM jslob WHERE cid = ? AND user_id = ? ORDER BY id');
    this.#jslobSet = this.#db.prepare('INSERT INTO jslob (cid, user_id, id, tree) VALUES (?, ?, ?, ?) ON CONFLICT (cid, user_id, id) DO UPDATE SET tree = excluded.tree');
    this.#tzGet = this.#db.prepare('SELECT vtimezone FROM timezones WHERE tzid = ?');
    this.#tzSet = this.#db.prepare('INSERT INTO timezones (tzid, vtimezone) VALUES (?, ?) ON CONFLICT (tzid) DO UPDATE SET vtimezone = excluded.vtimezone');
  }

  insert<T>(kind: ObjectKind, cid: number, folder: string, data: T, modified = Date.now()): StoredObject<T> {
    const row = this.#insert.get(kind, cid, folder, modified, JSON.stringify(data)) as { id: number };
    return { id: row.id, folder, modified, data };
  }

  update<T>(kind: ObjectKind, cid: number, id: number, folder: string, data: T, modified = Date.now()): void {
    this.#update.run(folder, modified, JSON.stringify(data), kind, cid, id);
  }

  list<T>(kind: ObjectKind, cid: number, folder: string): StoredObject<T>[] {
    return (this.#byFolder.all(kind, cid, folder) as unknown as Row[]).map(parseRow<T>);
  }

  get<T>(kind: ObjectKind, cid: number, id: number): StoredObject<T> | undefined {
    const row = this.#byId.get(kind, cid, id) as unknown as Row | undefined;
    return row ? parseRow<T>(row) : undefined;
  }

  delete(kind: ObjectKind, cid: number, id: number): boolean {
    return Number(this.#delete.run(kind, cid, id).changes) > 0;
  }

  jslobGet(cid: number, userId: number, id: string): unknown {
    const row = this.#jslobGet.get(cid, userId, id) as { tree: string } | undefined;
    return row ? JSON.parse(row.tree) : undefined;
  }

  jslobAll(cid: number, userId: number): { id: string; tree: unknown }[] {
    return (this.#jslobAll.all(cid, userId) as { id: string; tree: string }[]).map((r) => ({ id: r.id, tree: JSON.parse(r.tree) }));
  }

  jslobSet(cid: number, userId: number, id: string, tree: unknown): void {
    this.#jslobSet.run(cid, userId, id, JSON.stringify(tree));
  }

  timezone(tzid: string): string | undefined {
    return (this.#tzGet.get(tzid) as { vtimezone: string } | undefined)?.vtimezone;
  }

  saveTimezone(tzid: string, vtimezone: string): void {
    this.#tzSet.run(tzid, vtimezone);
  }

  async writeFileBytes(id: number, bytes: Buffer): Promise<void> {
    await writeFile(join(this.#filesDir, String(id)), bytes);
  }

  async deleteFileBytes(id: number): Promise<void> {
    await rm(join(this.#filesDir, String(id)), { force: true });
  }

  async readFileBytes(id: number): Promise<Buffer> {
    return readFile(join(this.#filesDir, String(id)));
  }

  close(): void {
    this.#db.close();
  }
}

function parseRow<T>(row: Row): StoredObject<T> {
  return { id: Number(row.id), folder: row.folder, modified: Number(row.modified), data: JSON.parse(row.data) as T };
}
