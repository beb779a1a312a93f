import { Injectable, RequestMethod, type OnModuleInit } from '@nestjs/common';
import { METHOD_METADATA, PATH_METADATA } from '@nestjs/common/constants.js';
import { DiscoveryService, MetadataScanner, Reflector } from '@nestjs/core';
import { DECORATORS } from '@nestjs/swagger';
import { routeAccessOf, type MetadataTarget, type RouteAccess } from './access.decorators.js';

/** A route as the controllers declare it: who may call it, and the area of the API it belongs to. */
export interface DeclaredRoute {
  /** `ControllerClass.method`. */
  readonly handler: string;
  readonly method: string;
  readonly path: string;
  /** The route's OpenAPI tag. */
  readonly area: string;
  readonly access: RouteAccess | undefined;
}

/**
 * Refuses to start when a route declares neither `@Roles(...)` nor `@Public()`: a forgotten
 * declaration must fail loudly at start-up, not open the route or lock it silently. The routes it
 * checks are the ones the role table in docs/SECURITY.md is generated from.
 */
@Injectable()
export class RouteAccessCheck implements OnModuleInit {
  constructor(
    private readonly discovery: DiscoveryService,
    private readonly scanner: MetadataScanner,
    private readonly reflector: Reflector,
  ) {}

  onModuleInit(): void {
    const undeclared = this.routes().filter((route) => route.access === undefined);
    if (undeclared.length > 0) {
      throw new Error(`routes without @Roles(...) or @Public(): ${undeclared.map((route) => route.handler).join(', ')}`);
    }
  }

  routes(): DeclaredRoute[] {
    return this.discovery.getControllers().flatMap(({ metatype }) => {
      if (!metatype) return [];
      const prototype = metatype.prototype as Record<string, MetadataTarget>;
      return this.scanner.getAllMethodNames(prototype).flatMap((name) => {
        const handler = prototype[name]!;
        const path = Reflect.getMetadata(PATH_METADATA, handler) as string | undefined;
        if (path === undefined) return [];
        const tags = (this.reflector.get<string[] | undefined>(DECORATORS.API_TAGS, handler) ??
          this.reflector.get<string[] | undefined>(DECORATORS.API_TAGS, metatype)) ?? [metatype.name];
        return [
          {
            handler: `${metatype.name}.${name}`,
            method: RequestMethod[Reflect.getMetadata(METHOD_METADATA, handler) as RequestMethod],
            path: joinPaths(Reflect.getMetadata(PATH_METADATA, metatype) as string | undefined, path),
            area: tags[0]!,
            access: routeAccessOf(this.reflector, handler, metatype),
          },
        ];
      });
    });
  }
}

function joinPaths(...parts: (string | undefined)[]): string {
  return `/${parts.flatMap((part) => (part ?? '').split('/')).filter((segment) => segment !== '').join('/')}`;
}
