import { Inject, Injectable } from '@nestjs/common';
import { v5 as uuidv5 } from 'uuid';
import { ApiProperty } from '@nestjs/swagger';
import {
  ConcurrencyError,
  EventSchemaRegistry,
  FoldedStates,
  handleCommand,
  newId,
  UpcasterRegistry,
  type Clock,
  type CommandContext,
  type CommandDependencies,
  type CommandResult,
  type Decider,
  type DomainEvent,
} from '#libs/eventsourcing/src/index.js';
import { requireUtcInstant } from '#libs/domain/shared/validation.js';
import { CLOCK, STORES, type Stores } from '#libs/persistence/src/index.js';
import { ApiMetrics } from './api-metrics.js';
import { RevisionMismatchError } from './http-errors.js';

/** How many streams `currentState` keeps folded: the surveys, plans and entities commands check most. */
const FOLDED_STREAMS = 256;

/** A command's context as an HTTP request gives it: the kernel's, plus the revision `If-Match` pinned. */
export interface RequestCommandContext extends CommandContext {
  readonly expectedRevision?: number;
}

/** What every command route answers. */
export class CommandResponse {
  @ApiProperty({ description: 'Id of the entity the command addressed.' })
  readonly id!: string;

  @ApiProperty({ description: "The entity's revision after the command; send it as `If-Match` to pin the next one." })
  readonly revision!: number;

  @ApiProperty({
    type: String,
    nullable: true,
    example: '42',
    description:
      'Global position of the last event appended, as a decimal string (positions are 64-bit; JSON numbers ' +
      'are exact only up to 2^53). Pass it as `minPosition` to read your own write. Null when nothing was appended.',
  })
  readonly position!: string | null;
}

export function commandResponse(id: string, result: Pick<CommandResult, 'revision' | 'position'>): CommandResponse {
  return { id, revision: result.revision, position: result.position?.toString() ?? null };
}

/**
 * Runs a command through the kernel's `handleCommand` with the stores, clock, upcasters and event
 * schemas of the app, and measures it. A conflict on a revision the client pinned becomes
 * `RevisionMismatchError` (412); without a pin, the kernel retries and a `ConcurrencyError` (409)
 * means it gave up. An event that breaks its schema is a defect and answers 500.
 */
@Injectable()
export class CommandRunner {
  private readonly dependencies: CommandDependencies;
  private readonly foldedStates = new FoldedStates(FOLDED_STREAMS);

  constructor(
    @Inject(STORES) stores: Stores,
    @Inject(CLOCK) private readonly clock: Clock,
    upcasters: UpcasterRegistry,
    private readonly metrics: ApiMetrics,
    schemas: EventSchemaRegistry,
  ) {
    this.dependencies = { store: metrics.timingAppends(stores.events), clock, upcasters, schemas };
  }

  run<C extends { readonly type: string }, E extends DomainEvent, S>(
    decider: Decider<C, E, S>,
    streamId: string,
    command: C,
    context: RequestCommandContext,
  ): Promise<CommandResult<E>> {
    const { expectedRevision, ...kernelContext } = context;
    return this.metrics.timeCommand(command.type, async () => {
      try {
        return await handleCommand(this.dependencies, streamId, decider, command, kernelContext, { expectedRevision });
      } catch (error) {
        if (error instanceof ConcurrencyError && expectedRevision !== undefined) {
          throw new RevisionMismatchError(expectedRevision, error.actualRevision);
        }
        throw error;
      }
    });
  }

  /**
   * Runs a command dated by its own `at`, the business time `businessTime` gave it: the events it
   * appends occurred then.
   */
  runDated<C extends { readonly type: string; readonly at: string }, E extends DomainEvent, S>(
    decider: Decider<C, E, S>,
    streamId: string,
    command: C,
    context: RequestCommandContext,
  ): Promise<CommandResult<E>> {
    return this.run(decider, streamId, command, { ...context, occurredAt: command.at });
  }

  /**
   * The business time of a command: `occurredAt` as given, or the clock's now. Commands use it both
   * as their `at` and as the event's `occurredAt`; the kernel refuses a future one. Checked here rather
   * than as the command's `at`, so that a bad value is reported under the name the caller used.
   */
  businessTime(occurredAt: string | undefined): string {
    return occurredAt === undefined ? this.clock.now().toISOString() : requireUtcInstant(occurredAt, 'occurredAt');
  }

  /**
   * The id of an entity a command creates. A retried create must find what its first attempt created
   * instead of creating another, so with an `Idempotency-Key` the id derives from the kernel's key,
   * the key's scope (caller, route and key: two callers may choose the same key); without a key it is
   * a fresh UUIDv7. `namespace` is a UUID fixed forever per kind of entity.
   */
  newEntityId(context: RequestCommandContext, namespace: string): string {
    if (context.idempotencyKey === undefined) return newId();
    return uuidv5(context.idempotencyKey, namespace);
  }

  /**
   * A stream's state as its decider folds it now, for a command whose rules need to know another
   * entity; the command's own stream is checked by the append, so this state needs no lock.
   */
  async currentState<E extends DomainEvent, S>(
    decider: Pick<Decider<never, E, S>, 'initialState' | 'evolve'>,
    streamId: string,
  ): Promise<S> {
    return (await this.foldedStates.stateOf(this.dependencies.store, decider, streamId)).state;
  }
}
