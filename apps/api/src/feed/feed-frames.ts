import { ValidationError, type Position } from '#kernel';
import { POSITION } from '../platform/wire-patterns.js';
import type { DisclosedEvent } from '#domain/catalogue/event-visibility.js';

/** The header a reconnecting Server-Sent Events client sends, holding the last `id` it received. */
export const LAST_EVENT_ID_HEADER = 'last-event-id';

/** Positions are unsigned 64-bit (EventStoreDB commit positions): anything larger names no event. */
const MAX_POSITION = 2n ** 64n - 1n;

/**
 * One event as a Server-Sent Events frame: `id` the position (what `Last-Event-ID` sends back),
 * `event` the type, `data` the envelope. JSON escapes every line break, so `data` stays one line.
 */
export function eventFrame(envelope: DisclosedEvent): string {
  return `id: ${envelope.position}\nevent: ${envelope.type}\ndata: ${JSON.stringify(envelope)}\n\n`;
}

/** A comment line: clients ignore it, and proxies see a connection that is alive. */
export const HEARTBEAT_FRAME = ': heartbeat\n\n';

/**
 * Where the feed starts (exclusive): `Last-Event-ID` when the client sends one, else `fromPosition`,
 * else the start of the log. The header wins because a reconnecting client repeats its first URL,
 * `fromPosition` included, while the header says how far it got since. An empty header is no header,
 * as the Server-Sent Events standard has a client send none when it has no last id.
 */
export function resumePosition(fromPosition: string | undefined, lastEventId: string | undefined): Position | undefined {
  if (lastEventId !== undefined && lastEventId !== '') return positionOf(lastEventId, 'Last-Event-ID');
  return fromPosition === undefined ? undefined : positionOf(fromPosition, 'fromPosition');
}

function positionOf(value: string, field: string): Position {
  const position = POSITION.test(value) ? BigInt(value) : undefined;
  if (position === undefined || position > MAX_POSITION) {
    throw new ValidationError(`${field} is not a position`, [{ field, message: `${field} must be a position: a whole number from 0 to 2^64-1` }]);
  }
  return position;
}
