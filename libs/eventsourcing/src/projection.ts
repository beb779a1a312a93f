import type { DomainEvent, Position, RecordedEvent, RecordedOf } from './events.js';
import type { DocumentIndex, DocumentWrite, MetricFact } from './read-store.js';

/** A fact as a projection emits it; the runner adds the position and the index. */
export type FactInput = Omit<MetricFact, 'position' | 'index'>;

export interface DocumentChange<D> {
  readonly before: D | null;
  readonly after: D | null;
}

/** A document of the projection as it stands, by id; null when there is none. */
export type DocumentReader<D> = (id: string) => D | null;

/** What `evolve` knows besides the document and the event. */
export interface EvolveContext<D> {
  /** The id of the document it evolves: one event may create several documents, each from null. */
  readonly id: string;
  /**
   * The documents the event changes, as they stand (those evolved before this one already changed),
   * and those `documentIds` read.
   */
  readonly read: DocumentReader<D>;
}

/**
 * A read model as data and pure functions. It keeps one collection of documents named after it
 * (`documentId` or `documentIds`, and `evolve`), emits metric facts (`facts`), or both. Changing what
 * it computes means bumping `version`: the runner then rebuilds it from the log while the old version
 * keeps serving.
 *
 * `E` is the union of the events it handles: its functions get them typed, to be told apart by a
 * switch on `type`. The runner and the test DSL hold every projection as an `AnyProjection` and give it
 * only the types of `handles` (events whose data was checked against their schema when appended, and
 * upcast to the current version when read): that filter is what makes an event of the log one of `E`.
 */
export interface Projection<D = unknown, E extends DomainEvent = DomainEvent> {
  readonly name: string;
  readonly version: number;
  /** Event types it reacts to, or every type; the others only move its checkpoint. */
  readonly handles: readonly E['type'][] | 'all';
  /**
   * The fields its lists are filtered by and sorted on, for the read store to index. Adding or
   * removing one needs no new `version`: the runner creates what is missing when it starts.
   */
  readonly indexes?: readonly DocumentIndex[];
  /** The document an event changes, or null when it changes none. */
  documentId?(event: RecordedOf<E>): string | null;
  /**
   * In place of `documentId`, for events that change several documents: their ids, in the order they
   * are evolved, each with the same event. `read` gives the documents as they stood before the event,
   * so that ids may come from a document, as in a fan-out to everyone a roster document lists.
   */
  documentIds?(event: RecordedOf<E>, read: DocumentReader<D>): readonly string[];
  /** The next version of the document; null deletes it. */
  evolve?(document: D | null, event: RecordedOf<E>, context: EvolveContext<D>): D | null;
  /**
   * Facts for an event, once per document it changes: `change` is that document before and after
   * `evolve` (both null, once, for an event that changes no document).
   */
  facts?(event: RecordedOf<E>, change: DocumentChange<D>): readonly FactInput[];
}

/**
 * Any projection, as the runner and the test DSL hold them. Its members are methods, whose parameters
 * TypeScript compares both ways: a projection of a union of events is one, and the runner's filter on
 * `handles` is what keeps it from receiving another event.
 */
export type AnyProjection = Projection<unknown, DomainEvent>;

export function handlesType(projection: Pick<AnyProjection, 'handles'>): (type: string) => boolean {
  if (projection.handles === 'all') return () => true;
  const types = new Set(projection.handles);
  return (type) => types.has(type);
}

/**
 * A guard that tells the events of these types apart from the rest of a union, for a projection whose
 * event union spans several aggregates: the compiler then knows each part's `data`.
 */
export function ofTypes<T extends string>(types: readonly T[]) {
  const known: ReadonlySet<string> = new Set(types);
  return <E extends { readonly type: string }>(event: E): event is Extract<E, { readonly type: T }> => known.has(event.type);
}

/** A document as a projection last left it; `data: null` once deleted. */
export interface ProjectedDocument {
  readonly position: Position;
  readonly data: unknown;
}

export interface ProjectionStep {
  readonly writes: readonly DocumentWrite[];
  readonly facts: readonly FactInput[];
}

const NO_CHANGE: DocumentChange<never> = { before: null, after: null };

/** The ids of the documents an event changes, in the order they are evolved; `read` as `documentIds` gets it. */
export function documentIdsOf(projection: AnyProjection, event: RecordedEvent, read: DocumentReader<unknown>): readonly string[] {
  if (projection.documentIds) return projection.documentIds(event, read);
  const id = projection.documentId?.(event) ?? null;
  return id === null ? [] : [id];
}

/**
 * One event through a projection, against the documents as they stand, which it updates; they must
 * hold every document the event reads or changes. Undefined when each document the event changes has
 * already seen it (a replay). The runner and the test DSL both project through here, so a projection
 * is tested exactly as it runs.
 */
export function projectEvent(
  projection: AnyProjection,
  documents: Map<string, ProjectedDocument>,
  event: RecordedEvent,
): ProjectionStep | undefined {
  const read: DocumentReader<unknown> = (id) => documents.get(id)?.data ?? null;
  const ids = documentIdsOf(projection, event, read);
  if (ids.length === 0) return { writes: [], facts: projection.facts?.(event, NO_CHANGE) ?? [] };
  const writes: DocumentWrite[] = [];
  const facts: FactInput[] = [];
  for (const id of ids.length === 1 ? ids : new Set(ids)) {
    const stored = documents.get(id);
    if (stored && stored.position >= event.position) continue;
    const before = stored?.data ?? null;
    const after = projection.evolve ? projection.evolve(before, event, { id, read }) : before;
    documents.set(id, { position: event.position, data: after });
    writes.push({ id, position: event.position, data: after });
    facts.push(...(projection.facts?.(event, { before, after }) ?? []));
  }
  return writes.length > 0 ? { writes, facts } : undefined;
}
