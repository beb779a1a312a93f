import { Inject, Injectable, type Type } from '@nestjs/common';
import { ValidationError } from '#kernel';
import { STORES, type Stores } from '#persistence';
import { AsOfQuery, type ResolvedAsOf } from './as-of.js';
import { AsOfResolver } from './as-of-resolver.service.js';
import { DayRangeQuery } from './dto-fields.js';
import { ProjectionProgress } from './projection-progress.service.js';
import { MinPositionQuery, requireWithinLog } from './read-your-writes.js';

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
