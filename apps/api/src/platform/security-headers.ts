import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { FastifyReply, FastifyRequest } from 'fastify';
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

/** Each set worked out once, at start: building helmet's middleware per request parsed its policy. */
const API_HEADERS = securityHeaders(API_POLICY);
const DOCS_HEADERS = securityHeaders(DOCS_POLICY);
const CONSOLE_HEADERS = securityHeaders(CONSOLE_POLICY);

/**
 * Security headers on every answer (helmet's defaults, with a content security policy for an API,
 * another for the Swagger UI and another for the console), and `Cache-Control: no-store` on every
 * answer to a request that carries an API key or a survey token, so that no shared cache keeps what
 * only that key may read.
 */
export function registerSecurityHeaders(app: NestFastifyApplication): void {
  app
    .getHttpAdapter()
    .getInstance()
    .addHook('onRequest', (request, reply, done) => {
      setSecurityHeaders(request, reply);
      done();
    });
}

/**
 * Sets the headers of `registerSecurityHeaders` on an answer; also for what the router refuses before
 * any hook runs (a request for no route gets the API's).
 */
export function setSecurityHeaders(request: FastifyRequest, reply: FastifyReply): void {
  const route = request.routeOptions.url;
  reply.headers(isUnder(DOCS_PATH, route) ? DOCS_HEADERS : isUnder(CONSOLE_PATH, route) ? CONSOLE_HEADERS : API_HEADERS);
  if (CREDENTIAL_HEADERS.some((header) => request.headers[header] !== undefined)) reply.header('cache-control', 'no-store');
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
