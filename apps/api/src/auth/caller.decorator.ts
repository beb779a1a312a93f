import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import type { Principal } from './principal.js';

/**
 * The principal the API key of the request names, for handlers that decide by who calls (the employee
 * a key belongs to, answering as themselves). Only on routes with `@Roles(...)`: a public route has no caller.
 */
export const Caller = createParamDecorator((_data: unknown, context: ExecutionContext): Principal => {
  const principal = context.switchToHttp().getRequest<FastifyRequest>().principal;
  if (!principal) throw new Error('a caller needs an authenticated route; this one is public');
  return principal;
});
