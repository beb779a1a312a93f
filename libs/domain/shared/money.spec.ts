import fc from 'fast-check';
import { ValidationError } from '#kernel';
import { ISO_4217_CURRENCIES, MAX_MAJOR_UNITS, maxMinorUnits, MINOR_UNIT_EXPONENTS, minorUnitExponent, validateMoney } from './money.js';

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
    ['minor units past every cap', { minor: 1e300, currency: 'CLF' }, 'amount.minor'],
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

  describe('the cap per currency: one billion major units, in minor units by the ISO 4217 exponent', () => {
    it.each<[string, number, number]>([
      ['JPY', 0, 1e9],
      ['XAU', 0, 1e9],
      ['RUB', 2, 1e11],
      ['USD', 2, 1e11],
      ['KWD', 3, 1e12],
      ['TND', 3, 1e12],
      ['CLF', 4, 1e13],
      ['UYW', 4, 1e13],
    ])('%s has %i decimals: a cap of %d minor units', (code, exponent, cap) => {
      expect(minorUnitExponent(code)).toBe(exponent);
      expect(maxMinorUnits(code)).toBe(cap);
    });

    it('knows an exponent only for listed codes, and every exponent is one ISO 4217 uses', () => {
      expect(ISO_4217_CURRENCIES).toEqual(expect.arrayContaining(Object.keys(MINOR_UNIT_EXPONENTS)));
      expect(new Set(ISO_4217_CURRENCIES.map(minorUnitExponent))).toEqual(new Set([0, 2, 3, 4]));
    });

    it('accepts the cap of every currency and refuses one minor unit more, naming the field and the cap in major units', () => {
      for (const code of ISO_4217_CURRENCIES) {
        const cap = maxMinorUnits(code);
        expect(validateMoney({ minor: cap, currency: code }, 'amount')).toEqual({ minor: cap, currency: code });
        expect(() => validateMoney({ minor: cap + 1, currency: code }, 'amount')).toThrow(
          expect.objectContaining({
            code: 'VALIDATION_FAILED',
            errors: [{ field: 'amount.minor', message: expect.stringContaining(`${MAX_MAJOR_UNITS} ${code}`) }],
          }),
        );
      }
    });

    it('accepts every whole amount up to the cap and refuses every one above it, in every currency', () => {
      const within = fc.double({ min: 0, max: 1, noNaN: true });
      const over = fc.integer({ min: 1, max: Number.MAX_SAFE_INTEGER });
      for (const code of ISO_4217_CURRENCIES) {
        const cap = maxMinorUnits(code);
        fc.assert(
          fc.property(within, over, (share, excess) => {
            const amount = Math.floor(cap * share);
            expect(validateMoney({ minor: amount, currency: code }, 'amount').minor).toBe(amount);
            expect(rejectedField({ minor: Math.min(cap + excess, Number.MAX_SAFE_INTEGER), currency: code })).toBe('amount.minor');
          }),
          { numRuns: 25 },
        );
      }
    });

    it('keeps every cap at most 10^13 minor units, three orders of magnitude below 2^53', () => {
      expect(Math.max(...ISO_4217_CURRENCIES.map(maxMinorUnits))).toBe(1e13);
    });
  });
});
