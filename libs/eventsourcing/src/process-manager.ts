import { inBatches } from './batches.js';
import type { Clock } from './clock.js';
import type { Decider } from './decider.js';
import { ConcurrencyError, QualityLedgerError } from './errors.js';
import type { Actor, DomainEvent, Position, RecordedEvent, RecordedOf } from './events.js';
import type { EventSchemaRegistry } from './event-schemas.js';
import type { EventStore } from './event-store.js';
import { handleCommand, type CommandContext, type CommandDependencies, type CommandResult } from './handle-command.js';
import { followingState, LogFollower, type FollowerState, type LogFollowerOptions } from './log-follower.js';
import { handlesType } from './projection.js';
import { LeasedHost, type ProjectionLeaseOptions } from './projection-host.js';
import type { Generation, Lease, ReadStore } from './read-store.js';
import type { UpcasterRegistry } from './upcasting.js';

/** A command a process manager issues: one decider's command for one stream. */
export interface ProcessCommand {
  readonly streamId: string;
  readonly command: { readonly type: string };
  /** Runs the command through `handleCommand` with its decider. */
  run(deps: CommandDependencies, context: CommandContext): Promise<CommandResult>;
}

export function processCommand<C extends { readonly type: string }, E extends DomainEvent, S>(
  streamId: string,
  decider: Decider<C, E, S>,
  command: C,
): ProcessCommand {
  return { streamId, command, run: (deps, context) => handleCommand(deps, streamId, decider, command, context) };
}

/**
 * Turns events into commands: it follows the log, reads the read models it needs, and issues the
 * commands an event calls for. Its reactions must be idempotent under replay: the host gives every
 * command an idempotency key derived from the triggering event, so an event processed twice (a
 * replay, a restart before the checkpoint was written, two hosts during a lease takeover) appends
 * nothing the second time, as long as `react` addresses the same streams (ids derived from the event).
 *
 * `E` is the union of the events it handles, given to `react` typed: as for a projection, the host
 * gives it only the types of `handles`.
 */
export interface ProcessManager<E extends DomainEvent = DomainEvent> {
  readonly name: string;
  /** Event types it reacts to; the others only move its checkpoint. */
  readonly handles: readonly E['type'][];
  /**
   * Read models `react` reads. When it is called, each of them has processed the event, and every
   * command this manager issued before: what it proposed a moment ago is visible to it.
   */
  readonly awaits: readonly string[];
  /** The commands an event calls for. Apart from reading `reads`, pure: time and ids come from the event. */
  react(event: RecordedOf<E>, reads: ReadStore): Promise<readonly ProcessCommand[]>;
}

/** The actor in the metadata of the events a process manager's commands append. */
export function processManagerActor(name: string): Actor {
  return { id: `process:${name}`, roles: [] };
}

/** The idempotency key of the `index`-th command a manager issues for an event. */
export function processCommandKey(manager: string, eventId: string, index: number): string {
  return `${manager}\u0000${eventId}\u0000${index}`;
}

/** Where a process manager keeps its checkpoint in the read store (a generation of that name) and the name of its lease. */
export function processManagerCheckpoint(name: string): string {
  return `processManager:${name}`;
}

/** A command the domain refused for good (a rule, bad input, a missing entity): retrying would not change the answer. */
export function isRefusal(error: unknown): boolean {
  return error instanceof QualityLedgerError && !(error instanceof ConcurrencyError);
}

/**
 * Runs the commands of one reaction, each under the idempotency key of its index: a second run for
 * the same event finds the events of the first and appends nothing. A refused command is reported
 * through `onRefused` and the others still run; any other failure is thrown, to be retried.
 */
export async function runReaction(
  manager: Pick<ProcessManager, 'name'>,
  event: RecordedEvent,
  commands: readonly ProcessCommand[],
  deps: CommandDependencies,
  onRefused: (error: unknown, command: ProcessCommand) => void,
): Promise<CommandResult[]> {
  const results: CommandResult[] = [];
  for (const [index, command] of commands.entries()) {
    const context: CommandContext = {
      actor: processManagerActor(manager.name),
      correlationId: event.metadata.correlationId,
      causationId: event.eventId,
      occurredAt: event.metadata.occurredAt,
      idempotencyKey: processCommandKey(manager.name, event.eventId, index),
    };
    try {
      results.push(await command.run(deps, context));
    } catch (error) {
      if (!isRefusal(error)) throw error;
      onRefused(error, command);
    }
  }
  return results;
}

export type ProcessManagerState = FollowerState;

const DEFAULT_IDLE_CHECKPOINT_MS = 1000;

export interface ProcessManagerStatus {
  readonly name: string;
  readonly state: ProcessManagerState;
  /** Last position processed; committed unless the events since the last commit called for nothing. Undefined before the first batch. */
  readonly checkpoint: Position | undefined;
  readonly lastError: string | undefined;
}

