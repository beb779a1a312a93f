import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { isISO8601, ValidateBy } from 'class-validator';
import type { AsOf, Position } from '#kernel';
import { MinPositionQuery } from './read-your-writes.js';
import { DATE_TIME_WITH_OFFSET, POSITION } from './wire-patterns.js';
import { Omittable } from './omittable.js';

/** Positions start at 1: as of 0, nothing was known yet. */
const BEFORE_THE_LOG: Position = 0n;

function isPositionOrTime(value: unknown): boolean {
  return typeof value === 'string' && (POSITION.test(value) || (DATE_TIME_WITH_OFFSET.test(value) && isISO8601(value, { strict: true })));
}

/** The query parameters of a read that can be answered as known at a past moment; query DTOs extend it. */
export class AsOfQuery extends MinPositionQuery {
  @ApiPropertyOptional({
    type: String,
    example: '2026-01-31T18:00:00Z',
    description:
      'Answer as the read model knew it at this moment: a position (digits, as commands return it) or an ISO-8601 ' +
      'date-time with an offset (`Z` or `%2B03:00`), which resolves to the last position recorded by then. A time ' +
      'before anything was recorded answers as of nothing. Neither may lie ahead of the log or the clock.',
  })
  @Omittable()
  @ValidateBy({
    name: 'isPositionOrTime',
    validator: {
      validate: isPositionOrTime,
      defaultMessage: () => 'asOf must be a position (a whole number) or an ISO-8601 date-time with an offset',
    },
  })
  readonly asOf?: string;
}

/** The moment an answer reflects. */
export interface ResolvedAsOf {
  /** Null: as of nothing, at a time before anything was recorded. */
  readonly position: Position | null;
  /** The time asked for, in canonical UTC, when `asOf` was a time. */
  readonly time?: string;
  /** Set when the client named the moment with `asOf`, rather than the read taking what its read model has committed. */
  readonly named?: true;
}

export class AsOfView {
  @ApiProperty({
    type: String,
    nullable: true,
    example: '1042',
    description: 'The position the answer reflects, as a decimal string; null when it reflects nothing (a time before the log).',
  })
  readonly position!: string | null;

  @ApiPropertyOptional({ format: 'date-time', description: 'The time asked for, when `asOf` was a time.' })
  readonly time?: string;
}

/** The `asOf` field of an answer read as of one moment. */
export const AS_OF_FIELD = {
  type: AsOfView,
  description: 'The moment the answer reflects; pass its position as `asOf` to get it again.',
} as const;

export function asOfView(resolved: ResolvedAsOf): AsOfView {
  return { position: resolved.position?.toString() ?? null, ...(resolved.time !== undefined && { time: resolved.time }) };
}

/**
 * The moment the client named with `asOf`; none without it, for a read whose present reaches past what
 * its read model has committed (today's week, the head of the log).
 */
export function namedMoment(resolved: ResolvedAsOf): ResolvedAsOf | undefined {
  return resolved.named ? resolved : undefined;
}

/** The read-store option that answers as of a resolved moment. */
export function readAsOf(resolved: ResolvedAsOf): Required<AsOf> {
  return { asOf: resolved.position ?? BEFORE_THE_LOG };
}
