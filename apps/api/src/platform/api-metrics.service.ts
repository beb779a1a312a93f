import { Injectable, type OnModuleInit } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import type { FastifyInstance } from 'fastify';
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import { QualityLedgerError, type EventStore } from '#kernel';
import { ProjectionProgress } from './projection-progress.service.js';

/** Requests that match no route share one label, so that scanners cannot blow up the cardinality. */
const UNMATCHED_ROUTE = 'unmatched';
const LATENCY_BUCKETS = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5];

export type CommandOutcome = 'accepted' | 'rejected' | 'failed';

/** The api's Prometheus metrics, in a registry of their own (no global state shared between apps). */
@Injectable()
export class ApiMetrics implements OnModuleInit {
  readonly registry = new Registry();

  private readonly httpRequests = new Counter({
    name: 'http_requests_total',
    help: 'HTTP requests answered, by method, route template and status.',
    labelNames: ['method', 'route', 'status'] as const,
    registers: [this.registry],
  });

  private readonly httpDuration = new Histogram({
    name: 'http_request_duration_seconds',
    help: 'Time to answer an HTTP request, by method, route template and status.',
    labelNames: ['method', 'route', 'status'] as const,
    buckets: LATENCY_BUCKETS,
    registers: [this.registry],
  });

  private readonly commandDuration = new Histogram({
    name: 'command_duration_seconds',
    help: 'Time to handle a command (read, decide, append, retries), by command and outcome.',
    labelNames: ['command', 'outcome'] as const,
    buckets: LATENCY_BUCKETS,
    registers: [this.registry],
  });

  private readonly appendDuration = new Histogram({
    name: 'event_append_duration_seconds',
    help: 'Time to append events to the event store, conflicts included.',
    buckets: LATENCY_BUCKETS,
    registers: [this.registry],
  });

  private readonly feedConnections = new Gauge({
    name: 'feed_connections_open',
    help: 'Server-Sent Events connections to /feed open right now.',
    registers: [this.registry],
  });

  constructor(
    private readonly adapterHost: HttpAdapterHost,
    progress: ProjectionProgress,
  ) {
    new Gauge({
      name: 'projection_lag_positions',
      help: 'Positions between the head of the event log and the checkpoint of each projection.',
      labelNames: ['projection'] as const,
      registers: [this.registry],
      async collect() {
        this.reset();
        // An unreachable store leaves the gauge empty rather than failing the whole scrape; /health reports it.
        const snapshot = await progress.snapshot().catch(() => []);
        for (const { name, lag } of snapshot) this.set({ projection: name }, Number(lag));
      },
    });
    collectDefaultMetrics({ register: this.registry });
  }

  onModuleInit(): void {
    const fastify = this.adapterHost.httpAdapter.getInstance<FastifyInstance>();
    fastify.addHook('onResponse', async (request, reply) => {
      const labels = { method: request.method, route: request.routeOptions.url ?? UNMATCHED_ROUTE, status: reply.statusCode };
      this.httpRequests.inc(labels);
      this.httpDuration.observe(labels, reply.elapsedTime / 1000);
    });
  }

  async timeCommand<T>(command: string, work: () => Promise<T>): Promise<T> {
    const stop = this.commandDuration.startTimer({ command });
    try {
      const result = await work();
      stop({ outcome: 'accepted' });
      return result;
    } catch (error) {
      stop({ outcome: commandOutcomeOf(error) });
      throw error;
    }
  }

  /** Counts a feed connection as open; call the returned function once, as it closes. */
  feedConnectionOpened(): () => void {
    this.feedConnections.inc();
    return () => this.feedConnections.dec();
  }

  /** The same store, with every append timed. */
  timingAppends(store: EventStore): EventStore {
    const appendDuration = this.appendDuration;
    return {
      append: async (streamId, events, expected) => {
        const stop = appendDuration.startTimer();
        try {
          return await store.append(streamId, events, expected);
        } finally {
          stop();
        }
      },
      readStream: (streamId, options) => store.readStream(streamId, options),
      readAll: (options) => store.readAll(options),
      subscribeAll: (options) => store.subscribeAll(options),
      headPosition: () => store.headPosition(),
      positionAt: (time) => store.positionAt(time),
      close: () => store.close(),
    };
  }

  render(): Promise<string> {
    return this.registry.metrics();
  }

  get contentType(): string {
    return this.registry.contentType;
  }
}

/** A typed error is the command refused (bad input, a rule, a conflict); anything else is a failure. */
function commandOutcomeOf(error: unknown): CommandOutcome {
  return error instanceof QualityLedgerError ? 'rejected' : 'failed';
}
