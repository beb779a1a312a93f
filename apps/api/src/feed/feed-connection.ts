import type { RecordedEvent } from '#kernel';
import { eventFrame, HEARTBEAT_FRAME } from './feed-frames.js';
import type { EventView } from '#domain/catalogue/event-visibility.js';

/** What a connection writes to: the raw HTTP response, or any writable stream. */
export interface FeedSink {
  write(chunk: string): boolean;
  readonly writableNeedDrain: boolean;
  readonly destroyed: boolean;
  once(event: 'drain' | 'close', listener: () => void): unknown;
  off(event: 'drain', listener: () => void): unknown;
  end(): unknown;
  destroy(): unknown;
}

export interface FeedConnectionState {
  /** Events taken from the subscription, sent or not. */
  readonly pulled: number;
  /** Events written to the client. */
  readonly sent: number;
  /** True while the client has not read what was written, and nothing more is taken. */
  readonly waitingForDrain: boolean;
}

/**
 * One client following the feed. It takes the next event only once the client has read the previous
 * ones (a full socket makes `write` answer false: it waits for 'drain'), so a client that stops reading
 * holds the subscription where it is instead of piling events up in memory.
 */
export class FeedConnection {
  private readonly closing = new AbortController();
  private pulled = 0;
  private sent = 0;
  private waitingForDrain = false;

  constructor(
    private readonly sink: FeedSink,
    private readonly heartbeatMs: number,
  ) {
    sink.once('close', () => this.closing.abort());
  }

  /** Aborted once the client has gone or the connection was closed: ends the subscription. */
  get signal(): AbortSignal {
    return this.closing.signal;
  }

  get state(): FeedConnectionState {
    return { pulled: this.pulled, sent: this.sent, waitingForDrain: this.waitingForDrain };
  }

  /** Sends what the view lets through, until the events end or the connection closes; then ends the response. */
  async send(events: AsyncIterable<RecordedEvent>, view: EventView): Promise<void> {
    const heartbeat = setInterval(() => this.beat(), this.heartbeatMs);
    try {
      for await (const event of events) {
        this.pulled += 1;
        const envelope = view(event);
        if (envelope !== undefined) await this.write(eventFrame(envelope));
        if (this.closing.signal.aborted) break;
      }
    } finally {
      clearInterval(heartbeat);
      this.sink.end();
    }
  }

  /** Drops the client at once, whatever it has not read yet: it resumes from its last id. */
  close(): void {
    this.closing.abort();
    this.sink.destroy();
  }

  private async write(frame: string): Promise<void> {
    this.sent += 1;
    if (this.sink.write(frame)) return;
    this.waitingForDrain = true;
    await this.drained();
    this.waitingForDrain = false;
  }

  private drained(): Promise<void> {
    const signal = this.closing.signal;
    if (signal.aborted) return Promise.resolve();
    return new Promise((resolve) => {
      const done = () => {
        this.sink.off('drain', done);
        signal.removeEventListener('abort', done);
        resolve();
      };
      this.sink.once('drain', done);
      signal.addEventListener('abort', done);
    });
  }

  /** A client that is not reading needs no heartbeat, and must not be given more to hold. */
  private beat(): void {
    if (!this.sink.writableNeedDrain && !this.sink.destroyed) this.sink.write(HEARTBEAT_FRAME);
  }
}
