import { ValidationError } from './errors.js';
import type { MetricFact, Period } from './read-store.js';

const NAME = /^[A-Za-z0-9_]+$/;

/**
 * Dimension and measure names of a `FactQuery` become field paths in every read store, so they are
 * restricted to plain names before any adapter builds a query from them.
 */
export function factName(name: string, field: string): string {
  if (typeof name !== 'string' || !NAME.test(name)) {
    throw new ValidationError(`${field}: ${JSON.stringify(name)} is not a name of letters, digits and underscores`, [
      { field, message: 'invalid name' },
    ]);
  }
  return name;
}

/** The allowed values of a `where` condition on a dimension: one string or a list of strings. */
export function factDimValues(dim: string, allowed: string | readonly string[]): readonly string[] {
  const values = typeof allowed === 'string' ? [allowed] : allowed;
  if (!Array.isArray(values) || values.some((value) => typeof value !== 'string')) {
    throw new ValidationError(`where.${dim} is a string or a list of strings`, [{ field: `where.${dim}`, message: 'not a string' }]);
  }
  return values;
}

const PERIODS: ReadonlySet<string> = new Set<Period>(['day', 'week', 'month']);

/** The `groupBy.period` of a query, checked: it picks a column or field in every read store. */
export function factPeriod(period: Period | undefined): Period | undefined {
  if (period !== undefined && !PERIODS.has(period)) {
    throw new ValidationError(`a period is day, week or month, got ${JSON.stringify(period)}`, [
      { field: 'groupBy.period', message: 'unknown period' },
    ]);
  }
  return period;
}

/** Checks what every read store requires of a fact before it stores it: a metric, and an index >= 0. */
export function checkFactKey(fact: MetricFact): void {
  if (typeof fact.metric !== 'string' || fact.metric === '') throw invalidFact(fact, 'metric', 'a metric is a non-empty string');
  if (!Number.isSafeInteger(fact.index) || fact.index < 0) throw invalidFact(fact, 'index', 'an index is an integer >= 0');
}

/** Checks that a dimension of a fact can be grouped and filtered on. */
export function checkDim(fact: MetricFact, name: string, value: unknown): asserts value is string {
  if (typeof value !== 'string') throw invalidFact(fact, `dims.${name}`, 'a dimension value is a string');
}

/** Checks that a measure of a fact can be summed, exactly when it is whole. */
export function checkMeasure(fact: MetricFact, name: string, value: unknown): asserts value is number {
  if (typeof value !== 'number' || !Number.isFinite(value)) throw invalidFact(fact, `measures.${name}`, 'a measure is a finite number');
  if (Number.isInteger(value) && !Number.isSafeInteger(value)) {
    throw invalidFact(fact, `measures.${name}`, 'a whole measure is a safe integer: past 2^53 a number no longer holds it exactly');
  }
}

/**
 * A sum of an exact measure, as a read store returns it (a bigint, a safe integer, decimal digits, or
 * null for no value), as a bigint. Anything else is a sum that lost digits or was never whole: that
 * is refused rather than passed on as exact.
 */
export function exactSum(measure: string, value: bigint | number | string | null): bigint {
  if (value === null) return 0n;
  if (typeof value === 'bigint') return value;
  if (typeof value === 'number' ? Number.isSafeInteger(value) : /^-?\d+$/.test(value)) return BigInt(value);
  throw new RangeError(`the sum of ${measure} is not an exact whole number: ${value}`);
}

export function invalidFact(fact: MetricFact, field: string, message: string): ValidationError {
  return new ValidationError(`invalid fact at position ${fact.position}, index ${fact.index}: ${field}: ${message}`, [
    { field, message },
  ]);
}
