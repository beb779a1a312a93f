import {
  checkDistributionQuery,
  checkProjectionVersion,
  distributionFromValueGroups,
  GenerationRetiredError,
  LeaseLostError,
  NotFoundError,
  seekRanges,
  ValidationError,
  type AsOf,
  type DistributionGroup,
  type DistributionQuery,
  type DocumentFilter,
  type DocumentIndex,
  type DocumentWrite,
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
  valueGroupsQuery,
} from '#kernel';
import { toIsoInstant } from '#stores/sqlite';
import {
  MongoClient,
  MongoServerError,
  type AnyBulkWriteOperation,
  type ClientSession,
  type Collection,
  type Db,
  type Document,
  type Filter,
  type TransactionOptions,
  type UpdateFilter,
} from 'mongodb';
import {
  documentFilter,
  documentPage,
  documentSort,
  generationIndex,
  generationIndexPrefix,
  rangeQuery,
  versionsAsOf,
} from './mongo-document-query.js';
import { factDocument, factPipeline, toFactGroup, type FactDocument } from './mongo-facts.js';

export interface MongoReadStoreOptions {
  /** A connection string to a replica set (a single-node one will do): `commit` needs transactions. */
  readonly url: string;
  /** Default: the database of the URL, else `quality_ledger`. */
  readonly database?: string;
  /**
   * How long `connect` waits for a server to answer a first ping before it fails; default the
   * driver's server selection timeout (30 s). A short one lets a caller retry a server that is still
   * starting with a backoff of its own. It bounds only this first ping: later operations keep the
   * driver's timeout.
   */
  readonly probeTimeoutMs?: number;
}

interface GenerationDocument {
  readonly _id: number;
  readonly projection: string;
  readonly version: number;
  readonly status: GenerationStatus;
  readonly checkpoint: Position | null;
  readonly createdAt: Date;
}

interface CounterDocument {
  readonly _id: string;
  readonly seq: number;
}

/** The current version of a document (`rm_documents`). */
interface CurrentDocument {
  readonly generation: number;
  readonly id: string;
  readonly position: Position;
  readonly data: unknown;
}

/** One version (`rm_document_history`): valid from its position until the next write; `data` null for a deletion. */
interface VersionDocument {
  readonly generation: number;
  readonly id: string;
  readonly validFrom: Position;
  readonly validTo: Position | null;
  readonly data: unknown;
}

/**
 * A lease: who works on `_id` (e.g. a projection) until `expiresAt`, under the fencing token `token`.
 * `commits` counts the batches committed under it: each commit writes the lease, so that a concurrent
 * takeover conflicts with it. A released lease stays, expired, to keep its token.
 */
interface LeaseDocument {
  readonly _id: string;
  readonly holder: string;
  readonly expiresAt: Date;
  readonly token: number;
  readonly commits: number;
}

interface MarkDocument {
  readonly recordedAt: string;
  readonly position: Position;
}

export const DEFAULT_DATABASE = 'quality_ledger';

const DUPLICATE_KEY = 11000;
const INDEX_NOT_FOUND = 27;

/** Snapshot reads and majority writes: the batch is all there, or none of it, on every member. */
const TRANSACTION: TransactionOptions = { readConcern: { level: 'snapshot' }, writeConcern: { w: 'majority' }, readPreference: 'primary' };

/**
 * The read store on MongoDB.
 *
 * Positions are stored as BSON int64 (`Long`) and the client is opened with `useBigInt64`, so they
 * go in and come out as `bigint` and compare and sort numerically, in queries and in aggregations.
 *
 * Every write that must be atomic runs in one transaction (`withSession` + `withTransaction`, which
 * retries transient errors). A commit starts by writing the checkpoint on its generation's document,
 * on condition that it is not retired: that both checks the generation and takes a write on it, so a
 * concurrent activation or drop, which writes the same document, makes one of the two transactions
 * conflict and retry; a commit never lands in a generation retired meanwhile. A commit under a lease
 * does the same with the lease document first (`leaseStands`, `FENCED_COMMIT`): a takeover meanwhile
 * either makes it conflict and retry, then find the lease gone, or waits for it to end.
 */
