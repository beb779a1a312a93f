import { Command, CommandBus, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { ConcurrencyError, handleCommand, handleCommandSequence, type CommandResult, type DomainEvent, type SequencedOutcome } from '#kernel';
import { ApiMetrics } from './api-metrics.js';
import { commandResponse, CommandRunner, type CommandResponse, type RequestCommandContext } from './command-runner.js';
import { entityStreamOf, type DatedCommand, type EntityKind } from './entity-streams.js';
import { RevisionMismatchError } from './http-errors.js';

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

/**
 * Runs every entity command through the kernel's `handleCommand` on the stream of the entity it
 * addresses, with the stores, clock, upcasters and event schemas of the app, and measures it. A
 * conflict on a revision the client pinned becomes `RevisionMismatchError` (412); without a pin, the
 * kernel retries and a `ConcurrencyError` (409) means it gave up. An event that breaks its schema is
 * a defect and answers 500.
 */
@CommandHandler(EntityCommand)
export class EntityCommandHandler implements ICommandHandler<EntityCommand<DatedCommand, DomainEvent, unknown, object>> {
  constructor(
    private readonly bus: CommandBus<AppCommand>,
    private readonly runner: CommandRunner,
    private readonly metrics: ApiMetrics,
  ) {}

  async execute<C extends DatedCommand, E extends DomainEvent, S, X extends object>(
    entityCommand: EntityCommand<C, E, S, X>,
  ): Promise<CommandResponse & X> {
    if (entityCommand.claim !== undefined) await this.bus.execute(entityCommand.claim);
    const { kind, command, answer } = entityCommand;
    const result = await this.run(entityCommand);
    const response = commandResponse(kind.answerIdOf?.(command) ?? kind.idOf(command), result);
    // Without an extension the answer is the response itself, which is all `X` then asks for.
    if (answer === undefined) return response as CommandResponse & X;
    return { ...response, ...(await answer(result)) };
  }

  private run<C extends DatedCommand, E extends DomainEvent, S>({
    kind,
    command,
    context,
  }: Pick<EntityCommand<C, E, S>, 'kind' | 'command' | 'context'>): Promise<CommandResult<E>> {
    const { expectedRevision, ...kernelContext } = context;
    return this.metrics.timeCommand(command.type, async () => {
      try {
        return await handleCommand(this.runner.dependencies, entityStreamOf(kind, kind.idOf(command)), kind.decider, command, kernelContext, {
          expectedRevision,
        });
      } catch (error) {
        if (error instanceof ConcurrencyError && expectedRevision !== undefined) {
          throw new RevisionMismatchError(expectedRevision, error.actualRevision);
        }
        throw error;
      }
    });
  }
}

/** A command its service refused while building it, as a sequence answers it in its place. */
export interface RefusedCommand {
  readonly refusal: unknown;
}

export type SequenceEntry<C extends DatedCommand, E extends DomainEvent, S> = EntityCommand<C, E, S, object> | RefusedCommand;

/**
 * Commands addressed to one entity, decided in turn from one read of its stream and appended together:
 * a bulk import pays one read and one append per entity. Each command is answered, or refused, on its
 * own and in its place, as `handleCommandSequence` says; a command's claim is appended before the
 * command is decided, and a refused claim refuses its command. A pinned revision and answer
 * extensions do not apply here.
 */
/**
 * What the app's command bus carries: a command to one entity, or a sequence of them. A bus typed by
 * it (`CommandBus<AppCommand>`) refuses anything else at compile time, such as a promise of a command.
 */
export type AppCommand = EntityCommand<DatedCommand, DomainEvent, unknown, object> | EntityCommandSequence<DatedCommand, DomainEvent, unknown>;

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

/** Runs command sequences through the kernel, each run timed as one command of the entity's category. */
@CommandHandler(EntityCommandSequence)
export class EntityCommandSequenceHandler implements ICommandHandler<EntityCommandSequence<DatedCommand, DomainEvent, unknown>> {
  constructor(
    private readonly bus: CommandBus<AppCommand>,
    private readonly runner: CommandRunner,
    private readonly metrics: ApiMetrics,
  ) {}

  async execute<C extends DatedCommand, E extends DomainEvent, S>({ kind, entityId, entries }: EntityCommandSequence<C, E, S>): Promise<SequencedOutcome<E>[]> {
    const outcomes = new Map<SequenceEntry<C, E, S>, SequencedOutcome<E>>();
    const commands = entries.filter((entry): entry is EntityCommand<C, E, S, object> => entry instanceof EntityCommand);
    // A claim splits the sequence: the commands before it are appended before the claim is made.
    for (const [first, ...rest] of claimSegments(commands)) {
      const claimRefusal = first!.claim === undefined ? undefined : await this.bus.execute(first!.claim).then(() => undefined, (refusal: unknown) => ({ refusal }));
      if (claimRefusal !== undefined) outcomes.set(first!, claimRefusal);
      const decided = claimRefusal === undefined ? [first!, ...rest] : rest;
      if (decided.length === 0) continue;
      const decidedOutcomes = await this.decideInTurn(kind, entityId, decided);
      decided.forEach((command, index) => outcomes.set(command, decidedOutcomes[index]!));
    }
    return entries.map((entry) => (entry instanceof EntityCommand ? outcomes.get(entry)! : entry));
  }

  private decideInTurn<C extends DatedCommand, E extends DomainEvent, S>(
    kind: EntityKind<C, E, S>,
    entityId: string,
    commands: readonly EntityCommand<C, E, S, object>[],
  ): Promise<SequencedOutcome<E>[]> {
    const sequence = commands.map(({ command, context: { expectedRevision: _notPinned, ...context } }) => ({ command, context }));
    return this.metrics.timeCommand(`${kind.category} sequence`, () =>
      handleCommandSequence(this.runner.dependencies, entityStreamOf(kind, entityId), kind.decider, sequence),
    );
  }
}

/** The commands in runs, each run starting at a command that carries a claim or at the first command. */
function claimSegments<T extends { readonly claim?: unknown }>(commands: readonly T[]): T[][] {
  const segments: T[][] = [];
  for (const command of commands) {
    if (command.claim !== undefined || segments.length === 0) segments.push([command]);
    else segments[segments.length - 1]!.push(command);
  }
  return segments;
}
