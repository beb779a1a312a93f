import { Command } from '@nestjs/cqrs';
import type { CommandResult, DomainEvent, SequencedOutcome } from '#kernel';
import type { CommandResponse, RequestCommandContext } from './command-runner.service.js';
import type { DatedCommand, EntityKind } from './entity-streams.js';

/** The answer of a command that answers nothing besides `CommandResponse`. */
export type NoExtension = Record<never, never>;

/**
 * What a command answers besides the entity's id, revision and position, made once its events are
 * appended (or found again on an idempotent retry): data of those events, or of the request (a secret
 * made for it). It may wait for what must hold before the command is answered.
 */
export type AnswerExtension<E extends DomainEvent, X extends object> = (result: CommandResult<E>) => X | Promise<X>;

/**
 * A domain command addressed to one entity, as the command bus carries it: the kind of the entity
 * (its decider and streams), the command, dated by its own `at`, and the request's context. A request
 * that must first win a claim on another entity (a re-inspection on the failed inspection, an answer
 * on its token) carries that claim as `claim`: the claim is appended first, and the command only once
 * the claim was accepted. A command whose answer says more than `CommandResponse` carries `answer`.
 */
export class EntityCommand<C extends DatedCommand, E extends DomainEvent, S, X extends object = NoExtension> extends Command<
  CommandResponse & X
> {
  constructor(
    readonly kind: EntityKind<C, E, S>,
    readonly command: C,
    readonly context: RequestCommandContext,
    readonly claim?: Command<CommandResponse>,
    readonly answer?: AnswerExtension<E, X>,
  ) {
    super();
  }

  /** The same command, answering also what `extension` makes of its result. */
  answering<Y extends object>(extension: AnswerExtension<E, Y>): EntityCommand<C, E, S, Y> {
    return new EntityCommand(this.kind, this.command, this.context, this.claim, extension);
  }
}

/** A command its service refused while building it, as a sequence answers it in its place. */
export interface RefusedCommand {
  readonly refusal: unknown;
}

export type SequenceEntry<C extends DatedCommand, E extends DomainEvent, S> = EntityCommand<C, E, S, object> | RefusedCommand;

/**
 * What the app's command bus carries: a command to one entity, or a sequence of them. A bus typed by
 * it (`CommandBus<AppCommand>`) refuses anything else at compile time, such as a promise of a command.
 */
export type AppCommand = EntityCommand<DatedCommand, DomainEvent, unknown, object> | EntityCommandSequence<DatedCommand, DomainEvent, unknown>;

/**
 * Commands addressed to one entity, decided in turn from one read of its stream and appended together:
 * a bulk import pays one read and one append per entity. Each command is answered, or refused, on its
 * own and in its place, as `handleCommandSequence` says; a command's claim is appended before the
 * command is decided, and a refused claim refuses its command. A pinned revision and answer
 * extensions do not apply here.
 */
export class EntityCommandSequence<C extends DatedCommand, E extends DomainEvent, S> extends Command<SequencedOutcome<E>[]> {
  constructor(
    readonly kind: EntityKind<C, E, S>,
    readonly entityId: string,
    readonly entries: readonly SequenceEntry<C, E, S>[],
  ) {
    super();
    for (const entry of entries) {
      if (entry instanceof EntityCommand && kind.idOf(entry.command) !== entityId) {
        throw new Error(`a sequence addressed to ${entityId} holds a command addressed to ${kind.idOf(entry.command)}`);
      }
    }
  }
}