export class MongoReadStore implements ReadStore {
  private readonly generationDocs: Collection<GenerationDocument>;
  private readonly counters: Collection<CounterDocument>;
  private readonly currentDocs: Collection<CurrentDocument>;
  private readonly history: Collection<VersionDocument>;
  private readonly facts: Collection<FactDocument>;
  private readonly marks: Collection<MarkDocument>;
  private readonly leases: Collection<LeaseDocument>;

  private constructor(
    private readonly client: MongoClient,
    db: Db,
  ) {
    this.generationDocs = db.collection('rm_generations');
    this.counters = db.collection('rm_counters');
    this.currentDocs = db.collection('rm_documents');
    this.history = db.collection('rm_document_history');
    this.facts = db.collection('rm_facts');
    this.marks = db.collection('rm_marks');
    this.leases = db.collection('rm_leases');
  }

  /** Connects, creates the collections' indexes, and clears the data a crash left of retired generations. */
  static async connect(options: MongoReadStoreOptions): Promise<MongoReadStore> {
    if (options.probeTimeoutMs !== undefined) await ping(options.url, options.probeTimeoutMs);
    const client = new MongoClient(options.url, { useBigInt64: true });
    try {
      await client.connect();
      const store = new MongoReadStore(client, client.db(databaseName(options.url, options.database)));
      await store.createIndexes();
      await store.sweepRetiredGenerations();
      return store;
    } catch (error) {
      await client.close().catch(() => undefined);
      throw error;
    }
  }

  async get<T = unknown>(collection: string, id: string, options: AsOf = {}): Promise<StoredDocument<T> | undefined> {
    return this.readActive(collection, options, undefined, async (generation, asOf, session) => {
      if (asOf === undefined) {
        const current = await this.currentDocs.findOne({ generation, id: { $eq: id } }, { session });
        return current === null ? undefined : stored<T>(current.id, current.position, current.data);
      }
      const version = await this.history.findOne(
        { generation, id: { $eq: id }, validFrom: { $lte: asOf } },
        { sort: { validFrom: -1 }, session },
      );
      return version === null || version.data === null ? undefined : stored<T>(version.id, version.validFrom, version.data);
    });
  }

  /** Reads the ranges of the sort order in turn (one, unless the page starts after a key) until the limit is reached. */
  async find<T = unknown>(collection: string, filter?: DocumentFilter, options: FindOptions = {}): Promise<StoredDocument<T>[]> {
    const conditions = documentFilter(filter);
    const ranges = seekRanges(options).map((range) => ({
      ...range,
      query: (versions: Document) => rangeQuery(versions, conditions, range),
    }));
    const page = documentPage(options.limit, options.skip);
    if (page.limit === 0) return [];
    return this.readActive(collection, options, [], async (generation, asOf, session) => {
      const found: StoredDocument<T>[] = [];
      for (const range of ranges) {
        const remaining = page.limit === undefined ? undefined : page.limit - found.length;
        if (remaining === 0) break;
        const sort = documentSort(range.sort, range.direction);
        const findOptions = { sort, skip: page.skip, limit: remaining ?? 0, allowDiskUse: true, session };
        if (asOf === undefined) {
          const rows = await this.currentDocs.find(range.query({ generation }), findOptions).toArray();
          found.push(...rows.map((row) => stored<T>(row.id, row.position, row.data)));
        } else {
          const rows = await this.history.find(range.query(versionsAsOf(generation, asOf)), findOptions).toArray();
          found.push(...rows.map((row) => stored<T>(row.id, row.validFrom, row.data)));
        }
      }
      return found;
    });
  }

  async count(collection: string, filter?: DocumentFilter, options: AsOf = {}): Promise<number> {
    const conditions = documentFilter(filter);
    return this.readActive(collection, options, 0, (generation, asOf, session) =>
      asOf === undefined
        ? this.currentDocs.countDocuments({ generation, ...conditions }, { session })
        : this.history.countDocuments({ ...versionsAsOf(generation, asOf), ...conditions }, { session }),
    );
  }

  async aggregateFacts(query: FactQuery): Promise<FactGroup[]> {
    factPipeline(query, []); // validates before any read
    const active = await this.generationDocs.find({ status: 'active' }, { projection: { _id: 1 } }).toArray();
    const pipeline = factPipeline(query, active.map((generation) => generation._id));
    const rows = await this.facts.aggregate(pipeline, { allowDiskUse: true }).toArray();
    return rows.map((row) => toFactGroup(row, query));
  }

