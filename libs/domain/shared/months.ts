import { invalid } from './validation.js';

/** A calendar month as periods name it: `YYYY-MM`. */
export const MONTH = /^(\d{4})-(0[1-9]|1[0-2])$/;

/** A calendar month of business days: `from` inclusive, `to` exclusive, as the metric routes take them. */
export interface MonthPeriod {
  readonly month: string;
  readonly from: string;
  readonly to: string;
}

/** `YYYY-MM` as the range of its days; undefined for anything else. */
export function periodOfMonth(month: string): MonthPeriod | undefined {
  const match = MONTH.exec(month);
  if (!match) return undefined;
  const [year, monthNumber] = [Number(match[1]), Number(match[2])];
  const next = new Date(Date.UTC(year, monthNumber, 1)).toISOString().slice(0, 10);
  return { month, from: `${month}-01`, to: next };
}

export function requireMonth(value: unknown, field: string): string {
  if (typeof value !== 'string' || !MONTH.test(value)) throw invalid(field, 'must be a month, YYYY-MM');
  return value;
}

/** The month after `month`, both `YYYY-MM`. */
export function nextMonth(month: string): string {
  return periodOfMonth(month)!.to.slice(0, 7);
}

/** The month an instant or a day falls in. */
export function monthOf(instantOrDay: string): string {
  return instantOrDay.slice(0, 7);
}
