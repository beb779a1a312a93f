import { deepStrictEqual, fail } from 'node:assert/strict';
import type { Decider } from './decider.js';
import type { DomainEvent, EventMetadata, RecordedEvent } from './events.js';
import { handlesType, projectEvent, type FactInput, type ProjectedDocument, type Projection } from './projection.js';

/**
 * Given/when/then for deciders and projections. Pure: no store, no clock, milliseconds per case.
 *
 *   const { given } = deciderSpec(careCase);
 *   given([opened]).when(refund).then([refundIssued]);
 *   given([]).when(refund).thenThrows(NotFoundError);
 */
export function deciderSpec<C, E extends DomainEvent, S>(decider: Decider<C, E, S>) {
  return {
    given(history: readonly E[]) {
      return {
        when(command: C) {
          const run = () => {
            let state = decider.initialState();
            for (const event of history) state = decider.evolve(state, event);
            return decider.decide(command, state);
          };
          return {
            then(expected: readonly E[]): void {
              deepStrictEqual(run(), expected);
            },
            thenThrows(errorClass: abstract new (...args: never[]) => Error, code?: string): void {
              try {
                run();
              } catch (error) {
                if (!(error instanceof errorClass)) {
                  fail(`expected ${errorClass.name}, got ${(error as Error)?.name}: ${(error as Error)?.message}`);
                }
                if (code !== undefined) {
                  const details = (error as { code?: string; rule?: string });
                  deepStrictEqual(details.rule ?? details.code, code);
                }
                return;
              }
              fail(`expected ${errorClass.name}, but the command was accepted`);
            },
          };
        },
      };
    },
  };
}

let nextTestPosition = 1n;

/** A recorded envelope around a domain event, with plausible metadata, for projection tests. */
export function recorded<E extends DomainEvent>(
  event: E,
  overrides: Partial<Omit<RecordedEvent<E>, 'metadata'>> & { metadata?: Partial<EventMetadata> } = {},
): RecordedEvent<E> {
  const position = overrides.position ?? nextTestPosition++;
  const at = overrides.metadata?.occurredAt ?? '2026-01-05T09:00:00.000Z';
  return {
    eventId: overrides.eventId ?? `00000000-0000-7000-8000-${position.toString().padStart(12, '0')}`,
    type: event.type,
    data: event.data,
    streamId: overrides.streamId ?? 'test-1',
    revision: overrides.revision ?? 0,
    position,
    metadata: {
      occurredAt: at,
      recordedAt: at,
      actor: { id: 'tester', roles: ['admin'] },
      correlationId: 'correlation-1',
      causationId: null,
      schemaVersion: 1,
      ...overrides.metadata,
    },
  };
}

/**
 * Runs events through a projection in memory, the way the runner does (skipping unhandled types),
 * and checks the documents and facts it ends with.
 *
 *   projectionSpec(careStats).given([recorded(opened), recorded(refunded)]).thenFacts([...]);
 */
export function projectionSpec<D>(projection: Projection<D>) {
  return {
    given(events: readonly RecordedEvent[]) {
      const projected = new Map<string, ProjectedDocument>();
      const facts: FactInput[] = [];
      const handles = handlesType(projection);
      for (const event of events) {
        if (!handles(event.type)) continue;
        facts.push(...(projectEvent(projection as Projection<unknown>, projected, event)?.facts ?? []));
      }
      const documents = new Map<string, D>();
      for (const [id, { data }] of projected) if (data !== null) documents.set(id, data as D);
      return {
        documents,
        facts,
        thenDocument(id: string, expected: D | null) {
          deepStrictEqual(documents.get(id) ?? null, expected);
          return this;
        },
        thenDocuments(expected: Record<string, D>) {
          deepStrictEqual(Object.fromEntries(documents), expected);
          return this;
        },
        thenFacts(expected: readonly FactInput[]) {
          deepStrictEqual(facts, expected);
          return this;
        },
      };
    },
  };
}
