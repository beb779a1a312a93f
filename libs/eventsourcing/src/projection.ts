import type { Position, RecordedEvent } from './events.js';
import type { DocumentWrite, MetricFact } from './read-store.js';

/** A fact as a projection emits it; the runner adds the position and the index. */
export type FactInput = Omit<MetricFact, 'position' | 'index'>;

export interface DocumentChange<D> {
  readonly before: D | null;
  readonly after: D | null;
}

/**
 * A read model as data and pure functions. It keeps one collection of documents named after it
 * (`documentId` + `evolve`), emits metric facts (`facts`), or both. Changing what it computes means
 * bumping `version`: the runner then rebuilds it from the log while the old version keeps serving.
 */
export interface Projection<D = unknown> {
  readonly name: string;
  readonly version: number;
  /** Event types it reacts to, or every type; the others only move its checkpoint. */
  readonly handles: readonly string[] | 'all';
  /** The document an event changes, or null when it changes none. */
  documentId?(event: RecordedEvent): string | null;
  /** The next version of the document; null deletes it. */
  evolve?(document: D | null, event: RecordedEvent): D | null;
  /** Facts for an event; `change` is the document before and after `evolve` (both null without documents). */
  facts?(event: RecordedEvent, change: DocumentChange<D>): readonly FactInput[];
}

export function handlesType(projection: Pick<Projection<unknown>, 'handles'>): (type: string) => boolean {
  if (projection.handles === 'all') return () => true;
  const types = new Set(projection.handles);
  return (type) => types.has(type);
}

/** A document as a projection last left it; `data: null` once deleted. */
export interface ProjectedDocument {
  readonly position: Position;
  readonly data: unknown;
}

export interface ProjectionStep {
  readonly write: DocumentWrite | undefined;
  readonly facts: readonly FactInput[];
}

/**
 * One event through a projection, against the documents as they stand, which it updates. Undefined
 * when the event's document has already seen it (a replay). The runner and the test DSL both project
 * through here, so a projection is tested exactly as it runs.
 */
export function projectEvent(
  projection: Projection<unknown>,
  documents: Map<string, ProjectedDocument>,
  event: RecordedEvent,
): ProjectionStep | undefined {
  const id = projection.documentId?.(event) ?? null;
  if (id === null) return { write: undefined, facts: projection.facts?.(event, { before: null, after: null }) ?? [] };
  const stored = documents.get(id);
  if (stored && stored.position >= event.position) return undefined;
  const before = stored?.data ?? null;
  const after = projection.evolve ? projection.evolve(before, event) : before;
  documents.set(id, { position: event.position, data: after });
  return {
    write: { id, position: event.position, data: after },
    facts: projection.facts?.(event, { before, after }) ?? [],
  };
}
