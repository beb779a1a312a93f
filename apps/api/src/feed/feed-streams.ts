import { Inject, Injectable, Logger, type OnModuleDestroy } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import type { OutgoingHttpHeaders } from 'node:http';
import type { AppConfig } from '#libs/config/src/index.js';
import type { Role } from '#libs/domain/access/index.js';
import type { EventFilter, Position } from '#libs/eventsourcing/src/index.js';
import { APP_CONFIG, STORES, type Stores } from '#libs/persistence/src/index.js';
import { ApiMetrics } from '../platform/api-metrics.js';
import { FeedConnection, type FeedConnectionState } from './feed-connection.js';
import { feedVisibility } from './feed-visibility.js';

export interface FeedRequest {
  /** Start after this position (exclusive); absent: from the start of the log. */
  readonly after: Position | undefined;
  readonly filter: EventFilter;
  readonly roles: readonly Role[];
}

const EVENT_STREAM_HEADERS = {
  'content-type': 'text/event-stream; charset=utf-8',
  'cache-control': 'no-cache',
  // Reverse proxies that buffer responses would hold the events back until their buffer fills.
  'x-accel-buffering': 'no',
};

/** The open feed connections: each one a subscription to the event store, caught up, then live. */
@Injectable()
export class FeedStreams implements OnModuleDestroy {
  private readonly logger = new Logger('Feed');
  private readonly open = new Set<FeedConnection>();

  constructor(
    @Inject(STORES) private readonly stores: Stores,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly metrics: ApiMetrics,
  ) {}

  /**
   * Answers with the feed until the client leaves or the api stops. The reply is taken over from
   * Fastify: everything that could be refused (auth, parameters) was checked before.
   */
  async follow(reply: FastifyReply, request: FeedRequest): Promise<void> {
    reply.hijack();
    reply.raw.writeHead(200, { ...(reply.getHeaders() as OutgoingHttpHeaders), ...EVENT_STREAM_HEADERS });
    reply.raw.flushHeaders();
    const connection = new FeedConnection(reply.raw, this.config.feedHeartbeatMs);
    const closed = this.metrics.feedConnectionOpened();
    this.open.add(connection);
    try {
      const events = this.stores.events.subscribeAll({ after: request.after, filter: request.filter, signal: connection.signal });
      await connection.send(events, feedVisibility(request.roles));
    } catch (error) {
      // The client resumes from its last id; the cause belongs in the log, not in a half-sent stream.
      this.logger.error(error instanceof Error ? error.stack : error, 'the feed subscription failed');
      connection.close();
    } finally {
      this.open.delete(connection);
      closed();
    }
  }

  /** What each open connection took and sent, and whether it waits for its client to read. */
  connections(): FeedConnectionState[] {
    return [...this.open].map((connection) => connection.state);
  }

  /** Open connections would hold the server's shutdown for as long as their clients stay. */
  onModuleDestroy(): void {
    for (const connection of this.open) connection.close();
  }
}
