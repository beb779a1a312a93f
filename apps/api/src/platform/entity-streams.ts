import { streamId, type Decider, type DomainEvent } from '#libs/eventsourcing/src/index.js';
import { commandResponse, type CommandResponse, type CommandRunner, type RequestCommandContext } from './command-runner.js';

/** A command dated by the business time `CommandRunner.businessTime` gave it. */
type DatedCommand = { readonly type: string; readonly at: string };

/** A kind of entity whose every entity lives in a stream of its own, `<category>-<id>`. */
export interface EntityKind<C extends DatedCommand, E extends DomainEvent, S> {
  readonly decider: Decider<C, E, S>;
  readonly category: string;
  /** The id of the entity a command addresses. */
  readonly idOf: (command: C) => string;
}

/**
 * The streams of one kind of entity, for its command service: runs a command on the stream of the
 * entity it addresses and answers with that entity's id, and reads an entity's state for the rules of
 * another's command.
 */
export class EntityStreams<C extends DatedCommand, E extends DomainEvent, S> {
  constructor(
    private readonly runner: CommandRunner,
    private readonly kind: EntityKind<C, E, S>,
  ) {}

  /** The entity's state as its stream holds it now. */
  current(id: string): Promise<S> {
    return this.runner.currentState(this.kind.decider, this.stream(id));
  }

  async run(command: C, context: RequestCommandContext): Promise<CommandResponse> {
    const id = this.kind.idOf(command);
    return commandResponse(id, await this.runner.runDated(this.kind.decider, this.stream(id), command, context));
  }

  private stream(id: string): string {
    return streamId(this.kind.category, id);
  }
}
