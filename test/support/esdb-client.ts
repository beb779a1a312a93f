import type { EventData } from '@eventstore/db-client';

/**
 * An appended event as the EventStoreDB client hands it back on read: a binary event's data as its
 * bytes, custom metadata parsed whenever it is JSON (the client's own conversion of the gRPC record).
 */
export function asTheClientReadsIt(event: EventData) {
  const metadata = event.metadata instanceof Uint8Array ? JSON.parse(Buffer.from(event.metadata).toString('utf8')) : event.metadata;
  return { id: event.id, type: event.type, isJson: event.contentType === 'application/json', data: event.data as unknown, metadata: metadata as unknown };
}
