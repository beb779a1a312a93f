import type { Clock } from './clock.js';
import type { Decider } from './decider.js';
import { ConcurrencyError, ValidationError } from './errors.js';
import type { Actor, DomainEvent, EventToAppend, Position } from './events.js';
import type { EventStore } from './event-store.js';
import { idempotentEventId, newId } from './ids.js';
import type { EventSchemaRegistry } from './event-schemas.js';
import type { UpcasterRegistry } from './upcasting.js';

/** Who issues the command, when it happened, and how it relates to other messages. */
export interface CommandContext {
  readonly actor: Actor;
  readonly correlationId: string;
  readonly causationId?: string | null;
  /**
   * Business time of the fact when it is not the command's own `at`: a command without one, or one
   * whose events are dated more coarsely than its rules see it (an anonymous answer, to the day).
   * Defaults to the command's `at`, then to now. Must not be in the future.
   */
  readonly occurredAt?: string;
  /** A retried command with the same key appends nothing and returns the first result. */
  readonly idempotencyKey?: string;
}

export interface HandleCommandOptions {
  /** Pins the revision the client saw; a mismatch raises `ConcurrencyError` and is never retried. */
  readonly expectedRevision?: number;
  /** Attempts when another writer got in between and no revision was pinned. */
  readonly maxAttempts?: number;
}

export interface CommandDependencies {
  readonly store: EventStore;
  readonly clock: Clock;
  /** Gives the schema version new events are written with. */
  readonly upcasters?: UpcasterRegistry;
  /** When given, every event is checked against its schema before it is appended (`EventSchemaViolation`). */
  readonly schemas?: EventSchemaRegistry;
}

export interface CommandResult<E extends DomainEvent = DomainEvent> {
  readonly streamId: string;
  /** The stream's revision after the command; -1 for a stream that still does not exist. */
  readonly revision: number;
  /** Position of the last appended event; undefined when the command appended nothing. */
  readonly position: Position | undefined;
  readonly events: readonly (E & { readonly eventId: string })[];
  /** True when an idempotent retry found the events of the first attempt. */
  readonly replayed: boolean;
}

/** One command of a sequence addressed to one stream, with the context it was issued in. */
export interface SequencedCommand<C> {
  readonly command: C;
  readonly context: CommandContext;
}

/** What became of one command of a sequence: its result, or the error that refused it. */
export type SequencedOutcome<E extends DomainEvent> = { readonly result: CommandResult<E> } | { readonly refusal: unknown };

const DEFAULT_ATTEMPTS = 10;
const MAX_PAUSE_MS = 200;

/**
 * Read the stream, fold it, decide, and append with the revision that was read. When another writer
 * got in between and the client pinned no revision, decide again on the fresh state.
 */
export async function handleCommand<C, E extends DomainEvent, S>(
  deps: CommandDependencies,
  streamId: string,
  decider: Decider<C, E, S>,
  command: C,
  context: CommandContext,
  options: HandleCommandOptions = {},
): Promise<CommandResult<E>> {
  const [outcome] = await handleCommandSequence(deps, streamId, decider, [{ command, context }], options);
  if ('refusal' in outcome!) throw outcome.refusal;
  return outcome!.result;
}

/**
 * Decides commands addressed to one stream in turn, each on the state the commands before it left,
 * from one read of the stream, and appends all they decided in one append: a bulk import pays one read
 * and one append per entity rather than per command. A command that its decider or its business time
 * refuses leaves the state as it was and is reported with its error, and the commands after it go on.
 * An event that breaks its schema, or a failing store, fails the whole sequence, which then appended
 * nothing. Each command's idempotency key is honoured as `handleCommand` honours it, also against an
 * earlier command of the same sequence. The position of every command that appended is that of the
 * sequence's last event.
 */
