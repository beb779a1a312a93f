import {
  checkDocumentIndex,
  pageBound,
  seekRanges,
  ValidationError,
  type DocumentFilter,
  type DocumentIndex,
  type DocumentWrite,
  type FindOptions,
  type Position,
  type StoredDocument,
} from '#kernel';
import type { SqliteDatabase } from './database.js';
import { filterSql, idBeyondSql, indexColumnsSql, orderSql, pageSql, servingIndex, type SqlFragment } from './document-query.js';

interface DocumentRow {
  readonly id: string;
  readonly position: bigint;
  readonly data: string | null;
}

interface LatestVersion {
  readonly valid_from: bigint;
}

const CURRENT_VERSIONS = 'SELECT id, position, data FROM rm_documents WHERE generation = ?';

/** The declared indexes of a generation: one over its current documents, one over its versions. */
const INDEXED_TABLES = [
  { table: 'rm_documents', rows: '' },
  // Deletions hold no data: no read lists them.
  { table: 'rm_document_history', rows: ' AND data IS NOT NULL' },
] as const;

/** The documents of every generation: current versions for fast reads, and their whole history. */
export class SqliteDocuments {
  private readonly latestVersion;
  private readonly closeVersion;
  private readonly insertVersion;
  private readonly upsertCurrent;
  private readonly deleteCurrent;
  private readonly currentById;
  private readonly versionAsOf;
  private readonly currentByIds;
  private readonly writtenAfter;
  private readonly indexNames;

  constructor(private readonly db: SqliteDatabase) {
    this.latestVersion = db
      .prepare<[number, string], LatestVersion>(
        'SELECT valid_from FROM rm_document_history WHERE generation = ? AND id = ? ORDER BY valid_from DESC LIMIT 1',
      )
      .safeIntegers(true);
    this.closeVersion = db.prepare<[Position, number, string, bigint]>(
      'UPDATE rm_document_history SET valid_to = ? WHERE generation = ? AND id = ? AND valid_from = ?',
    );
    this.insertVersion = db.prepare<[number, string, Position, string | null]>(
      'INSERT INTO rm_document_history (generation, id, valid_from, data) VALUES (?, ?, ?, ?)',
    );
    this.upsertCurrent = db.prepare<[number, string, Position, string]>(
      `INSERT INTO rm_documents (generation, id, position, data) VALUES (?, ?, ?, ?)
       ON CONFLICT (generation, id) DO UPDATE SET position = excluded.position, data = excluded.data`,
    );
    this.deleteCurrent = db.prepare<[number, string]>('DELETE FROM rm_documents WHERE generation = ? AND id = ?');
    this.currentById = db.prepare<[number, string], DocumentRow>(`${CURRENT_VERSIONS} AND id = ?`).safeIntegers(true);
    this.versionAsOf = db
      .prepare<[number, string, Position], DocumentRow>(
        `SELECT id, valid_from AS position, data FROM rm_document_history
         WHERE generation = ? AND id = ? AND valid_from <= ? ORDER BY valid_from DESC LIMIT 1`,
      )
      .safeIntegers(true);
    this.currentByIds = db
      .prepare<[number, string], DocumentRow>(`${CURRENT_VERSIONS} AND id IN (SELECT value FROM json_each(?))`)
      .safeIntegers(true);
    this.indexNames = db.prepare<[string], string>("SELECT name FROM sqlite_schema WHERE type = 'index' AND name GLOB ?").pluck();
    this.writtenAfter = db
      .prepare<[number, Position], number>('SELECT 1 FROM rm_document_history WHERE generation = ? AND valid_from > ? LIMIT 1')
      .pluck();
  }

  /**
   * Each write becomes a version. A write at or below the document's latest version was applied
   * already (the runner replays from its checkpoint), so it is skipped.
   */
  write(generation: number, writes: readonly DocumentWrite[]): void {
    for (const write of writes) this.writeVersion(generation, write);
  }

  /** `asOf` when a version was written after it, else undefined: the current versions are those known then. */
  historical(generation: number, asOf: Position | undefined): Position | undefined {
    return asOf !== undefined && this.writtenAfter.get(generation, asOf) !== undefined ? asOf : undefined;
  }

  get(generation: number, id: string, asOf: Position | undefined): StoredDocument | undefined {
    const row = asOf === undefined ? this.currentById.get(generation, id) : this.versionAsOf.get(generation, id, asOf);
    return row?.data == null ? undefined : toDocument(row);
  }

  /**
   * Reads the ranges of the sort order in turn (one, unless the page starts after a key) until the
   * limit is reached, each through the declared index that serves it. A range is sorted by the
   * fields it does not hold equal only: the planner does not see that a field held equal needs no
   * sorting, and would sort the range instead of reading the index in order.
   */
  find(generation: number, filter: DocumentFilter | undefined, options: FindOptions): StoredDocument[] {
    const where = filterSql(filter);
    const ranges = seekRanges(options).map((range) => ({ ...range, seek: filterSql(range.filter) }));
    let remaining = options.limit === undefined ? undefined : pageBound('limit', options.limit);
    const skip = pageBound('skip', options.skip ?? 0);
    const table = options.asOf === undefined ? 'rm_documents' : 'rm_document_history';
    const indexes = this.declaredIndexes(table, generation);
    const found: StoredDocument[] = [];
    for (const range of ranges) {
      if (remaining === 0) break;
      const index = servingIndex(indexes, [filter ?? {}, range.filter], range.sort);
      const source = versionsAt(generation, options.asOf, index && indexName(table, generation, index));
      const id = idBeyondSql(range.idBeyond, range.direction);
      const page = pageSql(remaining, skip);
      const order = orderSql(range.sort, range.direction);
      const rows = this.db
        .prepare<unknown[], DocumentRow>(`${source.sql} AND (${where.sql}) AND (${range.seek.sql}) AND ${id.sql} ORDER BY ${order} ${page.sql}`)
        .safeIntegers(true)
        .all(...source.params, ...where.params, ...range.seek.params, ...id.params, ...page.params);
      found.push(...rows.map(toDocument));
      if (remaining !== undefined) remaining -= rows.length;
    }
    return found;
  }