/** `onError` hears a failure that will be retried, or a command the domain refused (which is not). */
export interface ProcessManagerRunnerOptions extends LogFollowerOptions<ProcessManagerStatus> {
  readonly manager: ProcessManager;
  readonly reads: ReadStore;
  readonly clock: Clock;
  readonly upcasters?: UpcasterRegistry;
  /** Checks what the manager's commands append, as every command of the app is checked. */
  readonly schemas?: EventSchemaRegistry;
  readonly batchSize?: number;
  /** How often the checkpoints of the awaited read models are read while waiting for them. */
  readonly pollIntervalMs?: number;
  /** How long a manager whose events call for nothing keeps its checkpoint in memory before committing it; default 1000 ms. */
  readonly idleCheckpointMs?: number;
}

/**
 * Keeps one process manager going: follows the log from its checkpoint, waits for the read models it
 * reads, reacts, runs the commands, and commits the checkpoint to the read store after each batch it
 * reacted to, under the lease when it has one. A crash between a command and the checkpoint replays
 * the event, which the idempotency keys make harmless.
 */
export class ProcessManagerRunner extends LogFollower<ProcessManagerStatus> {
  private readonly manager: ProcessManager;
  private readonly handles: (type: string) => boolean;
  private readonly deps: CommandDependencies;
  private readonly batchSize: number;
  private readonly pollIntervalMs: number;
  private readonly idleCheckpointMs: number;
  /** The last position this manager's commands appended at, or the head of the log when it started. */
  private issuedUpTo: Position = 0n;

  constructor(private readonly options: ProcessManagerRunnerOptions) {
    super(options);
    this.manager = options.manager;
    this.handles = handlesType(options.manager);
    this.deps = { store: options.events, clock: options.clock, upcasters: options.upcasters, schemas: options.schemas };
    this.batchSize = options.batchSize ?? 1000;
    this.pollIntervalMs = options.pollIntervalMs ?? 25;
    this.idleCheckpointMs = options.idleCheckpointMs ?? DEFAULT_IDLE_CHECKPOINT_MS;
  }

  get name(): string {
    return this.manager.name;
  }

  status(): ProcessManagerStatus {
    return { name: this.manager.name, state: this.state, checkpoint: this.checkpoint, lastError: this.lastError };
  }

  protected async follow(lease: Lease | undefined): Promise<void> {
    const generation = await this.checkpointGeneration();
    this.checkpoint = generation.checkpoint;
    const head = await this.options.events.headPosition();
    // Commands issued before this start are not tracked: the read models must first reach the head.
    this.issuedUpTo = head ?? 0n;
    await this.followLive(generation, head, lease);
  }

  /** The generation that holds the checkpoint; the first start creates it. */
  private async checkpointGeneration(): Promise<Generation> {
    const name = processManagerCheckpoint(this.manager.name);
    const active = (await this.options.reads.generations(name)).find((generation) => generation.status === 'active');
    return active ?? (await this.options.reads.beginGeneration(name, 1));
  }

  /**
   * Commits the checkpoint after every batch that held an event the manager handles. A batch with none
   * only moves the checkpoint in memory, and that is committed `idleCheckpointMs` later (with whatever
   * came meanwhile) or when the runner stops: a restart reads again at most those events, none of which
   * calls for anything.
   */
  private async followLive(generation: Generation, head: Position | undefined, lease: Lease | undefined): Promise<void> {
    this.state = followingState(head, generation.checkpoint);
    const live = this.options.events.subscribeAll({ after: generation.checkpoint, signal: this.abort.signal });
    const checkpoints = new CheckpointCommits(
      (checkpoint) => this.options.reads.commit({ generation: generation.id, lease, documents: [], facts: [], marks: [], checkpoint }),
      this.idleCheckpointMs,
      (error) => this.fail(error, this.state),
    );
    try {
      for await (const batch of inBatches(live, this.batchSize)) {
        const handled = batch.filter((candidate) => this.handles(candidate.type));
        if (!(await this.processAll(handled))) break;
        const checkpoint = batch[batch.length - 1]!.position;
        if (handled.length > 0) await checkpoints.commit(checkpoint);
        else checkpoints.commitLater(checkpoint);
        this.committed(checkpoint);
        if (batch.length < this.batchSize) this.state = 'live';
        this.recovered();
      }
      await checkpoints.commitDeferredIfAccepted();
    } finally {
      await checkpoints.close();
    }
  }

  /** Reacts to the events in turn; false when the runner was stopped before the last of them was processed. */
  private async processAll(events: readonly RecordedEvent[]): Promise<boolean> {
    for (const event of events) {
      await this.process(event);
      if (this.abort.signal.aborted) return false;
    }
    return true;
  }

