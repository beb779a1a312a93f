import type { ConnectionError, FastifyError, FastifyInstance, FastifyReply, FastifyRequest, FastifyServerOptions } from 'fastify';
import { randomUUID } from 'node:crypto';
import { maxHeaderSize, STATUS_CODES } from 'node:http';
import type { Socket } from 'node:net';
import { RequestRefusedError } from './http-errors.js';
import { PROBLEM_CONTENT_TYPE, toProblem, type Problem } from './problem-details.js';
import { sendProblem } from './problem-details.filter.js';
import { REQUEST_ID_HEADER } from './request-id.js';
import { setSecurityHeaders } from './security-headers.js';

/*
 * Limits on the form of a request, enforced before anything reads its content: a parser or validator
 * that recurses through a deeply nested body exhausts the stack, and every byte of an over-long
 * parameter is work done for nothing. Each refusal is a 4xx problem document, like every other one.
 */

/** Deeper than any body the API takes, shallow enough for every parser and validator behind it. */
export const MAX_JSON_DEPTH = 32;

/** Room for the longest path parameter a route takes: a stream id, at most 401 characters. */
export const MAX_PATH_PARAMETER_LENGTH = 512;

/** Room for the longest query parameter a route takes: a page cursor, at most 1000 characters. */
export const MAX_QUERY_PARAMETER_LENGTH = 1024;

/** The Fastify options that answer the router's and Node's own refusals as problems. */
export const REQUEST_LIMIT_OPTIONS = {
  routerOptions: { maxParamLength: MAX_PATH_PARAMETER_LENGTH },
  frameworkErrors: answerRouterRefusal,
  clientErrorHandler: answerMalformedConnection,
} satisfies FastifyServerOptions;

/**
 * Replaces Fastify's JSON parser with the same parser behind a depth check. The check reads the text
 * once without recursing, so a body of twenty thousand `[` is refused before `JSON.parse` or
 * class-transformer descend into it.
 */
export function parseJsonWithinDepth(fastify: FastifyInstance): void {
  const parseJson = fastify.getDefaultJsonParser('error', 'error');
  fastify.removeContentTypeParser('application/json');
  fastify.addContentTypeParser('application/json', { parseAs: 'string' }, (request, body: string, done) => {
    if (!nestsDeeperThan(body, MAX_JSON_DEPTH)) return parseJson(request, body, done);
    done(new RequestRefusedError('JSON_TOO_DEEP', `the body nests arrays and objects more than ${MAX_JSON_DEPTH} levels deep`), undefined);
  });
}

/** Refuses a query parameter whose name or value is longer than any route takes. */
export function refuseOverlongQueryParameters(fastify: FastifyInstance): void {
  fastify.addHook('onRequest', async (request) => {
    const texts = Object.entries(request.query as Record<string, string | string[]>).flat(2);
    if (texts.some((text) => text.length > MAX_QUERY_PARAMETER_LENGTH)) {
      throw new RequestRefusedError('URI_TOO_LONG', `query parameter names and values may be at most ${MAX_QUERY_PARAMETER_LENGTH} characters long`);
    }
  });
}

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const OPENING = new Set([0x5b, 0x7b]);
const CLOSING = new Set([0x5d, 0x7d]);

/** Whether JSON text nests arrays and objects deeper than `limit`; brackets inside strings do not count. */
export function nestsDeeperThan(text: string, limit: number): boolean {
  let depth = 0;
  let inString = false;
  for (let index = 0; index < text.length; index++) {
    const char = text.charCodeAt(index);
    if (inString) {
      if (char === BACKSLASH) index++;
      else if (char === QUOTE) inString = false;
    } else if (char === QUOTE) {
      inString = true;
    } else if (OPENING.has(char)) {
      if (++depth > limit) return true;
    } else if (CLOSING.has(char)) {
      depth--;
    }
  }
  return false;
}

/**
 * The router refuses two things before any hook runs: a path parameter longer than
 * `MAX_PATH_PARAMETER_LENGTH`, and a path that is not valid percent-encoded UTF-8.
 */
function answerRouterRefusal(error: FastifyError, request: FastifyRequest, reply: FastifyReply): void {
  const refusal =
    error.code === 'FST_ERR_MAX_PARAM_LENGTH'
      ? new RequestRefusedError('URI_TOO_LONG', `a path parameter is longer than ${MAX_PATH_PARAMETER_LENGTH} characters`)
      : new RequestRefusedError('MALFORMED_REQUEST', 'the path is not valid percent-encoded UTF-8');
  // No hook ran to echo the request id or to set the security headers.
  reply.header(REQUEST_ID_HEADER, request.id);
  setSecurityHeaders(request, reply);
  sendProblem(reply, toProblem(refusal, request.id));
}

/**
 * What Node's HTTP parser cannot read (headers too large, bytes that are not HTTP, a request that
 * trickles in past the timeout) never becomes a request: the answer goes straight to the socket, which
 * is then closed, as Node itself does.
 */
function answerMalformedConnection(error: ConnectionError, socket: Socket): void {
  // A connection the client reset has nobody left to answer.
  if (error.code === 'ECONNRESET' || socket.destroyed) return;
  if (socket.writable) socket.write(rawAnswer(toProblem(connectionRefusal(error), randomUUID()), methodOf(error)));
  socket.destroy(error);
}

/**
 * The method of the request the parser failed on, when the packet it failed on starts with the
 * request line, as it does for all but clients that send their headers in pieces.
 */
function methodOf(error: ConnectionError): string | undefined {
  // A Buffer, whatever Fastify's type says.
  const packet: unknown = error.rawPacket;
  return /^([A-Z]+) /.exec(Buffer.isBuffer(packet) ? packet.toString('latin1', 0, 16) : '')?.[1];
}

function connectionRefusal(error: ConnectionError): RequestRefusedError {
  switch (error.code) {
    case 'HPE_HEADER_OVERFLOW':
      return new RequestRefusedError('HEADERS_TOO_LARGE', `the request line and headers exceed ${maxHeaderSize} bytes`);
    case 'ERR_HTTP_REQUEST_TIMEOUT':
      return new RequestRefusedError('REQUEST_TIMEOUT', 'the request did not arrive whole in time');
    default:
      return new RequestRefusedError('MALFORMED_REQUEST', 'the request is not well-formed HTTP/1.1');
  }
}

/**
 * The problem as an HTTP answer: an answer to HEAD has its headers but no body, and one to a request
 * of an unknown method only the status line, as Node's own, since it might be HEAD.
 */
function rawAnswer(problem: Problem, method: string | undefined): string {
  const statusLine = `HTTP/1.1 ${problem.status} ${STATUS_CODES[problem.status]}\r\n`;
  if (method === undefined) return `${statusLine}Connection: close\r\n\r\n`;
  const body = JSON.stringify(problem);
  const head = `${statusLine}Content-Type: ${PROBLEM_CONTENT_TYPE}\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n`;
  return method === 'HEAD' ? head : head + body;
}
