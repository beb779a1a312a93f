import {
  checkProjectionVersion,
  GenerationRetiredError,
  LeaseLostError,
  NotFoundError,
  type AsOf,
  type DistributionGroup,
  type DistributionQuery,
  type DocumentFilter,
  type DocumentIndex,
  type FactGroup,
  type FactQuery,
  type FindOptions,
  type Generation,
  type GenerationStatus,
  type Lease,
  type Position,
  type ProjectionBatch,
  type ReadStore,
  type StoredDocument,
  type TimeMark,
} from '#kernel';
import { toIsoInstant } from './calendar.js';
import { openDatabase, PreparedTexts, writeWhenUnlocked, type SqliteDatabase } from './database.js';
import { createReadStoreSchema } from './read-store-schema.js';
import { SqliteDocuments } from './sqlite-documents.js';
import { SqliteFactDistributions } from './sqlite-fact-distributions.js';
import { SqliteFactLedger } from './sqlite-fact-ledger.js';

export interface SqliteReadStoreOptions {
  readonly file: string;
  /**
   * See `OpenDatabaseOptions.durable`; default false: the read models are rebuilt from the log, and a
   * commit a power cut loses takes its checkpoint with it, so that its runner projects it again.
   */
  readonly durable?: boolean;
}

interface GenerationRow {
  readonly id: bigint;
  readonly projection: string;
  readonly version: bigint;
  readonly status: GenerationStatus;
  readonly checkpoint: bigint | null;
}

const GENERATION_COLUMNS = 'id, projection, version, status, checkpoint';

/**
 * The embedded read store, on its own connection to the file that also holds the events. Write
 * transactions are IMMEDIATE: a deferred one that later needs the write lock held by the event
 * store's connection would fail as busy instead of waiting.
 *
 * Its commits are not fsync'd (synchronous=NORMAL on its connection alone) unless opened `durable`;
 * the event store's connection still fsyncs each of its own. That leaves the log as durable as ever:
 * both connections append to one write-ahead log, which a crash keeps up to its last synced commit,
 * and an fsync of an append makes every commit before it durable too. A power cut thus loses at
 * most the read store's last commits after the last append: documents and checkpoints together.
 */
export class SqliteReadStore implements ReadStore {
  private readonly documents: SqliteDocuments;
  private readonly facts: SqliteFactLedger;
  private readonly distributions: SqliteFactDistributions;
  private readonly generationById;
  private readonly generationsOf;
  private readonly activeGenerationOf;
  private readonly insertGeneration;
  private readonly setStatus;
  private readonly setCheckpoint;
  private readonly deleteGeneration;
  private readonly upsertMark;
  private readonly lastPositionAt;
  private readonly takeLease;
  private readonly expireLease;
  private readonly leaseStands;
  private readonly batchSavepoint;

