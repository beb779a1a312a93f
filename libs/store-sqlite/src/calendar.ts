import { ValidationError } from '#kernel';

const DAY_MS = 86_400_000;

/** The offset is required: a time without one would be read in the server's time zone. */
const ISO_DATE_OR_TIME = /^\d{4}-\d{2}-\d{2}(?:T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:\d{2}))?$/;

/** Milliseconds since the epoch of an ISO-8601 date (`YYYY-MM-DD`, read as UTC) or time with an offset. */
export function parseIsoTime(value: string, field: string): number {
  const ms = typeof value === 'string' && ISO_DATE_OR_TIME.test(value) && isCalendarDate(value) ? Date.parse(value) : NaN;
  if (Number.isNaN(ms)) {
    throw new ValidationError(`${field} must be an ISO-8601 date or time with an offset, got ${JSON.stringify(value)}`, [
      { field, message: 'not an ISO-8601 date or time' },
    ]);
  }
  return ms;
}

/**
 * `Date.parse` rolls 2025-02-30 over to March; a typo must not move a fact to another day. Plain
 * arithmetic rather than a `Date` round trip: every fact goes through here.
 */
function isCalendarDate(value: string): boolean {
  const year = Number(value.slice(0, 4));
  const month = Number(value.slice(5, 7));
  const day = Number(value.slice(8, 10));
  return month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month);
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return isLeapYear(year) ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

function isLeapYear(year: number): boolean {
  return year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
}

export function toIsoInstant(value: string, field: string): string {
  return new Date(parseIsoTime(value, field)).toISOString();
}

/** Days since 1970-01-01, UTC. */
export function epochDay(ms: number): number {
  return Math.floor(ms / DAY_MS);
}

/** A bound of a business-date range: a day, or midnight UTC, since facts are grouped by whole days. */
export function parseDayBound(value: string, field: string): number {
  const ms = parseIsoTime(value, field);
  if (ms % DAY_MS !== 0) {
    throw new ValidationError(`${field} must be a date (YYYY-MM-DD) or midnight UTC, got ${JSON.stringify(value)}`, [
      { field, message: 'not a day boundary' },
    ]);
  }
  return ms / DAY_MS;
}

export function monthStart(day: number): number {
  const date = new Date(day * DAY_MS);
  return Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), 1) / DAY_MS;
}

export function formatDay(day: number): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}
