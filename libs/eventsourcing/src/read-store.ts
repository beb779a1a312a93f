import { ValidationError } from './errors.js';
import type { Position } from './events.js';
import type { DistributionGroup, DistributionQuery } from './fact-distribution.js';

/**
 * The read side. Documents live in collections; a collection belongs to one projection and is named
 * after it. Every write keeps the previous version (system versioning), so every read can be asked
 * "as it was known at position P".
 *
 * Physically each projection has generations: a rebuild fills a new generation while the active one
 * keeps serving reads, then swaps. Reads always address the active generation.
 */

export type Scalar = string | number | boolean | null;

/**
 * Field conditions on document data, on dotted paths: equality, or one operator object.
 * All conditions must hold.
 */
export type FieldCondition =
  | Scalar
  | { readonly $in: readonly Scalar[] }
  | { readonly $ne: Scalar }
  | { readonly $gt?: Scalar; readonly $gte?: Scalar; readonly $lt?: Scalar; readonly $lte?: Scalar };

export type DocumentFilter = Readonly<Record<string, FieldCondition>>;

export interface SortField {
  readonly field: string;
  readonly direction: 'asc' | 'desc';
}

export interface AsOf {
  /** Answer as known at this position: include every write at or below it, nothing above. */
  readonly asOf?: Position;
}

/** Where a document stands in a sort order: its values of the sort fields, in order, and its id. */
export interface SortKey {
  readonly values: readonly string[];
  readonly id: string;
}

export interface FindOptions extends AsOf {
  /**
   * Sorted by these fields, then by id in the direction of the last field (ascending without sort
   * fields). So a list sorted descending is the ascending one reversed, and one index serves both.
   */
  readonly sort?: readonly SortField[];
  /**
   * Keyset paging: only the documents after this key in the sort order, e.g. the key of the last
   * document of the previous page. The sort fields must all go one direction and hold text in the
   * documents listed. Not with `skip`.
   */
  readonly after?: SortKey;
  readonly limit?: number;
  readonly skip?: number;
}

/**
 * Fields a projection filters and sorts its lists on, in index order. A read store keeps each such
 * index over the current documents and over their versions, per generation. A read that holds a
 * prefix of the fields equal, then sorts on or bounds the next ones, then goes by id, is then
 * answered from the index instead of by scanning the collection. An index changes no answer, only
 * what it costs.
 */
export interface DocumentIndex {
  readonly fields: readonly string[];
}

export interface StoredDocument<T = unknown> {
  readonly id: string;
  /** Position of the event that wrote this version. */
  readonly position: Position;
  readonly data: T;
}

/**
 * Dimension values are ids and codes: strings. Measures are signed numbers (money in minor units); a
 * whole one is a safe integer, so that it can be summed exactly.
 */
export interface MetricFact {
  readonly metric: string;
  /** Business date (ISO-8601 UTC): the date the metric is about. */
  readonly occurredAt: string;
  /** Position of the event the fact comes from. */
  readonly position: Position;
  /** Index of this fact among the facts of that event. */
  readonly index: number;
  readonly dims: Readonly<Record<string, string>>;
  readonly measures: Readonly<Record<string, number>>;
}

export type Period = 'day' | 'week' | 'month';

export interface FactQuery extends AsOf {
  readonly metric: string;
  /** Business-date range: `from` inclusive, `to` exclusive (ISO-8601). */
  readonly from?: string;
  readonly to?: string;
  /** Dimension conditions: one value, or a list of allowed values. */
  readonly where?: Readonly<Record<string, string | readonly string[]>>;
  /** Group by a calendar period (UTC; weeks are ISO weeks starting on Monday) and/or by dimensions. */
  readonly groupBy?: { readonly period?: Period; readonly dims?: readonly string[] };
  /** Measures to sum. */
  readonly measures: readonly string[];
  /**
   * Measures to sum exactly, such as money in minor units: whole numbers whose sum may pass 2^53,
   * where a float would round. Their sums come in `exactSums`, as bigint, however many facts there are.
   */
  readonly exactMeasures?: readonly string[];
}

export interface FactGroup {
  /** First day of the period (`YYYY-MM-DD`), when grouped by period. */
  readonly period?: string;
  /** Values of the grouped dimensions; null where a fact lacks the dimension. */
  readonly dims: Readonly<Record<string, string | null>>;
  /** Number of fact rows in the group (corrections included). */
  readonly facts: number;
  readonly sums: Readonly<Record<string, number>>;
  /** The sums of the query's `exactMeasures`; absent when it asked for none. */
  readonly exactSums?: Readonly<Record<string, bigint>>;
}

export type GenerationStatus = 'building' | 'active' | 'retired';

export interface Generation {
  readonly id: number;
  readonly projection: string;
  readonly version: number;
  readonly status: GenerationStatus;
  /** Last position this generation has processed; undefined before its first batch. */
  readonly checkpoint: Position | undefined;
}

/** One document write: `data: null` deletes the document from that position on. */
export interface DocumentWrite {
  readonly id: string;
  readonly position: Position;
  readonly data: unknown;
}

/** A `(recordedAt, position)` pair: the last position recorded at that instant. */
export interface TimeMark {
  readonly recordedAt: string;
  readonly position: Position;
}

