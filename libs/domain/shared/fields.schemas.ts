import type { DomainEvent, EventSchemaVersion, EventTypeDefinition, JsonSchema } from '#kernel';
import { ISO_4217_CURRENCIES, type Money } from './money.js';
import { ID_PATTERN } from './validation.js';

/*
 * Building blocks of the event schemas. Each field carries an `examples` entry, so that every event
 * type's example is assembled from the same schema its events are validated with.
 *
 * Each block also carries, as a type only, the TypeScript type of the data it accepts. A context's
 * table of event types (`eventSchemaTable`) requires the current schema of each type to accept exactly
 * the data type of its event, so that a payload type and its schema cannot drift apart: adding,
 * removing, retyping or making optional a field on one side only fails the type check.
 */

declare const DATA: unique symbol;

/** A JSON Schema, with the type of the data it accepts. */
export type Schema<T> = JsonSchema & { readonly [DATA]: T };

export type AnySchema = JsonSchema & { readonly [DATA]: unknown };

/** The type of the data a schema accepts. */
export type DataOf<S> = S extends { readonly [DATA]: infer T } ? T : never;

type Fields = Readonly<Record<string, AnySchema>>;

type NoFields = Readonly<Record<never, AnySchema>>;

type ObjectData<R extends Fields, O extends Fields> = { readonly [K in keyof R]: DataOf<R[K]> } & {
  readonly [K in keyof O]?: DataOf<O[K]>;
};

/** The blocks build plain JSON; the data type exists for the type checker only. */
function typed<T>(schema: JsonSchema): Schema<T> {
  return schema as Schema<T>;
}

export const EXAMPLE_INSTANT = '2026-03-02T09:30:00.000Z';
export const EXAMPLE_DAY = '2026-03-31';

/** An object with exactly these fields: `required` must be present, `optional` may be. */
export function object<R extends Fields, O extends Fields = NoFields>(required: R, optional?: O): Schema<ObjectData<R, NoInfer<O>>> {
  return typed({
    type: 'object',
    properties: { ...required, ...optional },
    required: Object.keys(required),
    additionalProperties: false,
  });
}

/** The schema, or null: for what older events did not record. */
export function nullable<S extends AnySchema>(schema: S): Schema<DataOf<S> | null> {
  return typed({ oneOf: [schema, { type: 'null' }] });
}

/** Data of one of several shapes; `example` stands for them all when one is given. */
export function variants<S extends readonly AnySchema[]>(schemas: S, example?: DataOf<S[number]>): Schema<DataOf<S[number]>> {
  return typed({ oneOf: [...schemas], ...(example === undefined ? {} : { examples: [example] }) });
}

/** An id as the domain accepts it (a UUID or a slug); `example` shows what kind of id it is. */
export function id(example: string): Schema<string> {
  return typed({ type: 'string', pattern: ID_PATTERN.source, examples: [example] });
}

/** Who did something, as the API key's subject: any non-empty string. */
export function actorId(): Schema<string> {
  return typed({ type: 'string', minLength: 1, examples: ['0196f3a0-5c1e-7cc2-9d1e-3f8a2b4c5d6e'] });
}

export function text(example: string): Schema<string> {
  return typed({ type: 'string', minLength: 1, examples: [example] });
}

/** A string of a given form, as a regular expression's source. */
export function patterned(pattern: string, example: string): Schema<string> {
  return typed({ type: 'string', pattern, examples: [example] });
}

/** An ISO-8601 UTC instant. */
export function instant(): Schema<string> {
  return typed({ type: 'string', format: 'date-time', pattern: 'Z$', examples: [EXAMPLE_INSTANT] });
}

/** A calendar day, `YYYY-MM-DD`. */
export function day(): Schema<string> {
  return typed({ type: 'string', format: 'date', examples: [EXAMPLE_DAY] });
}

export function oneOf<const V extends readonly string[]>(values: V): Schema<V[number]> {
  return typed({ type: 'string', enum: [...values] });
}

export function integer(minimum: number, example = minimum, maximum?: number): Schema<number> {
  return typed({ type: 'integer', minimum, ...(maximum === undefined ? {} : { maximum }), examples: [example] });
}

/** Exactly this integer, as the first version of something. */
export function exactly<const V extends number>(value: V): Schema<V> {
  return typed({ type: 'integer', const: value });
}

export function number(minimum: number, maximum: number, example: number): Schema<number> {
  return typed({ type: 'number', minimum, maximum, examples: [example] });
}

