import type { SqliteDatabase } from './database.js';
import { completeFactSeries } from './sqlite-fact-ledger.js';

/**
 * The read model shares its file with the events, hence the `rm_` prefix.
 *
 * - `rm_generations`: AUTOINCREMENT so that the id of a dropped generation is never reused and a
 *   stale runner cannot write into its successor.
 * - `rm_documents` holds the current versions, so that current reads never touch the history;
 *   `rm_document_history` holds the versions they superseded, each with its validity
 *   `[valid_from, valid_to)`. A version is stored once: as of a position, the versions known are the
 *   current ones written at or before it and the superseded ones valid at it. A generation keeps the
 *   position of its last document write (`written`): a read as of a position at or after it reads
 *   the current versions alone. Projections' declared indexes are partial indexes on both tables,
 *   one per generation (see `SqliteDocuments.ensureIndexes`).
 * - Files written before kept every version in the history, the current ones open (`valid_to`
 *   NULL), and deletions as versions without data; reads pass over those rows. Their generations
 *   get `written` on open, from the history's index by `valid_from`, which is then dropped.
 * - Both document tables keep their rows in a table b-tree, beside the index of their key, rather
 *   than WITHOUT ROWID: there a row lives in an index page, where a document of more than about a
 *   kilobyte spills onto an overflow page of its own, which took the read models to several times
 *   the size of their data. Files written before keep their tables, which answer the same.
 * - `rm_facts` holds each fact once, keyed by (generation, position, index): that key makes replays
 *   harmless. For aggregation, facts are also counted in series, one per (generation, metric, day,
 *   dims) and one per (generation, metric, day) for queries that neither group nor filter by dims.
 *   A fact holds its series by dims and its measures only: the series holds its metric, day and
 *   dims. The series row holds the current totals and its first and last positions, so that only a
 *   series that straddles a position P is read otherwise.
 * - `rm_fact_running` keeps running totals of a series: at a fact, the totals of the series up to
 *   it. Not at every fact: a batch whose facts all lie above those stored before is a span
 *   (`rm_fact_spans`, its first and last positions), and each series it touches keeps running totals
 *   at its last fact of the span. Every other fact of such a series gets its own. "The series as
 *   known at P" is then its last running totals at or below P (one seek) plus its facts after them
 *   and at or below P, which all lie in the one span that straddles P: at most a batch of facts,
 *   read through the primary key. An aggregate thus reads one row per series, whatever the number
 *   of facts, and a fact costs its row and a share of its batch's running rows. Totals are JSON
 *   `[facts, { measure: sum }]`, so one seek returns both.
 * - Files written before facts named their series kept each fact's metric, time and dims, and
 *   running totals at every fact of a series by dims (and, before that, of a day series). On open,
 *   their facts are copied into the new table with their series, and their day series get running
 *   totals at every fact (`completeFactSeries`).
 * - `rm_fact_rewrites` counts the batches of a generation that were not spans: they stored facts at or
 *   below facts stored before, which a reader that follows the facts by position would miss.
 * - `rm_leases`: which process works on what (a projection), until `expires_at` (milliseconds since
 *   the epoch, by the clock of the machine: every process sharing the file runs on it). `token` is the
 *   fencing token: it grows whenever the lease is granted to a holder that did not hold it live, and a
 *   batch commits only under the current one. A released lease stays, expired, to keep its token.
 *   Files written before the token existed get the column at open.
 */