  /** Read as one group per value and folded here: exact, at the cost of grouping every fact it reads. */
  async distributeFacts(query: DistributionQuery): Promise<DistributionGroup[]> {
    checkDistributionQuery(query);
    return distributionFromValueGroups(query, await this.aggregateFacts(valueGroupsQuery(query)));
  }

  async positionAt(time: Date): Promise<Position | undefined> {
    const mark = await this.marks.findOne({ recordedAt: { $lte: time.toISOString() } }, { sort: { position: -1 } });
    return mark?.position ?? undefined;
  }

  async generations(projection: string): Promise<Generation[]> {
    const rows = await this.generationDocs.find({ projection: { $eq: projection } }, { sort: { _id: 1 } }).toArray();
    return rows.map(toGeneration);
  }

  /**
   * Race-safe without a transaction: a unique partial index allows one `active` generation per
   * projection, so of two concurrent first generations one is inserted `active` and the other,
   * refused as a duplicate, `building`.
   */
  async beginGeneration(projection: string, version: number): Promise<Generation> {
    checkProjectionVersion(version);
    const base = { _id: await this.nextGenerationId(), projection, version, checkpoint: null, createdAt: new Date() };
    if ((await this.activeGeneration(projection)) === undefined) {
      const active: GenerationDocument = { ...base, status: 'active' };
      try {
        await this.generationDocs.insertOne(active);
        return toGeneration(active);
      } catch (error) {
        if (!isDuplicateKey(error)) throw error;
      }
    }
    const building: GenerationDocument = { ...base, status: 'building' };
    await this.generationDocs.insertOne(building);
    return toGeneration(building);
  }

  /**
   * The swap is one transaction: reads move to the new generation at once. The retired generation's
   * data is deleted after it, in its own statements: no read addresses it and no commit is accepted
   * for it any more, and a delete interrupted by a crash is finished at the next start.
   */
  async activateGeneration(generation: number): Promise<void> {
    const retired = await this.inTransaction(async (session) => {
      const target = await this.generationDocs.findOne({ _id: generation }, { session });
      if (target === null) throw new NotFoundError('generation', String(generation));
      if (target.status === 'active') return undefined;
      if (target.status === 'retired') {
        throw new Error(`generation ${generation} of "${target.projection}" is retired and its data dropped: begin a new one`);
      }
      const previous = await this.generationDocs.findOne({ projection: target.projection, status: 'active' }, { session });
      if (previous !== null) await this.generationDocs.updateOne({ _id: previous._id }, { $set: { status: 'retired' } }, { session });
      await this.generationDocs.updateOne({ _id: generation }, { $set: { status: 'active' } }, { session });
      return previous?._id;
    });
    if (retired !== undefined) await this.dropData([retired]);
  }

  /** Retires the generation (refusing the active one), deletes its data, then forgets it. */
  async dropGeneration(generation: number): Promise<void> {
    const retired = await this.generationDocs.updateOne(
      { _id: generation, status: { $ne: 'active' } },
      { $set: { status: 'retired' } },
    );
    if (retired.matchedCount === 0) {
      const row = await this.generationDocs.findOne({ _id: generation });
      if (row === null) return;
      throw new Error(`generation ${generation} is the active generation of "${row.projection}": activate another one before dropping it`);
    }
    await this.dropData([generation]);
    await this.generationDocs.deleteOne({ _id: generation, status: 'retired' });
  }

  async ensureIndexes(generation: number, indexes: readonly DocumentIndex[]): Promise<void> {
    const descriptions = indexes.map((index) => generationIndex(generation, index));
    if (descriptions.length === 0) return;
    await Promise.all([this.currentDocs.createIndexes(descriptions), this.history.createIndexes(descriptions)]);
  }

  async loadDocuments(generation: number, ids: readonly string[]): Promise<Map<string, StoredDocument>> {
    if (ids.length === 0) return new Map();
    const rows = await this.currentDocs.find({ generation, id: { $in: [...ids] } }, { sort: { id: 1 } }).toArray();
    return new Map(rows.map((row) => [row.id, stored(row.id, row.position, row.data)]));
  }

  async commit(batch: ProjectionBatch): Promise<void> {
    const [refusal] = await this.commitBatches([batch]);
    if (refusal !== undefined) throw refusal;
  }