  private async process(event: RecordedEvent): Promise<void> {
    await this.readModelsAt(event.position > this.issuedUpTo ? event.position : this.issuedUpTo);
    if (this.abort.signal.aborted) return;
    const commands = await this.manager.react(event, this.options.reads);
    const results = await runReaction(this.manager, event, commands, this.deps, (error) => this.fail(error, this.state));
    for (const { position } of results) {
      if (position !== undefined && position > this.issuedUpTo) this.issuedUpTo = position;
    }
  }

  /** Waits until every awaited read model has committed `position`, or the runner stops. */
  private async readModelsAt(position: Position): Promise<void> {
    while (!this.abort.signal.aborted) {
      const checkpoints = await Promise.all(this.manager.awaits.map((name) => this.committedCheckpoint(name)));
      if (checkpoints.every((checkpoint) => checkpoint !== undefined && checkpoint >= position)) return;
      await this.sleep(this.pollIntervalMs);
    }
  }

  private async committedCheckpoint(projection: string): Promise<Position | undefined> {
    const generations = await this.options.reads.generations(projection);
    return generations.find((generation) => generation.status === 'active')?.checkpoint;
  }
}

export interface ProcessManagerHostOptions extends Omit<ProcessManagerRunnerOptions, 'manager' | 'events' | 'reads'> {
  readonly lease?: ProjectionLeaseOptions;
}

/**
 * Runs process managers side by side, each under a lease of its own in the read store, as the
 * projection host runs projections: several hosts may share the stores, one of them runs each manager
 * and the others stand by.
 */
export class ProcessManagerHost extends LeasedHost<ProcessManagerStatus, ProcessManagerRunner> {
  constructor(managers: readonly ProcessManager[], events: EventStore, reads: ReadStore, options: ProcessManagerHostOptions) {
    const { lease, ...runnerOptions } = options;
    const runners = managers.map((manager) => new ProcessManagerRunner({ ...runnerOptions, manager, events, reads }));
    super('process managers', runners, reads, processManagerCheckpoint, lease);
  }

  status(): ProcessManagerStatus[] {
    return this.runners.map((runner) => runner.status());
  }
}

/**
 * A manager's checkpoint commits, one at a time and in order: at once, or, for a checkpoint past
 * events that called for nothing, `idleMs` after the first such one, with the latest by then. A
 * deferred commit that fails is reported and tried again `idleMs` later, unless a newer checkpoint
 * was committed or deferred meanwhile: only a commit at once fails the batch that asked for it.
 */
class CheckpointCommits {
  private queue: Promise<void> = Promise.resolve();
  /** The newest checkpoint handed in, committed or not: a failed deferred commit is tried again only while it is this one. */
  private newest: Position | undefined;
  private deferred: Position | undefined;
  private timer: NodeJS.Timeout | undefined;
  private closed = false;

  constructor(
    private readonly write: (checkpoint: Position) => Promise<void>,
    private readonly idleMs: number,
    private readonly onDeferredFailure: (error: unknown) => void,
  ) {}

  commit(checkpoint: Position): Promise<void> {
    this.newest = checkpoint;
    this.deferred = undefined;
    return this.enqueue(checkpoint);
  }

  commitLater(checkpoint: Position): void {
    this.newest = checkpoint;
    this.defer(checkpoint);
  }

  /**
   * Commits the deferred checkpoint when the runner stops. A refusal (the lease lost, the store
   * closing) is not an error of the stop: those events are read again by whoever runs the manager next.
   */
  async commitDeferredIfAccepted(): Promise<void> {
    const deferred = this.takeDeferred();
    if (deferred !== undefined) await this.enqueue(deferred).catch(() => undefined);
  }

  /** Stops the timer and waits for the commits already started, so that none lands after the runner follows again. */
  async close(): Promise<void> {
    this.closed = true;
    clearTimeout(this.timer);
    this.timer = undefined;
    this.deferred = undefined;
    await this.queue;
  }

  private defer(checkpoint: Position): void {
    if (this.closed) return;
    this.deferred = checkpoint;
    if (this.timer !== undefined) return;
    // Unreferenced: a process ending without stopping the manager only reads these events again.
    this.timer = setTimeout(() => this.commitDeferredNow(), this.idleMs).unref();
  }

  private commitDeferredNow(): void {
    this.timer = undefined;
    const deferred = this.takeDeferred();
    if (deferred === undefined) return;
    this.enqueue(deferred).catch((error: unknown) => {
      if (this.closed) return;
      this.onDeferredFailure(error);
      if (this.newest === deferred) this.defer(deferred);
    });
  }

  private takeDeferred(): Position | undefined {
    const deferred = this.deferred;
    this.deferred = undefined;
    return deferred;
  }

  private enqueue(checkpoint: Position): Promise<void> {
    const written = this.queue.then(() => this.write(checkpoint));
    this.queue = written.catch(() => undefined);
    return written;
  }
}