const SCHEMA = `
CREATE TABLE IF NOT EXISTS rm_generations (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  projection TEXT NOT NULL,
  version INTEGER NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('building', 'active', 'retired')),
  checkpoint INTEGER,
  created_at TEXT NOT NULL,
  written INTEGER
);
CREATE UNIQUE INDEX IF NOT EXISTS rm_generations_one_active ON rm_generations (projection) WHERE status = 'active';
CREATE INDEX IF NOT EXISTS rm_generations_projection ON rm_generations (projection, id);

CREATE TABLE IF NOT EXISTS rm_documents (
  generation INTEGER NOT NULL,
  id TEXT NOT NULL,
  position INTEGER NOT NULL,
  data TEXT NOT NULL,
  PRIMARY KEY (generation, id)
);

CREATE TABLE IF NOT EXISTS rm_document_history (
  generation INTEGER NOT NULL,
  id TEXT NOT NULL,
  valid_from INTEGER NOT NULL,
  valid_to INTEGER,
  data TEXT,
  PRIMARY KEY (generation, id, valid_from)
);

CREATE TABLE IF NOT EXISTS rm_facts (
  generation INTEGER NOT NULL,
  position INTEGER NOT NULL,
  idx INTEGER NOT NULL,
  series INTEGER NOT NULL,
  measures TEXT NOT NULL,
  PRIMARY KEY (generation, position, idx)
) WITHOUT ROWID;

CREATE TABLE IF NOT EXISTS rm_fact_spans (
  generation INTEGER NOT NULL,
  first_position INTEGER NOT NULL,
  last_position INTEGER NOT NULL,
  PRIMARY KEY (generation, first_position)
) WITHOUT ROWID;

CREATE TABLE IF NOT EXISTS rm_fact_series (
  id INTEGER PRIMARY KEY,
  generation INTEGER NOT NULL,
  metric TEXT NOT NULL,
  by_dims INTEGER NOT NULL,
  day INTEGER NOT NULL,
  week INTEGER NOT NULL,
  month INTEGER NOT NULL,
  dims TEXT NOT NULL,
  totals TEXT NOT NULL,
  first_position INTEGER NOT NULL,
  last_position INTEGER NOT NULL,
  last_index INTEGER NOT NULL,
  UNIQUE (generation, metric, by_dims, day, dims)
);

CREATE TABLE IF NOT EXISTS rm_fact_rewrites (
  generation INTEGER PRIMARY KEY,
  rewrites INTEGER NOT NULL
);

CREATE TABLE IF NOT EXISTS rm_fact_running (
  series INTEGER NOT NULL,
  position INTEGER NOT NULL,
  idx INTEGER NOT NULL,
  running TEXT NOT NULL,
  PRIMARY KEY (series, position, idx)
) WITHOUT ROWID;

CREATE TABLE IF NOT EXISTS rm_leases (
  name TEXT PRIMARY KEY,
  holder TEXT NOT NULL,
  expires_at INTEGER NOT NULL,
  token INTEGER NOT NULL DEFAULT 0
) WITHOUT ROWID;

CREATE TABLE IF NOT EXISTS rm_marks (
  recorded_at TEXT PRIMARY KEY,
  position INTEGER NOT NULL
) WITHOUT ROWID;
`;

/**
 * Creates the tables a file lacks. A file written before is brought up to date in one write
 * transaction; one already up to date is not locked for it.
 */
export function createReadStoreSchema(db: SqliteDatabase): void {
  if (isUpToDate(db)) db.exec(SCHEMA);
  else db.transaction(() => upgrade(db)).immediate();
}

/** The columns each table added since has, in a file that has the table. */
const ADDED_COLUMNS = [
  ['rm_facts', 'series'],
  ['rm_generations', 'written'],
  ['rm_leases', 'token'],
] as const;

function columnsOf(db: SqliteDatabase, table: string): string[] {
  return db.prepare<[string], string>('SELECT name FROM pragma_table_info(?)').pluck().all(table);
}

function isUpToDate(db: SqliteDatabase): boolean {
  return ADDED_COLUMNS.every(([table, column]) => {
    const columns = columnsOf(db, table);
    return columns.length === 0 || columns.includes(column);
  });
}

function upgrade(db: SqliteDatabase): void {
  const [facts, generations, leases] = ADDED_COLUMNS.map(([table, column]) => {
    const columns = columnsOf(db, table);
    return columns.length > 0 && !columns.includes(column);
  });
  if (facts) db.exec('ALTER TABLE rm_facts RENAME TO rm_facts_before');
  db.exec(SCHEMA);
  if (facts) {
    completeFactSeries(db, 'rm_facts_before');
    db.exec('DROP TABLE rm_facts_before');
  }
  if (generations) recordLastDocumentWrites(db);
  if (leases) db.exec('ALTER TABLE rm_leases ADD COLUMN token INTEGER NOT NULL DEFAULT 0');
}

/** Every write of a file written before left a version in the history, with its position as `valid_from`. */
function recordLastDocumentWrites(db: SqliteDatabase): void {
  db.exec(`ALTER TABLE rm_generations ADD COLUMN written INTEGER;
    UPDATE rm_generations SET written = (SELECT max(valid_from) FROM rm_document_history WHERE generation = rm_generations.id);
    DROP INDEX IF EXISTS rm_document_history_written;`);
}
