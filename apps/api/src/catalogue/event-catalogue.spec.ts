import { EventSchemaRegistry, type EventTypeDefinition } from '#kernel';
import { asyncApiOf, catalogueOf } from './event-catalogue.js';

const noted = (by: Record<string, unknown>) => ({
  type: 'object',
  properties: by,
  required: Object.keys(by),
  additionalProperties: false,
});

const definitions: EventTypeDefinition[] = [
  {
    type: 'TallyOpened',
    categories: ['tally'],
    description: 'A tally was opened.',
    versions: [
      { version: 1, schema: noted({ name: { type: 'string', examples: ['refunds'] } }) },
      {
        version: 2,
        change: 'Adds `unit`.',
        schema: noted({ name: { type: 'string', examples: ['refunds'] }, unit: { type: 'string', examples: ['cases'] } }),
        upcastFrom: (data) => ({ ...(data as object), unit: 'items' }),
      },
    ],
  },
  { type: 'CountedUp', categories: ['tally', 'ledger'], description: 'A tally went up.', versions: [{ version: 1, schema: noted({ by: { type: 'integer', examples: [3] } }) }] },
];

describe('the catalogue of a registry', () => {
  const entries = catalogueOf(new EventSchemaRegistry(definitions));

  it('lists the types by name with every version, its current version and an example of it', () => {
    expect(entries.map((entry) => entry.name)).toEqual(['CountedUp', 'TallyOpened']);
    const opened = entries[1]!;
    expect(opened).toMatchObject({ category: 'tally', currentVersion: 2, example: { name: 'refunds', unit: 'cases' } });
    expect(opened.versions.map((version) => [version.version, version.change, version.schema.title])).toEqual([
      [1, undefined, 'TallyOpened v1'],
      [2, 'Adds `unit`.', 'TallyOpened v2'],
    ]);
  });

  it('gives the feed a channel per category, holding the messages of the types appended to it', () => {
    const document = asyncApiOf(entries, '9.9.9') as {
      info: { version: string };
      channels: Record<string, { address: string; messages: Record<string, unknown> }>;
      operations: Record<string, { messages: { $ref: string }[] }>;
      components: { messages: Record<string, { payload: { properties: Record<string, Record<string, unknown>> } }> };
    };
    expect(document.info.version).toBe('9.9.9');
    expect(Object.keys(document.channels)).toEqual(['ledger', 'tally']);
    expect(document.channels.tally!.address).toBe('/feed?category=tally');
    expect(Object.keys(document.channels.tally!.messages)).toEqual(['CountedUp', 'TallyOpened']);
    expect(Object.keys(document.channels.ledger!.messages)).toEqual(['CountedUp']);
    expect(document.operations['receive-ledger']!.messages).toEqual([{ $ref: '#/channels/ledger/messages/CountedUp' }]);
    const payload = document.components.messages.TallyOpened!.payload.properties;
    expect(payload.type).toMatchObject({ const: 'TallyOpened' });
    expect(payload.data).toMatchObject({ required: ['name', 'unit'] });
    expect(payload.data).not.toHaveProperty('$schema');
  });
});
