import { ManualClock } from './clock.js';
import type { Decider } from './decider.js';
import { ConcurrencyError, DomainRuleError, NotFoundError, ValidationError } from './errors.js';
import type { EventToAppend, RecordedEvent } from './events.js';
import { matchesExpected, type AppendResult, type EventStore, type ExpectedRevision } from './event-store.js';
import { isRefusal, processCommand, processCommandKey, processManagerActor, runReaction, type ProcessCommand } from './process-manager.js';
import { recorded } from './testing.js';

type NoteCommand = { type: 'TakeNote'; noteId: string; text: string };
type NoteEvent = { type: 'NoteTaken'; data: { noteId: string; text: string } };

/** One note per stream: a second note is refused, as a rule of the domain. */
const notes: Decider<NoteCommand, NoteEvent, { taken: number }> = {
  initialState: () => ({ taken: 0 }),
  decide: (command, state) => {
    if (command.text === '') throw new ValidationError('text is empty', [{ field: 'text', message: 'empty' }]);
    if (state.taken > 0 && command.text === 'once') throw new DomainRuleError('NOTE_TAKEN', 'the note is taken');
    return [{ type: 'NoteTaken', data: { noteId: command.noteId, text: command.text } }];
  },
  evolve: (state) => ({ taken: state.taken + 1 }),
};

/** Just enough of an event store for commands: streams in memory, and events already stored by id not stored again. */
class StreamsInMemory {
  readonly streams = new Map<string, RecordedEvent[]>();
  private position = 0n;

  async *readStream(streamId: string): AsyncIterable<RecordedEvent> {
    yield* this.streams.get(streamId) ?? [];
  }

  async append(streamId: string, events: readonly EventToAppend[], expected: ExpectedRevision = 'any'): Promise<AppendResult> {
    const stream = this.streams.get(streamId) ?? [];
    const stored = stream.filter((event) => events.some((candidate) => candidate.eventId === event.eventId));
    if (stored.length > 0) return { streamId, revision: stored.at(-1)!.revision, position: stored.at(-1)!.position };
    if (!matchesExpected(expected, stream.length - 1)) throw new ConcurrencyError(streamId, String(expected), stream.length - 1);
    for (const event of events) {
      this.position += 1n;
      stream.push({
        ...event,
        streamId,
        revision: stream.length,
        position: this.position,
        metadata: { ...event.metadata, recordedAt: '2026-03-02T10:00:00.000Z' },
      });
    }
    this.streams.set(streamId, stream);
    return { streamId, revision: stream.length - 1, position: this.position };
  }

  get all(): RecordedEvent[] {
    return [...this.streams.values()].flat();
  }
}

const trigger = recorded(
  { type: 'SomethingHappened', data: {} },
  {
    eventId: '0190c0de-7f3a-7000-8000-000000000042',
    metadata: { occurredAt: '2026-03-02T09:00:00.000Z', correlationId: 'request-7', actor: { id: 'apiKey:k1', roles: ['trainer'] } },
  },
);

const note = (noteId: string, text: string): ProcessCommand => processCommand(`note-${noteId}`, notes, { type: 'TakeNote', noteId, text });

describe('process manager reactions', () => {
  let store: StreamsInMemory;
  let deps: { store: EventStore; clock: ManualClock };
  let refused: unknown[];
  const run = (commands: readonly ProcessCommand[], event: RecordedEvent = trigger) =>
    runReaction({ name: 'noter' }, event, commands, deps, (error) => refused.push(error));

  beforeEach(() => {
    store = new StreamsInMemory();
    deps = { store: store as unknown as EventStore, clock: new ManualClock('2026-03-02T10:00:00.000Z') };
    refused = [];
  });

  it('appends each command as caused by the event: the manager as actor, the event as cause, its time and correlation', async () => {
    await run([note('a', 'first')]);

    expect(store.all).toEqual([
      expect.objectContaining({
        type: 'NoteTaken',
        data: { noteId: 'a', text: 'first' },
        metadata: expect.objectContaining({
          actor: processManagerActor('noter'),
          causationId: trigger.eventId,
          correlationId: 'request-7',
          occurredAt: '2026-03-02T09:00:00.000Z',
        }),
      }),
    ]);
  });

  it('appends nothing when the same event is processed again: a replay, a restart, a second host', async () => {
    const first = await run([note('a', 'first'), note('b', 'second')]);
    const again = await run([note('a', 'first'), note('b', 'second')]);

    expect(store.all).toHaveLength(2);
    expect(again.map(({ position, replayed }) => ({ position, replayed }))).toEqual(first.map(({ position }) => ({ position, replayed: true })));
  });

  it('tells apart two commands of one event to the same stream, and another event issuing the same command', async () => {
    await run([note('a', 'first'), note('a', 'second')]);
    await run([note('a', 'first'), note('a', 'second')]);
    await run([note('a', 'first')], { ...trigger, eventId: '0190c0de-7f3a-7000-8000-000000000043' });

    expect(store.streams.get('note-a')!.map((event) => event.data)).toEqual([
      { noteId: 'a', text: 'first' },
      { noteId: 'a', text: 'second' },
      { noteId: 'a', text: 'first' },
    ]);
  });

  it('reports a command the domain refuses and still runs the others', async () => {
    await run([note('a', 'first')], { ...trigger, eventId: 'earlier' });

    const results = await run([note('a', 'once'), note('b', ''), note('c', 'third')]);

    expect(refused).toEqual([expect.any(DomainRuleError), expect.any(ValidationError)]);
    expect(results).toHaveLength(1);
    expect(store.streams.get('note-c')).toHaveLength(1);
  });

  it('throws any other failure, for the event to be processed again', async () => {
    store.append = async () => {
      throw new Error('the store does not answer');
    };
    await expect(run([note('a', 'first')])).rejects.toThrow('the store does not answer');
    expect(refused).toEqual([]);
  });

  it('counts rules, bad input and missing entities as refusals, and neither conflicts nor outages', () => {
    expect([new DomainRuleError('R', 'r'), new ValidationError('v'), new NotFoundError('note', 'a')].map(isRefusal)).toEqual([true, true, true]);
    expect([new ConcurrencyError('note-a', '0', 1), new Error('down')].map(isRefusal)).toEqual([false, false]);
  });

  it('keys every command by the manager, the event and its index', () => {
    const keys = new Set([
      processCommandKey('noter', 'event-1', 0),
      processCommandKey('noter', 'event-1', 1),
      processCommandKey('noter', 'event-2', 0),
      processCommandKey('other', 'event-1', 0),
    ]);
    expect(keys.size).toBe(4);
  });
});
