import rateLimit from '@fastify/rate-limit';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { FastifyRequest } from 'fastify';
import { createHash } from 'node:crypto';
import type { AppConfig } from '#config';
import { bearerSecretOf } from '../auth/bearer-secret.js';
import { isAnonymousRoute } from './anonymous-route.js';
import { TooManyRequestsError } from './http-errors.js';

const MINUTE_MS = 60_000;

/**
 * Requests per minute per API key, and per address for requests without one: a key is counted by the
 * digest of its secret, so that a key used from many addresses is one budget, and the secret itself
 * is never kept.
 */
function limitKeyOf(request: FastifyRequest): string {
  const token = bearerSecretOf(request.headers.authorization);
  if (token === undefined || isAnonymousRoute(request)) return `address:${request.ip}`;
  return `key:${createHash('sha256').update(token).digest('base64url')}`;
}

/**
 * The limits on every door: requests per key or address (`RATE_LIMIT_PER_MINUTE`), a stricter one on
 * the anonymous route (`RATE_LIMIT_ANONYMOUS_PER_MINUTE`), and one on failed authentications per
 * address (`RATE_LIMIT_FAILED_AUTH_PER_MINUTE`), which keeps a guesser of keys from trying a fresh
 * one per request. Past a limit: 429 with `Retry-After`.
 */
export async function registerRateLimits(app: NestFastifyApplication, config: AppConfig): Promise<void> {
  await app.register(rateLimit, {
    global: true,
    timeWindow: MINUTE_MS,
    max: (request) => (isAnonymousRoute(request) ? config.rateLimitAnonymousPerMinute : config.rateLimitPerMinute),
    keyGenerator: limitKeyOf,
    errorResponseBuilder: (_request, context) =>
      new TooManyRequestsError(`more than ${context.max} requests a minute; wait ${context.after} before the next one`),
  });
  const failures = new FailedAuthentications(config.rateLimitFailedAuthPerMinute);
  const fastify = app.getHttpAdapter().getInstance();
  fastify.addHook('onRequest', async (request, reply) => {
    const retryAfter = failures.retryAfterSeconds(request.ip, Date.now());
    if (retryAfter === undefined) return;
    reply.header('retry-after', String(retryAfter));
    throw new TooManyRequestsError('too many failed authentications from this address; wait before trying again');
  });
  fastify.addHook('onResponse', async (request, reply) => {
    if (reply.statusCode === 401) failures.record(request.ip, Date.now());
  });
}

/**
 * Failed authentications per address in fixed windows of a minute. Forgotten once their window is
 * over, so the map holds only the addresses that failed within the last minute.
 */
export class FailedAuthentications {
  private readonly windows = new Map<string, { readonly startedAt: number; count: number }>();

  constructor(private readonly perMinute: number) {}

  record(address: string, now: number): void {
    const window = this.windowOf(address, now);
    if (window) window.count += 1;
    else this.windows.set(address, { startedAt: now, count: 1 });
    if (this.windows.size % 1024 === 0) this.forgetEnded(now);
  }

  /** Seconds until the address may try again, while it is over the limit; undefined otherwise. */
  retryAfterSeconds(address: string, now: number): number | undefined {
    const window = this.windowOf(address, now);
    if (window === undefined || window.count < this.perMinute) return undefined;
    return Math.max(1, Math.ceil((window.startedAt + MINUTE_MS - now) / 1000));
  }

  private windowOf(address: string, now: number) {
    const window = this.windows.get(address);
    if (window !== undefined && now - window.startedAt < MINUTE_MS) return window;
    this.windows.delete(address);
    return undefined;
  }

  private forgetEnded(now: number): void {
    for (const [address, window] of this.windows) if (now - window.startedAt >= MINUTE_MS) this.windows.delete(address);
  }
}
