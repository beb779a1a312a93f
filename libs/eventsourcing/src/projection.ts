import type { RecordedEvent } from './events.js';
import type { MetricFact } from './read-store.js';

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
