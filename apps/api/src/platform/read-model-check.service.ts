import { Injectable, type OnModuleInit, type Type } from '@nestjs/common';
import { PATH_METADATA } from '@nestjs/common/constants.js';
import { DiscoveryService, MetadataScanner, Reflector } from '@nestjs/core';
import { AsOfQuery } from './as-of.js';
import { declaredReadModel, takesReadMoment } from './read-model.interceptor.js';
import { EVERY_READ_MODEL, routeReadQuery } from './read-pipeline.service.js';

/**
 * What is wrong with how a route declares its read model, if anything: a route that takes
 * `minPosition` must declare one, or read-your-writes would silently not wait; one that takes `asOf`
 * or `@ReadMoment()` must name its projection, since a moment is a moment of one read model.
 */
export function readModelFault(reflector: Reflector, controller: Type, method: string): string | undefined {
  const readModel = declaredReadModel(reflector, controller.prototype[method] as Parameters<Reflector['get']>[1]);
  const query = routeReadQuery(controller, method);
  if (readModel === undefined) return query ? 'takes minPosition without @ReadModel(...)' : undefined;
  if (readModel !== EVERY_READ_MODEL) return undefined;
  const answersAsOf = query !== undefined && (query === AsOfQuery || query.prototype instanceof AsOfQuery);
  if (answersAsOf) return 'takes asOf but reads every read model: name the projection it answers from';
  if (takesReadMoment(controller, method)) return 'takes @ReadMoment() but reads every read model: name the projection it answers from';
  return undefined;
}

/** Refuses to start when a route declares its read model wrongly or not at all; a missed wait must fail loudly. */
@Injectable()
export class ReadModelCheck implements OnModuleInit {
  constructor(
    private readonly discovery: DiscoveryService,
    private readonly scanner: MetadataScanner,
    private readonly reflector: Reflector,
  ) {}

  onModuleInit(): void {
    const faults = this.discovery.getControllers().flatMap(({ metatype }) => {
      if (!metatype) return [];
      const controller = metatype as Type;
      return this.scanner.getAllMethodNames(controller.prototype as object).flatMap((method) => {
        if (Reflect.getMetadata(PATH_METADATA, controller.prototype[method] as object) === undefined) return [];
        const fault = readModelFault(this.reflector, controller, method);
        return fault ? [`${controller.name}.${method} ${fault}`] : [];
      });
    });
    if (faults.length > 0) throw new Error(`routes with a wrong read-model declaration: ${faults.join('; ')}`);
  }
}