/** A number of any size, as the indicators of the metrics pack. */
export function anyNumber(example: number): Schema<number> {
  return typed({ type: 'number', examples: [example] });
}

export function boolean(): Schema<boolean> {
  return typed({ type: 'boolean', examples: [true] });
}

export function list<S extends AnySchema>(items: S, minItems = 0): Schema<readonly DataOf<S>[]> {
  return typed({ type: 'array', items, minItems });
}

export function ids(example: string, minItems = 0): Schema<readonly string[]> {
  return list(id(example), minItems);
}

/** A SHA-256 hash, hex: examples show a made-up one, never the hash of a real secret. */
export function sha256(): Schema<string> {
  return typed({ type: 'string', pattern: '^[0-9a-f]{64}$', examples: ['0'.repeat(64)] });
}

/** Money in integer minor units of an ISO 4217 currency. */
export function money(): Schema<Money> {
  return object({
    minor: typed<number>({ type: 'integer', examples: [1_500_000] }),
    currency: typed<string>({ type: 'string', enum: [...ISO_4217_CURRENCIES], examples: ['RUB'] }),
  });
}

/** A link to a web page. */
export function webLink(example: string): Schema<string> {
  return typed({ type: 'string', format: 'uri', examples: [example] });
}

/** An event type's definition in its context's table, which names the type. */
export interface EventTypeEntry<D> extends Omit<EventTypeDefinition, 'type' | 'versions'> {
  /** Oldest first; the last is the current one. */
  readonly versions: readonly [...EventSchemaVersion[], EventSchemaVersion & { readonly schema: Schema<D> }];
}

type EventSchemaTable<E extends DomainEvent> = {
  readonly [T in E['type']]: EventTypeEntry<EventData<E, T>>;
};

type EventData<E extends DomainEvent, T> = Extract<E, { readonly type: T }>['data'];

type CurrentData<Entry> = Entry extends { readonly versions: readonly [...unknown[], { readonly schema: infer S }] } ? DataOf<S> : never;

/**
 * True for identical types only: a deferred conditional type is related to another only when both
 * test against the same type. Assignability both ways would not do: it ignores an optional field that
 * one side lacks.
 */
type Identical<X, Y> = (<U>() => U extends X ? 1 : 2) extends <U>() => U extends Y ? 1 : 2 ? true : false;

/** One form for equal types: readonly everywhere, intersections flattened, named interfaces expanded. */
type Normalized<T> = T extends object ? { readonly [K in keyof T]: Normalized<T[K]> } : T;

/** What an entry must have, and cannot, when its current schema does not accept exactly its event's data. */
interface SchemaMismatch<D> {
  readonly 'its current schema must accept exactly the data type': D;
}

type ExactEntries<E extends DomainEvent, Table> = {
  readonly [T in keyof Table]: Identical<Normalized<CurrentData<Table[T]>>, Normalized<EventData<E, T>>> extends true
    ? unknown
    : SchemaMismatch<EventData<E, T>>;
};

/**
 * The event types of a union, each with its definition: the one place a context lists them.
 *
 *   const CARE_CASE_TABLE = eventSchemaTable<CareCaseEvent>()({ [CARE_CASE_OPENED]: eventType(...), ... });
 *
 * A type missing, a type too many, or a current schema that does not accept exactly the event's data
 * type (a field added, removed, retyped or made optional on one side only) fails the type check.
 */
export function eventSchemaTable<E extends DomainEvent>() {
  return <Table extends EventSchemaTable<E>>(table: Table & ExactEntries<E, Table>): Table => table;
}

/** A definition with a single version, the usual case. */
export function eventType<S extends AnySchema>(
  category: string | readonly string[],
  description: string,
  schema: S,
): EventTypeEntry<DataOf<S>> {
  return { categories: ([] as string[]).concat(category), description, versions: [{ version: 1, schema: schema as Schema<DataOf<S>> }] };
}

/** The event types of a table, in its order. */
export function eventTypesOf<T extends string>(table: Readonly<Record<T, unknown>>): readonly T[] {
  return Object.keys(table) as T[];
}

/** The definitions of a table's event types, for the registry that validates appends and the catalogue. */
export function definitionsOf(table: Readonly<Record<string, Omit<EventTypeDefinition, 'type'>>>): EventTypeDefinition[] {
  return Object.entries(table).map(([type, entry]) => ({ type, ...entry }));
}
