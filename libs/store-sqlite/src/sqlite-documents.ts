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
import type { PreparedTexts, SqliteDatabase } from './database.js';
import {
  compareSorted,
  filterSql,
  idBeyondSql,
  indexColumnsSql,
  orderSql,
  pageSql,
  servingIndex,
  sortKeysSql,
  type SortedRow,
  type SqlFragment,
} from './document-query.js';

interface DocumentRow {
  readonly id: string;
  readonly position: bigint;
  readonly data: string | null;
}

type VersionRow = DocumentRow & SortedRow;

interface SupersededRow extends DocumentRow {
  readonly valid_to: bigint | null;
}

type Table = (typeof INDEXED_TABLES)[number]['table'];

const CURRENT_VERSIONS = 'SELECT id, position, data FROM rm_documents WHERE generation = ?';

/** The declared indexes of a generation: one over its current documents, one over the versions they superseded. */
const INDEXED_TABLES = [
  { table: 'rm_documents', rows: '' },
  // Files written before kept deletions there, which hold no data: no read lists them.
  { table: 'rm_document_history', rows: ' AND data IS NOT NULL' },
] as const;

/**
 * The documents of every generation: the current versions, and the versions they superseded with
 * their validity `[valid_from, valid_to)`. A version is stored once: a read as of a position reads
 * both, the current versions written at or before it and the superseded versions valid at it.
 * Files written before also hold the current versions and the deletions in the history, open
 * (`valid_to` NULL): reads pass over them, and a write closes them as it would store them.
 */
export class SqliteDocuments {
  private readonly lastSuperseded;
  private readonly supersede;
  private readonly upsertCurrent;
  private readonly deleteCurrent;
  private readonly currentById;
  private readonly supersededAsOf;
  private readonly currentByIds;
  private readonly lastWritten;
  private readonly recordWritten;
  private readonly indexNames;
  private readonly schemaVersion;
  /** The declared indexes read back so far, by table and generation, for the schema version they were read at. */
  private declared: { readonly schemaVersion: number; readonly fields: Map<string, (readonly string[])[]> } = { schemaVersion: -1, fields: new Map() };

  constructor(
    private readonly db: SqliteDatabase,
    private readonly prepared: PreparedTexts,
  ) {
    this.lastSuperseded = db
      .prepare<[number, string], bigint>(
        'SELECT coalesce(valid_to, valid_from) FROM rm_document_history WHERE generation = ? AND id = ? ORDER BY valid_from DESC LIMIT 1',
      )
      .pluck()
      .safeIntegers(true);
    this.supersede = db.prepare<[number, string, Position, Position, string]>(
      `INSERT INTO rm_document_history (generation, id, valid_from, valid_to, data) VALUES (?, ?, ?, ?, ?)
       ON CONFLICT (generation, id, valid_from) DO UPDATE SET valid_to = excluded.valid_to`,
    );
    this.upsertCurrent = db.prepare<[number, string, Position, string]>(
      `INSERT INTO rm_documents (generation, id, position, data) VALUES (?, ?, ?, ?)
       ON CONFLICT (generation, id) DO UPDATE SET position = excluded.position, data = excluded.data`,
    );
    this.deleteCurrent = db.prepare<[number, string]>('DELETE FROM rm_documents WHERE generation = ? AND id = ?');
    this.currentById = db.prepare<[number, string], DocumentRow>(`${CURRENT_VERSIONS} AND id = ?`).safeIntegers(true);
    this.supersededAsOf = db
      .prepare<[number, string, Position], SupersededRow>(
        `SELECT id, valid_from AS position, data, valid_to FROM rm_document_history
         WHERE generation = ? AND id = ? AND valid_from <= ? ORDER BY valid_from DESC LIMIT 1`,
      )
      .safeIntegers(true);
    this.currentByIds = db
      .prepare<[number, string], DocumentRow>(`${CURRENT_VERSIONS} AND id IN (SELECT value FROM json_each(?))`)
      .safeIntegers(true);
    this.lastWritten = db.prepare<[number], bigint | null>('SELECT written FROM rm_generations WHERE id = ?').pluck().safeIntegers(true);
    this.recordWritten = db.prepare<[Position, number, Position]>(
      'UPDATE rm_generations SET written = ? WHERE id = ? AND (written IS NULL OR written < ?)',
    );
    this.indexNames = db.prepare<[string], string>("SELECT name FROM sqlite_schema WHERE type = 'index' AND name GLOB ?").pluck();
    this.schemaVersion = db.prepare<[], number>('PRAGMA schema_version').pluck();
  }

