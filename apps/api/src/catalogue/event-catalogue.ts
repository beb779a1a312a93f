import { feedRolesReceiving } from '#domain/catalogue/event-visibility.js';
import { publishedSchema, type EventSchemaRegistry, type JsonSchema } from '#kernel';

/** One version of an event type as the catalogue publishes it. */
export interface CatalogueVersion {
  readonly version: number;
  /** Why the version exists; absent on version 1. */
  readonly change?: string;
  readonly schema: JsonSchema;
}

export interface CatalogueEntry {
  readonly name: string;
  /** The stream category the events are appended to; the first of `categories`. */
  readonly category: string;
  readonly categories: readonly string[];
  readonly description: string;
  readonly currentVersion: number;
  readonly versions: readonly CatalogueVersion[];
  /** Data of the current version. */
  readonly example: unknown;
}

/** Every event type, by name, with all its versions: the same definitions appends are validated with. */
export function catalogueOf(registry: EventSchemaRegistry): CatalogueEntry[] {
  return registry
    .types()
    .map((definition) => ({
      name: definition.type,
      category: definition.categories[0]!,
      categories: definition.categories,
      description: definition.description,
      currentVersion: registry.currentVersion(definition.type),
      versions: definition.versions.map(({ version, change }) => ({
        version,
        ...(change === undefined ? {} : { change }),
        schema: publishedSchema(definition, version),
      })),
      example: registry.exampleOf(definition.type),
    }))
    .sort((left, right) => left.name.localeCompare(right.name));
}

const EXAMPLE_METADATA = {
  occurredAt: '2026-03-02T09:30:00.000Z',
  recordedAt: '2026-03-02T09:30:00.120Z',
  actor: { id: '0196f3a0-5c1e-7cc2-9d1e-3f8a2b4c5d6e', roles: ['care-agent'] },
  correlationId: 'req-7f3a',
  causationId: null,
};

/** The envelope every feed message has; `data` is the event type's schema. */
function envelopeSchema(type: string, version: number, data: JsonSchema): JsonSchema {
  return {
    type: 'object',
    required: ['eventId', 'type', 'streamId', 'revision', 'position', 'data', 'metadata'],
    additionalProperties: false,
    properties: {
      eventId: { type: 'string' },
      type: { type: 'string', const: type },
      streamId: { type: 'string', description: '`<category>-<id>`' },
      revision: { type: 'integer', minimum: 0 },
      position: { type: 'string', pattern: '^[0-9]+$', description: 'Global position, decimal (64-bit); the SSE `id`.' },
      data,
      metadata: {
        type: 'object',
        required: ['occurredAt', 'recordedAt', 'actor', 'correlationId', 'causationId', 'schemaVersion'],
        properties: {
          occurredAt: { type: 'string', format: 'date-time' },
          recordedAt: { type: 'string', format: 'date-time' },
          actor: { type: 'object', properties: { id: { type: 'string' }, roles: { type: 'array', items: { type: 'string' } } } },
          correlationId: { type: 'string' },
          causationId: { type: ['string', 'null'] },
          schemaVersion: { type: 'integer', const: version },
        },
      },
      redacted: {
        type: 'array',
        items: { type: 'string' },
        description: 'Fields of `data` the feed leaves out for every reader (key and token hashes).',
      },
    },
  };
}

/**
 * The feed as an AsyncAPI 3.0 document: a channel per stream category (`GET /feed?category=...`),
 * a message per event type with the envelope as payload, and one receive operation per channel.
 */
export function asyncApiOf(entries: readonly CatalogueEntry[], apiVersion: string): Record<string, unknown> {
  const categories = [...new Set(entries.flatMap((entry) => entry.categories))].sort();
  const messages = Object.fromEntries(
    entries.map((entry) => {
      const current = entry.versions[entry.versions.length - 1]!;
      const { $schema: _dialect, title: _title, ...data } = current.schema;
      return [
        entry.name,
        {
          name: entry.name,
          title: `${entry.name} v${entry.currentVersion}`,
          summary: entry.description,
          contentType: 'application/json',
          payload: envelopeSchema(entry.name, entry.currentVersion, data),
          examples: [
            {
              name: entry.name,
              payload: {
                eventId: '0196f3e0-0000-7000-8000-000000000001',
                type: entry.name,
                streamId: `${entry.category}-example`,
                revision: 0,
                position: '42',
                data: entry.example,
                metadata: { ...EXAMPLE_METADATA, schemaVersion: entry.currentVersion },
              },
            },
          ],
        },
      ];
    }),
  );
  const channels = Object.fromEntries(
    categories.map((category) => [
      category,
      {
        address: `/feed?category=${category}`,
        title: category,
        description:
          `Server-Sent Events of the streams \`${category}-<id>\`: the SSE \`event\` is the type, the \`id\` the position. ` +
          `Received by: ${feedRolesReceiving(category).join(', ')}.`,
        messages: Object.fromEntries(
          entries
            .filter((entry) => entry.categories.includes(category))
            .map((entry) => [entry.name, { $ref: `#/components/messages/${entry.name}` }]),
        ),
      },
    ]),
  );
  const operations = Object.fromEntries(
    categories.map((category) => [
      `receive-${category}`,
      {
        action: 'receive',
        channel: { $ref: `#/channels/${category}` },
        messages: Object.keys((channels[category] as { messages: object }).messages).map((name) => ({
          $ref: `#/channels/${category}/messages/${name}`,
        })),
      },
    ]),
  );
  return {
    asyncapi: '3.0.0',
    info: {
      title: 'Quality Ledger events',
      version: apiVersion,
      description:
        'Every event of the log as `GET /feed` streams it (Server-Sent Events; resume with `Last-Event-ID`). ' +
        'Old events are upcast to the current version before they are sent. Roles: service, auditor, admin; each channel ' +
        'names the roles that receive it.',
    },
    defaultContentType: 'application/json',
    channels,
    operations,
    components: { messages },
  };
}
