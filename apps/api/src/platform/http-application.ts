import type { NestApplicationOptions } from '@nestjs/common';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import type { AppConfig } from '#config';
import { serveConsole } from './console-files.js';
import { ApiLogger, logRequests } from './api-logger.service.js';
import { serveOpenApi } from './openapi.js';
import { registerRateLimits } from './rate-limits.js';
import { REQUEST_ID_HEADER, requestIdOf } from './request-id.js';
import { parseJsonWithinDepth, refuseOverlongQueryParameters, REQUEST_LIMIT_OPTIONS } from './request-limits.js';
import { registerSecurityHeaders } from './security-headers.js';

/**
 * The HTTP application as main.ts and the e2e tests build it, so that tests exercise the real setup:
 *
 *   const app = await NestFactory.create(AppModule, createHttpAdapter(config), APPLICATION_OPTIONS);
 *   await configureApplication(app, config);
 */

/**
 * A request must arrive whole within this time: a client that trickles its headers or body holds a
 * connection, not the server.
 */
const REQUEST_TIMEOUT_MS = 30_000;

/** Nest's own body parsers stay off: Fastify's JSON parser is the only one (see `createHttpAdapter`). */
export const APPLICATION_OPTIONS: NestApplicationOptions = { bodyParser: false, bufferLogs: true };

export function createHttpAdapter(config: AppConfig): FastifyAdapter {
  const adapter = new FastifyAdapter({
    bodyLimit: config.bodyLimit,
    genReqId: requestIdOf,
    requestTimeout: REQUEST_TIMEOUT_MS,
    // An idle connection is closed; a feed stays busy with its heartbeats, so it lives as long as it listens.
    connectionTimeout: Math.max(60_000, 4 * config.feedHeartbeatMs),
    ...REQUEST_LIMIT_OPTIONS,
    // The api declares no Nest middleware: middie's hook would run on every request for none.
    skipMiddie: true,
  });
  const fastify = adapter.getInstance();
  // The API speaks JSON only: any other body gets 415 instead of reaching a handler as a string.
  fastify.removeContentTypeParser('text/plain');
  parseJsonWithinDepth(fastify);
  // A callback rather than an async hook: one promise less on every request.
  fastify.addHook('onRequest', (request, reply, done) => {
    reply.header(REQUEST_ID_HEADER, request.id);
    done();
  });
  return adapter;
}

export async function configureApplication(app: NestFastifyApplication, config: AppConfig): Promise<void> {
  app.useLogger(app.get(ApiLogger));
  logRequests(app);
  // First, so that every later refusal carries the headers too.
  registerSecurityHeaders(app);
  refuseOverlongQueryParameters(app.getHttpAdapter().getInstance());
  await registerRateLimits(app, config);
  serveOpenApi(app);
  await serveConsole(app);
}