export async function handleCommandSequence<C, E extends DomainEvent, S>(
  deps: CommandDependencies,
  streamId: string,
  decider: Decider<C, E, S>,
  commands: readonly SequencedCommand<C>[],
  options: HandleCommandOptions = {},
): Promise<SequencedOutcome<E>[]> {
  const dated = commands.map(({ command, context }) => datedCommand(command, context, deps.clock));
  const attempts = options.expectedRevision === undefined ? (options.maxAttempts ?? DEFAULT_ATTEMPTS) : 1;

  for (let attempt = 1; ; attempt++) {
    const loaded = await load(deps.store, streamId, decider, commands);
    if (options.expectedRevision !== undefined && options.expectedRevision !== loaded.revision) {
      throw new ConcurrencyError(streamId, String(options.expectedRevision), loaded.revision);
    }
    const { drafts, toAppend } = decideInTurn(deps, streamId, decider, dated, loaded);
    if (toAppend.length === 0) return drafts.map((draft) => outcomeOf(draft, undefined));

    try {
      const appended = await deps.store.append(streamId, toAppend, loaded.revision === -1 ? 'no_stream' : loaded.revision);
      return drafts.map((draft) => outcomeOf(draft, appended.position));
    } catch (error) {
      if (!(error instanceof ConcurrencyError) || attempt >= attempts) throw error;
      await pause(attempt);
    }
  }
}

/** A command with the business time its events occurred at, or the error that refuses that time. */
type DatedCommand<C> = SequencedCommand<C> & ({ readonly occurredAt: string } | { readonly refusal: unknown });

function datedCommand<C>(command: C, context: CommandContext, clock: Clock): DatedCommand<C> {
  try {
    return { command, context, occurredAt: resolveOccurredAt(context.occurredAt ?? businessTimeOf(command), clock) };
  } catch (error) {
    return { command, context, refusal: error };
  }
}

/** A command decided in this attempt, before the append gives its events a position. */
type Draft<E extends DomainEvent> =
  | { readonly refusal: unknown }
  | { readonly result: CommandResult<E> }
  | { readonly decided: Omit<CommandResult<E>, 'position'> };

function decideInTurn<C, E extends DomainEvent, S>(
  deps: CommandDependencies,
  streamId: string,
  decider: Decider<C, E, S>,
  commands: readonly DatedCommand<C>[],
  loaded: LoadedStream<S>,
): { drafts: Draft<E>[]; toAppend: EventToAppend[] } {
  let { state, revision } = loaded;
  const toAppend: EventToAppend[] = [];
  /** The commands of this sequence that decided events, by idempotency key: a repeat finds them. */
  const decidedByKey = new Map<string, Omit<CommandResult<E>, 'position'>>();
  const drafts = commands.map((dated): Draft<E> => {
    if ('refusal' in dated) return { refusal: dated.refusal };
    const key = dated.context.idempotencyKey;
    const replay = key === undefined ? undefined : loaded.replays.get(key);
    if (replay) return { result: replay as CommandResult<E> };
    const repeated = key === undefined ? undefined : decidedByKey.get(key);
    if (repeated) return { decided: { ...repeated, replayed: true } };
    let decided: readonly E[];
    try {
      decided = decider.decide(dated.command, state);
    } catch (error) {
      return { refusal: error };
    }
    const events = decided.map((event, index) => ({ ...event, eventId: key ? idempotentEventId(streamId, key, index) : newId() }));
    for (const event of events) {
      toAppend.push(eventToAppend(deps, event, dated.occurredAt, dated.context));
      state = decider.evolve(state, event);
    }
    revision += events.length;
    const result = { streamId, revision, events, replayed: false };
    if (key !== undefined && events.length > 0) decidedByKey.set(key, result);
    return { decided: result };
  });
  return { drafts, toAppend };
}

