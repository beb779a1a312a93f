import { get, type IncomingHttpHeaders, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Auth } from './care-cases.js';
import type { TestApp } from './test-app.js';

/** One event frame of the feed, its envelope parsed. */
export interface FeedFrame {
  readonly id: string;
  readonly event: string;
  // The envelope as the client sees it: any JSON.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  readonly data: any;
}

export interface FeedOptions {
  readonly auth?: Auth;
  /** The query string, without `?`: `fromPosition=4&type=RefundIssued`. */
  readonly query?: string;
  readonly lastEventId?: string;
  /** False: the client reads nothing until `read()` is called, like a consumer stuck elsewhere. */
  readonly reading?: boolean;
}

/** Makes the app listen on a free local port (supertest cannot read a stream as it comes): its base URL. */
export async function listenLocally(api: TestApp): Promise<string> {
  await api.app.listen(0, '127.0.0.1');
  const { port } = api.app.getHttpServer().address() as AddressInfo;
  return `http://127.0.0.1:${port}`;
}

/** A client of `GET /feed` that parses the frames as they arrive, as a downstream service would. */
export class FeedClient {
  readonly frames: FeedFrame[] = [];
  readonly comments: string[] = [];
  /** The body of a refused request. */
  body = '';
  ended = false;
  private buffer = '';
  private readonly waiters = new Set<() => void>();

  private constructor(private readonly response: IncomingMessage) {
    response.setEncoding('utf8');
    response.on('end', () => this.settle(() => (this.ended = true)));
    response.on('close', () => this.settle(() => (this.ended = true)));
  }

  static open(base: string, options: FeedOptions = {}): Promise<FeedClient> {
    const headers: Record<string, string> = { accept: 'text/event-stream', ...options.auth };
    if (options.lastEventId !== undefined) headers['last-event-id'] = options.lastEventId;
    const url = `${base}/feed${options.query ? `?${options.query}` : ''}`;
    return new Promise((resolve, reject) => {
      get(url, { headers }, (response) => {
        const client = new FeedClient(response);
        if (options.reading !== false) client.read();
        resolve(client);
      }).on('error', reject);
    });
  }

  get status(): number {
    return this.response.statusCode ?? 0;
  }

  get headers(): IncomingHttpHeaders {
    return this.response.headers;
  }

  get lastId(): string | undefined {
    return this.frames.at(-1)?.id;
  }

  /** Starts (or goes on) reading the stream. */
  read(): void {
    this.response.on('data', (chunk: string) => this.settle(() => this.parse(chunk)));
  }

  /** Resolves once the frames received satisfy `condition`; rejects if the stream ends first. */
  until(condition: (client: FeedClient) => boolean): Promise<void> {
    return new Promise((resolve, reject) => {
      const check = () => {
        if (condition(this)) {
          this.waiters.delete(check);
          resolve();
        } else if (this.ended) {
          this.waiters.delete(check);
          reject(new Error(`the feed ended after ${this.frames.length} events (status ${this.status}): ${this.body}`));
        }
      };
      this.waiters.add(check);
      check();
    });
  }

  /** Resolves once a frame with this id arrived. */
  untilId(id: string | bigint): Promise<void> {
    const wanted = id.toString();
    return this.until((client) => client.frames.some((frame) => frame.id === wanted));
  }

  close(): void {
    this.response.destroy();
  }

  private settle(change: () => void): void {
    change();
    for (const check of [...this.waiters]) check();
  }

  private parse(chunk: string): void {
    if (this.status !== 200) {
      this.body += chunk;
      return;
    }
    this.buffer += chunk;
    let end: number;
    while ((end = this.buffer.indexOf('\n\n')) !== -1) {
      const block = this.buffer.slice(0, end);
      this.buffer = this.buffer.slice(end + 2);
      this.take(block);
    }
  }

  private take(block: string): void {
    const fields = new Map<string, string>();
    for (const line of block.split('\n')) {
      if (line.startsWith(':')) this.comments.push(line.slice(1).trim());
      else {
        const colon = line.indexOf(':');
        fields.set(line.slice(0, colon), line.slice(colon + 1).trimStart());
      }
    }
    if (fields.has('data')) this.frames.push({ id: fields.get('id')!, event: fields.get('event')!, data: JSON.parse(fields.get('data')!) });
  }
}

/** Positions as the feed sends them, to compare with the store's. */
export const idsOf = (frames: readonly FeedFrame[]): string[] => frames.map((frame) => frame.id);

/** Waits for the server side to reach a state the test caused; no time limit but the test's own. */
export async function eventually(condition: () => boolean): Promise<void> {
  while (!condition()) await new Promise((resolve) => setTimeout(resolve, 10));
}
