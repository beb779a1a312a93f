import type { OpenAPIObject, OperationObject, ParameterObject, ReferenceObject, SchemaObject } from '@nestjs/swagger';
import fc from 'fast-check';
import { randomUUID } from 'node:crypto';

/** An operation of the OpenAPI document, named as `POST /sections/{id}/rename`. */
export interface DocumentedOperation {
  readonly name: string;
  readonly method: string;
  readonly path: string;
  readonly operation: OperationObject;
}

/** A request to send to an operation: the path with its parameters filled in, and the body, if it takes one. */
export interface SampleRequest {
  readonly method: string;
  readonly url: string;
  readonly body?: Record<string, unknown>;
}

const COMMAND_METHODS = ['post', 'put', 'patch', 'delete'];
const METHODS = ['get', ...COMMAND_METHODS];

/** A business time safely in the past. */
const PAST = '2026-03-02T09:00:00Z';

export function documentedOperations(document: OpenAPIObject, methods: readonly string[] = METHODS): DocumentedOperation[] {
  return Object.entries(document.paths).flatMap(([path, item]) =>
    methods.flatMap((method) => {
      const operation = (item as Record<string, OperationObject | undefined>)[method];
      return operation === undefined ? [] : [{ name: `${method.toUpperCase()} ${path}`, method, path, operation }];
    }),
  );
}

export function commandOperations(document: OpenAPIObject): DocumentedOperation[] {
  return documentedOperations(document, COMMAND_METHODS);
}

export function isPublic(operation: DocumentedOperation): boolean {
  return operation.operation.security === undefined;
}

export function documentsHeader(operation: DocumentedOperation, header: string): boolean {
  return parametersOf(operation).some((parameter) => parameter.in === 'header' && parameter.name === header);
}

/**
 * A request that passes the edge checks where that is easy: path parameters as fresh UUIDs (or the
 * least number allowed), and a body with the required properties only, from each schema's example or
 * else a value of its type, format, enum or pattern.
 */
export function sampleRequest(document: OpenAPIObject, operation: DocumentedOperation): SampleRequest {
  const url = parametersOf(operation)
    .filter((parameter) => parameter.in === 'path')
    .reduce((path, parameter) => path.replace(`{${parameter.name}}`, String(pathValue(parameter.schema as SchemaObject))), operation.path);
  const schema = bodySchemaOf(operation);
  if (schema === undefined) return { method: operation.method, url };
  return { method: operation.method, url, body: sampleValue(document, schema) as Record<string, unknown> };
}

/** The parts of a request to an operation, as values before they are encoded into a URL, headers and a body. */
export interface RequestParts {
  readonly operation: DocumentedOperation;
  readonly path: Readonly<Record<string, unknown>>;
  readonly query: Readonly<Record<string, unknown>>;
  readonly headers: Readonly<Record<string, string>>;
  readonly body?: unknown;
}

/**
 * Requests an operation documents: every required parameter, some of the optional ones, and a body
 * of the schema's values (see `valueArbitrary`). The headers documented with a value of their own
 * form (`If-Match`, `Idempotency-Key`, `Last-Event-ID`) get one; a required one of free form a token.
 */
export function requestArbitrary(document: OpenAPIObject, operation: DocumentedOperation): fc.Arbitrary<RequestParts> {
  const schema = bodySchemaOf(operation);
  return fc.record({
    operation: fc.constant(operation),
    path: parametersArbitrary(document, operation, 'path'),
    query: parametersArbitrary(document, operation, 'query'),
    headers: headersArbitrary(operation),
    ...(schema === undefined ? {} : { body: valueArbitrary(document, schema) }),
  });
}

/**
 * Values of a schema: the sample `sampleValue` picks among them, so that a request that passes stays
 * likely, and others of the schema's enumeration, type, range, length, format or pattern. Objects
 * have their required properties and some of the optional ones.
 */