  count(generation: number, filter: DocumentFilter | undefined, asOf: Position | undefined): number {
    const where = filterSql(filter);
    const source = versionsAt(generation, asOf);
    const counted = this.db
      .prepare<unknown[], number>(`SELECT count(*) FROM (${source.sql} AND (${where.sql}))`)
      .pluck()
      .get(...source.params, ...where.params);
    return counted ?? 0;
  }

  load(generation: number, ids: readonly string[]): Map<string, StoredDocument> {
    const rows = this.currentByIds.all(generation, JSON.stringify(ids));
    return new Map(rows.map((row) => [row.id, toDocument(row)]));
  }

  /**
   * The statements that create a generation's declared indexes: partial indexes, one per generation
   * and table, so that a write updates only the indexes of its own generation, and a generation's
   * indexes go with it.
   */
  indexStatements(generation: number, indexes: readonly DocumentIndex[]): string[] {
    return indexes.flatMap((index) => {
      const fields = checkDocumentIndex(index);
      return INDEXED_TABLES.map(({ table, rows }) => {
        const name = indexName(table, generation, fields);
        return `CREATE INDEX IF NOT EXISTS ${name} ON ${table} (${indexColumnsSql(index)}) WHERE generation = ${generationLiteral(generation)}${rows}`;
      });
    });
  }

  drop(generation: number): void {
    for (const { table } of INDEXED_TABLES) {
      for (const fields of this.declaredIndexes(table, generation)) this.db.exec(`DROP INDEX ${indexName(table, generation, fields)}`);
    }
    this.db.prepare('DELETE FROM rm_documents WHERE generation = ?').run(generation);
    this.db.prepare('DELETE FROM rm_document_history WHERE generation = ?').run(generation);
  }

  /** The fields of a generation's declared indexes on a table, read back from their names. */
  private declaredIndexes(table: string, generation: number): (readonly string[])[] {
    const prefix = indexPrefix(table, generation);
    return this.indexNames.all(`${prefix}*`).map((name) => name.slice(prefix.length).split(','));
  }

  private writeVersion(generation: number, write: DocumentWrite): void {
    const latest = this.latestVersion.get(generation, write.id);
    if (latest !== undefined && write.position <= latest.valid_from) return;
    const data = write.data === null ? null : toJson(write);
    if (latest !== undefined) this.closeVersion.run(write.position, generation, write.id, latest.valid_from);
    this.insertVersion.run(generation, write.id, write.position, data);
    if (data === null) this.deleteCurrent.run(generation, write.id);
    else this.upsertCurrent.run(generation, write.id, write.position, data);
  }
}

/**
 * The current versions, or those known at `asOf`, through an index if named. The generation is a
 * literal: a partial index's `generation = N` is matched only by the same literal in the query.
 */
function versionsAt(generation: number, asOf: Position | undefined, index?: string): SqlFragment {
  const matching = `generation = ${generationLiteral(generation)}`;
  const through = index === undefined ? '' : ` INDEXED BY ${index}`;
  return asOf === undefined
    ? { sql: `SELECT id, position, data FROM rm_documents${through} WHERE ${matching}`, params: [] }
    : {
        sql: `SELECT id, valid_from AS position, data FROM rm_document_history${through}
          WHERE ${matching} AND valid_from <= ? AND (valid_to IS NULL OR valid_to > ?) AND data IS NOT NULL`,
        params: [asOf, asOf],
      };
}

function generationLiteral(generation: number): string {
  if (!Number.isSafeInteger(generation)) throw new TypeError(`a generation is an integer, got ${generation}`);
  return String(generation);
}

/**
 * Declared indexes are named `<table>/<generation>/<field>,<field>`: the prefix finds a generation's,
 * and the fields, which hold no quote nor comma, read back from the name.
 */
function indexPrefix(table: string, generation: number): string {
  return `${table}/${generationLiteral(generation)}/`;
}

function indexName(table: string, generation: number, fields: readonly string[]): string {
  return `"${indexPrefix(table, generation)}${fields.join(',')}"`;
}

function toJson(write: DocumentWrite): string {
  let json: string | undefined;
  try {
    json = JSON.stringify(write.data);
  } catch (error) {
    throw notJson(write.id, (error as Error).message);
  }
  if (json === undefined) throw notJson(write.id, `${typeof write.data} has no JSON form`);
  return json;
}

function notJson(id: string, reason: string): ValidationError {
  return new ValidationError(`the data of document ${id} is not JSON: ${reason}`, [{ field: 'data', message: reason }]);
}

function toDocument(row: DocumentRow): StoredDocument {
  return { id: row.id, position: row.position, data: JSON.parse(row.data as string) };
}
