import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fixtureEvent } from '../../../test/support/audit.js';
import { BUSY_TIMEOUT_MS, openDatabase, writeIfUnlocked, writeWhenUnlocked, type SqliteDatabase } from './database.js';
import { SqliteEventStore } from './sqlite-event-store.js';
import { SqliteReadStore } from './sqlite-read-store.js';

/*
 * Another connection's write lock must not block this thread: SQLite's busy handler would sleep in it,
 * and the thread's other work (deciding commands, serving reads) would stop meanwhile.
 */

/** Resolves after `milliseconds` of timers: only when the thread is free to run them. */
const turnsOfTheThread = (milliseconds: number) => new Promise((resolve) => setTimeout(resolve, milliseconds));

describe('writes while another connection holds the write lock', () => {
  let dir: string;
  let file: string;
  let other: SqliteDatabase;

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'write-lock-'));
    file = join(dir, 'store.sqlite');
    other = openDatabase(file);
    other.exec('CREATE TABLE IF NOT EXISTS notes (text TEXT)');
  });

  afterEach(() => {
    if (other.inTransaction) other.exec('ROLLBACK');
    other.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const holdTheLock = () => other.exec('BEGIN IMMEDIATE');
  const releaseTheLock = () => other.exec('COMMIT');

  it('writeIfUnlocked answers at once that the lock is taken, and leaves the busy timeout as it was', () => {
    const db = openDatabase(file);
    try {
      holdTheLock();
      expect(writeIfUnlocked(db, () => db.transaction(() => db.exec("INSERT INTO notes VALUES ('a')")).immediate())).toBeUndefined();
      expect(db.pragma('busy_timeout', { simple: true })).toBe(BUSY_TIMEOUT_MS);
      releaseTheLock();
      expect(writeIfUnlocked(db, () => db.transaction(() => db.prepare("INSERT INTO notes VALUES ('b')").run().changes).immediate())).toEqual({ written: 1 });
    } finally {
      db.close();
    }
  });

  it('writeIfUnlocked waits for the lock as SQLite does once the busy timeout has passed since the first try, and fails as it does', () => {
    const db = openDatabase(file);
    try {
      holdTheLock();
      const write = () => db.transaction(() => db.exec("INSERT INTO notes VALUES ('a')")).immediate();
      expect(writeIfUnlocked(db, write, Date.now())).toBeUndefined();
      expect(() => writeIfUnlocked(db, write, Date.now() - BUSY_TIMEOUT_MS)).toThrow(expect.objectContaining({ code: 'SQLITE_BUSY' }));
    } finally {
      db.close();
    }
  });

  it('writeIfUnlocked passes on any other failure of the write', () => {
    const db = openDatabase(file);
    try {
      expect(() => writeIfUnlocked(db, () => db.exec('INSERT INTO missing VALUES (1)'))).toThrow(/no such table/);
      expect(db.pragma('busy_timeout', { simple: true })).toBe(BUSY_TIMEOUT_MS);
    } finally {
      db.close();
    }
  });

  it('writeWhenUnlocked waits with the thread free, and writes once the lock is released', async () => {
    const db = openDatabase(file);
    try {
      holdTheLock();
      let written = false;
      const writing = writeWhenUnlocked(db, () => db.transaction(() => db.exec("INSERT INTO notes VALUES ('a')")).immediate()).then(() => (written = true));
      await turnsOfTheThread(30);
      expect(written).toBe(false);
      releaseTheLock();
      await writing;
      expect(other.prepare('SELECT count(*) FROM notes').pluck().get()).toBe(1);
    } finally {
      db.close();
    }
  });

  it('an append waits with the thread free, and the appends that came meanwhile commit in its group', async () => {
    const events = SqliteEventStore.open({ file, durable: false });
    try {
      holdTheLock();
      const first = events.append('thing-1', [fixtureEvent('ThingHappened', { n: 1 }, 'a', '2026-01-05T09:00:00.000Z')]);
      await turnsOfTheThread(20);
      const second = events.append('thing-2', [fixtureEvent('ThingHappened', { n: 2 }, 'a', '2026-01-05T09:00:00.000Z')]);
      await turnsOfTheThread(20);
      expect(await events.headPosition()).toBeUndefined();
      releaseTheLock();
      const [one, two] = await Promise.all([first, second]);
      expect(two.position).toBe(one.position + 1n);
      const recordedAt = other.prepare('SELECT DISTINCT recorded_at FROM events').pluck().all();
      expect(recordedAt).toHaveLength(1);
    } finally {
      await events.close();
    }
  });

  it('a read model commit waits with the thread free, and commits once the lock is released', async () => {
    const reads = SqliteReadStore.open({ file });
    try {
      const generation = (await reads.beginGeneration('notes', 1)).id;
      holdTheLock();
      let committed = false;
      const committing = reads
        .commit({ generation, documents: [{ id: 'a', position: 1n, data: { text: 'a' } }], facts: [], marks: [], checkpoint: 1n })
        .then(() => (committed = true));
      await turnsOfTheThread(30);
      expect(committed).toBe(false);
      releaseTheLock();
      await committing;
      expect((await reads.get('notes', 'a'))?.data).toEqual({ text: 'a' });
    } finally {
      await reads.close();
    }
  });
});