  /** A read store on a connection the caller opened (see `openDatabase`); closing the store closes it. */
  constructor(private readonly db: SqliteDatabase) {
    createReadStoreSchema(db);
    const prepared = new PreparedTexts(db);
    this.documents = new SqliteDocuments(db, prepared);
    this.facts = new SqliteFactLedger(db, prepared);
    this.distributions = new SqliteFactDistributions(db);
    this.generationById = db
      .prepare<[number], GenerationRow>(`SELECT ${GENERATION_COLUMNS} FROM rm_generations WHERE id = ?`)
      .safeIntegers(true);
    this.generationsOf = db
      .prepare<[string], GenerationRow>(`SELECT ${GENERATION_COLUMNS} FROM rm_generations WHERE projection = ? ORDER BY id`)
      .safeIntegers(true);
    this.activeGenerationOf = db
      .prepare<[string], number>("SELECT id FROM rm_generations WHERE projection = ? AND status = 'active'")
      .pluck();
    this.insertGeneration = db
      .prepare<[string, number, GenerationStatus, string], GenerationRow>(
        `INSERT INTO rm_generations (projection, version, status, created_at) VALUES (?, ?, ?, ?) RETURNING ${GENERATION_COLUMNS}`,
      )
      .safeIntegers(true);
    this.setStatus = db.prepare<[GenerationStatus, number]>('UPDATE rm_generations SET status = ? WHERE id = ?');
    this.setCheckpoint = db.prepare<[Position, number]>('UPDATE rm_generations SET checkpoint = ? WHERE id = ?');
    this.deleteGeneration = db.prepare<[number]>('DELETE FROM rm_generations WHERE id = ?');
    this.upsertMark = db.prepare<[string, Position]>(
      `INSERT INTO rm_marks (recorded_at, position) VALUES (?, ?)
       ON CONFLICT (recorded_at) DO UPDATE SET position = max(position, excluded.position)`,
    );
    this.lastPositionAt = db
      .prepare<[string], bigint | null>('SELECT max(position) FROM rm_marks WHERE recorded_at <= ?')
      .pluck()
      .safeIntegers(true);
    // The update only happens where the lease is ours or has expired: no row back means another
    // holder's live lease. SET expressions read the row as it was, so the token grows unless the
    // lease was this holder's and live.
    this.takeLease = db
      .prepare<{ name: string; holder: string; expiresAt: number; now: number }, number>(
        `INSERT INTO rm_leases (name, holder, expires_at, token) VALUES (:name, :holder, :expiresAt, 1)
         ON CONFLICT (name) DO UPDATE SET
           token = CASE WHEN rm_leases.holder = excluded.holder AND rm_leases.expires_at > :now
                        THEN rm_leases.token ELSE rm_leases.token + 1 END,
           holder = excluded.holder,
           expires_at = excluded.expires_at
         WHERE rm_leases.holder = excluded.holder OR rm_leases.expires_at <= :now
         RETURNING token`,
      )
      .pluck();
    this.expireLease = db.prepare<[string, string]>('UPDATE rm_leases SET expires_at = 0 WHERE name = ? AND holder = ?');
    this.leaseStands = db
      .prepare<[string, string, number], number>('SELECT 1 FROM rm_leases WHERE name = ? AND holder = ? AND token = ?')
      .pluck();
    // Run inside the write transaction of `commitBatches`, a nested transaction is a savepoint.
    this.batchSavepoint = db.transaction((batch: ProjectionBatch) => this.writeBatch(batch));
  }

  static open(options: SqliteReadStoreOptions): SqliteReadStore {
    return new SqliteReadStore(openDatabase(options.file, { durable: options.durable ?? false }));
  }

  async get<T = unknown>(collection: string, id: string, options: AsOf = {}): Promise<StoredDocument<T> | undefined> {
    return this.readActive(collection, options, undefined, (generation, asOf) => {
      return this.documents.get(generation, id, asOf) as StoredDocument<T> | undefined;
    });
  }

  async find<T = unknown>(collection: string, filter?: DocumentFilter, options: FindOptions = {}): Promise<StoredDocument<T>[]> {
    return this.readActive(collection, options, [], (generation, asOf) => {
      return this.documents.find(generation, filter, { ...options, asOf }) as StoredDocument<T>[];
    });
  }

  async count(collection: string, filter?: DocumentFilter, options: AsOf = {}): Promise<number> {
    return this.readActive(collection, options, 0, (generation, asOf) => this.documents.count(generation, filter, asOf));
  }

  async aggregateFacts(query: FactQuery): Promise<FactGroup[]> {
    return this.facts.aggregate(query);
  }

  async distributeFacts(query: DistributionQuery): Promise<DistributionGroup[]> {
    return this.distributions.distribute(query);
  }

  async positionAt(time: Date): Promise<Position | undefined> {
    return this.lastPositionAt.get(time.toISOString()) ?? undefined;
  }

  async generations(projection: string): Promise<Generation[]> {
    return this.generationsOf.all(projection).map(toGeneration);
  }

  async beginGeneration(projection: string, version: number): Promise<Generation> {
    checkProjectionVersion(version);
    return this.inWriteTransaction(() => {
      const status = this.activeGenerationOf.get(projection) === undefined ? 'active' : 'building';
      return toGeneration(this.insertGeneration.get(projection, version, status, new Date().toISOString()) as GenerationRow);
    });
  }

  async activateGeneration(generation: number): Promise<void> {
    await this.inWriteTransaction(() => this.activate(generation));
  }

  async dropGeneration(generation: number): Promise<void> {
    await this.inWriteTransaction(() => this.drop(generation));
  }

  /**
   * One transaction per index: building one over a generation that already holds documents takes
   * the write lock for as long, and appends wait for it.
   */
  async ensureIndexes(generation: number, indexes: readonly DocumentIndex[]): Promise<void> {
    for (const statement of this.documents.indexStatements(generation, indexes)) await this.inWriteTransaction(() => this.db.exec(statement));
  }

  async loadDocuments(generation: number, ids: readonly string[]): Promise<Map<string, StoredDocument>> {
    return this.documents.load(generation, ids);
  }

