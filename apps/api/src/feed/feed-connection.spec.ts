import { Writable } from 'node:stream';
import type { RecordedEvent } from '#kernel';
import { FeedConnection } from './feed-connection.js';
import { eventsVisibleTo } from '#domain/catalogue/event-visibility.js';

/** A client that reads nothing until told: every write waits for `readNext` or `readAll`. */
class StalledClient extends Writable {
  readonly received: string[] = [];
  private readonly unread: (() => void)[] = [];

  constructor() {
    super({ highWaterMark: 64, decodeStrings: false });
  }

  override _write(chunk: string, _encoding: BufferEncoding, done: () => void): void {
    this.received.push(chunk);
    this.unread.push(done);
  }

  readNext(): void {
    this.unread.shift()?.();
  }
}

function recorded(position: number): RecordedEvent {
  const streamId = position % 2 === 0 ? 'apiKey-k' : 'careCase-c';
  return {
    eventId: `e-${position}`,
    type: position % 2 === 0 ? 'ApiKeyRevoked' : 'CareCaseOpened',
    streamId,
    revision: position,
    position: BigInt(position),
    data: {},
    metadata: {
      occurredAt: '2026-03-01T10:00:00.000Z',
      recordedAt: '2026-03-01T10:00:00.000Z',
      actor: { id: 'apiKey:k-1', roles: ['admin'] },
      correlationId: 'r-1',
      causationId: null,
      schemaVersion: 1,
    },
  };
}

/** An endless subscription that records how many events were taken and whether it was closed. */
function endlessLog() {
  const log = { taken: 0, closed: false };
  async function* events(): AsyncGenerator<RecordedEvent> {
    try {
      for (;;) yield recorded(++log.taken);
    } finally {
      log.closed = true;
    }
  }
  return { log, events: events() };
}

async function until(condition: () => boolean): Promise<void> {
  while (!condition()) await new Promise((resolve) => setImmediate(resolve));
}

describe('FeedConnection', () => {
  it('takes no further event while the client has not read the last one, and goes on once it has', async () => {
    const client = new StalledClient();
    const connection = new FeedConnection(client, 60_000);
    const { log, events } = endlessLog();
    const sending = connection.send(events, eventsVisibleTo(['admin']));

    await until(() => connection.state.waitingForDrain);
    expect(connection.state).toEqual({ pulled: 1, sent: 1, waitingForDrain: true });
    expect(log.taken).toBe(1);

    client.readNext();
    await until(() => connection.state.pulled === 2 && connection.state.waitingForDrain);
    expect(log.taken).toBe(2);
    expect(client.received.map((frame) => frame.split('\n')[0])).toEqual(['id: 1', 'id: 2']);

    client.destroy();
    await sending;
    expect(log.closed).toBe(true);
  });

  it('takes the events a role may not see without writing them', async () => {
    const client = new StalledClient();
    const connection = new FeedConnection(client, 60_000);
    const { events } = endlessLog();
    const sending = connection.send(events, eventsVisibleTo(['service']));

    await until(() => connection.state.waitingForDrain);
    client.readNext();
    await until(() => connection.state.sent === 2 && connection.state.waitingForDrain);

    expect(connection.state.pulled).toBe(3);
    expect(client.received.map((frame) => frame.split('\n')[1])).toEqual(['event: CareCaseOpened', 'event: CareCaseOpened']);
    connection.close();
    await sending;
  });

  it('ends the subscription and the response when the events end', async () => {
    const client = new StalledClient();
    const connection = new FeedConnection(client, 60_000);
    async function* none(): AsyncGenerator<RecordedEvent> {}

    await connection.send(none(), eventsVisibleTo(['admin']));

    expect(client.writableEnded).toBe(true);
  });
});