  /**
   * Every batch is validated before the transaction: a bad one is refused alone and costs no round
   * trip. The transaction then fences the leases and claims the generations of all batches at once
   * (see the class), and writes what the batches still standing hold, each kind in one bulk write.
   */
  async commitBatches(batches: readonly ProjectionBatch[]): Promise<(Error | undefined)[]> {
    const outcomes: (Error | undefined)[] = batches.map(() => undefined);
    const valid: StorableBatch[] = [];
    batches.forEach((batch, index) => {
      try {
        valid.push(storable(batch, index));
      } catch (error) {
        outcomes[index] = asError(error);
      }
    });
    if (valid.length === 0) return outcomes;
    const refusals = await this.inTransaction(async (session) => {
      const refused = await this.refusedBatches(valid, session);
      const standing = valid.filter((batch) => !refused.has(batch.index));
      await this.claimGenerations(standing, session);
      await this.writeDocuments(standing, session);
      await this.writeFacts(standing.flatMap((batch) => batch.facts), session);
      await this.writeMarks(standing.flatMap((batch) => batch.marks), session);
      return refused;
    });
    for (const [index, refusal] of refusals) outcomes[index] = refusal;
    return outcomes;
  }

  /**
   * One conditional upsert. When another holder's live lease stands, the filter matches nothing and
   * the upsert tries to insert a second document with the lease's id: the duplicate key is the refusal,
   * as it is for the loser of two concurrent first acquisitions.
   */
  async acquireLease(name: string, holder: string, ttlMs: number): Promise<Lease | undefined> {
    try {
      const lease = await this.leases.findOneAndUpdate(leaseFilter(name, holder), leaseUpdate(holder, ttlMs), {
        upsert: true,
        returnDocument: 'after',
        projection: { token: 1 },
      });
      if (lease === null) throw new Error(`lease ${name} was not returned`);
      return { name, holder, token: Number(lease.token) };
    } catch (error) {
      if (isDuplicateKey(error)) return undefined;
      throw error;
    }
  }

  async releaseLease(name: string, holder: string): Promise<void> {
    await this.leases.updateOne({ _id: name, holder: { $eq: holder } }, { $set: { expiresAt: new Date(0) } });
  }

  async close(): Promise<void> {
    await this.client.close();
  }

  /**
   * The batches whose lease or generation no longer stands, with the error that refuses each; the
   * standing leases are fenced. Read in the transaction's snapshot: a takeover, activation or drop
   * after it conflicts with the writes that follow (the fence, the claim), and the transaction is
   * retried, reading it then.
   */
  private async refusedBatches(batches: readonly StorableBatch[], session: ClientSession): Promise<Map<number, Error>> {
    const refused = new Map<number, Error>();
    const leases = batches.flatMap((batch) => (batch.lease === undefined ? [] : [batch.lease]));
    const standing = new Set<string>();
    if (leases.length > 0) {
      const stored = await this.leases
        .find({ _id: { $in: leases.map((lease) => lease.name) } }, { session, projection: { holder: 1, token: 1 } })
        .toArray();
      const held = new Map(stored.map((lease) => [lease._id, lease]));
      for (const lease of leases) {
        const current = held.get(lease.name);
        if (current !== undefined && current.holder === lease.holder && Number(current.token) === lease.token) standing.add(lease.name);
      }
    }
    const generationIds = [...new Set(batches.map((batch) => batch.generation))];
    const generations = await this.generationDocs
      .find({ _id: { $in: generationIds }, status: { $in: ['active', 'building'] } }, { session, projection: { _id: 1 } })
      .toArray();
    const open = new Set(generations.map((generation) => generation._id));
    for (const batch of batches) {
      if (batch.lease !== undefined && !standing.has(batch.lease.name)) refused.set(batch.index, new LeaseLostError(batch.lease));
      else if (!open.has(batch.generation)) refused.set(batch.index, new GenerationRetiredError(batch.generation));
    }
    const fenced = batches.flatMap((batch) => (batch.lease !== undefined && !refused.has(batch.index) ? [batch.lease.name] : []));
    if (fenced.length > 0) await this.leases.updateMany({ _id: { $in: fenced } }, FENCED_COMMIT, { session });
    return refused;
  }

