import { invalid } from './validation.js';

/*
 * Calendar days (`YYYY-MM-DD`, UTC) for what is due, reviewed or valid "by" a date rather than at an
 * instant. Days compare as strings.
 */

const DAY = /^\d{4}-\d{2}-\d{2}$/;
const DAY_MS = 86_400_000;

/** A calendar day that exists: 2025-02-29 is refused rather than rolled over to March. */
export function requireDay(value: unknown, field: string): string {
  if (typeof value !== 'string' || !DAY.test(value)) throw invalid(field, 'must be a date, YYYY-MM-DD');
  const ms = Date.parse(`${value}T00:00:00.000Z`);
  if (Number.isNaN(ms) || new Date(ms).toISOString().slice(0, 10) !== value) throw invalid(field, 'is not a calendar date');
  return value;
}

/** The UTC day of an ISO-8601 UTC instant. */
export function dayOf(instant: string): string {
  return new Date(Date.parse(instant)).toISOString().slice(0, 10);
}

export function addDays(day: string, days: number): string {
  return new Date(Date.parse(`${day}T00:00:00.000Z`) + days * DAY_MS).toISOString().slice(0, 10);
}

/** Midnight UTC at the start of a day, as an instant: the business time of a fact dated by a day. */
export function startOfDay(day: string): string {
  return `${day}T00:00:00.000Z`;
}

/** The Monday that starts the ISO week of a day, both counted in days since 1970-01-01, a Thursday. */
export function isoWeekStart(epochDay: number): number {
  return epochDay - (((epochDay % 7) + 10) % 7);
}

/** The Monday that starts the ISO week of a calendar day. */
export function isoWeekMonday(day: string): string {
  const epochDay = Date.parse(startOfDay(day)) / DAY_MS;
  return addDays(day, isoWeekStart(epochDay) - epochDay);
}

/** An instant told to the day only: midnight UTC at the start of its day. */
export function toTheDay(instant: string): string {
  return startOfDay(dayOf(instant));
}

/** The last day of the calendar quarter a day falls in: March 31, June 30, September 30 or December 31. */
export function lastDayOfQuarter(day: string): string {
  const year = Number(day.slice(0, 4));
  const quarterEndMonth = Math.ceil(Number(day.slice(5, 7)) / 3) * 3;
  return new Date(Date.UTC(year, quarterEndMonth, 0)).toISOString().slice(0, 10);
}
