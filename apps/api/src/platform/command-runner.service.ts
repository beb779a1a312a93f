import { Inject, Injectable } from '@nestjs/common';
import { v5 as uuidv5 } from 'uuid';
import { ApiProperty } from '@nestjs/swagger';
import {
  EventSchemaRegistry,
  FoldedStates,
  newId,
  UpcasterRegistry,
  type Clock,
  type CommandContext,
  type CommandDependencies,
  type CommandResult,
  type Decider,
  type DomainEvent,
} from '#kernel';
import { requireUtcInstant } from '#domain/shared/validation.js';
import { CLOCK, STORES, type Stores } from '#persistence';
import { ApiMetrics } from './api-metrics.service.js';

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
 * What the command services build commands with (their business time, the ids of new entities, the
 * state of other entities), and what the entity command handler runs them with: the app's stores,
 * clock, upcasters and event schemas.
 */
@Injectable()
export class CommandRunner {
  /** What the kernel runs a command with: the app's stores, clock, upcasters and event schemas. */
  readonly dependencies: CommandDependencies;
  private readonly foldedStates = new FoldedStates(FOLDED_STREAMS);

  constructor(
    @Inject(STORES) stores: Stores,
    @Inject(CLOCK) private readonly clock: Clock,
    upcasters: UpcasterRegistry,
    metrics: ApiMetrics,
    schemas: EventSchemaRegistry,
  ) {
    this.dependencies = { store: metrics.timingAppends(stores.events), clock, upcasters, schemas };
  }

  /**
   * The business time of a command: `occurredAt` as given, or the clock's now. It is resolved once,
   * here, and travels as the command's `at`, which the kernel dates the command's events by (and
   * refuses in the future). Checked here rather than as the command's `at`, so that a bad value is
   * reported under the name the caller used.
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