export function valueArbitrary(document: OpenAPIObject, schema: SchemaObject | ReferenceObject): fc.Arbitrary<unknown> {
  const own = resolved(document, schema);
  const sample = fc.constant(sampleValue(document, own));
  if (own.enum) return fc.constantFrom(...own.enum);
  switch (own.type) {
    case 'object':
      return own.properties === undefined ? sample : objectArbitrary(document, own);
    case 'array': {
      const minLength = own.minItems ?? 0;
      return fc.array(valueArbitrary(document, own.items!), { minLength, maxLength: own.maxItems ?? Math.max(minLength, 3) });
    }
    case 'number':
    case 'integer':
      return fc.oneof(sample, fc.integer({ min: lowestOf(own), max: own.maximum ?? 1_000_000 }));
    case 'boolean':
      return fc.boolean();
    default:
      return fc.oneof({ weight: 3, arbitrary: sample }, { weight: 1, arbitrary: textArbitrary(own) });
  }
}

function bodySchemaOf(operation: DocumentedOperation): SchemaObject | undefined {
  const body = operation.operation.requestBody as { content?: Record<string, { schema?: SchemaObject }> } | undefined;
  return body?.content?.['application/json']?.schema;
}

function parametersOf(operation: DocumentedOperation): ParameterObject[] {
  return (operation.operation.parameters ?? []) as ParameterObject[];
}

/**
 * The parameters of a place, all the required ones and some of the optional ones. An optional one of
 * free form with no example (a page cursor) is left out: the document tells no value it would take.
 */
function parametersArbitrary(document: OpenAPIObject, operation: DocumentedOperation, place: 'path' | 'query'): fc.Arbitrary<Record<string, unknown>> {
  const parameters = parametersOf(operation).filter((parameter) => parameter.in === place && (parameter.required || !isFreeForm(document, parameter)));
  const values = Object.fromEntries(parameters.map((parameter) => [parameter.name, valueArbitrary(document, parameter.schema!)]));
  const requiredKeys = parameters.filter((parameter) => parameter.required).map((parameter) => parameter.name);
  return fc.record(values, { requiredKeys });
}

/** Header values of the forms the API defines, by lower-case name. */
const HEADER_VALUES: Readonly<Record<string, fc.Arbitrary<string>>> = {
  // Mostly the revision of an entity just created.
  'if-match': fc.oneof(fc.constantFrom('0', '"0"'), fc.nat(5).map(String)),
  'idempotency-key': fc.stringMatching(/^[\x21-\x7e]{1,40}$/),
  'last-event-id': fc.nat(1000).map(String),
};

function headersArbitrary(operation: DocumentedOperation): fc.Arbitrary<Record<string, string>> {
  const headers = parametersOf(operation).filter((parameter) => parameter.in === 'header');
  const values = Object.fromEntries(
    headers.map(({ name }) => [name, HEADER_VALUES[name.toLowerCase()] ?? fc.stringMatching(/^[A-Za-z0-9_-]{16,64}$/)]),
  );
  const requiredKeys = headers.filter((header) => header.required).map((header) => header.name);
  return fc.record(values, { requiredKeys });
}

function isFreeForm(document: OpenAPIObject, parameter: ParameterObject): boolean {
  const schema = resolved(document, parameter.schema!);
  return schema.type === 'string' && [schema.example, schema.enum, schema.pattern, schema.format].every((hint) => hint === undefined);
}

function objectArbitrary(document: OpenAPIObject, schema: SchemaObject): fc.Arbitrary<Record<string, unknown>> {
  const properties = Object.entries(schema.properties!).map(([name, property]) => [name, valueArbitrary(document, property)] as const);
  return fc.record(Object.fromEntries(properties), { requiredKeys: schema.required ?? [] });
}

/** Business times between the start of 2020 and yesterday: never in the future. */
const PAST_TIMES = fc.date({ min: new Date('2020-01-01T00:00:00Z'), max: new Date(Date.now() - 86_400_000), noInvalidDate: true });

