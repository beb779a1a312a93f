import canonicalize from 'canonicalize';
import {
  ANY,
  NO_STREAM,
  STREAM_EXISTS,
  binaryEvent,
  eventTypeFilter,
  excludeSystemEvents,
  streamNameFilter,
  type AppendExpectedRevision,
  type CurrentRevision,
  type EventData,
  type Filter,
  type Position as EsdbPosition,
  type ResolvedEvent,
  type AllStreamResolvedEvent,
} from '@eventstore/db-client';
import type { StoredEvent } from '#ledger';
import {
  categoryOf,
  expectedRevisionErrors,
  ValidationError,
  type EventFilter,
  type EventMetadata,
  type EventToAppend,
  type ExpectedRevision,
  type FieldError,
  type Position,
  type RecordedEvent,
} from '#kernel';

/**
 * Pure conversions between the port and the EventStoreDB client, kept apart from the I/O so that they
 * are unit-tested without a server.
 *
 * ## Positions
 * EventStoreDB orders `$all` by `(commit, prepare)` log positions. Every append through gRPC is an
 * implicit transaction: each of its events is its own prepare record flagged as committed, and the
 * server reports such an event at `{ commit: p, prepare: p }` where `p` is the record's own log
 * position (its `AllReader` builds `TFPos(prepare.LogPosition, prepare.LogPosition)` for committed
 * prepares). So for everything written through gRPC the commit position is unique per event and
 * strictly increasing in `$all` order, and our `Position` is simply that commit position: it fits in
 * 64 bits (a checkpoint column can hold it) and it maps back to the ESDB position `{ commit: p,
 * prepare: p }` for `fromPosition`.
 *
 * Only events of an explicit transaction (the legacy TCP API, gone from current servers) share the
 * commit position of their commit record and have a smaller prepare position. No 64-bit encoding is
 * both strictly increasing and reversible for those, so `positionOf` refuses them loudly instead of
 * handing out a position that would skip or repeat events on resume.
 */
export function positionOf(position: EsdbPosition | undefined, what: string): Position {
  if (position === undefined) {
    throw new Error(`EventStoreDB returned no log position for ${what}: the server must be 22.6 or later`);
  }
  if (position.commit !== position.prepare) {
    throw new Error(
      `${what} is at commit ${position.commit}, prepare ${position.prepare}: it was written in an explicit ` +
        'transaction (legacy TCP API), which this adapter does not support',
    );
  }
  return position.commit;
}

/** The ESDB position of an event that this adapter gave `position` to. */
export function toEsdbPosition(position: Position): EsdbPosition {
  return { commit: position, prepare: position };
}

export function toEsdbExpected(expected: ExpectedRevision): AppendExpectedRevision {
  switch (expected) {
    case 'any':
      return ANY;
    case 'no_stream':
      return NO_STREAM;
    case 'exists':
      return STREAM_EXISTS;
    default:
      return BigInt(expected);
  }
}

/** The port's actual revision for the client's `CurrentRevision`: -1 for a stream that does not exist. */
export function toActualRevision(actual: CurrentRevision): number {
  return actual === NO_STREAM ? -1 : Number(actual);
}