  /** Writes each batch's checkpoint on its generation, on condition that it is not retired. */
  private async claimGenerations(batches: readonly StorableBatch[], session: ClientSession): Promise<void> {
    if (batches.length === 0) return;
    const claims = batches.map(
      (batch): AnyBulkWriteOperation<GenerationDocument> => ({
        updateOne: { filter: { _id: batch.generation, status: { $in: ['active', 'building'] } }, update: { $set: { checkpoint: batch.checkpoint } } },
      }),
    );
    const claimed = await this.generationDocs.bulkWrite(claims, { session, ordered: true });
    if (claimed.matchedCount < batches.length) throw new Error('a generation was retired during the commit');
  }

  /**
   * Each write becomes a version. A write at or below the document's latest version was applied
   * already (the runner replays from its checkpoint), so it is skipped. The latest versions are read
   * once for all the batches, then followed in memory through them, which may write one document
   * several times.
   */
  private async writeDocuments(batches: readonly StorableBatch[], session: ClientSession): Promise<void> {
    const writing = batches.filter((batch) => batch.documents.length > 0);
    if (writing.length === 0) return;
    const open = await this.history
      .find(
        { $or: writing.map((batch) => ({ generation: batch.generation, id: { $in: [...new Set(batch.documents.map((write) => write.id))] } })), validTo: null },
        { session, projection: { generation: 1, id: 1, validFrom: 1 } },
      )
      .toArray();
    const latest = new Map<string, Position>(open.map((version) => [versionKey(version.generation, version.id), version.validFrom]));
    const versions: AnyBulkWriteOperation<VersionDocument>[] = [];
    const current: AnyBulkWriteOperation<CurrentDocument>[] = [];
    for (const { generation, documents } of writing) {
      for (const { id, position, data } of documents) {
        const key = versionKey(generation, id);
        const previous = latest.get(key);
        if (previous !== undefined && position <= previous) continue;
        if (previous !== undefined) {
          versions.push({ updateOne: { filter: { generation, id, validFrom: previous }, update: { $set: { validTo: position } } } });
        }
        versions.push({ insertOne: { document: { generation, id, validFrom: position, validTo: null, data } } });
        current.push(
          data === null
            ? { deleteOne: { filter: { generation, id } } }
            : { replaceOne: { filter: { generation, id }, replacement: { generation, id, position, data }, upsert: true } },
        );
        latest.set(key, position);
      }
    }
    if (versions.length > 0) await this.history.bulkWrite(versions, { session, ordered: true });
    if (current.length > 0) await this.currentDocs.bulkWrite(current, { session, ordered: true });
  }

  /**
   * Upserts that only insert: a fact already stored (a replay) is left as it is, without the
   * duplicate-key error that would abort the transaction.
   */
  private async writeFacts(facts: readonly FactDocument[], session: ClientSession): Promise<void> {
    if (facts.length > 0) await this.facts.bulkWrite(facts.map(factUpsert), { session, ordered: true });
  }

  /** The marks of all the batches, alike when they come from one read of the log, merged into one upsert per instant. */
  private async writeMarks(marks: readonly MarkDocument[], session: ClientSession): Promise<void> {
    const latest = new Map<string, Position>();
    for (const { recordedAt, position } of marks) {
      const known = latest.get(recordedAt);
      if (known === undefined || known < position) latest.set(recordedAt, position);
    }
    if (latest.size === 0) return;
    await this.marks.bulkWrite(
      [...latest].map(([recordedAt, position]) => ({
        updateOne: { filter: { recordedAt }, update: { $max: { position } }, upsert: true },
      })),
      { session, ordered: true },
    );
  }

  /**
   * A read of the active generation of a collection in a snapshot session, so that all its queries
   * see one moment. As of a position after which nothing was written, the versions known then are
   * the current ones: the read goes to the current documents and their indexes, as without `asOf`.
   */
  private async readActive<R>(
    collection: string,
    options: AsOf,
    none: R,
    read: (generation: number, asOf: Position | undefined, session: ClientSession) => Promise<R>,
  ): Promise<R> {
    return this.client.withSession({ snapshot: true }, async (session) => {
      const only = { projection: { _id: 1 }, session };
      const active = await this.generationDocs.findOne({ projection: { $eq: collection }, status: 'active' }, only);
      if (active === null) return none;
      const { asOf } = options;
      const writtenAfter = asOf !== undefined && (await this.history.findOne({ generation: active._id, validFrom: { $gt: asOf } }, only));
      return read(active._id, writtenAfter ? asOf : undefined, session);
    });
  }

