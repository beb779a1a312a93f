import type { Command } from '@nestjs/cqrs';
import { streamId, type Decider, type DomainEvent } from '#kernel';
import type { CommandResponse, CommandRunner, RequestCommandContext } from './command-runner.service.js';
import { EntityCommand, EntityCommandSequence, type SequenceEntry } from './entity-commands.js';

/** A command dated by the business time `CommandRunner.businessTime` gave it; its events occurred then. */
export type DatedCommand = { readonly type: string; readonly at: string };

/** A kind of entity, each in a stream of its own, `<category>-<id>`: how its commands are decided. */
export interface EntityKind<C extends DatedCommand, E extends DomainEvent, S> {
  readonly decider: Decider<C, E, S>;
  readonly category: string;
  /** The id of the entity a command addresses. */
  readonly idOf: (command: C) => string;
  /**
   * The id the answer names, where that is a part of the entity rather than the entity: a section of
   * the organisation structure, an assessment in an employee's competence record.
   */
  readonly answerIdOf?: (command: C) => string;
}

/** The stream of the entity with this id. */
export function entityStreamOf(kind: Pick<EntityKind<never, never, unknown>, 'category'>, id: string): string {
  return streamId(kind.category, id);
}

/**
 * The streams of one kind of entity, for its command service: addresses a command to the entity it
 * names, for the command bus to run, and reads an entity's state for the rules of another's command.
 */
export class EntityStreams<C extends DatedCommand, E extends DomainEvent, S> {
  constructor(
    private readonly runner: CommandRunner,
    private readonly kind: EntityKind<C, E, S>,
  ) {}

  /** The entity's state as its stream holds it now. */
  current(id: string): Promise<S> {
    return this.runner.currentState(this.kind.decider, entityStreamOf(this.kind, id));
  }

  /** `claim`, when given, is a command on another entity that must be accepted first. */
  command(command: C, context: RequestCommandContext, claim?: Command<CommandResponse>): EntityCommand<C, E, S> {
    return new EntityCommand(this.kind, command, context, claim);
  }

  /** Commands, or refusals in their places, to be decided in turn on one entity. */
  sequence(id: string, entries: readonly SequenceEntry<C, E, S>[]): EntityCommandSequence<C, E, S> {
    return new EntityCommandSequence(this.kind, id, entries);
  }
}
