import {
  applyDecorators,
  createParamDecorator,
  Inject,
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
import { STORES, type Stores } from '#persistence';
import { AsOfQuery, AsOfResolver, type ResolvedAsOf } from './as-of.js';
import { DayRangeQuery } from './dto-fields.js';
import { ProjectionProgress } from './projection-progress.js';
import { MinPositionQuery, requireWithinLog } from './read-your-writes.js';
import { EdgeValidationPipe } from './validation.js';

declare module 'fastify' {
  interface FastifyRequest {
    /** Set by the read-model interceptor: the moment the answer of a route that reads one read model reflects. */
    readMoment?: ResolvedAsOf;
  }
}

/** For a route that answers from no single read model but must see a write in all of them (`minPosition` only). */
export const EVERY_READ_MODEL: unique symbol = Symbol('every read model');

/** The projection a route answers from, or every read model. */
export type ReadModelName = string | typeof EVERY_READ_MODEL;

/** The query fields the read pipeline acts on, the union of what the query DTOs may carry. */
export type ReadFields = Partial<Pick<DayRangeQuery, 'minPosition' | 'asOf' | 'from' | 'to'>>;

/** The query DTOs that carry read fields, most specific first, with the fields each adds up to. */
const READ_FIELD_CLASSES: readonly (readonly [Type<ReadFields>, readonly (keyof ReadFields)[]])[] = [
  [DayRangeQuery, ['minPosition', 'asOf', 'from', 'to']],
  [AsOfQuery, ['minPosition', 'asOf']],
  [MinPositionQuery, ['minPosition']],
];

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

/** The read-field class a query DTO extends, with its fields; none for a DTO without read fields. */
export function readFieldsOf(query: unknown): (typeof READ_FIELD_CLASSES)[number] | undefined {
  if (typeof query !== 'function') return undefined;
  return READ_FIELD_CLASSES.find(([base]) => query === base || query.prototype instanceof base);
}

/** The query DTO a route method takes, found by its read fields. */
export function routeReadQuery(controller: Type, method: string): Type<ReadFields> | undefined {
  const parameters = (Reflect.getMetadata('design:paramtypes', controller.prototype, method) as unknown[] | undefined) ?? [];
  return parameters.find((parameter): parameter is Type<ReadFields> => readFieldsOf(parameter) !== undefined);
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

/** Refuses a range that holds no day, which the field checks alone cannot see. */
export function checkDayRange({ from, to }: Pick<ReadFields, 'from' | 'to'>): void {
  if (from !== undefined && to !== undefined && to <= from) {
    throw new ValidationError(`the range from ${from} to ${to} holds no day`, [
      { field: 'to', message: 'must be after from: from is inclusive, to exclusive' },
    ]);
  }
}

/** Resolves what a read waits for and answers as of, in one place and with one bounded wait. */
@Injectable()
export class ReadPipeline {
  constructor(
    @Inject(STORES) private readonly stores: Stores,
    private readonly asOf: AsOfResolver,
    private readonly progress: ProjectionProgress,
  ) {}

  /**
   * Checks every field first (`minPosition` within the log, the day range, `asOf` within the log and
   * the clock), then waits once: every read model for `minPosition`, the route's own for the position
   * `asOf` names. Answers the moment the read reflects: the one `asOf` names, or else what the read
   * model has committed once `minPosition` is reached; none for a route of every read model.
   */
  async resolve(fields: ReadFields, readModel: ReadModelName): Promise<ResolvedAsOf | undefined> {
    const minPosition = fields.minPosition === undefined ? undefined : BigInt(fields.minPosition);
    if (minPosition !== undefined) await requireWithinLog(this.stores.events, minPosition, 'minPosition');
    checkDayRange(fields);
    if (readModel === EVERY_READ_MODEL) {
      await this.progress.requireReached(minPosition);
      return undefined;
    }
    const named = fields.asOf === undefined ? undefined : await this.asOf.named(fields.asOf);
    await this.progress.requireAllReached([{ position: minPosition }, { position: named?.position, projections: [readModel] }]);
    return named ?? (await this.asOf.committed(readModel));
  }
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
