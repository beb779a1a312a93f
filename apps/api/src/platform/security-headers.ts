import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import helmet, { type HelmetOptions } from 'helmet';
import { IncomingMessage, ServerResponse, type OutgoingHttpHeaders } from 'node:http';
import { Socket } from 'node:net';
import { CONSOLE_PATH } from './console-files.js';
import { DOCS_PATH } from './openapi.js';

type ContentSecurityPolicy = Exclude<HelmetOptions['contentSecurityPolicy'], boolean | undefined>;

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
 * another for the Swagger UI and another for the console), and `Cache-Control: no-store` on every
 * answer to a request that carries an API key or a survey token, so that no shared cache keeps what
 * only that key may read.
 *
 * Each set of headers is worked out once, here, for they depend on no request: building helmet's
 * middleware per request parsed its policy, and setting its headers one by one on the raw answer
 * validated each; together about 4 % of the api's thread under command load.
 */
export function registerSecurityHeaders(app: NestFastifyApplication): void {
  const forApi = securityHeaders(API_POLICY);
  const forDocs = securityHeaders(DOCS_POLICY);
  const forConsole = securityHeaders(CONSOLE_POLICY);
  app
    .getHttpAdapter()
    .getInstance()
    .addHook('onRequest', (request, reply, done) => {
      const route = request.routeOptions.url;
      reply.headers(isUnder(DOCS_PATH, route) ? forDocs : isUnder(CONSOLE_PATH, route) ? forConsole : forApi);
      if (CREDENTIAL_HEADERS.some((header) => request.headers[header] !== undefined)) reply.header('cache-control', 'no-store');
      done();
    });
}

/** The headers helmet sets under a policy, framed nowhere, as `frame-ancestors 'none'` says to the browsers that read no policy. */
function securityHeaders(contentSecurityPolicy: ContentSecurityPolicy): OutgoingHttpHeaders {
  const request = new IncomingMessage(new Socket());
  const answer = new ServerResponse(request);
  helmet({ contentSecurityPolicy, xFrameOptions: { action: 'deny' } })(request, answer, () => undefined);
  return answer.getHeaders();
}

function isUnder(path: string, url: string | undefined): boolean {
  return url === `/${path}` || (url?.startsWith(`/${path}/`) ?? false);
}