function textArbitrary(schema: SchemaObject): fc.Arbitrary<string> {
  if (schema.format === 'date-time') return PAST_TIMES.map((time) => time.toISOString());
  if (schema.format === 'date') return PAST_TIMES.map((time) => time.toISOString().slice(0, 10));
  if (schema.format === 'uuid') return fc.uuid();
  if (schema.pattern !== undefined) return fc.stringMatching(new RegExp(schema.pattern));
  return fc.string({ minLength: 1, maxLength: schema.maxLength ?? 40 });
}

function lowestOf(schema: SchemaObject): number {
  const minimum = schema.minimum ?? 0;
  return schema.exclusiveMinimum ? minimum + 1 : minimum;
}

/** The schema itself, once a reference is followed and the parts of `allOf` are merged. */
function resolved(document: OpenAPIObject, schema: SchemaObject | ReferenceObject): SchemaObject {
  if ('$ref' in schema) return resolved(document, document.components!.schemas![schema.$ref.split('/').pop()!]!);
  if (schema.allOf) return Object.assign({}, ...schema.allOf.map((part) => resolved(document, part))) as SchemaObject;
  return schema;
}

function pathValue(schema: SchemaObject): string | number {
  return schema.type === 'number' || schema.type === 'integer' ? (schema.minimum ?? 1) : randomUUID();
}

/**
 * A body with every property its schema documents, optional ones included, at every depth: each place
 * a field can be is in it, for a test that breaks each of them in turn.
 */
export function completeBody(document: OpenAPIObject, operation: DocumentedOperation): unknown {
  const schema = bodySchemaOf(operation);
  return schema === undefined ? undefined : sampleValue(document, schema, 'every');
}

/** The places of `completeBody` whose schema allows null, as dotted paths (`parentId`, `items.0.note`). */
export function nullablePlaces(document: OpenAPIObject, operation: DocumentedOperation): Set<string> {
  const places = new Set<string>();
  const walk = (reference: SchemaObject | ReferenceObject, value: unknown, at: string): void => {
    const schema = resolved(document, reference);
    if (schema.nullable && at !== '') places.add(at);
    const within = (key: string | number) => (at === '' ? String(key) : `${at}.${key}`);
    if (schema.type === 'object' && schema.properties !== undefined && typeof value === 'object' && value !== null) {
      for (const [name, property] of Object.entries(schema.properties)) walk(property, (value as Record<string, unknown>)[name], within(name));
    }
    if (schema.type === 'array' && schema.items !== undefined && Array.isArray(value)) value.forEach((item, index) => walk(schema.items!, item, within(index)));
  };
  const schema = bodySchemaOf(operation);
  if (schema !== undefined) walk(schema, completeBody(document, operation), '');
  return places;
}

/** An object holds its `required` properties only, or `every` property it documents. */
function sampleValue(document: OpenAPIObject, reference: SchemaObject | ReferenceObject, properties: 'required' | 'every' = 'required'): unknown {
  const schema = resolved(document, reference);
  if (schema.type === 'object' && properties === 'every' && schema.properties !== undefined) {
    return Object.fromEntries(Object.entries(schema.properties).map(([name, property]) => [name, sampleValue(document, property, properties)]));
  }
  if (schema.example !== undefined) return schema.example;
  if (schema.enum) return schema.enum[0];
  switch (schema.type) {
    case 'object':
      return Object.fromEntries((schema.required ?? []).map((name) => [name, sampleValue(document, schema.properties![name]!, properties)]));
    case 'array':
      return Array.from({ length: Math.max(1, schema.minItems ?? 1) }, () => sampleValue(document, schema.items!, properties));
    case 'number':
    case 'integer':
      return schema.minimum ?? 1;
    case 'boolean':
      return true;
    default:
      return sampleText(schema);
  }
}

function sampleText(schema: SchemaObject): string {
  if (schema.format === 'date-time') return PAST;
  if (schema.format === 'date') return PAST.slice(0, 10);
  if (schema.format === 'uuid') return randomUUID();
  if (schema.pattern === undefined) return 'Sample text';
  const pattern = new RegExp(schema.pattern);
  return [randomUUID(), 'RUB'].find((text) => pattern.test(text)) ?? randomUUID();
}
