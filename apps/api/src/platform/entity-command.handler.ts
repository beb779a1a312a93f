import { CommandBus, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { ConcurrencyError, handleCommand, handleCommandSequence, type CommandResult, type DomainEvent, type SequencedOutcome } from '#kernel';
import { ApiMetrics } from './api-metrics.service.js';
import { commandResponse, CommandRunner, type CommandResponse } from './command-runner.service.js';
import { EntityCommand, EntityCommandSequence, type AppCommand, type SequenceEntry } from './entity-commands.js';
import { entityStreamOf, type DatedCommand, type EntityKind } from './entity-streams.js';
import { RevisionMismatchError } from './http-errors.js';

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
