import type { Decider, DomainEvent, RecordedEvent } from '#kernel';
import { decidedHistory, recorded } from '#kernel/testing.js';
import type { TrainingItem } from '#domain/training/index.js';

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
