import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';

export type SqliteDatabase = Database.Database;

export interface OpenDatabaseOptions {
  /**
   * `true` (default): every commit is fsync'd before it is acknowledged (synchronous=FULL).
   * `false`: WAL with synchronous=NORMAL; a power cut may lose the last commits, never corrupt the file.
   */
  readonly durable?: boolean;
}

/** Opens (and creates) an SQLite file in WAL mode; each adapter holds its own connection. */
export function openDatabase(file: string, options: OpenDatabaseOptions = {}): SqliteDatabase {
  if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true });
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  db.pragma(`synchronous = ${options.durable === false ? 'NORMAL' : 'FULL'}`);
  db.pragma('busy_timeout = 5000');
  db.pragma('foreign_keys = ON');
  db.pragma('cache_size = -65536');
  db.defaultSafeIntegers(false);
  return db;
}
