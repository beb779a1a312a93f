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
  const occurredAt = resolveOccurredAt(context.occurredAt ?? businessTimeOf(command), deps.clock);
  const attempts = options.expectedRevision === undefined ? (options.maxAttempts ?? DEFAULT_ATTEMPTS) : 1;

  for (let attempt = 1; ; attempt++) {
    const { state, revision, replay } = await load(deps.store, streamId, decider, context.idempotencyKey);
    if (replay) return replay as CommandResult<E>;
    if (options.expectedRevision !== undefined && options.expectedRevision !== revision) {
      throw new ConcurrencyError(streamId, String(options.expectedRevision), revision);
    }

    const decided = decider.decide(command, state);
    const events = decided.map((event, index) => ({
      ...event,
      eventId: context.idempotencyKey ? idempotentEventId(streamId, context.idempotencyKey, index) : newId(),
    }));
    if (events.length === 0) {
      return { streamId, revision, position: undefined, events: [], replayed: false };
    }

    const toAppend: EventToAppend[] = events.map((event) => {
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
    });

    try {
      const appended = await deps.store.append(streamId, toAppend, revision === -1 ? 'no_stream' : revision);
      return { streamId, revision: appended.revision, position: appended.position, events, replayed: false };
    } catch (error) {
      if (!(error instanceof ConcurrencyError) || attempt >= attempts) throw error;
      await pause(attempt);
    }
  }
}

async function load<C, E extends DomainEvent, S>(
  store: EventStore,
  streamId: string,
  decider: Decider<C, E, S>,
  idempotencyKey: string | undefined,
) {
  const firstReplayId = idempotencyKey ? idempotentEventId(streamId, idempotencyKey, 0) : undefined;
  let state = decider.initialState();
  let revision = -1;
  const replayed: (DomainEvent & { eventId: string; revision: number; position: Position })[] = [];

  for await (const event of store.readStream(streamId)) {
    revision = event.revision;
    if (firstReplayId && (replayed.length > 0 || event.eventId === firstReplayId)) {
      const expectedId = idempotentEventId(streamId, idempotencyKey!, replayed.length);
      if (event.eventId === expectedId) {
        replayed.push({
          type: event.type,
          data: event.data,
          eventId: event.eventId,
          revision: event.revision,
          position: event.position,
        });
      }
    }
    state = decider.evolve(state, event as unknown as E);
  }

  if (replayed.length === 0) return { state, revision, replay: undefined };
  const last = replayed[replayed.length - 1]!;
  const replay: CommandResult = {
    streamId,
    revision: last.revision,
    position: last.position,
    events: replayed.map(({ type, data, eventId }) => ({ type, data, eventId })),
    replayed: true,
  };
  return { state, revision, replay };
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
