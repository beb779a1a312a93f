import { applyDecorators } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsInt, IsISO8601, IsString, Matches, Max, Min } from 'class-validator';
import { ISO_4217_CURRENCIES, MAX_MAJOR_UNITS, maxMinorUnits } from '#domain/shared/money.js';
import { ID_PATTERN } from '#domain/shared/validation.js';
import { AsOfQuery } from './as-of.js';
import { Omittable } from './omittable.js';

/*
 * The fields every context's DTOs share, each as one decorator, so that an id, a business time or a
 * page cursor is described and checked the same way on every route. The DTOs check the shape of a
 * request (types, ids, enumerations, unknown fields); rules on values are the deciders', which name
 * the offending field the same way.
 *
 * Within one decorator the type check is applied first: with `stopAtFirstError`, class-validator
 * reports the first constraint a value breaks, and "must be a string" explains more than a pattern.
 */

const ID_MESSAGE = '$property must be an id: 1 to 200 letters, digits and . _ : -, starting with a letter or digit';
const DAY = /^\d{4}-\d{2}-\d{2}$/;
const DAY_MESSAGE = '$property must be a date, YYYY-MM-DD';
const CURSOR = /^[A-Za-z0-9_-]{1,1000}$/;

export const DEFAULT_PAGE_SIZE = 50;
export const MAX_PAGE_SIZE = 200;

/** A required id (body field, path or query parameter). */
export function IdField(description: string, example: string): PropertyDecorator {
  return applyDecorators(
    IsString(),
    Matches(ID_PATTERN, { message: ID_MESSAGE }),
    ApiProperty({ pattern: ID_PATTERN.source, example, description }),
  );
}

export function OptionalIdField(description: string, example: string): PropertyDecorator {
  return applyDecorators(
    IsString(),
    Matches(ID_PATTERN, { message: ID_MESSAGE }),
    Omittable(),
    ApiPropertyOptional({ pattern: ID_PATTERN.source, example, description }),
  );
}

export interface IdListDocs {
  readonly example: readonly string[];
  readonly description?: string;
  /** Checked here too, not only documented. */
  readonly maxItems?: number;
}

/**
 * A list of ids (body field). The deciders check each id and refuse a repeat, naming the entry; the
 * length is checked here where a command service looks up every entry before the decider sees them.
 */
export function IdListField(docs: IdListDocs): PropertyDecorator {
  return applyDecorators(...idListChecks(docs), ApiProperty({ type: [String], ...docs }));
}

export function OptionalIdListField(docs: IdListDocs): PropertyDecorator {
  return applyDecorators(...idListChecks(docs), Omittable(), ApiPropertyOptional({ type: [String], ...docs }));
}

function idListChecks({ maxItems }: IdListDocs): PropertyDecorator[] {
  return [IsArray(), IsString({ each: true }), ...(maxItems === undefined ? [] : [ArrayMaxSize(maxItems)])];
}

/** The business time of a command; the command services check it (UTC, not in the future). */
export function OccurredAtField(): PropertyDecorator {
  return applyDecorators(
    IsString(),
    Omittable(),
    ApiPropertyOptional({
      format: 'date-time',
      example: '2026-03-02T09:00:00Z',
      description: 'Business time, ISO-8601 UTC (`Z`); for facts entered afterwards. Never in the future. Default: now.',
    }),
  );
}

/** The body of a command that says nothing but when it took effect. */
export class BusinessTimeRequest {
  @OccurredAtField()
  readonly occurredAt?: string;
}

/** How many items a page holds, at most. */
export function LimitField(defaultSize: number, maxSize: number, description: string): PropertyDecorator {
  return applyDecorators(
    Type(() => Number),
    IsInt({ message: 'limit must be a whole number' }),
    Min(1),
    Max(maxSize),
    Omittable(),
    ApiPropertyOptional({ minimum: 1, maximum: maxSize, default: defaultSize, description }),
  );
}

/** A calendar day, `YYYY-MM-DD`, e.g. the bounds of a metric's business-date range. */
export function OptionalDayField(description: string, example: string): PropertyDecorator {
  return applyDecorators(
    Matches(DAY, { message: DAY_MESSAGE }),
    IsISO8601({ strict: true }, { message: DAY_MESSAGE }),
    Omittable(),
    ApiPropertyOptional({ format: 'date', example, description }),
  );
}

export class MoneyDto {
  @ApiProperty({
    minimum: 0,
    maximum: Math.max(...ISO_4217_CURRENCIES.map(maxMinorUnits)),
    example: 1_500_000,
    description:
      `Whole minor units (kopecks, cents); never a fraction. At most ${MAX_MAJOR_UNITS} major units of the currency, ` +
      'by its ISO 4217 decimals: 10^9 JPY, 10^11 RUB, EUR or USD, 10^12 KWD, 10^13 CLF. More is refused (400).',
  })
  @IsInt()
  readonly minor!: number;

  @ApiProperty({ pattern: '^[A-Z]{3}$', example: 'RUB', description: 'An active ISO 4217 code, upper case.' })
  @IsString()
  readonly currency!: string;
}

export class MoneyView {
  @ApiProperty({ example: 1_500_000 })
  readonly minor!: number;

  @ApiProperty({ example: 'RUB' })
  readonly currency!: string;
}

/** A money total per currency in a report: exact minor units, as decimal strings (see `MinorUnitsTotal`). */
export function minorUnitsTotalsField(description: string, example: string) {
  return {
    type: 'object',
    additionalProperties: { type: 'string', pattern: '^-?[0-9]+$' },
    example: { RUB: example },
    description: `${description} Each total is a decimal string of minor units, exact however large (a JSON number loses digits past 2^53).`,
  } as const;
}

/** The period of a metric's row, when the rows are grouped by day, week or month. */
export const PERIOD_FIELD = { format: 'date', description: 'First day of the period, when grouped by day, week or month.' } as const;

/** A metric's business-date range: `from` inclusive, `to` exclusive. */
export class DayRangeQuery extends AsOfQuery {
  @OptionalDayField('First business day counted (inclusive, UTC).', '2026-01-01')
  readonly from?: string;

  @OptionalDayField(
    'First business day no longer counted (exclusive, UTC): `from=2026-01-01&to=2026-02-01` is January.',
    '2026-02-01',
  )
  readonly to?: string;
}

/** A list read a page at a time; `cursor` is the `nextCursor` of the previous page. */
export class PageQuery extends AsOfQuery {
  @ApiPropertyOptional({ description: '`nextCursor` of the previous page; absent for the first page.' })
  @Omittable()
  @Matches(CURSOR, { message: 'cursor must be the nextCursor of a previous page' })
  readonly cursor?: string;

  @LimitField(DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE, 'Items per page.')
  readonly limit?: number;
}

/** The position a read document was written at, for read-your-writes and `asOf`. */
export const POSITION_FIELD = {
  type: String,
  example: '42',
  description: 'Position of the event that wrote this version of the entry.',
} as const;

/** The cursor of a page of a list. */
export const NEXT_CURSOR_FIELD = {
  type: String,
  nullable: true,
  description: 'Pass it as `cursor` for the next page; null on the last page.',
} as const;

/** A repeated query parameter arrives as an array, a single one as a string: both become an array. */
export const asList = ({ value }: { value: unknown }): unknown => (typeof value === 'string' ? [value] : value);
