import { Injectable, type OnModuleInit } from '@nestjs/common';
import { PATH_METADATA } from '@nestjs/common/constants.js';
import { DiscoveryService, MetadataScanner, Reflector } from '@nestjs/core';
import { routeAccessOf, type MetadataTarget } from './access.decorators.js';

/**
 * Refuses to start when a route declares neither `@Roles(...)` nor `@Public()`: a forgotten
 * declaration must fail loudly at start-up, not open the route or lock it silently.
 */
@Injectable()
export class RouteAccessCheck implements OnModuleInit {
  constructor(
    private readonly discovery: DiscoveryService,
    private readonly scanner: MetadataScanner,
    private readonly reflector: Reflector,
  ) {}

  onModuleInit(): void {
    const undeclared = this.discovery.getControllers().flatMap(({ metatype }) => {
      if (!metatype) return [];
      const prototype = metatype.prototype as Record<string, MetadataTarget>;
      return this.scanner
        .getAllMethodNames(prototype)
        .filter((method) => isRoute(prototype[method]!) && !routeAccessOf(this.reflector, prototype[method]!, metatype))
        .map((method) => `${metatype.name}.${method}`);
    });
    if (undeclared.length > 0) {
      throw new Error(`routes without @Roles(...) or @Public(): ${undeclared.join(', ')}`);
    }
  }
}

function isRoute(handler: MetadataTarget): boolean {
  return Reflect.getMetadata(PATH_METADATA, handler) !== undefined;
}
