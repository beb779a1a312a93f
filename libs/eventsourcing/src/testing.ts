import { deepStrictEqual, fail } from 'node:assert/strict';
import type { Decider } from './decider.js';
import { ValidationError } from './errors.js';
import type { DomainEvent, EventMetadata, RecordedEvent } from './events.js';
import { handlesType, projectEvent, type AnyProjection, type FactInput, type ProjectedDocument, type Projection } from './projection.js';

/**
 * Given/when/then for deciders and projections. Pure: no store, no clock, milliseconds per case.
 *
 *   const { given } = deciderSpec(careCase);
 *   given([opened]).when(refund).then([refundIssued]);
 *   given([]).when(refund).thenThrows(NotFoundError);
 *   given([opened]).when({ ...refund, reason: '' }).thenRejects(['reason']);
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
            /** Bad input: a `ValidationError` naming exactly these fields. */
            thenRejects(fields: readonly string[]): void {
              try {
                run();
              } catch (error) {
                if (!(error instanceof ValidationError)) fail(`expected a ValidationError, got ${(error as Error)?.name}: ${(error as Error)?.message}`);
                deepStrictEqual(error.errors.map((fieldError) => fieldError.field), fields);
                return;
              }
              fail('expected a ValidationError, but the command was accepted');
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

export interface DecidedHistoryOptions<C> {
  /** The stream a command addresses. */
  readonly streamOf: (command: C) => string;
  /** The roles of every actor. */
  readonly roles: readonly string[];
}

/**
 * The events a decider appends for these commands, recorded as the store would: each in the stream its
 * command addresses, with that stream's revisions, dated by the command's `at`, by the actor given,
 * positions counted from 1. For projection specs that tell their history as commands.
 *
 *   decidedHistory(careCaseDecider(), { streamOf: (c) => `careCase-${c.caseId}`, roles: ['care-agent'] }, [['agent-1', open]]);
 */
export function decidedHistory<C extends { readonly at: string }, E extends DomainEvent, S>(
  decider: Decider<C, E, S>,
  { streamOf, roles }: DecidedHistoryOptions<C>,
  steps: readonly (readonly [actorId: string, command: C])[],
): RecordedEvent<E>[] {
  const states = new Map<string, S>();
  const history: RecordedEvent<E>[] = [];
  for (const [actorId, command] of steps) {
    const streamId = streamOf(command);
    let state = states.get(streamId) ?? decider.initialState();
    for (const event of decider.decide(command, state)) {
      const revision = history.filter((earlier) => earlier.streamId === streamId).length;
      state = decider.evolve(state, event);
      const metadata = { occurredAt: command.at, actor: { id: actorId, roles } };
      history.push(recorded(event, { position: BigInt(history.length + 1), streamId, revision, metadata }));
    }
    states.set(streamId, state);
  }
  return history;
}

/**
 * Runs events through a projection in memory, the way the runner does (skipping unhandled types),
 * and checks the documents and facts it ends with.
 *
 *   projectionSpec(careStats).given([recorded(opened), recorded(refunded)]).thenFacts([...]);
 */
export function projectionSpec<D, E extends DomainEvent>(projection: Projection<D, E>) {
  return {
    given(events: readonly RecordedEvent[]) {
      const projected = new Map<string, ProjectedDocument>();
      const facts: FactInput[] = [];
      const handles = handlesType(projection);
      for (const event of events) {
        if (!handles(event.type)) continue;
        facts.push(...(projectEvent(projection as AnyProjection, projected, event)?.facts ?? []));
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
