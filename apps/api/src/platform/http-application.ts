import type { NestApplicationOptions } from '@nestjs/common';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { Logger } from 'nestjs-pino';
import type { AppConfig } from '#libs/config/src/index.js';
import { serveOpenApi } from './openapi.js';
import { REQUEST_ID_HEADER, requestIdOf } from './request-id.js';

/**
 * The HTTP application as main.ts and the e2e tests build it, so that tests exercise the real setup:
 *
 *   const app = await NestFactory.create(AppModule, createHttpAdapter(config), APPLICATION_OPTIONS);
 *   configureApplication(app);
 */

/** Nest's own body parsers stay off: Fastify's JSON parser is the only one (see `createHttpAdapter`). */
export const APPLICATION_OPTIONS: NestApplicationOptions = { bodyParser: false, bufferLogs: true };

export function createHttpAdapter(config: AppConfig): FastifyAdapter {
  const adapter = new FastifyAdapter({ bodyLimit: config.bodyLimit, genReqId: requestIdOf });
  const fastify = adapter.getInstance();
  // The API speaks JSON only: any other body gets 415 instead of reaching a handler as a string.
  fastify.removeContentTypeParser('text/plain');
  fastify.addHook('onRequest', async (request, reply) => {
    reply.header(REQUEST_ID_HEADER, request.id);
  });
  return adapter;
}

export function configureApplication(app: NestFastifyApplication): void {
  app.useLogger(app.get(Logger));
  serveOpenApi(app);
}
