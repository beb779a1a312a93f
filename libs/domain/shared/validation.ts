import { ValidationError } from '#kernel';

export const MAX_ID_LENGTH = 200;

/**
 * Ids are opaque, but they end up in stream ids, URLs and metric dimensions: letters, digits and
 * `.`, `_`, `:`, `-`, starting with a letter or digit. That covers UUIDs and slugs and keeps out
 * whitespace, slashes and `@` (an e-mail address is not an id).
 */
export const ID_PATTERN = new RegExp(`^[A-Za-z0-9][A-Za-z0-9._:-]{0,${MAX_ID_LENGTH - 1}}$`);

/** ISO-8601 in UTC, as `Date#toISOString` writes it, with the milliseconds optional. */
const UTC_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d{1,3})?Z$/;

export function invalid(field: string, message: string): ValidationError {
  return new ValidationError(`${field} ${message}`, [{ field, message }]);
}

export function requireId(value: unknown, field: string): string {
  if (typeof value !== 'string' || value.length === 0) throw invalid(field, 'must be a non-empty id');
  if (value.length > MAX_ID_LENGTH) throw invalid(field, `must be at most ${MAX_ID_LENGTH} characters`);
  if (!ID_PATTERN.test(value)) throw invalid(field, 'may hold only letters, digits and . _ : - and must start with a letter or digit');
  return value;
}

export function optionalId(value: unknown, field: string): string | undefined {
  return value === undefined ? undefined : requireId(value, field);
}

export function requireText(value: unknown, field: string, maxLength: number): string {
  if (typeof value !== 'string' || value.trim().length === 0) throw invalid(field, 'must be a non-blank text');
  if (value.length > maxLength) throw invalid(field, `must be at most ${maxLength} characters`);
  return value;
}

export function optionalText(value: unknown, field: string, maxLength: number): string | undefined {
  return value === undefined ? undefined : requireText(value, field, maxLength);
}

export function requireOneOf<T extends string>(value: unknown, field: string, allowed: readonly T[]): T {
  if (typeof value !== 'string' || !(allowed as readonly string[]).includes(value)) {
    throw invalid(field, `must be one of ${allowed.join(', ')}`);
  }
  return value as T;
}

export function requireBoolean(value: unknown, field: string): boolean {
  if (typeof value !== 'boolean') throw invalid(field, 'must be true or false');
  return value;
}

/**
 * A UTC instant, returned in the canonical `toISOString` form so that stored times compare as
 * strings. The round trip also rejects dates `Date.parse` would roll over (2025-02-30 -> March 2).
 */
export function requireUtcInstant(value: unknown, field: string): string {
  if (typeof value !== 'string' || !UTC_INSTANT.test(value)) throw invalid(field, 'must be an ISO-8601 UTC date-time');
  const ms = Date.parse(value);
  const canonical = Number.isNaN(ms) ? '' : new Date(ms).toISOString();
  if (canonical.slice(0, 19) !== value.slice(0, 19)) throw invalid(field, 'is not a calendar date-time');
  return canonical;
}

/** A list of `minItems` to `maxItems` entries. The caller checks the entries, naming them `field.<index>`. */
export function requireList(value: unknown, field: string, minItems: number, maxItems: number): readonly unknown[] {
  if (!Array.isArray(value)) throw invalid(field, 'must be a list');
  if (value.length < minItems) throw invalid(field, `must hold at least ${minItems} ${minItems === 1 ? 'entry' : 'entries'}`);
  if (value.length > maxItems) throw invalid(field, `must hold at most ${maxItems} entries`);
  return value;
}

/** Bounds of `requireNumber`; all of them optional. */
export interface NumberBounds {
  /** Exclusive lower bound. */
  readonly above?: number;
  readonly atLeast?: number;
  readonly atMost?: number;
  readonly whole?: boolean;
}

export function requireNumber(value: unknown, field: string, bounds: NumberBounds): number {
  if (typeof value !== 'number' || !Number.isFinite(value)) throw invalid(field, 'must be a finite number');
  if (bounds.whole === true && !Number.isInteger(value)) throw invalid(field, 'must be a whole number');
  if (bounds.above !== undefined && value <= bounds.above) throw invalid(field, `must be more than ${bounds.above}`);
  if (bounds.atLeast !== undefined && value < bounds.atLeast) throw invalid(field, `must be at least ${bounds.atLeast}`);
  if (bounds.atMost !== undefined && value > bounds.atMost) throw invalid(field, `must be at most ${bounds.atMost}`);
  return value;
}

/**
 * Names and phone numbers cannot be told from ordinary text without false alarms, but an e-mail
 * address can, and it is the likeliest personal datum to be pasted into a free text about a person.
 */
const EMAIL_ADDRESS = /[^\s@]+@[^\s@]+\.[^\s@]+/;

const SHA256_HEX = /^[0-9a-f]{64}$/;

/** A SHA-256 digest in lower-case hex, the one spelling, so that equal digests compare equal as text. */
export function requireSha256Hex(value: unknown, field: string): string {
  if (typeof value !== 'string' || !SHA256_HEX.test(value)) throw invalid(field, 'must be a SHA-256 hash in lower-case hex');
  return value;
}

/** Free text that refers to people by id only: an e-mail address in it is refused. */
export function withoutEmailAddress<T extends string | undefined>(value: T, field: string): T {
  if (value !== undefined && EMAIL_ADDRESS.test(value)) {
    throw invalid(field, 'must not contain an e-mail address: people are referenced by id only');
  }
  return value;
}

/** Only web links: a link is followed by everyone who reads it, so no `javascript:` or `file:`. */
export function requireWebLink(value: unknown, field: string, maxLength: number): string {
  const link = requireText(value, field, maxLength);
  if (!URL.canParse(link) || !['http:', 'https:'].includes(new URL(link).protocol)) {
    throw invalid(field, 'must be an absolute http or https URL');
  }
  return link;
}

/** A list of `minItems` to `maxItems` distinct ids; an entry is named `field.<index>`. */
export function requireIdList(value: unknown, field: string, minItems: number, maxItems: number): string[] {
  const ids = requireList(value, field, minItems, maxItems).map((id, index) => requireId(id, `${field}.${index}`));
  const repeated = ids.findIndex((id, index) => ids.indexOf(id) !== index);
  if (repeated !== -1) throw invalid(`${field}.${repeated}`, 'repeats an earlier entry of this list');
  return ids;
}

/**
 * A plain object: null and lists are refused. The optional `shape`, such as `{ kind, id }`, ends the
 * message, so that the error tells which fields belong there.
 */
export function requireRecord(value: unknown, field: string, shape?: string): Readonly<Record<string, unknown>> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw invalid(field, shape === undefined ? 'must be an object' : `must be an object ${shape}`);
  }
  return value as Record<string, unknown>;
}

/**
 * Values within one list are unique; the error names the field of the second occurrence, with
 * `message`, or else the value it repeats. In one pass: a month's statements are checked with it,
 * thousands of them.
 */
export function rejectRepeated(values: readonly string[], fieldOf: (index: number) => string, message?: string): void {
  const seen = new Set<string>();
  const repeated = values.findIndex((value) => {
    if (seen.has(value)) return true;
    seen.add(value);
    return false;
  });
  if (repeated !== -1) throw invalid(fieldOf(repeated), message ?? `repeats ${values[repeated]}`);
}
