import { inBatches } from './batches.js';
import type { Clock } from './clock.js';
import type { Decider } from './decider.js';
import { ConcurrencyError, QualityLedgerError } from './errors.js';
import type { Actor, DomainEvent, Position, RecordedEvent } from './events.js';
import type { EventStore } from './event-store.js';
import { handleCommand, type CommandContext, type CommandDependencies, type CommandResult } from './handle-command.js';
import { newId } from './ids.js';
import { PositionWaiters, sleepUnlessAborted } from './position-waiters.js';
import { handlesType } from './projection.js';
import { DEFAULT_LEASE_TTL_MS, LeasedRunner, type ProjectionLeaseOptions } from './projection-host.js';
import type { RunnerLease } from './projection-runner.js';
import { GenerationRetiredError, LeaseLostError, type Generation, type Lease, type ReadStore } from './read-store.js';
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
 */
export interface ProcessManager {
  readonly name: string;
  /** Event types it reacts to; the others only move its checkpoint. */
  readonly handles: readonly string[];
  /**
   * Read models `react` reads. When it is called, each of them has processed the event, and every
   * command this manager issued before: what it proposed a moment ago is visible to it.
   */
  readonly awaits: readonly string[];
  /** The commands an event calls for. Apart from reading `reads`, pure: time and ids come from the event. */
  react(event: RecordedEvent, reads: ReadStore): Promise<readonly ProcessCommand[]>;
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

export type ProcessManagerState = 'idle' | 'catching-up' | 'live' | 'retrying' | 'stopped';

export interface ProcessManagerStatus {
  readonly name: string;
  readonly state: ProcessManagerState;
  /** Last position processed and committed; undefined before the first batch. */
  readonly checkpoint: Position | undefined;
  readonly lastError: string | undefined;
}

export interface ProcessManagerRunnerOptions {
  readonly manager: ProcessManager;
  readonly events: EventStore;
  readonly reads: ReadStore;
  readonly clock: Clock;
  readonly upcasters?: UpcasterRegistry;
  readonly batchSize?: number;
  /** How often the checkpoints of the awaited read models are read while waiting for them. */
  readonly pollIntervalMs?: number;
  /** First delay after a failure; it doubles up to `maxRetryDelayMs`. */
  readonly retryDelayMs?: number;
  readonly maxRetryDelayMs?: number;
  /** A failure that will be retried, or a command the domain refused (which is not). */
  readonly onError?: (error: unknown, status: ProcessManagerStatus) => void;
}

/**
 * Keeps one process manager going: follows the log from its checkpoint, waits for the read models it
 * reads, reacts, runs the commands, and commits the checkpoint to the read store after each batch,
 * under the lease when it has one. A crash between a command and the checkpoint replays the event,
 * which the idempotency keys make harmless.
 */
export class ProcessManagerRunner {
  private readonly manager: ProcessManager;
  private readonly handles: (type: string) => boolean;
  private readonly deps: CommandDependencies;
  private readonly batchSize: number;
  private readonly pollIntervalMs: number;
  private state: ProcessManagerState = 'idle';
  private checkpoint: Position | undefined;
  private lastError: string | undefined;
  /** The last position this manager's commands appended at, or the head of the log when it started. */
  private issuedUpTo: Position = 0n;
  private abort = new AbortController();
  private running: Promise<void> | undefined;
  private working: RunnerLease | undefined;
  private readonly waiters = new PositionWaiters();
  private retryDelay: number;

  constructor(private readonly options: ProcessManagerRunnerOptions) {
    this.manager = options.manager;
    this.handles = handlesType(options.manager);
    this.deps = { store: options.events, clock: options.clock, upcasters: options.upcasters };
    this.batchSize = options.batchSize ?? 1000;
    this.pollIntervalMs = options.pollIntervalMs ?? 25;
    this.retryDelay = options.retryDelayMs ?? 500;
  }

  get name(): string {
    return this.manager.name;
  }

  status(): ProcessManagerStatus {
    return { name: this.manager.name, state: this.state, checkpoint: this.checkpoint, lastError: this.lastError };
  }

  /** Starts following the log in the background; under a lease, a lost lease stops it. */
  start(lease?: RunnerLease): void {
    if (this.running) return;
    this.abort = new AbortController();
    this.working = lease;
    this.running = this.runUntilStopped();
  }

  async stop(): Promise<void> {
    this.abort.abort();
    await this.running;
    this.running = undefined;
    this.state = 'stopped';
    this.settleWaiters();
  }

