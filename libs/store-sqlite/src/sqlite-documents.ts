import {
  ValidationError,
  type DocumentFilter,
  type DocumentWrite,
  type FindOptions,
  type Position,
  type StoredDocument,
} from '#libs/eventsourcing/src/index.js';
import type { SqliteDatabase } from './database.js';
import { filterSql, orderSql, pageSql, type SqlFragment } from './document-query.js';

interface DocumentRow {
  readonly id: string;
  readonly position: bigint;
  readonly data: string | null;
}

interface LatestVersion {
  readonly valid_from: bigint;
}

const CURRENT_VERSIONS = 'SELECT id, position, data FROM rm_documents WHERE generation = ?';
const VERSIONS_AS_OF = `SELECT id, valid_from AS position, data FROM rm_document_history
  WHERE generation = ? AND valid_from <= ? AND (valid_to IS NULL OR valid_to > ?) AND data IS NOT NULL`;

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
  }

  /**
   * Each write becomes a version. A write at or below the document's latest version was applied
   * already (the runner replays from its checkpoint), so it is skipped.
   */
  write(generation: number, writes: readonly DocumentWrite[]): void {
    for (const write of writes) this.writeVersion(generation, write);
  }

  get(generation: number, id: string, asOf: Position | undefined): StoredDocument | undefined {
    const row = asOf === undefined ? this.currentById.get(generation, id) : this.versionAsOf.get(generation, id, asOf);
    return row?.data == null ? undefined : toDocument(row);
  }

  find(generation: number, filter: DocumentFilter | undefined, options: FindOptions): StoredDocument[] {
    const where = filterSql(filter);
    const order = orderSql(options.sort);
    const page = pageSql(options.limit, options.skip);
    const source = versionsAt(generation, options.asOf);
    const rows = this.db
      .prepare<unknown[], DocumentRow>(`${source.sql} AND (${where.sql}) ORDER BY ${order.sql} ${page.sql}`)
      .safeIntegers(true)
      .all(...source.params, ...where.params, ...order.params, ...page.params);
    return rows.map(toDocument);
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

  drop(generation: number): void {
    this.db.prepare('DELETE FROM rm_documents WHERE generation = ?').run(generation);
    this.db.prepare('DELETE FROM rm_document_history WHERE generation = ?').run(generation);
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

function versionsAt(generation: number, asOf: Position | undefined): SqlFragment {
  return asOf === undefined
    ? { sql: CURRENT_VERSIONS, params: [generation] }
    : { sql: VERSIONS_AS_OF, params: [generation, asOf, asOf] };
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
