import helmet, { type FastifyHelmetOptions } from '@fastify/helmet';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { CONSOLE_PATH } from './console-files.js';
import { DOCS_PATH } from './openapi.js';

type ContentSecurityPolicy = Exclude<FastifyHelmetOptions['contentSecurityPolicy'], boolean | undefined>;

/** The API answers JSON, which loads nothing and is never meant to be framed. */
const API_POLICY: ContentSecurityPolicy = {
  useDefaults: false,
  directives: { defaultSrc: ["'none'"], frameAncestors: ["'none'"] },
};

/**
 * Swagger UI loads its scripts, styles and the OpenAPI document from the api itself and draws with
 * inline styles and `data:` images. No `upgrade-insecure-requests`: the UI must also work on a plain
 * HTTP address inside a network.
 */
const DOCS_POLICY: ContentSecurityPolicy = {
  useDefaults: false,
  directives: {
    defaultSrc: ["'self'"],
    scriptSrc: ["'self'"],
    styleSrc: ["'self'", "'unsafe-inline'"],
    imgSrc: ["'self'", 'data:'],
    objectSrc: ["'none'"],
    baseUri: ["'self'"],
    formAction: ["'self'"],
    frameAncestors: ["'none'"],
  },
};

/**
 * The console is the api's own single-page app: its scripts and styles are files of the same origin,
 * and it calls the API there. Nothing inline, nothing from elsewhere.
 */
const CONSOLE_POLICY: ContentSecurityPolicy = {
  useDefaults: false,
  directives: {
    defaultSrc: ["'self'"],
    scriptSrc: ["'self'"],
    styleSrc: ["'self'"],
    imgSrc: ["'self'", 'data:'],
    connectSrc: ["'self'"],
    objectSrc: ["'none'"],
    baseUri: ["'self'"],
    formAction: ["'self'"],
    frameAncestors: ["'none'"],
  },
};

/** The headers that make a request a caller's own: an API key, or an anonymous survey's token. */
const CREDENTIAL_HEADERS = ['authorization', 'x-survey-token'];

/**
 * Security headers on every answer (helmet's defaults, with a content security policy for an API,
 * another for the Swagger UI and another for the console), and `Cache-Control: no-store` on every answer to a request that carries
 * an API key or a survey token, so that no shared cache keeps what only that key may read.
 */
export async function registerSecurityHeaders(app: NestFastifyApplication): Promise<void> {
  const fastify = app.getHttpAdapter().getInstance();
  // Before the plugin: it reads each route's own options as the route is added.
  fastify.addHook('onRoute', (route) => {
    if (isUnder(DOCS_PATH, route.url)) route.helmet = { contentSecurityPolicy: DOCS_POLICY };
    if (isUnder(CONSOLE_PATH, route.url)) route.helmet = { contentSecurityPolicy: CONSOLE_POLICY };
  });
  // Framed nowhere, as `frame-ancestors 'none'` says to the browsers that read no policy.
  await app.register(helmet, { contentSecurityPolicy: API_POLICY, xFrameOptions: { action: 'deny' } });
  fastify.addHook('onRequest', async (request, reply) => {
    if (CREDENTIAL_HEADERS.some((header) => request.headers[header] !== undefined)) reply.header('cache-control', 'no-store');
  });
}

function isUnder(path: string, url: string | undefined): boolean {
  return url === `/${path}` || (url?.startsWith(`/${path}/`) ?? false);
}