  /**
   * Each write becomes a version. A write at or below the document's latest version was applied
   * already (the runner replays from its checkpoint), so it is skipped. The generation keeps the
   * position of its last write, which tells whether a read as of a position may read the current
   * versions alone.
   */
  write(generation: number, writes: readonly DocumentWrite[]): void {
    let written: Position | undefined;
    for (const write of writes) {
      if (this.writeVersion(generation, write) && (written === undefined || write.position > written)) written = write.position;
    }
    if (written !== undefined) this.recordWritten.run(written, generation, written);
  }

  /** `asOf` when a version was written after it, else undefined: the current versions are those known then. */
  historical(generation: number, asOf: Position | undefined): Position | undefined {
    if (asOf === undefined) return undefined;
    const written = this.lastWritten.get(generation);
    return written != null && written > asOf ? asOf : undefined;
  }

  get(generation: number, id: string, asOf: Position | undefined): StoredDocument | undefined {
    const current = this.currentById.get(generation, id);
    if (asOf === undefined || (current !== undefined && current.position <= asOf)) return current && toDocument(current);
    const superseded = this.supersededAsOf.get(generation, id, asOf);
    const valid = superseded?.data != null && (superseded.valid_to === null || superseded.valid_to > asOf);
    return valid ? toDocument(superseded!) : undefined;
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
    const { asOf } = options;
    const found: StoredDocument[] = [];
    for (const range of ranges) {
      if (remaining === 0) break;
      const read: RangeRead = (table, known, limit, offset) => {
        const index = servingIndex(this.declaredIndexes(table, generation), [filter ?? {}, range.filter], range.sort);
        const source = versionsIn(table, generation, known, index && indexName(table, generation, index), sortKeysSql(range.sort));
        const id = idBeyondSql(range.idBeyond, range.direction);
        const page = pageSql(limit, offset);
        return this.prepared
          .of<unknown[], VersionRow>(
            `${source.sql} AND (${where.sql}) AND (${range.seek.sql}) AND ${id.sql} ORDER BY ${orderSql(range.sort, range.direction)} ${page.sql}`,
          )
          .safeIntegers(true)
          .all(...source.params, ...where.params, ...range.seek.params, ...id.params, ...page.params);
      };
      const rows =
        asOf === undefined
          ? read('rm_documents', undefined, remaining, skip)
          : knownAt(asOf, compareSorted(range.sort, range.direction), read, remaining === undefined ? undefined : skip + remaining).slice(skip);
      found.push(...rows.map(toDocument));
      if (remaining !== undefined) remaining -= rows.length;
    }
    return found;
  }

