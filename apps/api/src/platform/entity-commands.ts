import { Command, CommandBus, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { ConcurrencyError, handleCommand, type CommandResult, type DomainEvent } from '#kernel';
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
    private readonly bus: CommandBus,
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
