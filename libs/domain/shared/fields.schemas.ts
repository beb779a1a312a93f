import type { EventTypeDefinition, JsonSchema } from '#libs/eventsourcing/src/index.js';
import { ISO_4217_CURRENCIES } from './money.js';
import { ID_PATTERN } from './validation.js';

/*
 * Building blocks of the event schemas. Each field carries an `examples` entry, so that every event
 * type's example is assembled from the same schema its events are validated with.
 */

export const EXAMPLE_INSTANT = '2026-03-02T09:30:00.000Z';
export const EXAMPLE_DAY = '2026-03-31';

/** An object with exactly these fields: `required` must be present, `optional` may be. */
export function object(required: Record<string, JsonSchema>, optional: Record<string, JsonSchema> = {}): JsonSchema {
  return {
    type: 'object',
    properties: { ...required, ...optional },
    required: Object.keys(required),
    additionalProperties: false,
  };
}

/** The schema, or null: for what older events did not record. */
export function nullable(schema: JsonSchema): JsonSchema {
  return { oneOf: [schema, { type: 'null' }] };
}

/** An id as the domain accepts it (a UUID or a slug); `example` shows what kind of id it is. */
export function id(example: string): JsonSchema {
  return { type: 'string', pattern: ID_PATTERN.source, examples: [example] };
}

/** Who did something, as the API key's subject: any non-empty string. */
export function actorId(): JsonSchema {
  return { type: 'string', minLength: 1, examples: ['0196f3a0-5c1e-7cc2-9d1e-3f8a2b4c5d6e'] };
}

export function text(example: string): JsonSchema {
  return { type: 'string', minLength: 1, examples: [example] };
}

/** An ISO-8601 UTC instant. */
export function instant(): JsonSchema {
  return { type: 'string', format: 'date-time', pattern: 'Z$', examples: [EXAMPLE_INSTANT] };
}

/** A calendar day, `YYYY-MM-DD`. */
export function day(): JsonSchema {
  return { type: 'string', format: 'date', examples: [EXAMPLE_DAY] };
}

export function oneOf(values: readonly string[]): JsonSchema {
  return { type: 'string', enum: [...values] };
}

export function integer(minimum: number, example = minimum, maximum?: number): JsonSchema {
  return { type: 'integer', minimum, ...(maximum === undefined ? {} : { maximum }), examples: [example] };
}

export function number(minimum: number, maximum: number, example: number): JsonSchema {
  return { type: 'number', minimum, maximum, examples: [example] };
}

export function boolean(): JsonSchema {
  return { type: 'boolean', examples: [true] };
}

export function list(items: JsonSchema, minItems = 0): JsonSchema {
  return { type: 'array', items, minItems };
}

export function ids(example: string, minItems = 0): JsonSchema {
  return list(id(example), minItems);
}

/** A SHA-256 hash, hex: examples show a made-up one, never the hash of a real secret. */
export function sha256(): JsonSchema {
  return { type: 'string', pattern: '^[0-9a-f]{64}$', examples: ['0'.repeat(64)] };
}

/** Money in integer minor units of an ISO 4217 currency. */
export function money(): JsonSchema {
  return object({
    minor: { type: 'integer', examples: [1_500_000] },
    currency: { type: 'string', enum: [...ISO_4217_CURRENCIES], examples: ['RUB'] },
  });
}

/** A definition with a single version, the usual case. */
export function eventType(
  type: string,
  category: string | readonly string[],
  description: string,
  schema: JsonSchema,
): EventTypeDefinition {
  return { type, categories: ([] as string[]).concat(category), description, versions: [{ version: 1, schema }] };
}

/** A link to a web page. */
export function webLink(example: string): JsonSchema {
  return { type: 'string', format: 'uri', examples: [example] };
}
