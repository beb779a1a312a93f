import { RouteConfig } from '@nestjs/platform-fastify';
import type { FastifyRequest } from 'fastify';

interface AnonymousRouteConfig {
  readonly anonymousRoute?: true;
}

/**
 * Declares a route anyone may write to without a key, whose callers must not be tied to what they
 * send (the anonymous survey answer). It is rate-limited more strictly, per address (see
 * `registerRateLimits`), and its request log lines carry no address, headers, request id or response
 * time, and tell the time to the minute only (see `requestLogView`). Route config rather than Nest
 * metadata: Fastify knows it as soon as it matched the route, before any of Nest's machinery runs.
 */
export const AnonymousRoute = () => RouteConfig({ anonymousRoute: true } satisfies AnonymousRouteConfig);

export function isAnonymousRoute(request: FastifyRequest): boolean {
  return (request.routeOptions.config as AnonymousRouteConfig | undefined)?.anonymousRoute === true;
}
