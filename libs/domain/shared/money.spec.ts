import { ValidationError } from '#libs/eventsourcing/src/index.js';
import { ISO_4217_CURRENCIES, validateMoney } from './money.js';

function rejectedField(value: unknown): string | undefined {
  try {
    validateMoney(value, 'amount');
  } catch (error) {
    if (error instanceof ValidationError) return error.errors[0]?.field;
    throw error;
  }
  return undefined;
}

describe('Money', () => {
  it('accepts whole, non-negative minor units of an ISO 4217 currency', () => {
    expect(validateMoney({ minor: 1_500_000, currency: 'RUB' }, 'amount')).toEqual({ minor: 1_500_000, currency: 'RUB' });
    expect(validateMoney({ minor: 0, currency: 'EUR' }, 'amount')).toEqual({ minor: 0, currency: 'EUR' });
    expect(validateMoney({ minor: Number.MAX_SAFE_INTEGER, currency: 'KZT' }, 'amount').minor).toBe(Number.MAX_SAFE_INTEGER);
  });

  it('returns a fresh value, not the input', () => {
    const input = { minor: 100, currency: 'USD' };
    expect(validateMoney(input, 'amount')).not.toBe(input);
  });

  it.each<[string, unknown, string]>([
    ['a missing amount', undefined, 'amount'],
    ['a number instead of an object', 100, 'amount'],
    ['a list', [100, 'RUB'], 'amount'],
    ['null', null, 'amount'],
    ['minor units as a string', { minor: '100', currency: 'RUB' }, 'amount.minor'],
    ['missing minor units', { currency: 'RUB' }, 'amount.minor'],
    ['negative minor units', { minor: -1, currency: 'RUB' }, 'amount.minor'],
    ['fractional minor units', { minor: 99.5, currency: 'RUB' }, 'amount.minor'],
    ['minor units beyond the safe integers', { minor: 2 ** 53, currency: 'RUB' }, 'amount.minor'],
    ['not a number', { minor: Number.NaN, currency: 'RUB' }, 'amount.minor'],
    ['infinity', { minor: Number.POSITIVE_INFINITY, currency: 'RUB' }, 'amount.minor'],
    ['a missing currency', { minor: 100 }, 'amount.currency'],
    ['a currency in lower case', { minor: 100, currency: 'rub' }, 'amount.currency'],
    ['a made-up currency', { minor: 100, currency: 'ABC' }, 'amount.currency'],
    ['a withdrawn currency', { minor: 100, currency: 'HRK' }, 'amount.currency'],
    ['a currency with spaces', { minor: 100, currency: ' RUB' }, 'amount.currency'],
    ['an unknown field', { minor: 100, currency: 'RUB', name: 'Ann' }, 'amount.name'],
  ])('rejects %s, naming the field', (_name, value, field) => {
    expect(rejectedField(value)).toBe(field);
  });

  it('names the field under the path it is given', () => {
    expect(() => validateMoney({ minor: -5, currency: 'RUB' }, 'retained')).toThrow(
      expect.objectContaining({ errors: [{ field: 'retained.minor', message: 'must not be negative' }] }),
    );
  });

  it('knows the active ISO 4217 list: unique upper-case codes, with the recent replacements', () => {
    expect(ISO_4217_CURRENCIES.every((code) => /^[A-Z]{3}$/.test(code))).toBe(true);
    expect(new Set(ISO_4217_CURRENCIES).size).toBe(ISO_4217_CURRENCIES.length);
    expect(ISO_4217_CURRENCIES).toEqual(expect.arrayContaining(['RUB', 'USD', 'EUR', 'KZT', 'XCG', 'ZWG', 'SLE', 'VES']));
    expect(ISO_4217_CURRENCIES).not.toEqual(expect.arrayContaining(['ANG']));
    expect(ISO_4217_CURRENCIES).not.toEqual(expect.arrayContaining(['ZWL']));
    expect(ISO_4217_CURRENCIES).not.toEqual(expect.arrayContaining(['XTS']));
  });
});
