import { applyDecorators } from '@nestjs/common';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsISO8601, Matches } from 'class-validator';
import { Omittable } from '../platform/omittable.js';

/** A day, or a date-time with its offset: a time without one would be read in the server's time zone. */
const DAY_OR_DATE_TIME = /^\d{4}-\d{2}-\d{2}(?:T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?(?:Z|[+-]\d{2}:\d{2}))?$/;
const MESSAGE = 'at must be a date (YYYY-MM-DD) or an ISO-8601 date-time with an offset';
const DAY_LENGTH = 'YYYY-MM-DD'.length;

/** `at`: the business date the organisation is read at, as opposed to `asOf`, the moment it was known at. */
export function EffectiveAtField(): PropertyDecorator {
  return applyDecorators(
    Matches(DAY_OR_DATE_TIME, { message: MESSAGE }),
    IsISO8601({ strict: true }, { message: MESSAGE }),
    Omittable(),
    ApiPropertyOptional({
      type: String,
      example: '2026-03-01',
      description:
        'Read the organisation as it stood on this business date: a day (its end: every change dated that day counts) or a ' +
        'date-time with an offset (that instant, inclusive). Combine with `asOf` to read it as it was known then.',
    }),
  );
}

/** The inclusive UTC instant `at` stands for: the last millisecond of a day, or the instant given. */
export function effectiveInstant(at: string): string {
  return at.length === DAY_LENGTH ? `${at}T23:59:59.999Z` : new Date(at).toISOString();
}
