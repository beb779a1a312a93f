import type { OpenAPIObject, OperationObject, ParameterObject, ReferenceObject, SchemaObject } from '@nestjs/swagger';
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

/** A business time safely in the past. */
const PAST = '2026-03-02T09:00:00Z';

export function commandOperations(document: OpenAPIObject): DocumentedOperation[] {
  return Object.entries(document.paths).flatMap(([path, item]) =>
    COMMAND_METHODS.flatMap((method) => {
      const operation = (item as Record<string, OperationObject | undefined>)[method];
      return operation === undefined ? [] : [{ name: `${method.toUpperCase()} ${path}`, method, path, operation }];
    }),
  );
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
  const schema = (operation.operation.requestBody as { content?: Record<string, { schema?: SchemaObject }> } | undefined)?.content?.[
    'application/json'
  ]?.schema;
  if (schema === undefined) return { method: operation.method, url };
  return { method: operation.method, url, body: sampleValue(document, schema) as Record<string, unknown> };
}

function parametersOf(operation: DocumentedOperation): ParameterObject[] {
  return (operation.operation.parameters ?? []) as ParameterObject[];
}

function pathValue(schema: SchemaObject): string | number {
  return schema.type === 'number' || schema.type === 'integer' ? (schema.minimum ?? 1) : randomUUID();
}

function sampleValue(document: OpenAPIObject, schema: SchemaObject | ReferenceObject): unknown {
  if ('$ref' in schema) return sampleValue(document, document.components!.schemas![schema.$ref.split('/').pop()!]!);
  if (schema.allOf) return Object.assign({}, ...schema.allOf.map((part) => sampleValue(document, part)));
  if (schema.example !== undefined) return schema.example;
  if (schema.enum) return schema.enum[0];
  switch (schema.type) {
    case 'object':
      return Object.fromEntries((schema.required ?? []).map((name) => [name, sampleValue(document, schema.properties![name]!)]));
    case 'array':
      return Array.from({ length: Math.max(1, schema.minItems ?? 1) }, () => sampleValue(document, schema.items!));
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