  async commit(batch: ProjectionBatch): Promise<void> {
    const [refusal] = await this.commitBatches([batch]);
    if (refusal !== undefined) throw refusal;
  }

  /**
   * Each batch in a savepoint of its own, so that a refused one rolls back alone. The time marks of
   * the batches, alike when they come from one read of the log, are merged and written once.
   */
  async commitBatches(batches: readonly ProjectionBatch[]): Promise<(Error | undefined)[]> {
    return this.inWriteTransaction(() => {
      const marks = new Map<string, Position>();
      const outcomes = batches.map((batch) => {
        try {
          for (const mark of this.batchSavepoint(batch)) recordLatest(marks, mark);
          return undefined;
        } catch (error) {
          return error instanceof Error ? error : new Error(String(error));
        }
      });
      for (const [recordedAt, position] of marks) this.upsertMark.run(recordedAt, position);
      return outcomes;
    });
  }

  /** Expiries are read from the process clock: every process sharing the file runs on the same machine. */
  async acquireLease(name: string, holder: string, ttlMs: number): Promise<Lease | undefined> {
    return this.inWriteTransaction(() => {
      const now = Date.now();
      const token = this.takeLease.get({ name, holder, expiresAt: now + ttlMs, now });
      return token === undefined ? undefined : { name, holder, token };
    });
  }

  async releaseLease(name: string, holder: string): Promise<void> {
    await this.inWriteTransaction(() => this.expireLease.run(name, holder));
  }

  async close(): Promise<void> {
    this.db.close();
  }

  /**
   * A read of the active generation of a collection, in one read transaction. As of a position after
   * which nothing was written, the versions known then are the current ones: the read goes to the
   * current documents and their indexes, as it does without `asOf`.
   */
  private readActive<R>(collection: string, options: AsOf, none: R, read: (generation: number, asOf: Position | undefined) => R): R {
    return this.db.transaction(() => {
      const generation = this.activeGenerationOf.get(collection);
      if (generation === undefined) return none;
      return read(generation, this.documents.historical(generation, options.asOf));
    })();
  }

  private activate(generation: number): void {
    const target = this.generationById.get(generation);
    if (target === undefined) throw new NotFoundError('generation', String(generation));
    if (target.status === 'active') return;
    if (target.status === 'retired') {
      throw new Error(`generation ${generation} of "${target.projection}" is retired and its data dropped: begin a new one`);
    }
    const previous = this.activeGenerationOf.get(target.projection);
    if (previous !== undefined) {
      this.setStatus.run('retired', previous);
      this.dropData(previous);
    }
    this.setStatus.run('active', generation);
  }

  private drop(generation: number): void {
    const row = this.generationById.get(generation);
    if (row === undefined) return;
    if (row.status === 'active') {
      throw new Error(`generation ${generation} is the active generation of "${row.projection}": activate another one before dropping it`);
    }
    this.dropData(generation);
    this.deleteGeneration.run(generation);
  }

  /** Writes all of the batch but its time marks, which it checks and returns for the caller to write. */
  private writeBatch(batch: ProjectionBatch): TimeMark[] {
    const { lease } = batch;
    if (lease !== undefined && this.leaseStands.get(lease.name, lease.holder, lease.token) === undefined) throw new LeaseLostError(lease);
    const generation = this.generationById.get(batch.generation);
    if (generation === undefined || generation.status === 'retired') throw new GenerationRetiredError(batch.generation);
    const marks = batch.marks.map((mark) => ({ recordedAt: toIsoInstant(mark.recordedAt, 'recordedAt'), position: mark.position }));
    this.documents.write(batch.generation, batch.documents);
    this.facts.append(batch.generation, batch.facts);
    this.setCheckpoint.run(batch.checkpoint, batch.generation);
    return marks;
  }

  private dropData(generation: number): void {
    this.documents.drop(generation);
    this.facts.drop(generation);
  }

  private inWriteTransaction<R>(work: () => R): Promise<R> {
    return writeWhenUnlocked(this.db, () => this.db.transaction(work).immediate());
  }
}

/** Keeps, for each instant, the last position recorded at it. */
function recordLatest(marks: Map<string, Position>, { recordedAt, position }: TimeMark): void {
  const known = marks.get(recordedAt);
  if (known === undefined || known < position) marks.set(recordedAt, position);
}

function toGeneration(row: GenerationRow): Generation {
  return {
    id: Number(row.id),
    projection: row.projection,
    version: Number(row.version),
    status: row.status,
    checkpoint: row.checkpoint ?? undefined,
  };
}
