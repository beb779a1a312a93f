import { Inject, Injectable, Logger, type OnModuleDestroy } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import type { OutgoingHttpHeaders } from 'node:http';
import type { AppConfig } from '#config';
import { eventsVisibleTo } from '#domain/catalogue/event-visibility.js';
import type { EventFilter, Position } from '#kernel';
import { APP_CONFIG, STORES, type Stores } from '#persistence';
import { ApiKeyDirectory } from '../auth/api-key-directory.service.js';
import type { Principal } from '../auth/principal.js';
import { ApiMetrics } from '../platform/api-metrics.service.js';
import { FeedFullError, UnauthenticatedError } from '../platform/http-errors.js';
import { FeedConnection, type FeedConnectionState } from './feed-connection.js';

export interface FeedRequest {
  /** Start after this position (exclusive); absent: from the start of the log. */
  readonly after: Position | undefined;
  readonly filter: EventFilter;
  readonly caller: Principal;
}

/** No `Cache-Control` of its own: the `no-store` every answer to a key carries is the right one for a feed too. */
const EVENT_STREAM_HEADERS = {
  'content-type': 'text/event-stream; charset=utf-8',
  // Reverse proxies that buffer responses would hold the events back until their buffer fills.
  'x-accel-buffering': 'no',
};

/**
 * How often the keys of the open connections are checked again, against their streams in the log: a
 * key revoked or expired, by this process or any other, loses its feeds within this and one check.
 */
const FEED_KEY_CHECK_INTERVAL_MS = 1000;

/** The open feed connections: each one a subscription to the event store, caught up, then live. */
@Injectable()
export class FeedStreams implements OnModuleDestroy {
  private readonly logger = new Logger('Feed');
  /** Each open connection, with the caller whose key it runs on. */
  private readonly open = new Map<FeedConnection, Principal>();
  private keyChecks: ReturnType<typeof setTimeout> | undefined;

  constructor(
    @Inject(STORES) private readonly stores: Stores,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly metrics: ApiMetrics,
    private readonly directory: ApiKeyDirectory,
  ) {}

  /**
   * Answers with the feed until the client leaves, its key stops working or the api stops. The reply
   * is taken over from Fastify: everything that could be refused (auth, parameters) was checked before.
   */
  async follow(reply: FastifyReply, request: FeedRequest): Promise<void> {
    this.admit(request.caller);
    reply.hijack();
    reply.raw.writeHead(200, { ...(reply.getHeaders() as OutgoingHttpHeaders), ...EVENT_STREAM_HEADERS });
    reply.raw.flushHeaders();
    const connection = new FeedConnection(reply.raw, this.config.feedHeartbeatMs);
    const closed = this.metrics.feedConnectionOpened();
    this.open.set(connection, request.caller);
    this.scheduleKeyChecks();
    try {
      const events = this.stores.events.subscribeAll({ after: request.after, filter: request.filter, signal: connection.signal });
      await connection.send(events, eventsVisibleTo(request.caller.roles));
    } catch (error) {
      // The client resumes from its last id; the cause belongs in the log, not in a half-sent stream.
      this.logger.error(error instanceof Error ? error.stack : error, 'the feed subscription failed');
      connection.close();
    } finally {
      this.open.delete(connection);
      closed();
    }
  }

  /**
   * Each connection holds a subscription that reads the log: past `FEED_MAX_CONNECTIONS` in all, or
   * `FEED_MAX_CONNECTIONS_PER_KEY` for one key, a new one is refused (503) before it takes anything.
   */
  private admit(caller: Principal): void {
    const { feedMaxConnections, feedMaxConnectionsPerKey } = this.config;
    if (this.open.size >= feedMaxConnections) {
      throw new FeedFullError(`the feed serves ${feedMaxConnections} connections already (FEED_MAX_CONNECTIONS); retry later`);
    }
    const ofKey = [...this.open.values()].filter((principal) => principal.keyId === caller.keyId).length;
    if (ofKey >= feedMaxConnectionsPerKey) {
      throw new FeedFullError(`this key follows the feed on ${ofKey} connections already (FEED_MAX_CONNECTIONS_PER_KEY); close one first`);
    }
  }

  /** What each open connection took and sent, and whether it waits for its client to read. */
  connections(): FeedConnectionState[] {
    return [...this.open.keys()].map((connection) => connection.state);
  }

  /** Open connections would hold the server's shutdown for as long as their clients stay. */
  onModuleDestroy(): void {
    clearTimeout(this.keyChecks);
    for (const connection of this.open.keys()) connection.close();
  }

  /**
   * One round of checks at a time, and none while no feed is open. The timer holds no process open:
   * the feeds it checks do, as long as there are any.
   */
  private scheduleKeyChecks(): void {
    if (this.keyChecks !== undefined) return;
    this.keyChecks = setTimeout(() => {
      void this.checkKeys().finally(() => {
        this.keyChecks = undefined;
        if (this.open.size > 0) this.scheduleKeyChecks();
      });
    }, FEED_KEY_CHECK_INTERVAL_MS);
    this.keyChecks.unref();
  }

  /** Closes the connections whose key no longer works; a key that cannot be checked counts as not working. */
  private async checkKeys(): Promise<void> {
    const byKey = new Map<string, FeedConnection[]>();
    for (const [connection, { keyId }] of this.open) {
      if (keyId !== undefined) byKey.set(keyId, [...(byKey.get(keyId) ?? []), connection]);
    }
    await Promise.all(
      [...byKey].map(async ([keyId, connections]) => {
        try {
          await this.directory.currentPrincipal(keyId);
        } catch (error) {
          if (!(error instanceof UnauthenticatedError)) this.logger.error(error instanceof Error ? error.stack : error, `the key of ${connections.length} feeds could not be checked`);
          for (const connection of connections) connection.close();
        }
      }),
    );
  }
}
