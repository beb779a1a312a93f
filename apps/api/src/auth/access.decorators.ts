import { applyDecorators, SetMetadata } from '@nestjs/common';
import type { Reflector } from '@nestjs/core';
import { ApiBearerAuth, ApiForbiddenResponse, ApiUnauthorizedResponse } from '@nestjs/swagger';
import type { Role } from '#domain/access/index.js';
import { ProblemDto } from '../platform/problem.dto.js';

export const BEARER_AUTH = 'bearer';
const ROLES_KEY = 'quality-ledger:roles';
const PUBLIC_KEY = 'quality-ledger:public';

/** Who may call a route: any API key holding one of these roles. There is no implicit superuser. */
export function Roles(...roles: [Role, ...Role[]]) {
  return applyDecorators(
    SetMetadata(ROLES_KEY, roles),
    ApiBearerAuth(BEARER_AUTH),
    ApiUnauthorizedResponse({ type: ProblemDto, description: 'No API key, or an unknown, revoked or expired one.' }),
    ApiForbiddenResponse({ type: ProblemDto, description: `Needs one of the roles: ${roles.join(', ')}.` }),
  );
}

/** A route anyone may call, without an API key. Said out loud, so that no route is open by accident. */
export function Public() {
  return SetMetadata(PUBLIC_KEY, true);
}

/** A handler or a controller class, as the reflector reads metadata from it. */
export type MetadataTarget = Parameters<Reflector['get']>[1];

export type RouteAccess = { readonly public: true } | { readonly public: false; readonly roles: readonly Role[] };

/**
 * What a route declares: the handler's own declaration first, then its controller's. Undefined when
 * neither declares anything (start-up refuses such routes).
 */
export function routeAccessOf(reflector: Reflector, handler: MetadataTarget, controller: MetadataTarget): RouteAccess | undefined {
  for (const target of [handler, controller]) {
    if (reflector.get<boolean | undefined>(PUBLIC_KEY, target)) return { public: true };
    const roles = reflector.get<Role[] | undefined>(ROLES_KEY, target);
    if (roles) return { public: false, roles };
  }
  return undefined;
}
