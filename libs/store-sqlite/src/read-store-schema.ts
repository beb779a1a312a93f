import type { SqliteDatabase } from './database.js';

/**
 * The read model shares its file with the events, hence the `rm_` prefix.
 *
 * - `rm_generations`: AUTOINCREMENT so that the id of a dropped generation is never reused and a
 *   stale runner cannot write into its successor.
 * - `rm_documents` holds only the current versions, so that current reads never touch the history;
 *   `rm_document_history` holds every version with its validity `[valid_from, valid_to)`. Its index
 *   by `valid_from` tells in one seek whether anything was written after a position: if not, a read
 *   as of it reads the current versions. Projections' declared indexes are partial indexes on both
 *   tables, one per generation (see `SqliteDocuments.ensureIndexes`).
 * - Both document tables keep their rows in a table b-tree, beside the index of their key, rather
 *   than WITHOUT ROWID: there a row lives in an index page, where a document of more than about a
 *   kilobyte spills onto an overflow page of its own, which took the read models to several times
 *   the size of their data. Files written before keep their tables, which answer the same.
 * - `rm_facts` holds each fact once, keyed by (generation, position, index): that key makes replays
 *   harmless. For aggregation, facts are also counted in series, one per (generation, metric, day,
 *   dims) and one per (generation, metric, day) for queries that neither group nor filter by dims.
 *   `rm_fact_running` keeps, for each fact of a series by dims, the running totals of the series up
 *   to it, so "the series as known at P" is one index seek (its last fact at or below P) instead of
 *   a sum over its facts. The series row holds the current totals and its first and last positions,
 *   so only a series that straddles P needs that seek. An aggregate thus reads one row per series,
 *   whatever the number of facts. Totals are JSON `[facts, { measure: sum }]`, so one seek returns
 *   both.
 * - A day series keeps no running totals: a day that straddles P is read from its series by dims.
 *   That halves the running rows a fact costs; a query as of P then reads at most as many series as
 *   a query by dims does. Files written before kept running rows for day series too; they are
 *   simply no longer read.
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
  created_at TEXT NOT NULL
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
CREATE INDEX IF NOT EXISTS rm_document_history_written ON rm_document_history (generation, valid_from);

CREATE TABLE IF NOT EXISTS rm_facts (
  generation INTEGER NOT NULL,
  position INTEGER NOT NULL,
  idx INTEGER NOT NULL,
  metric TEXT NOT NULL,
  occurred_at TEXT NOT NULL,
  dims TEXT NOT NULL,
  measures TEXT NOT NULL,
  PRIMARY KEY (generation, position, idx)
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

export function createReadStoreSchema(db: SqliteDatabase): void {
  db.exec(SCHEMA);
  const leaseColumns = db.prepare<[], string>("SELECT name FROM pragma_table_info('rm_leases')").pluck().all();
  if (!leaseColumns.includes('token')) db.exec('ALTER TABLE rm_leases ADD COLUMN token INTEGER NOT NULL DEFAULT 0');
}
