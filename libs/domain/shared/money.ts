import { invalid, requireRecord } from './validation.js';

/** An amount of money: integer minor units (kopecks, cents) of an ISO 4217 currency. Never a float. */
export interface Money {
  readonly minor: number;
  readonly currency: string;
}

/**
 * The codes of ISO 4217 list one (active codes, as of 2025, after XCG replaced ANG and ZWG replaced ZWL)
 * that money can be paid in. Fund codes and precious metals are accepted like any other; the two codes
 * the standard reserves for testing and for "no currency involved" are left out, since no refund or
 * retained payment is ever made in them.
 */
export const ISO_4217_CURRENCIES: readonly string[] = [
  'AED', 'AFN', 'ALL', 'AMD', 'AOA', 'ARS', 'AUD', 'AWG', 'AZN', 'BAM', 'BBD', 'BDT', 'BGN', 'BHD', 'BIF', 'BMD',
  'BND', 'BOB', 'BOV', 'BRL', 'BSD', 'BTN', 'BWP', 'BYN', 'BZD', 'CAD', 'CDF', 'CHE', 'CHF', 'CHW', 'CLF', 'CLP',
  'CNY', 'COP', 'COU', 'CRC', 'CUP', 'CVE', 'CZK', 'DJF', 'DKK', 'DOP', 'DZD', 'EGP', 'ERN', 'ETB', 'EUR', 'FJD',
  'FKP', 'GBP', 'GEL', 'GHS', 'GIP', 'GMD', 'GNF', 'GTQ', 'GYD', 'HKD', 'HNL', 'HTG', 'HUF', 'IDR', 'ILS', 'INR',
  'IQD', 'IRR', 'ISK', 'JMD', 'JOD', 'JPY', 'KES', 'KGS', 'KHR', 'KMF', 'KPW', 'KRW', 'KWD', 'KYD', 'KZT', 'LAK',
  'LBP', 'LKR', 'LRD', 'LSL', 'LYD', 'MAD', 'MDL', 'MGA', 'MKD', 'MMK', 'MNT', 'MOP', 'MRU', 'MUR', 'MVR', 'MWK',
  'MXN', 'MXV', 'MYR', 'MZN', 'NAD', 'NGN', 'NIO', 'NOK', 'NPR', 'NZD', 'OMR', 'PAB', 'PEN', 'PGK', 'PHP', 'PKR',
  'PLN', 'PYG', 'QAR', 'RON', 'RSD', 'RUB', 'RWF', 'SAR', 'SBD', 'SCR', 'SDG', 'SEK', 'SGD', 'SHP', 'SLE', 'SOS',
  'SRD', 'SSP', 'STN', 'SVC', 'SYP', 'SZL', 'THB', 'TJS', 'TMT', 'TND', 'TOP', 'TRY', 'TTD', 'TWD', 'TZS', 'UAH',
  'UGX', 'USD', 'USN', 'UYI', 'UYU', 'UYW', 'UZS', 'VED', 'VES', 'VND', 'VUV', 'WST', 'XAF', 'XAG', 'XAU', 'XBA',
  'XBB', 'XBC', 'XBD', 'XCD', 'XCG', 'XDR', 'XOF', 'XPD', 'XPF', 'XPT', 'XSU', 'XUA', 'YER', 'ZAR',
  'ZMW', 'ZWG',
];

/**
 * ISO 4217 minor-unit exponents that are not 2 (most currencies have cents): how many decimal places
 * one minor unit is. The standard gives no minor unit ("N.A.") for precious metals, bond-market units
 * and units of account (XDR, XSU, XUA): their amounts are whole units, exponent 0.
 */
export const MINOR_UNIT_EXPONENTS: Readonly<Record<string, number>> = {
  BIF: 0, CLP: 0, DJF: 0, GNF: 0, ISK: 0, JPY: 0, KMF: 0, KRW: 0, PYG: 0, RWF: 0, UGX: 0, UYI: 0, VND: 0, VUV: 0,
  XAF: 0, XOF: 0, XPF: 0,
  XAG: 0, XAU: 0, XBA: 0, XBB: 0, XBC: 0, XBD: 0, XDR: 0, XPD: 0, XPT: 0, XSU: 0, XUA: 0,
  BHD: 3, IQD: 3, JOD: 3, KWD: 3, LYD: 3, OMR: 3, TND: 3,
  CLF: 4, UYW: 4,
};

/**
 * The largest amount a command accepts, in major units of any currency. A bound on input, not on
 * history: events recorded before it keep their amounts. In minor units the cap is at most 10^13
 * (CLF, UYW), far below 2^53, so every amount is an exact JSON number.
 */
export const MAX_MAJOR_UNITS = 1_000_000_000;

const KNOWN_CURRENCIES: ReadonlySet<string> = new Set(ISO_4217_CURRENCIES);
const MONEY_FIELDS: ReadonlySet<string> = new Set(['minor', 'currency']);

export function isIsoCurrency(code: string): boolean {
  return KNOWN_CURRENCIES.has(code);
}

/** Decimal places of the currency's minor unit (JPY 0, EUR 2, KWD 3, CLF 4). */
export function minorUnitExponent(currency: string): number {
  return MINOR_UNIT_EXPONENTS[currency] ?? 2;
}

/** The cap in minor units: `MAX_MAJOR_UNITS` x 10^exponent (JPY 10^9, EUR 10^11, KWD 10^12, CLF 10^13). */
export function maxMinorUnits(currency: string): number {
  return MAX_MAJOR_UNITS * 10 ** minorUnitExponent(currency);
}

/**
 * Checks untrusted input and returns a fresh Money holding only `minor` and `currency`. Errors name the
 * offending field under `field` (`amount.minor`, `amount.currency`, ...). Codes are case-sensitive:
 * `rub` is rejected rather than guessed, so the stored code is always the canonical one.
 */
export function validateMoney(value: unknown, field: string): Money {
  const record = requireRecord(value, field, '{ minor, currency }');
  const unknownField = Object.keys(record).find((key) => !MONEY_FIELDS.has(key));
  if (unknownField !== undefined) throw invalid(`${field}.${unknownField}`, 'is not a field of money');
  const minor = validateMinor(record.minor, `${field}.minor`);
  const currency = validateCurrency(record.currency, `${field}.currency`);
  if (minor > maxMinorUnits(currency)) {
    throw invalid(`${field}.minor`, `must be at most ${MAX_MAJOR_UNITS} ${currency} (${maxMinorUnits(currency)} minor units)`);
  }
  return { minor, currency };
}

function validateMinor(value: unknown, field: string): number {
  if (typeof value !== 'number') throw invalid(field, 'must be a number of minor units');
  if (!Number.isInteger(value)) throw invalid(field, 'must be a whole number of minor units');
  if (value < 0) throw invalid(field, 'must not be negative');
  return value;
}

function validateCurrency(value: unknown, field: string): string {
  if (typeof value !== 'string') throw invalid(field, 'must be an ISO 4217 code');
  if (!isIsoCurrency(value)) throw invalid(field, 'is not an active ISO 4217 code (three upper-case letters)');
  return value;
}