  private async activeGeneration(projection: string): Promise<number | undefined> {
    const row = await this.generationDocs.findOne({ projection: { $eq: projection }, status: 'active' }, { projection: { _id: 1 } });
    return row?._id;
  }

  /** Ids come from a counter, never from the existing generations: a dropped generation's id is never reused. */
  private async nextGenerationId(): Promise<number> {
    const counter = await this.counters.findOneAndUpdate(
      { _id: 'generation' },
      { $inc: { seq: 1 } },
      { upsert: true, returnDocument: 'after' },
    );
    if (counter === null) throw new Error('the generation counter was not returned');
    return Number(counter.seq);
  }

  private async dropData(generations: readonly number[]): Promise<void> {
    await this.dropIndexes(generations);
    const filter = { generation: { $in: [...generations] } };
    await this.currentDocs.deleteMany(filter);
    await this.history.deleteMany(filter);
    await this.facts.deleteMany(filter);
  }

  private async dropIndexes(generations: readonly number[]): Promise<void> {
    const prefixes = generations.map(generationIndexPrefix);
    await dropIndexesNamed(this.currentDocs, prefixes);
    await dropIndexesNamed(this.history, prefixes);
  }

  private async sweepRetiredGenerations(): Promise<void> {
    const retired = await this.generationDocs.find({ status: 'retired' }, { projection: { _id: 1 } }).toArray();
    if (retired.length > 0) await this.dropData(retired.map((generation) => generation._id));
  }

  private async createIndexes(): Promise<void> {
    await Promise.all([
      this.generationDocs.createIndexes([
        { key: { projection: 1, _id: 1 }, name: 'projection_id' },
        { key: { projection: 1 }, name: 'one_active_per_projection', unique: true, partialFilterExpression: { status: 'active' } },
        { key: { status: 1 }, name: 'status' },
      ]),
      this.currentDocs.createIndexes([{ key: { generation: 1, id: 1 }, name: 'generation_id', unique: true }]),
      this.history.createIndexes([
        { key: { generation: 1, id: 1, validFrom: 1 }, name: 'generation_id_valid_from', unique: true },
        { key: { generation: 1, validFrom: 1 }, name: 'generation_valid_from' },
      ]),
      this.facts.createIndexes([
        { key: { generation: 1, position: 1, index: 1 }, name: 'generation_position_index', unique: true },
        { key: { metric: 1, generation: 1, day: 1 }, name: 'metric_generation_day' },
      ]),
      this.marks.createIndexes([{ key: { recordedAt: 1 }, name: 'recorded_at', unique: true }]),
    ]);
  }

  private inTransaction<R>(work: (session: ClientSession) => Promise<R>): Promise<R> {
    return this.client.withSession((session) => session.withTransaction(work, TRANSACTION));
  }
}

/** The database of a connection string (`mongodb://host/<database>?...`), unless one is given. */
export function databaseName(url: string, explicit?: string): string {
  if (explicit !== undefined && explicit !== '') return explicit;
  const path = /^mongodb(?:\+srv)?:\/\/[^/?]*\/([^?]*)/.exec(url)?.[1] ?? '';
  return path === '' ? DEFAULT_DATABASE : decodeURIComponent(path);
}

/**
 * The data as JSON holds it, as the embedded store keeps it: what has no JSON form (a bigint, a
 * function) is refused, and what JSON drops (undefined fields) or converts (dates) goes the same way.
 */
export function jsonWrite(write: DocumentWrite): DocumentWrite {
  if (write.data === null) return write;
  let json: string | undefined;
  try {
    json = JSON.stringify(write.data);
  } catch (error) {
    throw notJson(write.id, (error as Error).message);
  }
  if (json === undefined) throw notJson(write.id, `${typeof write.data} has no JSON form`);
  return { id: write.id, position: write.position, data: JSON.parse(json) };
}

/**
 * Matches the lease when it is ours or has expired. Expiries are read from the server's clock
 * (`$$NOW`), never from the processes': those competing for a lease may run on machines whose clocks
 * differ.
 */
export function leaseFilter(name: string, holder: string): Filter<LeaseDocument> {
  return { _id: name, $or: [{ holder: { $eq: holder } }, { $expr: { $lte: ['$expiresAt', '$$NOW'] } }] };
}

