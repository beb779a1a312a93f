import { Injectable, type OnModuleInit } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { IncomingMessage } from 'node:http';
import { isAnonymousRoute } from './anonymous-route.js';

/** The raw requests of the anonymous routes, marked as they arrive, before the request logger sees them. */
const unlinkableRequests = new WeakSet<IncomingMessage>();

export function isUnlinkable(request: IncomingMessage | undefined): boolean {
  return request !== undefined && unlinkableRequests.has(request);
}

/**
 * Marks the requests of the routes declared `@AnonymousRoute()`. The request logger records a request
 * as it arrives, before Nest knows its handler; the adapter's own request hook runs before that, when
 * Fastify has matched the route, so the mark is there in time.
 */
@Injectable()
export class UnlinkableRequestMarks implements OnModuleInit {
  constructor(private readonly adapterHost: HttpAdapterHost) {}

  onModuleInit(): void {
    this.adapterHost.httpAdapter.setOnRequestHook((request: FastifyRequest, _reply: FastifyReply, done: () => void) => {
      if (isAnonymousRoute(request)) unlinkableRequests.add(request.raw);
      done();
    });
  }
}

const MINUTE_MS = 60_000;

/** The time a log line is stamped with: the instant, or for an unlinkable request its minute. */
export function loggedTime(unlinkable: boolean): number {
  const now = Date.now();
  return unlinkable ? Math.floor(now / MINUTE_MS) * MINUTE_MS : now;
}

/** What a request log line shows of a request: everything, or for an unlinkable one its method and URL. */
export function requestLogView<R extends { readonly raw?: IncomingMessage; readonly method?: string; readonly url?: string }>(request: R): R | Pick<R, 'method' | 'url'> {
  return isUnlinkable(request.raw) ? { method: request.method, url: request.url } : request;
}

/** What a request log line shows of a response: everything, or for an unlinkable request its status. */
export function responseLogView<R extends { readonly raw?: { readonly req?: IncomingMessage }; readonly statusCode?: number }>(response: R): R | Pick<R, 'statusCode'> {
  return isUnlinkable(response.raw?.req) ? { statusCode: response.statusCode } : response;
}

/**
 * The fields of a finished request's log line: as they are, or for an unlinkable request without its
 * response time, and stamped with its minute.
 */
export function finishedRequestLogFields(request: IncomingMessage, fields: Record<string, unknown>): Record<string, unknown> {
  if (!isUnlinkable(request)) return fields;
  const { responseTime: _responseTime, ...rest } = fields;
  return { ...rest, time: loggedTime(true) };
}
