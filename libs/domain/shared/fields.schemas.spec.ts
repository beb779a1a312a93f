import type { DomainEvent } from '#kernel';
import { definitionsOf, eventSchemaTable, eventType, eventTypesOf, id, instant, money, object, text } from './fields.schemas.js';
import type { Money } from './money.js';

/*
 * The tables of the contexts are checked when the code is type-checked; the `@ts-expect-error` lines
 * below are checked there too, and prove that a drift between a payload type and its schema is caught
 * whichever side it is on.
 */

interface NotedData {
  readonly noteId: string;
  readonly text: string;
  readonly tip?: Money;
  readonly notedAt: string;
}
type Noted = DomainEvent<'Noted', NotedData>;
type Erased = DomainEvent<'Erased', { readonly noteId: string }>;

const noteId = id('note-1');
const notedFields = { noteId, text: text('Call back'), notedAt: instant() };
const erased = eventType('note', 'A note was erased.', object({ noteId }));

describe('an event schema table', () => {
  const table = eventSchemaTable<Noted | Erased>()({
    Noted: eventType('note', 'A note was taken.', object(notedFields, { tip: money() })),
    Erased: erased,
  });

  it('lists its event types in its order', () => {
    expect(eventTypesOf(table)).toEqual(['Noted', 'Erased']);
  });

  it('gives each definition the type it is listed under', () => {
    expect(definitionsOf(table).map((definition) => [definition.type, definition.categories])).toEqual([
      ['Noted', ['note']],
      ['Erased', ['note']],
    ]);
  });

  it('refuses a schema without an optional field of the payload type', () => {
    eventSchemaTable<Noted | Erased>()({
      // @ts-expect-error the schema lacks `tip`
      Noted: eventType('note', 'A note was taken.', object(notedFields)),
      Erased: erased,
    });
  });

  it('refuses a schema with a field the payload type lacks', () => {
    eventSchemaTable<Noted | Erased>()({
      // @ts-expect-error the payload type lacks `author`
      Noted: eventType('note', 'A note was taken.', object(notedFields, { tip: money(), author: id('emp-anna') })),
      Erased: erased,
    });
  });

  it('refuses a field required on one side and optional on the other', () => {
    eventSchemaTable<Noted | Erased>()({
      // @ts-expect-error `tip` is optional in the payload type
      Noted: eventType('note', 'A note was taken.', object({ ...notedFields, tip: money() })),
      Erased: erased,
    });
  });

  it('refuses a field of another type', () => {
    eventSchemaTable<Noted | Erased>()({
      // @ts-expect-error `tip` is money, not text
      Noted: eventType('note', 'A note was taken.', object(notedFields, { tip: text('a coffee') })),
      Erased: erased,
    });
  });

  it('refuses a table that misses an event type', () => {
    // @ts-expect-error `Erased` is missing
    eventSchemaTable<Noted | Erased>()({ Noted: eventType('note', 'A note was taken.', object(notedFields, { tip: money() })) });
  });

  it('checks the current version, not the older ones', () => {
    eventSchemaTable<Noted | Erased>()({
      Noted: {
        categories: ['note'],
        description: 'A note was taken.',
        versions: [
          { version: 1, schema: object({ noteId, notedAt: instant() }) },
          { version: 2, schema: object(notedFields, { tip: money() }), upcastFrom: (previous) => ({ ...(previous as object), text: '-' }) },
        ],
      },
      Erased: erased,
    });
    eventSchemaTable<Noted | Erased>()({
      // @ts-expect-error the current version lacks `tip`
      Noted: {
        categories: ['note'],
        description: 'A note was taken.',
        versions: [
          { version: 1, schema: object(notedFields, { tip: money() }) },
          { version: 2, schema: object(notedFields), upcastFrom: (previous) => previous },
        ],
      },
      Erased: erased,
    });
  });
});
