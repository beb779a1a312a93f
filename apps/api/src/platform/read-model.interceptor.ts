import {
  applyDecorators,
  createParamDecorator,
  Injectable,
  SetMetadata,
  UseInterceptors,
  type CallHandler,
  type ExecutionContext,
  type NestInterceptor,
  type Type,
} from '@nestjs/common';
import { ROUTE_ARGS_METADATA } from '@nestjs/common/constants.js';
import { Reflector } from '@nestjs/core';
import type { FastifyRequest } from 'fastify';
import type { Observable } from 'rxjs';
import { ValidationError } from '#kernel';
import type { ResolvedAsOf } from './as-of.js';
import { ReadPipeline, readFieldsOf, routeReadQuery, type ReadFields, type ReadModelName } from './read-pipeline.service.js';
import { EdgeValidationPipe } from './validation.pipe.js';

declare module 'fastify' {
  interface FastifyRequest {
    /** Set by the read-model interceptor: the moment the answer of a route that reads one read model reflects. */
    readMoment?: ResolvedAsOf;
  }
}

const READ_MODEL = Symbol('read model');

/**
 * The read model a route answers from: read-your-writes (`minPosition`), `asOf` and a metric's day
 * range are then resolved before the handler runs, which takes the moment with `@ReadMoment()`.
 */
export function ReadModel(readModel: ReadModelName): MethodDecorator {
  return applyDecorators(SetMetadata(READ_MODEL, readModel), UseInterceptors(ReadModelInterceptor));
}

export function declaredReadModel(reflector: Reflector, handler: Parameters<Reflector['get']>[1]): ReadModelName | undefined {
  return reflector.get<ReadModelName | undefined>(READ_MODEL, handler);
}

/**
 * The read fields of a raw query when the whole query is valid by the rules of the route's DTO, as the
 * route's pipe judges it (unknown fields included), which then takes the instance made here;
 * undefined when not, so that a malformed request is refused by the pipe at once rather than first
 * waiting for a read model. Only the fields of the read-field class the DTO extends are read: a DTO's
 * own `from` or `to` may mean something else.
 */
export async function wellFormedReadFields(pipe: EdgeValidationPipe, query: Type<ReadFields> | undefined, raw: unknown): Promise<ReadFields | undefined> {
  const declared = readFieldsOf(query);
  if (!query || !declared) return {};
  let instance: ReadFields;
  try {
    instance = (await pipe.transform(raw ?? {}, { type: 'query', metatype: query })) as ReadFields;
  } catch (error) {
    if (error instanceof ValidationError) return undefined;
    throw error;
  }
  const [, names] = declared;
  return Object.fromEntries(names.map((name) => [name, instance[name]]));
}

/**
 * Runs the read pipeline for a route declared with `@ReadModel(...)`. It runs before Nest's pipes, so
 * it reads only fields that pass their DTO's own rules; others are left to validation, which refuses
 * them as before.
 */
@Injectable()
export class ReadModelInterceptor implements NestInterceptor {
  /** `validation` is the app's own pipe, which then knows the query it validated here. */
  constructor(
    private readonly reflector: Reflector,
    private readonly pipeline: ReadPipeline,
    private readonly validation: EdgeValidationPipe,
  ) {}

  async intercept(context: ExecutionContext, next: CallHandler): Promise<Observable<unknown>> {
    const readModel = declaredReadModel(this.reflector, context.getHandler());
    if (readModel === undefined) return next.handle();
    const request = context.switchToHttp().getRequest<FastifyRequest>();
    const fields = await wellFormedReadFields(this.validation, routeReadQuery(context.getClass(), context.getHandler().name), request.query);
    if (fields !== undefined) {
      const moment = await this.pipeline.resolve(fields, readModel);
      if (moment) request.readMoment = moment;
    }
    return next.handle();
  }
}

function momentOfRequest(_data: unknown, context: ExecutionContext): ResolvedAsOf | undefined {
  return context.switchToHttp().getRequest<FastifyRequest>().readMoment;
}

/**
 * The moment the answer reflects, on a route declared with `@ReadModel(<projection>)`. A handler only
 * runs once validation has passed its read fields, which the interceptor has then resolved.
 */
export const ReadMoment = createParamDecorator(momentOfRequest);

/** Whether a route method takes `@ReadMoment()`. */
export function takesReadMoment(controller: Type, method: string): boolean {
  const parameters = (Reflect.getMetadata(ROUTE_ARGS_METADATA, controller, method) ?? {}) as Record<string, { factory?: unknown }>;
  return Object.values(parameters).some((parameter) => parameter.factory === momentOfRequest);
}
