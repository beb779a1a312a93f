import type { RecordedEvent } from './events.js';
import type { EventStore, ReadAllOptions, ReadStreamOptions, SubscribeAllOptions } from './event-store.js';
import type { UpcasterRegistry } from './upcasting.js';

async function* upcastAll(events: AsyncIterable<RecordedEvent>, registry: UpcasterRegistry) {
  for await (const event of events) yield registry.upcast(event);
}

/** Wraps any event store so that every event read from it is upcast to its current shape. */
export function withUpcasting(store: EventStore, registry: UpcasterRegistry): EventStore {
  return {
    append: (streamId, events, expected) => store.append(streamId, events, expected),
    readStream: (streamId: string, options?: ReadStreamOptions) =>
      upcastAll(store.readStream(streamId, options), registry),
    readAll: (options?: ReadAllOptions) => upcastAll(store.readAll(options), registry),
    subscribeAll: (options?: SubscribeAllOptions) => upcastAll(store.subscribeAll(options), registry),
    headPosition: () => store.headPosition(),
    positionAt: (time) => store.positionAt(time),
    close: () => store.close(),
  };
}