/**
 * An update pipeline, so that the new expiry is computed from `$$NOW` too; `$literal` keeps a holder
 * starting with `$` a string. The expressions of one `$set` stage all read the document as it was: the
 * token stays when the lease was this holder's and live, and grows otherwise (from 0 on a new lease).
 */
export function leaseUpdate(holder: string, ttlMs: number): Document[] {
  const heldLive = { $and: [{ $eq: ['$holder', { $literal: holder }] }, { $gt: ['$expiresAt', '$$NOW'] }] };
  return [
    {
      $set: {
        token: { $cond: [heldLive, '$token', { $add: [{ $ifNull: ['$token', 0] }, 1] }] },
        holder: { $literal: holder },
        expiresAt: { $add: ['$$NOW', ttlMs] },
      },
    },
  ];
}

/** Matches the lease while it stands with the batch's holder and token, expired or not: only a grant to another changes them. */
export function leaseStands(lease: Lease): Filter<LeaseDocument> {
  return { _id: lease.name, holder: { $eq: lease.holder }, token: { $eq: lease.token } };
}

/** The write a fenced commit makes on its lease, inside the transaction: a takeover meanwhile then conflicts with it. */
export const FENCED_COMMIT: UpdateFilter<LeaseDocument> = { $inc: { commits: 1 } };

/** A client for one ping, that waits at most `timeoutMs` for a server. */
async function ping(url: string, timeoutMs: number): Promise<void> {
  const client = new MongoClient(url, { serverSelectionTimeoutMS: timeoutMs, connectTimeoutMS: timeoutMs });
  try {
    await client.db('admin').command({ ping: 1 });
  } finally {
    await client.close().catch(() => undefined);
  }
}

/** A batch as it will be stored, checked before any round trip; `index` is its place in the call. */
interface StorableBatch {
  readonly index: number;
  readonly generation: number;
  readonly lease: Lease | undefined;
  readonly checkpoint: Position;
  readonly documents: readonly DocumentWrite[];
  readonly facts: readonly FactDocument[];
  readonly marks: readonly MarkDocument[];
}

function storable(batch: ProjectionBatch, index: number): StorableBatch {
  return {
    index,
    generation: batch.generation,
    lease: batch.lease,
    checkpoint: batch.checkpoint,
    documents: batch.documents.map(jsonWrite),
    facts: batch.facts.map((fact) => factDocument(batch.generation, fact)),
    marks: batch.marks.map((mark) => ({ recordedAt: toIsoInstant(mark.recordedAt, 'recordedAt'), position: mark.position })),
  };
}

function versionKey(generation: number, id: string): string {
  return `${generation}/${id}`;
}

function asError(error: unknown): Error {
  return error instanceof Error ? error : new Error(String(error));
}

function factUpsert(fact: FactDocument): AnyBulkWriteOperation<FactDocument> {
  const { generation, position, index, ...rest } = fact;
  return { updateOne: { filter: { generation, position, index }, update: { $setOnInsert: rest }, upsert: true } };
}

function notJson(id: string, reason: string): ValidationError {
  return new ValidationError(`the data of document ${id} is not JSON: ${reason}`, [{ field: 'data', message: reason }]);
}

function stored<T>(id: string, position: Position, data: unknown): StoredDocument<T> {
  return { id, position, data: data as T };
}

function toGeneration(row: GenerationDocument): Generation {
  return {
    id: Number(row._id),
    projection: row.projection,
    version: Number(row.version),
    status: row.status,
    checkpoint: row.checkpoint ?? undefined,
  };
}

async function dropIndexesNamed<T extends Document>(collection: Collection<T>, prefixes: readonly string[]): Promise<void> {
  for (const { name } of await collection.listIndexes().toArray()) {
    if (name !== undefined && prefixes.some((prefix) => name.startsWith(prefix))) await collection.dropIndex(name).catch(ignoreIndexNotFound);
  }
}

/** Another process dropping the same generation got there first. */
function ignoreIndexNotFound(error: unknown): void {
  if (!(error instanceof MongoServerError && error.code === INDEX_NOT_FOUND)) throw error;
}

/** The refusal of a write that would break a unique index: the loser of a race for one id. */
export function isDuplicateKey(error: unknown): boolean {
  return error instanceof MongoServerError && error.code === DUPLICATE_KEY;
}
