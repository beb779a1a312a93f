import { ManualClock } from './clock.js';
import type { Decider } from './decider.js';
import type { DomainEvent, EventToAppend } from './events.js';
import type { EventStore } from './event-store.js';
import {
  EventSchemaRegistry,
  EventSchemaViolation,
  exampleFromSchema,
  publishedSchema,
  type EventTypeDefinition,
} from './event-schemas.js';
import { handleCommand, handleCommandSequence } from './handle-command.js';
import { UpcasterRegistry } from './upcasting.js';

const countedV1 = {
  type: 'object',
  properties: { by: { type: 'integer', minimum: 1, examples: [3] } },
  required: ['by'],
  additionalProperties: false,
};
const countedV2 = {
  type: 'object',
  properties: { by: { type: 'integer', minimum: 1, examples: [3] }, at: { type: 'string', format: 'date-time' } },
  required: ['by', 'at'],
  additionalProperties: false,
};
const counted: EventTypeDefinition = {
  type: 'CountedUp',
  categories: ['tally'],
  description: 'A tally went up.',
  versions: [
    { version: 1, schema: countedV1 },
    { version: 2, schema: countedV2, change: 'Adds `at`.', upcastFrom: (data) => ({ ...(data as object), at: '2020-01-01T00:00:00Z' }) },
  ],
};

function violationOf(action: () => void): EventSchemaViolation {
  try {
    action();
  } catch (error) {
    if (error instanceof EventSchemaViolation) return error;
    throw error;
  }
  throw new Error('expected an EventSchemaViolation');
}

describe('EventSchemaRegistry', () => {
  const registry = new EventSchemaRegistry([counted]);

  it('accepts data that conforms to the schema of its version', () => {
    expect(() => registry.validate('CountedUp', 2, { by: 3, at: '2026-03-01T12:00:00Z' })).not.toThrow();
    expect(() => registry.validate('CountedUp', 1, { by: 3 })).not.toThrow();
  });

  it('refuses a field the schema does not know, naming the type and the schema path', () => {
    const violation = violationOf(() => registry.validate('CountedUp', 1, { by: 3, extra: true }));
    expect(violation).toMatchObject({ eventType: 'CountedUp', schemaVersion: 1, schemaPath: '#/additionalProperties' });
    expect(violation.message).toContain('CountedUp');
  });

  it('refuses a bad value and a bad date-time', () => {
    expect(violationOf(() => registry.validate('CountedUp', 1, { by: 0 })).schemaPath).toBe('#/properties/by/minimum');
    expect(violationOf(() => registry.validate('CountedUp', 2, { by: 1, at: 'yesterday' })).schemaPath).toBe('#/properties/at/format');
  });

  it('refuses a type without a schema, and a version it does not have', () => {
    expect(violationOf(() => registry.validate('CountedDown', 1, {}))).toMatchObject({ eventType: 'CountedDown', schemaPath: '#' });
    expect(violationOf(() => registry.validate('CountedUp', 3, { by: 1 }))).toMatchObject({ schemaVersion: 3 });
  });

  it('knows the current version and the upcasters the versions define', () => {
    expect(registry.currentVersion('CountedUp')).toBe(2);
    const upcasters = new UpcasterRegistry(registry.upcasters());
    expect(upcasters.currentVersion('CountedUp')).toBe(2);
  });

  it('refuses versions out of order, a later version without an upcaster, and a type defined twice', () => {
    expect(() => new EventSchemaRegistry([{ ...counted, versions: [{ version: 2, schema: countedV1 }] }])).toThrow(/in order/);
    expect(() => new EventSchemaRegistry([{ ...counted, versions: [counted.versions[0]!, { version: 2, schema: countedV2 }] }])).toThrow(
      /no upcaster/,
    );
    expect(() => new EventSchemaRegistry([counted, counted])).toThrow(/twice/);
  });

  it('publishes a version as a JSON Schema document with its dialect and title', () => {
    expect(publishedSchema(counted, 1)).toMatchObject({ $schema: 'http://json-schema.org/draft-07/schema#', title: 'CountedUp v1', required: ['by'] });
    expect(() => publishedSchema(counted, 5)).toThrow(/no version 5/);
  });
});

describe('exampleFromSchema', () => {
  it('takes examples, consts and first choices, and builds objects and arrays from their parts', () => {
    const schema = {
      type: 'object',
      properties: {
        by: { type: 'integer', examples: [3] },
        version: { type: 'integer', const: 1 },
        kind: { type: 'string', enum: ['exchange', 'discount'] },
        tags: { type: 'array', items: { type: 'string', examples: ['idea'] } },
        owner: { oneOf: [{ type: 'object', properties: { sectionId: { type: 'string', examples: ['sales'] } } }, { type: 'string' }] },
        level: { type: ['integer', 'null'], minimum: 2 },
        done: { type: 'boolean' },
      },
    };
    expect(exampleFromSchema(schema)).toEqual({
      by: 3,
      version: 1,
      kind: 'exchange',
      tags: ['idea'],
      owner: { sectionId: 'sales' },
      level: 2,
      done: false,
    });
  });
});

describe('handleCommand with event schemas', () => {
  type Count = { readonly type: 'Count'; readonly data: Record<string, unknown> };
  type Counted = DomainEvent<string, Record<string, unknown>>;
  const decider: Decider<Count & { eventType?: string }, Counted, null> = {
    initialState: () => null,
    decide: (command) => [{ type: command.eventType ?? 'CountedUp', data: command.data }],
    evolve: (state) => state,
  };
  const appended: EventToAppend[][] = [];
  const store = {
    readStream: async function* () {},
    append: async (_streamId: string, events: readonly EventToAppend[]) => {
      appended.push([...events]);
      return { revision: 0, position: 1n };
    },
  } as unknown as EventStore;
  const schemas = new EventSchemaRegistry([counted]);
  const deps = { store, clock: new ManualClock('2026-03-01T12:00:00.000Z'), schemas, upcasters: new UpcasterRegistry(schemas.upcasters()) };
  const context = { actor: { id: 'agent-1', roles: [] }, correlationId: 'req-1' };

  beforeEach(() => {
    appended.length = 0;
  });

  it('appends a conforming event with its current schema version', async () => {
    await handleCommand(deps, 'tally-t1', decider, { type: 'Count', data: { by: 2, at: '2026-03-01T11:00:00Z' } }, context);
    expect(appended).toHaveLength(1);
    expect(appended[0]![0]!.metadata.schemaVersion).toBe(2);
  });

  it('appends nothing when an event breaks its schema', async () => {
    await expect(handleCommand(deps, 'tally-t1', decider, { type: 'Count', data: { by: 2 } }, context)).rejects.toBeInstanceOf(
      EventSchemaViolation,
    );
    expect(appended).toHaveLength(0);
  });

  it('appends nothing for an event type without a schema', async () => {
    const command = { type: 'Count' as const, eventType: 'CountedTwice', data: {} };
    await expect(handleCommand(deps, 'tally-t1', decider, command, context)).rejects.toMatchObject({ eventType: 'CountedTwice' });
    expect(appended).toHaveLength(0);
  });

  it('appends nothing of a sequence when one of its events breaks its schema', async () => {
    const conforming = { command: { type: 'Count' as const, data: { by: 2, at: '2026-03-01T11:00:00Z' } }, context };
    const breaking = { command: { type: 'Count' as const, data: { by: 2 } }, context };
    await expect(handleCommandSequence(deps, 'tally-t1', decider, [conforming, breaking, conforming])).rejects.toBeInstanceOf(EventSchemaViolation);
    expect(appended).toHaveLength(0);
  });
});
