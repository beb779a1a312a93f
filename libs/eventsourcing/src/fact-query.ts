import { ValidationError } from './errors.js';

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
