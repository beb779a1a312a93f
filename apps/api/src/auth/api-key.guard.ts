import { Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { FastifyRequest } from 'fastify';
import type { Role } from '#domain/access/index.js';
import { ForbiddenError, UnauthenticatedError } from '../platform/http-errors.js';
import { routeAccessOf } from './access.decorators.js';
import { ApiKeyDirectory } from './api-key-directory.service.js';
import { bearerSecretOf } from './bearer-secret.js';

/** Start-up refuses undeclared routes; should one slip through all the same, only admins may call it. */
const UNDECLARED_ROUTE_ROLES: readonly Role[] = ['admin'];

/** Authenticates `Authorization: Bearer <key>` and checks the route's roles: 401, then 403. */
@Injectable()
export class ApiKeyGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly directory: ApiKeyDirectory,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const access = routeAccessOf(this.reflector, context.getHandler(), context.getClass());
    if (access?.public) return true;
    const allowed = access?.roles ?? UNDECLARED_ROUTE_ROLES;

    const request = context.switchToHttp().getRequest<FastifyRequest>();
    const principal = await this.directory.authenticate(bearerTokenOf(request));
    if (!principal.roles.some((role) => allowed.includes(role))) throw new ForbiddenError(allowed);
    request.principal = principal;
    return true;
  }
}

function bearerTokenOf(request: FastifyRequest): string {
  const header = request.headers.authorization;
  if (header === undefined) throw new UnauthenticatedError('send an API key: Authorization: Bearer <key>');
  const secret = bearerSecretOf(header);
  if (secret === undefined) throw new UnauthenticatedError('the Authorization header must read: Bearer <key>');
  return secret;
}