function escapeRegex(value: string): string {
  return value.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * ## Namespaces
 * Several installations may share one cluster, each with a namespace: the adapter then writes stream
 * `<namespace>.<streamId>` for our `streamId`, and strips the prefix on read. A namespace holds
 * letters and digits only, so EventStoreDB's category of such a stream (up to the first dash) is
 * `<namespace>.<category>`: `$ce-` streams stay per installation. Event types are not prefixed, so
 * `$et-` streams mix the installations.
 */
export function toStreamName(streamId: string, namespace: string | undefined): string {
  return namespace === undefined ? streamId : namespacePrefix(namespace) + streamId;
}

/** Our stream id for a stored stream name; undefined for a stream outside the namespace. */
export function fromStreamName(streamName: string, namespace: string | undefined): string | undefined {
  if (namespace === undefined) return streamName;
  const prefix = namespacePrefix(namespace);
  return streamName.startsWith(prefix) ? streamName.slice(prefix.length) : undefined;
}

function namespacePrefix(namespace: string): string {
  return `${namespace}.`;
}

/**
 * The filter the server applies to a `$all` subscription. ESDB filters on one dimension only (stream
 * name or event type), so this picks the stream name when categories are asked for (usually the more
 * selective one) or when there is a namespace (which only the stream name carries), and leaves the
 * rest to `matchesFilter` on the client. Without a namespace or any list it excludes the system
 * events. Stream-name and type regexes are anchored, so they never select a `$` stream or type.
 */
export function serverFilter(filter: EventFilter | undefined, namespace?: string): Filter {
  const categories = filter?.categories ?? [];
  const types = filter?.types ?? [];
  const prefix = namespace === undefined ? '' : escapeRegex(namespacePrefix(namespace));
  if (categories.length > 0) {
    return streamNameFilter({ regex: `^${prefix}(?:${categories.map(escapeRegex).join('|')})-` });
  }
  if (namespace !== undefined) {
    return streamNameFilter({ prefixes: [namespacePrefix(namespace)] });
  }
  if (types.length > 0) {
    return eventTypeFilter({ regex: `^(?:${types.map(escapeRegex).join('|')})$` });
  }
  return excludeSystemEvents();
}

/** System events: `$`-prefixed types (links `$>`, `$metadata`, ...) or `$`-prefixed streams. */
export function isSystemEvent(streamId: string, type: string): boolean {
  return streamId.startsWith('$') || type.startsWith('$');
}

/** An event of this installation: in its namespace (if any), and no system event. */
export function isOwnEvent(streamName: string, type: string, namespace: string | undefined): boolean {
  const streamId = fromStreamName(streamName, namespace);
  return streamId !== undefined && !isSystemEvent(streamId, type);
}

/** The whole filter, applied client-side: a user event whose type and category are selected. */
export function matchesFilter(filter: EventFilter | undefined, streamId: string, type: string): boolean {
  if (isSystemEvent(streamId, type)) return false;
  const types = filter?.types ?? [];
  const categories = filter?.categories ?? [];
  return (types.length === 0 || types.includes(type)) && (categories.length === 0 || categories.includes(categoryOf(streamId)));
}

type StoredMetadata = Omit<EventMetadata, 'recordedAt'> & { readonly recordedAt: string };

/** A resolved event that carries one of this installation's events. */
type OwnResolved = (ResolvedEvent | AllStreamResolvedEvent) & { event: NonNullable<ResolvedEvent['event']> };

/**
 * The client event for one of ours: the id passes through, so ESDB can recognise a re-append.
 *
 * Data and metadata are written as the bytes of their RFC 8785 canonical JSON, data as a binary
 * event: the client hands a binary event's data back as the very bytes the server stored, which is
 * what a ledger leaf hashes (a JSON event's data it parses). The client parses custom metadata
 * whenever it is JSON, so the ledger hashes the canonical form of what it parsed, which is the bytes
 * written here.
 */
export function toEventData(event: EventToAppend, recordedAt: string): EventData {
  const metadata: StoredMetadata = { ...event.metadata, recordedAt };
  return binaryEvent({
    id: event.eventId,
    type: event.type,
    data: canonicalBytes(event.data),
    metadata: canonicalBytes(metadata),
  });
}

/** A plain `Uint8Array`: the client sends metadata as bytes only when its constructor is exactly that. */
function canonicalBytes(value: unknown): Uint8Array {
  const text = canonicalize(value);
  if (text === undefined) throw new TypeError('the value has no JSON form');
  const bytes = Buffer.from(text, 'utf8');
  return new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

/** An event of this installation, or undefined for what is not one (a link without its target, a system event, another namespace). */
function ownEvent(resolved: ResolvedEvent | AllStreamResolvedEvent, namespace: string | undefined): OwnResolved | undefined {
  const event = resolved.event;
  return event && isOwnEvent(event.streamId, event.type, namespace) ? (resolved as OwnResolved) : undefined;
}

/** Our metadata, as the client parsed it; an event without `recordedAt` was not written by Quality Ledger. */
function storedMetadata({ event }: OwnResolved): StoredMetadata {
  const metadata = event.metadata as Partial<StoredMetadata> | undefined;
  if (!metadata || typeof metadata !== 'object' || metadata instanceof Uint8Array || typeof metadata.recordedAt !== 'string') {
    throw new Error(`event ${event.id} in ${event.streamId} has no recordedAt: it was not written by Quality Ledger`);
  }
  return metadata as StoredMetadata;
}

/** The payload's bytes as the server stores them; events written as JSON events (before the ledger) in their canonical form. */
function payloadBytes({ event }: OwnResolved): Uint8Array {
  if (event.isJson) return canonicalBytes(event.data);
  return event.data as Uint8Array;
}

/**
 * Our envelope for a resolved event, with the namespace stripped from its stream; undefined for what
 * is not an event of this installation. `recordedAt` comes from our metadata, not from ESDB's `created`.
 */
export function toRecordedEvent(resolved: ResolvedEvent | AllStreamResolvedEvent, namespace?: string): RecordedEvent | undefined {
  const own = ownEvent(resolved, namespace);
  if (own === undefined) return undefined;
  const data = own.event.isJson ? own.event.data : parsePayload(own);
  return { ...envelopeOf(own, namespace), data, metadata: storedMetadata(own) as EventMetadata };
}

/** The envelope fields every reading of an event shares: ids, its place in its stream and in `$all`. */
function envelopeOf({ event }: OwnResolved, namespace: string | undefined) {
  return {
    eventId: event.id,
    type: event.type,
    streamId: fromStreamName(event.streamId, namespace)!,
    revision: Number(event.revision),
    position: positionOf(event.position, `event ${event.id} in ${event.streamId}`),
  };
}

function parsePayload(own: OwnResolved): unknown {
  try {
    return JSON.parse(Buffer.from(payloadBytes(own)).toString('utf8'));
  } catch {
    throw new Error(`event ${own.event.id} in ${own.event.streamId} is not JSON: it was not written by Quality Ledger`);
  }
}

/** The event as stored, for its ledger leaf; undefined for what is not an event of this installation. */
export function toStoredEvent(resolved: ResolvedEvent | AllStreamResolvedEvent, namespace?: string): StoredEvent | undefined {
  const own = ownEvent(resolved, namespace);
  if (own === undefined) return undefined;
  const metadata = storedMetadata(own);
  return { ...envelopeOf(own, namespace), recordedAt: metadata.recordedAt, metadata: canonicalBytes(metadata), payload: payloadBytes(own) };
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** What is wrong with an append before it reaches the server; ESDB event ids must be UUIDs. */
export function appendErrors(streamId: string, events: readonly EventToAppend[], expected: ExpectedRevision): FieldError[] {
  const errors: FieldError[] = [];
  if (typeof streamId !== 'string' || streamId.length === 0 || !streamId.isWellFormed()) {
    errors.push({ field: 'streamId', message: 'must be a non-empty string' });
  } else if (streamId.startsWith('$')) {
    errors.push({ field: 'streamId', message: 'must not start with $ (system streams)' });
  }
  errors.push(...expectedRevisionErrors(expected));
  if (!Array.isArray(events) || events.length === 0) {
    errors.push({ field: 'events', message: 'must hold at least one event' });
    return errors;
  }
  const seen = new Set<string>();
  events.forEach((event, index) => {
    const field = `events[${index}]`;
    if (typeof event?.eventId !== 'string' || !UUID.test(event.eventId)) {
      errors.push({ field: `${field}.eventId`, message: 'must be a UUID' });
    } else if (seen.has(event.eventId.toLowerCase())) {
      errors.push({ field: `${field}.eventId`, message: 'appears twice in this append' });
    } else {
      seen.add(event.eventId.toLowerCase());
    }
    if (typeof event?.type !== 'string' || event.type.length === 0 || event.type.startsWith('$') || !event.type.isWellFormed()) {
      errors.push({ field: `${field}.type`, message: 'must be a non-empty string not starting with $' });
    }
    if (!isJson(event?.data)) errors.push({ field: `${field}.data`, message: 'must be JSON' });
    if (typeof event?.metadata !== 'object' || event.metadata === null || Array.isArray(event.metadata)) {
      errors.push({ field: `${field}.metadata`, message: 'must be a JSON object' });
    }
  });
  return errors;
}

export function assertValidAppend(streamId: string, events: readonly EventToAppend[], expected: ExpectedRevision): void {
  const errors = appendErrors(streamId, events, expected);
  if (errors.length > 0) throw new ValidationError('the append is invalid', errors);
}

/** JSON with a canonical form: no cycles, no lone surrogates, no non-finite numbers. */
function isJson(value: unknown): boolean {
  if (value === undefined) return false;
  try {
    return canonicalize(value) !== undefined;
  } catch {
    return false;
  }
}
