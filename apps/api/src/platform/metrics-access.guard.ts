import { Inject, Injectable, NotFoundException, type CanActivate, type ExecutionContext } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import type { AppConfig } from '#config';
import { APP_CONFIG } from '#persistence';
import { hashApiKey, sameHash } from '../auth/api-key-secret.js';
import { bearerSecretOf } from '../auth/bearer-secret.js';
import { UnauthenticatedError } from './http-errors.js';

export const METRICS_KEY_REQUIRED = 'send the metrics key: Authorization: Bearer <METRICS_KEY>';

/** Whether a request's `Authorization` opens the metrics: any does without `METRICS_KEY`; else that key, compared in constant time. */
export function opensMetrics(metricsKey: string | undefined, authorization: string | undefined): boolean {
  if (metricsKey === undefined) return true;
  const secret = bearerSecretOf(authorization);
  return secret !== undefined && sameHash(hashApiKey(secret), hashApiKey(metricsKey));
}

/**
 * `/metrics` on the api's port: absent when `METRICS_PORT` moves it to a port of its own, behind
 * `METRICS_KEY` when one is set, public otherwise.
 */
@Injectable()
export class MetricsAccessGuard implements CanActivate {
  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  canActivate(context: ExecutionContext): boolean {
    const request = context.switchToHttp().getRequest<FastifyRequest>();
    if (this.config.metricsPort !== undefined) throw new NotFoundException(`Cannot ${request.method} ${request.url}`);
    if (!opensMetrics(this.config.metricsKey, request.headers.authorization)) throw new UnauthenticatedError(METRICS_KEY_REQUIRED);
    return true;
  }
}