/**
 * A lease as granted: a fencing token. `token` increases whenever the lease is granted to a holder that
 * did not hold it live just before (a takeover, a return after expiry or release); renewing a live
 * lease keeps it. So a holder that was frozen past its expiry holds a token that is no longer current.
 */
export interface Lease {
  readonly name: string;
  readonly holder: string;
  readonly token: number;
}

/** Everything one runner batch produces. `commit` writes all of it or none of it. */
export interface ProjectionBatch {
  readonly generation: number;
  /**
   * The lease the batch is written under: the commit goes through only while that lease still stands
   * with that holder and token. Absent: no lease is checked (a process that works alone).
   */
  readonly lease?: Lease;
  /** In event order; a document may be written several times, each write becomes a version. */
  readonly documents: readonly DocumentWrite[];
  readonly facts: readonly MetricFact[];
  readonly marks: readonly TimeMark[];
  readonly checkpoint: Position;
}

export interface ReadStore {
  get<T = unknown>(collection: string, id: string, options?: AsOf): Promise<StoredDocument<T> | undefined>;
  find<T = unknown>(collection: string, filter?: DocumentFilter, options?: FindOptions): Promise<StoredDocument<T>[]>;
  count(collection: string, filter?: DocumentFilter, options?: AsOf): Promise<number>;

  /** Sums the measures of the facts of one metric (active generations only), grouped as asked. */
  aggregateFacts(query: FactQuery): Promise<FactGroup[]>;

  /**
   * The distribution of the values one dimension of a metric's facts holds (active generations only),
   * grouped as asked: exact percentiles, counts and sums, ordered by `compareDistributionGroups`.
   * Its answer equals `distributionFromValueGroups` of the `valueGroupsQuery` groups.
   */
  distributeFacts(query: DistributionQuery): Promise<DistributionGroup[]>;

  /** The last position recorded at or before `time`, from the runners' time marks. */
  positionAt(time: Date): Promise<Position | undefined>;

  /** The generations of a projection, oldest first. */
  generations(projection: string): Promise<Generation[]>;

  /**
   * Starts a generation for a projection. It is `active` at once when the projection has no active
   * generation, `building` otherwise.
   */
  beginGeneration(projection: string, version: number): Promise<Generation>;

  /** Makes a generation the active one; the previous active one is retired and its data dropped. */
  activateGeneration(generation: number): Promise<void>;

  /** Drops a generation that is not active, with its data. */
  dropGeneration(generation: number): Promise<void>;

  /**
   * Creates those of the indexes a generation lacks; idempotent. They go when the generation goes.
   * An index no longer declared stays until then: two processes of different releases, which may
   * work on one generation for a while, would otherwise drop each other's.
   */
  ensureIndexes(generation: number, indexes: readonly DocumentIndex[]): Promise<void>;

  /** The current versions of documents of a generation (active or building), for a runner. */
  loadDocuments(generation: number, ids: readonly string[]): Promise<Map<string, StoredDocument>>;

  /**
   * Writes a runner batch atomically: documents (with history), facts, marks and the checkpoint.
   * A fact already stored (same generation, position and index) is not stored twice.
   * Raises `GenerationRetiredError` when the generation was retired meanwhile, and `LeaseLostError`
   * when the batch's lease no longer stands with its holder and token; both are checked in the same
   * transaction as the writes, so a refused batch writes nothing.
   */
  commit(batch: ProjectionBatch): Promise<void>;

  /**
   * Writes the batches of several runners in one transaction, each as `commit` would: what a host
   * that hands one read of the log to several projections commits per batch of it. Each batch is
   * written whole or not at all, and one the store refuses (`LeaseLostError`, `GenerationRetiredError`,
   * content it cannot store) keeps none of the others from being written: the answer holds, at each
   * batch's index, its refusal, or undefined once it is written. A failure of the store itself fails
   * the whole call, and then none is written.
   */
  commitBatches(batches: readonly ProjectionBatch[]): Promise<(Error | undefined)[]>;

  /**
   * Takes or renews the named lease for `holder` until `ttlMs` from now, when it is free, expired or
   * already held by `holder`: the lease with its token. Undefined while another holder's lease is
   * live. Processes that share the store use it to decide which one works on a projection.
   */
  acquireLease(name: string, holder: string, ttlMs: number): Promise<Lease | undefined>;

  /** Gives the lease up at once (it expires now), if `holder` holds it; otherwise does nothing. */
  releaseLease(name: string, holder: string): Promise<void>;

  close(): Promise<void>;
}

/** Checks the version a generation is begun with, before a read store stores it. */
export function checkProjectionVersion(version: number): void {
  if (!Number.isSafeInteger(version)) {
    throw new ValidationError(`a projection version is an integer, got ${version}`, [{ field: 'version', message: 'not an integer' }]);
  }
}

/** The generation a runner writes to was retired by a rebuild elsewhere; the runner must reload. */
export class GenerationRetiredError extends Error {
  readonly code = 'GENERATION_RETIRED';

  constructor(readonly generation: number) {
    super(`generation ${generation} was retired`);
    this.name = 'GenerationRetiredError';
  }
}

/** A batch's lease passed to another holder or expired and was taken again: the batch was not written. */
export class LeaseLostError extends Error {
  readonly code = 'LEASE_LOST';

  constructor(readonly lease: Lease) {
    super(`lease ${lease.name} is no longer held by ${lease.holder} with token ${lease.token}`);
    this.name = 'LeaseLostError';
  }
}