  /** Resolves true once the manager has processed and committed `position`, false after `timeoutMs`. */
  waitFor(position: Position, timeoutMs: number): Promise<boolean> {
    return this.waiters.wait(position, this.checkpoint, timeoutMs);
  }

  private async runUntilStopped(): Promise<void> {
    const lease = this.working?.lease;
    while (!this.abort.signal.aborted) {
      try {
        const generation = await this.checkpointGeneration();
        this.checkpoint = generation.checkpoint;
        // Commands issued before this start are not tracked: the read models must first reach the head.
        this.issuedUpTo = (await this.options.events.headPosition()) ?? 0n;
        await this.follow(generation, lease);
        if (!this.abort.signal.aborted) throw new Error('the event subscription ended unexpectedly');
      } catch (error) {
        if (error instanceof LeaseLostError) {
          this.lastError = error.message;
          this.state = 'stopped';
          this.working?.onLost(error);
          return;
        }
        if (error instanceof GenerationRetiredError || this.abort.signal.aborted) continue;
        this.fail(error, 'retrying');
        await this.sleep(this.retryDelay);
        this.retryDelay = Math.min(this.retryDelay * 2, this.options.maxRetryDelayMs ?? 30_000);
      }
    }
  }

  /** The generation that holds the checkpoint; the first start creates it. */
  private async checkpointGeneration(): Promise<Generation> {
    const name = processManagerCheckpoint(this.manager.name);
    const active = (await this.options.reads.generations(name)).find((generation) => generation.status === 'active');
    return active ?? (await this.options.reads.beginGeneration(name, 1));
  }

  private async follow(generation: Generation, lease: Lease | undefined): Promise<void> {
    const head = await this.options.events.headPosition();
    this.state = head !== undefined && head > (generation.checkpoint ?? -1n) ? 'catching-up' : 'live';
    const live = this.options.events.subscribeAll({ after: generation.checkpoint, signal: this.abort.signal });
    for await (const batch of inBatches(live, this.batchSize)) {
      for (const event of batch.filter((candidate) => this.handles(candidate.type))) {
        await this.process(event);
        if (this.abort.signal.aborted) return;
      }
      const checkpoint = batch[batch.length - 1]!.position;
      await this.options.reads.commit({ generation: generation.id, lease, documents: [], facts: [], marks: [], checkpoint });
      this.checkpoint = checkpoint;
      this.settleWaiters();
      if (batch.length < this.batchSize) this.state = 'live';
      this.lastError = undefined;
      this.retryDelay = this.options.retryDelayMs ?? 500;
    }
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

  private fail(error: unknown, state: ProcessManagerState): void {
    this.lastError = error instanceof Error ? error.message : String(error);
    this.state = state;
    this.options.onError?.(error, this.status());
  }

  private settleWaiters(): void {
    this.waiters.settle(this.checkpoint, this.abort.signal.aborted);
  }

  private sleep(milliseconds: number): Promise<void> {
    return sleepUnlessAborted(milliseconds, this.abort.signal);
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
export class ProcessManagerHost {
  private readonly runners: ProcessManagerRunner[];
  private readonly leased: LeasedRunner[];

  constructor(managers: readonly ProcessManager[], events: EventStore, reads: ReadStore, options: ProcessManagerHostOptions) {
    const names = new Set<string>();
    for (const { name } of managers) {
      if (names.has(name)) throw new Error(`two process managers are named ${name}`);
      names.add(name);
    }
    const { lease = {}, ...runnerOptions } = options;
    this.runners = managers.map((manager) => new ProcessManagerRunner({ ...runnerOptions, manager, events, reads }));
    const holder = lease.holder ?? newId();
    const ttlMs = lease.ttlMs ?? DEFAULT_LEASE_TTL_MS;
    this.leased = this.runners.map(
      (runner) => new LeasedRunner(runner, processManagerCheckpoint(runner.name), reads, holder, ttlMs, lease.onChange),
    );
  }

  /** Starts competing for the leases; each manager runs once its lease is taken. */
  start(): void {
    for (const leased of this.leased) leased.start();
  }

  /** Stops the runners and releases the leases, so that a standby host takes over at once. */
  async stop(): Promise<void> {
    await Promise.all(this.leased.map((leased) => leased.stop()));
  }

  runner(name: string): ProcessManagerRunner | undefined {
    return this.runners.find((runner) => runner.name === name);
  }

  status(): ProcessManagerStatus[] {
    return this.runners.map((runner) => runner.status());
  }
}
