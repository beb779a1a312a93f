import { ValidationError, type FieldError } from './errors.js';
import type { EventToAppend, Position, RecordedEvent } from './events.js';

/**
 * What the stream must look like for an append to go through:
 * - `any`: no check;
 * - `no_stream`: the stream holds no event yet;
 * - `exists`: the stream holds at least one event;
 * - a number: the revision of the stream's last event.
 */
export type ExpectedRevision = 'any' | 'no_stream' | 'exists' | number;

/** The instant `positionAt` is asked about, as an ISO string; an invalid date is refused before any read. */
export function positionAtInstant(time: Date): string {
  if (Number.isNaN(time.getTime())) {
    throw new ValidationError('time is not a valid date', [{ field: 'time', message: 'must be a valid date' }]);
  }
  return time.toISOString();
}

/** What is wrong with an `expected` given to an append: every store checks it before anything else. */
export function expectedRevisionErrors(expected: ExpectedRevision): FieldError[] {
  const valid =
    expected === 'any' || expected === 'no_stream' || expected === 'exists' || (Number.isSafeInteger(expected) && expected >= 0);
  return valid ? [] : [{ field: 'expected', message: "must be 'any', 'no_stream', 'exists' or a revision >= 0" }];
}

/** Whether a stream whose last revision is `current` (-1: no stream) satisfies `expected`. */
export function matchesExpected(expected: ExpectedRevision, current: number): boolean {
  switch (expected) {
    case 'any':
      return true;
    case 'no_stream':
      return current === -1;
    case 'exists':
      return current >= 0;
    default:
      return current === expected;
  }
}

export interface AppendResult {
  readonly streamId: string;
  /** Revision of the last event of this append (the stream's new revision). */
  readonly revision: number;
  /** Position of the last event of this append. */
  readonly position: Position;
}

/** Selects events by type and by stream category; an empty or absent list selects all. */
export interface EventFilter {
  readonly types?: readonly string[];
  readonly categories?: readonly string[];
}

export interface ReadStreamOptions {
  readonly fromRevision?: number;
  /** Inclusive. */
  readonly toRevision?: number;
}

export interface ReadAllOptions {
  /** Start after this position (exclusive): pass the last position already seen. Absent: from the start. */
  readonly after?: Position;
  /** Stop at this position (inclusive). */
  readonly to?: Position;
  readonly filter?: EventFilter;
}

export interface SubscribeAllOptions {
  /** Resume after this checkpoint (exclusive). Absent: from the start of the log. */
  readonly after?: Position;
  readonly filter?: EventFilter;
  /** Ends the subscription; the iterator then completes. Breaking out of the loop ends it too. */
  readonly signal?: AbortSignal;
}

/** The event log. Every adapter passes the contract suite in `test/contract/`. */
export interface EventStore {
  /**
   * Appends atomically: all events or none. A revision mismatch raises `ConcurrencyError` carrying the
   * actual revision. Events whose ids are already stored are not stored again: re-appending them
   * returns the original result, whatever `expected` says.
   */
  append(streamId: string, events: readonly EventToAppend[], expected?: ExpectedRevision): Promise<AppendResult>;

  /** The stream's events in revision order; nothing for a stream that does not exist. */
  readStream(streamId: string, options?: ReadStreamOptions): AsyncIterable<RecordedEvent>;

  /** The whole log in global order, streamed page by page; never holds the whole log in memory. */
  readAll(options?: ReadAllOptions): AsyncIterable<RecordedEvent>;

  /**
   * Catches up from the checkpoint, then follows live appends, in global order. Every event after the
   * checkpoint is yielded exactly once, also while other writers append.
   */
  subscribeAll(options?: SubscribeAllOptions): AsyncIterable<RecordedEvent>;

  /** Position of the last event in the log; undefined for an empty log. */
  headPosition(): Promise<Position | undefined>;

  /** The last position recorded at or before `time`; undefined when nothing was recorded by then. */
  positionAt(time: Date): Promise<Position | undefined>;

  close(): Promise<void>;
}
