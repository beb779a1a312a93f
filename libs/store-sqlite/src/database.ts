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

/** Texts of built SQL a connection keeps prepared: the shapes of the queries the read routes ask, with room to spare. */
const PREPARED_TEXTS = 512;

/**
 * The statements of queries whose SQL is built per call (a metric's aggregate, a page of documents),
 * prepared once per text and kept while in use: preparing one took as long as running it. Each is
 * run to its end (`all`, `get`) before it can be asked for again, never left iterating.
 */
export class PreparedTexts {
  private readonly byText = new Map<string, Database.Statement>();

  constructor(private readonly db: SqliteDatabase) {}

  of<P extends unknown[], R>(sql: string): Database.Statement<P, R> {
    const known = this.byText.get(sql);
    if (known !== undefined) {
      this.byText.delete(sql);
      this.byText.set(sql, known);
      return known as Database.Statement<P, R>;
    }
    const statement = this.db.prepare<P, R>(sql);
    this.byText.set(sql, statement as Database.Statement);
    if (this.byText.size > PREPARED_TEXTS) this.byText.delete(this.byText.keys().next().value!);
    return statement;
  }
}

/** The row counts a `MultiRowInsert` prepares a statement for: any number of rows is a sum of them, largest first. */
const ROWS_PER_STATEMENT = [64, 16, 4, 1] as const;

/**
 * An INSERT of many rows in one statement instead of one statement per row: SQLite's work per row
 * stays, the call into it and the binding are shared. 1,000 fact rows took 0.6–0.9 µs each this way
 * against 1.3 µs one by one.
 */
export class MultiRowInsert {
  private readonly statements: ReadonlyMap<number, Database.Statement<[unknown[]]>>;

  /** `head` is the statement up to its VALUES, `tail` what follows them (an upsert's ON CONFLICT clause). */
  constructor(
    db: SqliteDatabase,
    head: string,
    private readonly columns: number,
    tail = '',
  ) {
    const row = `(${Array(columns).fill('?').join(', ')})`;
    this.statements = new Map(ROWS_PER_STATEMENT.map((rows) => [rows, db.prepare<[unknown[]]>(`${head} VALUES ${Array(rows).fill(row).join(', ')} ${tail}`)]));
  }

  /** Inserts `values`, the rows' values one row after the other, `columns` per row. */
  run(values: readonly unknown[]): void {
    let next = 0;
    for (const rows of ROWS_PER_STATEMENT) {
      const width = rows * this.columns;
      const statement = this.statements.get(rows)!;
      for (; values.length - next >= width; next += width) statement.run(values.slice(next, next + width));
    }
  }
}

/** How long a connection waits for another's write lock before its write fails with SQLITE_BUSY. */
export const BUSY_TIMEOUT_MS = 5000;

/** Opens (and creates) an SQLite file in WAL mode; each adapter holds its own connection. */
export function openDatabase(file: string, options: OpenDatabaseOptions = {}): SqliteDatabase {
  if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true });
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  db.pragma(`synchronous = ${options.durable === false ? 'NORMAL' : 'FULL'}`);
  db.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
  db.pragma('foreign_keys = ON');
  db.pragma('cache_size = -65536');
  db.defaultSafeIntegers(false);
  return db;
}

/**
 * Runs `write`, which takes the write lock first, without waiting for the lock: undefined when another
 * connection holds it, for the caller to try again with its thread free meanwhile. SQLite's busy
 * handler would sleep in this thread, and no other work of the thread could run meanwhile. Once the
 * busy timeout has passed since the caller's first try, `waitingSince`, it waits for the lock as
 * SQLite does.
 */
export function writeIfUnlocked<T>(db: SqliteDatabase, write: () => T, waitingSince?: number): { readonly written: T } | undefined {
  if (waitingSince !== undefined && Date.now() - waitingSince >= BUSY_TIMEOUT_MS) return { written: write() };
  db.pragma('busy_timeout = 0');
  try {
    return { written: write() };
  } catch (error) {
    if ((error as { code?: unknown }).code === 'SQLITE_BUSY') return undefined;
    throw error;
  } finally {
    db.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
  }
}

/**
 * Runs `write`, which takes the write lock first, once no other connection holds the lock: it tries
 * again every millisecond with the thread free meanwhile, and after the busy timeout waits for the lock
 * as SQLite does.
 */
export async function writeWhenUnlocked<T>(db: SqliteDatabase, write: () => T): Promise<T> {
  const since = Date.now();
  for (;;) {
    const attempt = writeIfUnlocked(db, write, since);
    if (attempt !== undefined) return attempt.written;
    await new Promise((resolve) => setTimeout(resolve, 1));
  }
}
