/**
 * A global position in the log. Strictly increasing; bigint because EventStoreDB commit positions are
 * 64-bit. Never compare positions from two different stores.
 */
export type Position = bigint;

/** Who did it: taken from authentication, never from a request body. */
export interface Actor {
  readonly id: string;
  readonly roles: readonly string[];
}

export interface EventMetadata {
  /** When it happened in the business (ISO-8601 UTC). May be in the past for backfilled facts, never in the future. */
  readonly occurredAt: string;
  /** When the store recorded it (ISO-8601 UTC, server clock). Never decreases along the log. */
  readonly recordedAt: string;
  readonly actor: Actor;
  readonly correlationId: string;
  readonly causationId: string | null;
  readonly schemaVersion: number;
}

/** What a decider returns: a past-tense type and JSON data. */
export interface DomainEvent<T extends string = string, D = unknown> {
  readonly type: T;
  readonly data: D;
}

/** An event ready to be appended; the store adds `recordedAt`, the revision and the position. */
export interface EventToAppend {
  readonly eventId: string;
  readonly type: string;
  readonly data: unknown;
  readonly metadata: Omit<EventMetadata, 'recordedAt'>;
}

/** The envelope of a stored event. */
export interface RecordedEvent<E extends DomainEvent = DomainEvent> {
  readonly eventId: string;
  readonly type: E['type'];
  readonly streamId: string;
  /** 0-based index of the event in its stream. */
  readonly revision: number;
  readonly position: Position;
  readonly data: E['data'];
  readonly metadata: EventMetadata;
}

/**
 * The envelopes of a union of domain events, one envelope type per event type, so that a projection's
 * switch on `type` tells their `data` apart.
 */
export type RecordedOf<E extends DomainEvent> = E extends DomainEvent ? RecordedEvent<E> : never;

/**
 * Stream ids are `<category>-<id>`; the category holds no dash, because EventStoreDB splits the
 * category on the first dash.
 */
export function streamId(category: string, id: string): string {
  if (!/^[A-Za-z][A-Za-z0-9]*$/.test(category)) {
    throw new TypeError(`a stream category is letters and digits only, got "${category}"`);
  }
  return `${category}-${id}`;
}

export function categoryOf(streamIdValue: string): string {
  const dash = streamIdValue.indexOf('-');
  return dash === -1 ? streamIdValue : streamIdValue.slice(0, dash);
}
