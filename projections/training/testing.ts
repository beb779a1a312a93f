import type { AsOf, Decider, DocumentFilter, DomainEvent, ReadStore, RecordedEvent, StoredDocument } from '#kernel';
import { decidedHistory, recorded } from '#kernel/testing.js';
import type { TrainingItem } from '#domain/training/index.js';
import type { SkillGapCompetency, SkillGapDocument } from '../competence/skill-gaps.projection.js';
import type { MaterialDocument } from './knowledge-base.projection.js';

/*
 * Fixtures the training specs share: histories told as the commands a trainer gives, recorded as the
 * store would, so that the projections are specified on the events the deciders really decide.
 */

/** The events a decider appends for these commands, all in `stream`, given by `actor`. */
export function trainerHistory<C extends { readonly at: string }, E extends DomainEvent, S>(
  decider: Decider<C, E, S>,
  stream: string,
  commands: readonly C[],
  actor = 'apiKey:trainer',
): RecordedEvent<E>[] {
  return decidedHistory(decider, { streamOf: () => stream, roles: ['trainer'] }, commands.map((command) => [actor, command] as const));
}

/** Events recorded after `history`, at the positions that follow it, each dated by its time. */
export function recordedAfter(history: readonly RecordedEvent[], ...events: readonly (readonly [event: DomainEvent, at: string])[]): RecordedEvent[] {
  const last = history.reduce((highest, event) => (event.position > highest ? event.position : highest), 0n);
  return events.map(([event, at], index) => recorded(event, { position: last + BigInt(index + 1), metadata: { occurredAt: at, recordedAt: at } }));
}

/** Read the refund regulation: 2 hours, due March 20. */
export const reading: TrainingItem = {
  itemId: 'item-1',
  kind: 'material',
  title: 'Refunds',
  materialId: 'refunds',
  competencyIds: ['refunds'],
  dueOn: '2026-03-20',
  hours: 2,
};

/** A negotiation course bought for 12 000.00 RUB, due March 31. */
export const course: TrainingItem = {
  itemId: 'item-2',
  kind: 'external-course',
  title: 'Negotiation',
  cost: { minor: 1_200_000, currency: 'RUB' },
  competencyIds: ['negotiation'],
  dueOn: '2026-03-31',
};

type Version = { position: bigint; data: unknown };

/** The reads the process managers make, on documents with versions: `get` and `find` as of a position, `find` by equality and `$in`. */
export class VersionedDocuments {
  private readonly collections = new Map<string, Map<string, Version[]>>();

  put(collection: string, id: string, position: bigint, data: unknown): this {
    const documents = this.collections.get(collection) ?? new Map<string, Version[]>();
    documents.set(id, [...(documents.get(id) ?? []), { position, data }]);
    this.collections.set(collection, documents);
    return this;
  }

  asReadStore(): ReadStore {
    return {
      get: async (collection: string, id: string, options: AsOf = {}) => this.at(collection, options).find((document) => document.id === id),
      find: async (collection: string, filter: DocumentFilter = {}, options: AsOf = {}) =>
        this.at(collection, options).filter(({ data }) => Object.entries(filter).every(([field, condition]) => matches((data as Record<string, unknown>)[field], condition))),
    } as unknown as ReadStore;
  }

  private at(collection: string, { asOf }: AsOf): StoredDocument[] {
    return [...(this.collections.get(collection) ?? new Map<string, Version[]>())].flatMap(([id, versions]) => {
      const version = versions.filter(({ position }) => asOf === undefined || position <= asOf).at(-1);
      return version === undefined ? [] : [{ id, position: version.position, data: version.data }];
    });
  }
}

function matches(value: unknown, condition: unknown): boolean {
  if (typeof condition === 'object' && condition !== null && '$in' in condition) return (condition.$in as unknown[]).includes(value);
  return value === condition;
}

/** A competency of emp-42's skill gaps: required level, level (null: never assessed) and the gap between them. */
export const competency = (competencyId: string, required: number, level: number | null): SkillGapCompetency => ({
  competencyId,
  required,
  targetRequired: null,
  level,
  gap: Math.max(0, required - (level ?? 0)),
  targetGap: null,
  weight: 1,
  assessedAt: null,
  assessmentIds: [],
});

/** The skill gaps of emp-42, line-1 support. */
export const gapsOf = (...competencies: SkillGapCompetency[]) =>
  ({ entity: 'employee', id: 'emp-42', employeeId: 'emp-42', sectionId: 'support', positionId: 'support-l1', competencies }) as unknown as SkillGapDocument;

/** A material of the knowledge base, published early in January, that teaches `competencyIds`. */
export const material = (id: string, competencyIds: string[], status = 'current') =>
  ({ id, title: `Read ${id}`, status, competencyIds, publishedAt: '2026-01-05T09:00:00.000Z' }) as unknown as MaterialDocument;