  count(generation: number, filter: DocumentFilter | undefined, asOf: Position | undefined): number {
    const where = filterSql(filter);
    return tablesAt(asOf).reduce((total, table) => {
      const source = versionsIn(table, generation, asOf);
      const counted = this.prepared
        .of<unknown[], number>(`SELECT count(*) FROM (${source.sql} AND (${where.sql}))`)
        .pluck()
        .get(...source.params, ...where.params);
      return total + (counted ?? 0);
    }, 0);
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

  /**
   * The fields of a generation's declared indexes on a table, read back from their names. Looking them
   * up walks the whole schema, so what was read is kept until the schema version changes, which any
   * connection's CREATE or DROP INDEX does.
   */
  private declaredIndexes(table: Table, generation: number): (readonly string[])[] {
    const schemaVersion = this.schemaVersion.get()!;
    if (schemaVersion !== this.declared.schemaVersion) this.declared = { schemaVersion, fields: new Map() };
    const prefix = indexPrefix(table, generation);
    let fields = this.declared.fields.get(prefix);
    if (fields === undefined) {
      fields = this.indexNames.all(`${prefix}*`).map((name) => name.slice(prefix.length).split(','));
      this.declared.fields.set(prefix, fields);
    }
    return fields;
  }

  /** Whether the write was applied: it is not when the document has a version at or after it. */
  private writeVersion(generation: number, write: DocumentWrite): boolean {
    const current = this.currentById.get(generation, write.id);
    const latest = current === undefined ? this.lastSuperseded.get(generation, write.id) : current.position;
    if (latest !== undefined && write.position <= latest) return false;
    const data = write.data === null ? null : toJson(write);
    if (current !== undefined) this.supersede.run(generation, write.id, current.position, write.position, current.data as string);
    if (data === null) this.deleteCurrent.run(generation, write.id);
    else this.upsertCurrent.run(generation, write.id, write.position, data);
    return true;
  }
}

/** A read of a range of the sort order from one table, of the versions known at a position (all current ones without it). */
type RangeRead = (table: Table, asOf: Position | undefined, limit: number | undefined, offset: number) => VersionRow[];

/**
 * The first `wanted` versions of a range known at `asOf`, in order: the superseded versions valid
 * then, merged with the current versions written at or before it. The current versions are read in
 * order whatever their position, in pages that double, until the last one read sorts after the last
 * superseded version read, or `wanted` are known: a filter on their position would pass over every
 * version written after `asOf` (all of them, for a read long past) before it found enough. So a read
 * visits about as many rows as there are versions in the range up to the end of its page.
 */
function knownAt(asOf: Position, order: (a: VersionRow, b: VersionRow) => number, read: RangeRead, wanted: number | undefined): VersionRow[] {
  const superseded = read('rm_document_history', asOf, wanted, 0);
  if (wanted === undefined) return [...superseded, ...read('rm_documents', asOf, undefined, 0)].sort(order);
  const bound = superseded.length === wanted ? superseded.at(-1) : undefined;
  let current: VersionRow[];
  for (let limit = wanted; ; limit *= 2) {
    const rows = read('rm_documents', undefined, limit, 0);
    current = rows.filter((row) => row.position <= asOf);
    const last = rows.at(-1);
    if (rows.length < limit || current.length >= wanted || (bound !== undefined && order(last!, bound) > 0)) break;
  }
  return [...superseded, ...current].sort(order).slice(0, wanted);
}

function tablesAt(asOf: Position | undefined): readonly Table[] {
  return asOf === undefined ? ['rm_documents'] : INDEXED_TABLES.map(({ table }) => table);
}

/**
 * The versions of a table that are known at `asOf` (all current ones without it), through an index
 * if named. The generation is a literal: a partial index's `generation = N` is matched only by the
 * same literal in the query.
 */
function versionsIn(table: Table, generation: number, asOf: Position | undefined, index?: string, keys = ''): SqlFragment {
  const matching = `generation = ${generationLiteral(generation)}`;
  const through = index === undefined ? '' : ` INDEXED BY ${index}`;
  if (table === 'rm_documents') {
    const known = asOf === undefined ? { sql: '', params: [] } : { sql: ' AND position <= ?', params: [asOf] };
    return { sql: `SELECT id, position, data${keys} FROM rm_documents${through} WHERE ${matching}${known.sql}`, params: known.params };
  }
  return {
    sql: `SELECT id, valid_from AS position, data${keys} FROM rm_document_history${through}
      WHERE ${matching} AND valid_from <= ? AND valid_to > ? AND data IS NOT NULL`,
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
