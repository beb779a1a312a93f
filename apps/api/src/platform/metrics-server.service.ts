import { Inject, Injectable, Logger, NotFoundException, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { AppConfig } from '#config';
import { APP_CONFIG } from '#persistence';
import { ApiMetrics } from './api-metrics.service.js';
import { UnauthenticatedError } from './http-errors.js';
import { METRICS_KEY_REQUIRED, opensMetrics } from './metrics-access.guard.js';
import { PROBLEM_CONTENT_TYPE, toProblem } from './problem-details.js';
import { BEARER_CHALLENGE } from './problem-details.filter.js';

const METRICS_PATH = '/metrics';

/**
 * With `METRICS_PORT`, the metrics are served on that port alone (`GET /metrics`, behind `METRICS_KEY`
 * when one is set), so that only the network the scraper is in can reach them.
 */
@Injectable()
export class MetricsServer implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('Metrics');
  private server: Server | undefined;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly metrics: ApiMetrics,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    if (this.config.metricsPort === undefined) return;
    const server = createServer((request, response) => void this.answer(request, response));
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(this.config.metricsPort, '0.0.0.0', resolve);
    });
    this.server = server;
  }

  /** The port the metrics are served on, once they are: `METRICS_PORT`, or the one the system picked for 0. */
  port(): number | undefined {
    return (this.server?.address() as AddressInfo | null | undefined)?.port;
  }

  async onApplicationShutdown(): Promise<void> {
    const server = this.server;
    if (server === undefined) return;
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  private async answer(request: IncomingMessage, response: ServerResponse): Promise<void> {
    if (request.method !== 'GET' || request.url?.split('?')[0] !== METRICS_PATH) {
      return answerProblem(response, new NotFoundException(`Cannot ${request.method} ${request.url}`));
    }
    if (!opensMetrics(this.config.metricsKey, request.headers.authorization)) {
      return answerProblem(response, new UnauthenticatedError(METRICS_KEY_REQUIRED));
    }
    try {
      const body = await this.metrics.render();
      response.writeHead(200, { 'content-type': this.metrics.contentType }).end(body);
    } catch (error) {
      this.logger.error({ msg: 'the metrics could not be rendered', err: error });
      answerProblem(response, error);
    }
  }
}

/** The same problem documents as the api's, on a server Nest does not run. */
function answerProblem(response: ServerResponse, error: unknown): void {
  const problem = toProblem(error, randomUUID());
  const challenge = problem.status === 401 ? { 'www-authenticate': BEARER_CHALLENGE } : {};
  response.writeHead(problem.status, { 'content-type': PROBLEM_CONTENT_TYPE, ...challenge }).end(JSON.stringify(problem));
}