function eventToAppend(deps: CommandDependencies, event: DomainEvent & { eventId: string }, occurredAt: string, context: CommandContext): EventToAppend {
  const schemaVersion = deps.upcasters?.currentVersion(event.type) ?? 1;
  deps.schemas?.validate(event.type, schemaVersion, event.data);
  return {
    eventId: event.eventId,
    type: event.type,
    data: event.data,
    metadata: {
      occurredAt,
      actor: context.actor,
      correlationId: context.correlationId,
      causationId: context.causationId ?? null,
      schemaVersion,
    },
  };
}

function outcomeOf<E extends DomainEvent>(draft: Draft<E>, position: Position | undefined): SequencedOutcome<E> {
  if (!('decided' in draft)) return draft;
  const { decided } = draft;
  return { result: { ...decided, position: decided.events.length > 0 ? position : undefined } };
}

interface LoadedStream<S> {
  readonly state: S;
  readonly revision: number;
  /** What the stream holds of the commands' earlier attempts, by idempotency key. */
  readonly replays: ReadonlyMap<string, CommandResult>;
}

type ReplayedEvent = DomainEvent & { eventId: string; revision: number; position: Position };

/**
 * Folds the stream, and finds the events that earlier attempts of the commands appended: a command's
 * events were appended together, so they follow each other under the ids its key derives.
 */
async function load<C, E extends DomainEvent, S>(
  store: EventStore,
  streamId: string,
  decider: Decider<C, E, S>,
  commands: readonly SequencedCommand<C>[],
): Promise<LoadedStream<S>> {
  const keyOfFirstEvent = new Map<string, string>();
  for (const { context } of commands) {
    if (context.idempotencyKey) keyOfFirstEvent.set(idempotentEventId(streamId, context.idempotencyKey, 0), context.idempotencyKey);
  }
  let state = decider.initialState();
  let revision = -1;
  const replayed = new Map<string, ReplayedEvent[]>();
  let collecting: { readonly key: string; readonly events: ReplayedEvent[] } | undefined;

  for await (const event of store.readStream(streamId)) {
    revision = event.revision;
    const { type, data, eventId, position } = event;
    const stored = { type, data, eventId, revision: event.revision, position };
    if (collecting && eventId === idempotentEventId(streamId, collecting.key, collecting.events.length)) {
      collecting.events.push(stored);
    } else {
      const key = keyOfFirstEvent.get(eventId);
      collecting = key === undefined || replayed.has(key) ? undefined : { key, events: [stored] };
      if (collecting) replayed.set(collecting.key, collecting.events);
    }
    state = decider.evolve(state, event as unknown as E);
  }

  const replays = new Map<string, CommandResult>();
  for (const [key, events] of replayed) {
    const last = events[events.length - 1]!;
    replays.set(key, {
      streamId,
      revision: last.revision,
      position: last.position,
      events: events.map(({ type, data, eventId }) => ({ type, data, eventId })),
      replayed: true,
    });
  }
  return { state, revision, replays };
}

/** A command dated by its own `at` carries the business time its events occurred at. */
function businessTimeOf(command: unknown): string | undefined {
  if (typeof command !== 'object' || command === null || !('at' in command)) return undefined;
  return typeof command.at === 'string' ? command.at : undefined;
}

function resolveOccurredAt(occurredAt: string | undefined, clock: Clock): string {
  const now = clock.now();
  if (occurredAt === undefined) return now.toISOString();
  const when = new Date(occurredAt);
  if (Number.isNaN(when.getTime())) {
    throw new ValidationError('occurredAt is not a valid date-time', [
      { field: 'occurredAt', message: 'must be an ISO-8601 date-time' },
    ]);
  }
  if (when.getTime() > now.getTime()) {
    throw new ValidationError('occurredAt lies in the future', [
      { field: 'occurredAt', message: 'must not be in the future' },
    ]);
  }
  return when.toISOString();
}

function pause(attempt: number): Promise<void> {
  const milliseconds = Math.random() * Math.min(MAX_PAUSE_MS, 5 * 2 ** attempt);
  return new Promise((resolve) => setTimeout(resolve, milliseconds));
}
