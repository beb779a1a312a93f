import { Ajv, type ValidateFunction } from 'ajv';
import ajvFormats from 'ajv-formats';
import type { Upcaster } from './upcasting.js';

/** A JSON Schema as plain data. */
export type JsonSchema = Readonly<Record<string, unknown>>;

/** One version of an event type's data: its schema and, from version 2 on, how the previous version becomes it. */
export interface EventSchemaVersion {
  readonly version: number;
  readonly schema: JsonSchema;
  /** Why this version exists, for the versions after the first. */
  readonly change?: string;
  /** Turns the data of `version - 1` into the data of this version; required from version 2 on. */
  readonly upcastFrom?: (previous: unknown) => unknown;
}

/** Every version of one event type, the single definition that appends are validated and the catalogue is published with. */
export interface EventTypeDefinition {
  readonly type: string;
  /** The stream categories its events are appended to; most types have one. */
  readonly categories: readonly string[];
  readonly description: string;
  /** Oldest first, numbered 1, 2, ... without gaps. */
  readonly versions: readonly EventSchemaVersion[];
  /** Data of the current version; assembled from the schema's `examples` when absent. */
  readonly example?: unknown;
}

/** An event whose type has no schema, or whose data breaks it: a defect of the code that appends it. */
export class EventSchemaViolation extends Error {
  constructor(
    readonly eventType: string,
    readonly schemaVersion: number,
    readonly schemaPath: string,
    detail: string,
  ) {
    super(`event ${eventType} v${schemaVersion} violates its schema at ${schemaPath}: ${detail}`);
    this.name = 'EventSchemaViolation';
  }
}

const SCHEMA_DIALECT = 'http://json-schema.org/draft-07/schema#';

/**
 * The schemas of every event type. Appends are checked against the current version; older versions
 * stay so that the catalogue shows how an event looked when it was written.
 */
export class EventSchemaRegistry {
  private readonly definitions = new Map<string, EventTypeDefinition>();
  private readonly validators = new Map<string, ValidateFunction>();
  private readonly ajv = new Ajv({ allErrors: false, strict: true });

  constructor(definitions: readonly EventTypeDefinition[]) {
    ajvFormats.default(this.ajv, ['date-time', 'date', 'uri']);
    for (const definition of definitions) this.register(definition);
  }

  private register(definition: EventTypeDefinition): void {
    if (this.definitions.has(definition.type)) throw new Error(`event type ${definition.type} is defined twice`);
    definition.versions.forEach((entry, index) => {
      if (entry.version !== index + 1) throw new Error(`event type ${definition.type}: versions must be 1, 2, ... in order`);
      if (index > 0 && entry.upcastFrom === undefined) {
        throw new Error(`event type ${definition.type} v${entry.version} has no upcaster from v${index}`);
      }
    });
    this.definitions.set(definition.type, definition);
  }

  types(): readonly EventTypeDefinition[] {
    return [...this.definitions.values()];
  }

  definitionOf(type: string): EventTypeDefinition | undefined {
    return this.definitions.get(type);
  }

  currentVersion(type: string): number {
    return this.definitions.get(type)?.versions.length ?? 1;
  }

  /** The example of the current version: the one given, or the one the schema's `examples` make. */
  exampleOf(type: string): unknown {
    const definition = this.definitions.get(type);
    if (definition === undefined) return undefined;
    return definition.example ?? exampleFromSchema(definition.versions[definition.versions.length - 1]!.schema);
  }

  /** The upcasters that the versions define, for the registry that upcasts events on read. */
  upcasters(): Upcaster[] {
    return this.types().flatMap((definition) =>
      definition.versions.slice(1).map((entry) => ({
        type: definition.type,
        fromVersion: entry.version - 1,
        upcast: entry.upcastFrom!,
      })),
    );
  }

  /** Throws `EventSchemaViolation` when `type` has no schema at `version` or `data` breaks it. */
  validate(type: string, version: number, data: unknown): void {
    const validator = this.validatorOf(type, version);
    if (validator === undefined) throw new EventSchemaViolation(type, version, '#', 'no schema is registered for it');
    if (validator(data)) return;
    const [first] = validator.errors ?? [];
    throw new EventSchemaViolation(
      type,
      version,
      first?.schemaPath ?? '#',
      `${first?.instancePath || '/'} ${first?.message ?? 'is invalid'}`,
    );
  }

  /** Compiled on first use: every app start would otherwise compile every schema, most of them unused. */
  private validatorOf(type: string, version: number): ValidateFunction | undefined {
    const cacheKey = key(type, version);
    const cached = this.validators.get(cacheKey);
    if (cached !== undefined) return cached;
    const entry = this.definitions.get(type)?.versions.find((candidate) => candidate.version === version);
    if (entry === undefined) return undefined;
    const compiled = this.ajv.compile(entry.schema);
    this.validators.set(cacheKey, compiled);
    return compiled;
  }
}

function key(type: string, version: number): string {
  return `${type}@${version}`;
}

/** The JSON Schema document of one version, with its dialect and title. */
export function publishedSchema(definition: EventTypeDefinition, version: number): JsonSchema {
  const entry = definition.versions.find((candidate) => candidate.version === version);
  if (entry === undefined) throw new Error(`event type ${definition.type} has no version ${version}`);
  return { $schema: SCHEMA_DIALECT, title: `${definition.type} v${version}`, ...entry.schema };
}

/**
 * An example value of a schema: a property's first `examples` entry, a `const`, the first of an
 * `enum`, the first branch of a `oneOf`, and objects and arrays built from their parts. Optional
 * properties are shown too, so that the example documents every field.
 */
export function exampleFromSchema(schema: JsonSchema): unknown {
  const examples = schema.examples as readonly unknown[] | undefined;
  if (examples !== undefined && examples.length > 0) return examples[0];
  if ('const' in schema) return schema.const;
  if (Array.isArray(schema.enum)) return schema.enum[0];
  if (Array.isArray(schema.oneOf)) return exampleFromSchema(schema.oneOf[0] as JsonSchema);
  const types = ([] as unknown[]).concat(schema.type);
  if (types.includes('object')) {
    const properties = (schema.properties ?? {}) as Record<string, JsonSchema>;
    return Object.fromEntries(Object.entries(properties).map(([name, property]) => [name, exampleFromSchema(property)]));
  }
  if (types.includes('array')) return [exampleFromSchema((schema.items ?? {}) as JsonSchema)];
  if (types.includes('integer') || types.includes('number')) return schema.minimum ?? 0;
  if (types.includes('boolean')) return false;
  if (types.includes('null')) return null;
  return 'text';
}
