import {
  ConcurrencyError,
  DomainRuleError,
  handleCommand,
  handleCommandSequence,
  ManualClock,
  NotFoundError,
  UpcasterRegistry,
  ValidationError,
  type CommandContext,
  type CommandDependencies,
  type CommandResult,
  type EventStore,
  type RecordedEvent,
  type SequencedCommand,
} from '#kernel';
import { collect } from '../support/collect.js';
import { openTempStores, type TempStores } from '../support/temp-stores.js';
import { tally, type TallyCommand } from '../support/tally.decider.js';

const context: CommandContext = { actor: { id: 'agent-1', roles: ['care-agent'] }, correlationId: 'req-1' };

function readAll(stores: TempStores, streamId: string): Promise<RecordedEvent[]> {
  return collect(stores.events.readStream(streamId));
}

describe('handleCommand on the embedded store', () => {
  let stores: TempStores;
  let clock: ManualClock;
  let deps: CommandDependencies;
  const run = (command: TallyCommand, ctx: Partial<CommandContext> = {}, expectedRevision?: number) =>
    handleCommand(deps, 'tally-t1', tally, command, { ...context, ...ctx }, { expectedRevision });

  beforeEach(() => {
    clock = new ManualClock('2026-03-01T12:00:00.000Z');
    stores = openTempStores(clock);
    deps = {
      store: stores.events,
      clock,
      upcasters: new UpcasterRegistry([{ type: 'CountedUp', fromVersion: 1, upcast: (data) => data }]),
    };
  });
  afterEach(() => stores.cleanup());

  it('appends the decided events with their metadata and returns revision and position', async () => {
    const opened = await run({ type: 'OpenTally', tallyId: 't1', name: 'refunds' });
    const counted = await run({ type: 'CountUp', tallyId: 't1', by: 3 }, { occurredAt: '2026-02-27T08:00:00Z', causationId: 'c-9' });

    expect(opened).toMatchObject({ streamId: 'tally-t1', revision: 0, replayed: false });
    expect(counted.revision).toBe(1);
    expect(counted.position! > opened.position!).toBe(true);

    const [first, second] = await readAll(stores, 'tally-t1');
    expect(first!.metadata).toMatchObject({
      occurredAt: '2026-03-01T12:00:00.000Z',
      actor: { id: 'agent-1', roles: ['care-agent'] },
      correlationId: 'req-1',
      causationId: null,
      schemaVersion: 1,
    });
    expect(second).toMatchObject({
      eventId: counted.events[0]!.eventId,
      type: 'CountedUp',
      data: { tallyId: 't1', by: 3, total: 3 },
      metadata: { occurredAt: '2026-02-27T08:00:00.000Z', causationId: 'c-9', schemaVersion: 2 },
    });
  });

  it('appends nothing when the decider decides nothing', async () => {
    await run({ type: 'OpenTally', tallyId: 't1', name: 'x' });
    await run({ type: 'CloseTally', tallyId: 't1' });
    const result = await run({ type: 'CloseTally', tallyId: 't1' });
    expect(result).toMatchObject({ revision: 1, position: undefined, events: [] });
    expect(await readAll(stores, 'tally-t1')).toHaveLength(2);
  });

  it('appends nothing when a rule or the input is violated', async () => {
    await run({ type: 'OpenTally', tallyId: 't1', name: 'x' });
    await expect(run({ type: 'OpenTally', tallyId: 't1', name: 'x' })).rejects.toBeInstanceOf(DomainRuleError);
    await expect(run({ type: 'CountUp', tallyId: 't1', by: 1 }, { occurredAt: '2026-03-01T12:00:01Z' })).rejects.toBeInstanceOf(
      ValidationError,
    );
    await expect(run({ type: 'CountUp', tallyId: 't1', by: 1 }, { occurredAt: 'yesterday' })).rejects.toBeInstanceOf(
      ValidationError,
    );
    expect(await readAll(stores, 'tally-t1')).toHaveLength(1);
  });

  it('refuses a pinned revision the stream is no longer at, without retrying', async () => {
    await run({ type: 'OpenTally', tallyId: 't1', name: 'x' });
    await run({ type: 'CountUp', tallyId: 't1', by: 1 }, {}, 0);
    const stale = run({ type: 'CountUp', tallyId: 't1', by: 1 }, {}, 0);
    await expect(stale).rejects.toBeInstanceOf(ConcurrencyError);
    await expect(stale).rejects.toMatchObject({ actualRevision: 1 });
    expect(await readAll(stores, 'tally-t1')).toHaveLength(2);
  });

  it('loses no update when writers race on one stream without a pinned revision', async () => {
    await run({ type: 'OpenTally', tallyId: 't1', name: 'x' });
    const writers = await Promise.allSettled(
      Array.from({ length: 8 }, (_, i) => run({ type: 'CountUp', tallyId: 't1', by: i + 1 })),
    );
    expect(writers.every((w) => w.status === 'fulfilled')).toBe(true);
    const events = await readAll(stores, 'tally-t1');
    expect(events.map((e) => e.revision)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8]);
    expect((events.at(-1)!.data as { total: number }).total).toBe(36);
  });

  it('under heavy contention every update is either applied or reported as a conflict, never lost', async () => {
    await run({ type: 'OpenTally', tallyId: 't1', name: 'x' });
    const writers = await Promise.allSettled(
      Array.from({ length: 60 }, () => run({ type: 'CountUp', tallyId: 't1', by: 1 })),
    );
    const applied = writers.filter((w) => w.status === 'fulfilled').length;
    for (const w of writers) if (w.status === 'rejected') expect(w.reason).toBeInstanceOf(ConcurrencyError);
    const events = await readAll(stores, 'tally-t1');
    expect(events).toHaveLength(1 + applied);
    expect((events.at(-1)!.data as { total: number }).total).toBe(applied);
  });

  it('returns the first result for a retried command with the same idempotency key', async () => {
    await run({ type: 'OpenTally', tallyId: 't1', name: 'x' });
    const first = await run({ type: 'CountUp', tallyId: 't1', by: 5 }, { idempotencyKey: 'key-1' });
    await run({ type: 'CountUp', tallyId: 't1', by: 1 });
    const retried = await run({ type: 'CountUp', tallyId: 't1', by: 5 }, { idempotencyKey: 'key-1' });

    expect(retried).toEqual({ ...first, replayed: true });
    expect(await readAll(stores, 'tally-t1')).toHaveLength(3);
  });

  it('stores one result when the same idempotent command arrives twice at once', async () => {
    await run({ type: 'OpenTally', tallyId: 't1', name: 'x' });
    const [a, b] = await Promise.all([
      run({ type: 'CountUp', tallyId: 't1', by: 5 }, { idempotencyKey: 'key-2' }),
      run({ type: 'CountUp', tallyId: 't1', by: 5 }, { idempotencyKey: 'key-2' }),
    ]);
    expect(a.position).toBe(b.position);
    expect(a.events[0]!.eventId).toBe(b.events[0]!.eventId);
    expect(await readAll(stores, 'tally-t1')).toHaveLength(2);
  });
});

describe('handleCommandSequence on the embedded store', () => {
  let stores: TempStores;
  let deps: CommandDependencies;
  let reads: number;
  let appends: number;
  const inTurn = (commands: readonly (TallyCommand | [TallyCommand, Partial<CommandContext>])[]) =>
    handleCommandSequence(
      deps,
      'tally-t1',
      tally,
      commands.map((entry): SequencedCommand<TallyCommand> =>
        Array.isArray(entry) ? { command: entry[0], context: { ...context, ...entry[1] } } : { command: entry, context },
      ),
    );
  const totals = async () => (await readAll(stores, 'tally-t1')).map((event) => (event.data as { total?: number }).total ?? null);

  beforeEach(() => {
    const clock = new ManualClock('2026-03-01T12:00:00.000Z');
    stores = openTempStores(clock);
    reads = 0;
    appends = 0;
    const events = stores.events;
    // Counts what the sequence asks of the store: one read of the stream and one append per attempt.
    const counting: EventStore = Object.create(events, {
      readStream: { value: (...args: Parameters<EventStore['readStream']>) => (reads++, events.readStream(...args)) },
      append: { value: (...args: Parameters<EventStore['append']>) => (appends++, events.append(...args)) },
    });
    deps = { store: counting, clock };
  });
  afterEach(() => stores.cleanup());

  it('decides each command on the state the ones before it left, from one read, and appends them together', async () => {
    const outcomes = await inTurn([
      { type: 'OpenTally', tallyId: 't1', name: 'refunds' },
      { type: 'CountUp', tallyId: 't1', by: 2 },
      [{ type: 'CountUp', tallyId: 't1', by: 3 }, { occurredAt: '2026-02-27T08:00:00Z', correlationId: 'req-2' }],
    ]);

    expect(reads).toBe(1);
    expect(appends).toBe(1);
    const results = outcomes.map((outcome) => ('result' in outcome ? outcome.result : undefined));
    expect(results.map((result) => result?.revision)).toEqual([0, 1, 2]);
    const stored = await readAll(stores, 'tally-t1');
    expect(results.map((result) => result?.position)).toEqual([stored[2]!.position, stored[2]!.position, stored[2]!.position]);
    expect(results.map((result) => result?.events[0]!.eventId)).toEqual(stored.map((event) => event.eventId));
    expect(await totals()).toEqual([null, 2, 5]);
    expect(stored[2]!.metadata).toMatchObject({ occurredAt: '2026-02-27T08:00:00.000Z', correlationId: 'req-2' });
    expect(stored[1]!.metadata).toMatchObject({ occurredAt: '2026-03-01T12:00:00.000Z', correlationId: 'req-1' });
  });

  it('reports a refused command with its error, leaves the state as it was, and goes on', async () => {
    const outcomes = await inTurn([
      { type: 'CountUp', tallyId: 't1', by: 1 },
      { type: 'OpenTally', tallyId: 't1', name: 'refunds' },
      { type: 'CountUp', tallyId: 't1', by: 0 },
      [{ type: 'CountUp', tallyId: 't1', by: 4 }, { occurredAt: '2026-03-02T00:00:00Z' }],
      { type: 'OpenTally', tallyId: 't1', name: 'again' },
      { type: 'CountUp', tallyId: 't1', by: 1 },
    ]);

    const refusals = outcomes.map((outcome) => ('refusal' in outcome ? (outcome.refusal as Error).constructor : 'result'));
    expect(refusals).toEqual([NotFoundError, 'result', ValidationError, ValidationError, DomainRuleError, 'result']);
    expect(outcomes[3]).toEqual({ refusal: expect.any(ValidationError) });
    expect(await totals()).toEqual([null, 1]);
    expect(appends).toBe(1);
  });

  it('appends nothing when every command is refused or decides nothing', async () => {
    await run({ type: 'OpenTally', tallyId: 't1', name: 'x' });
    await run({ type: 'CloseTally', tallyId: 't1' });
    appends = 0;
    const outcomes = await inTurn([{ type: 'CloseTally', tallyId: 't1' }, { type: 'CountUp', tallyId: 't1', by: 1 }]);
    expect(outcomes[0]).toEqual({ result: { streamId: 'tally-t1', revision: 1, position: undefined, events: [], replayed: false } });
    expect(outcomes[1]).toMatchObject({ refusal: expect.any(DomainRuleError) });
    expect(appends).toBe(0);
  });

  it('finds again what an earlier sequence appended under the same keys, and a key repeated within the sequence', async () => {
    const sequence: [TallyCommand, Partial<CommandContext>][] = [
      [{ type: 'OpenTally', tallyId: 't1', name: 'x' }, { idempotencyKey: 'open' }],
      [{ type: 'CountUp', tallyId: 't1', by: 2 }, { idempotencyKey: 'two' }],
      [{ type: 'CountUp', tallyId: 't1', by: 2 }, { idempotencyKey: 'two' }],
      [{ type: 'CountUp', tallyId: 't1', by: 5 }, { idempotencyKey: 'five' }],
    ];
    const first = await inTurn(sequence);
    const [, two, twoAgain] = first.map((outcome) => ('result' in outcome ? outcome.result : undefined));
    expect(twoAgain).toEqual({ ...two, replayed: true });
    expect(await totals()).toEqual([null, 2, 7]);

    appends = 0;
    const again = await inTurn(sequence);
    const stored = await readAll(stores, 'tally-t1');
    // A replay names the position of the command's own last event; the first run named the sequence's.
    const replayed = first.map((outcome) => {
      const result = (outcome as { result: CommandResult }).result;
      return { result: { ...result, position: stored[result.revision]!.position, replayed: true } };
    });
    expect(again).toEqual(replayed);
    expect(appends).toBe(0);
    expect(await totals()).toEqual([null, 2, 7]);
  });

  it('decides again when another writer appended one of its commands, under the same key, after it read the stream', async () => {
    await run({ type: 'OpenTally', tallyId: 't1', name: 'x' });
    const events = deps.store;
    let overtaken = false;
    // The other writer comes in between this sequence's read and its append.
    deps = {
      ...deps,
      store: Object.create(events, {
        append: {
          value: async (...args: Parameters<EventStore['append']>) => {
            if (!overtaken) {
              overtaken = true;
              await handleCommand({ ...deps, store: events }, 'tally-t1', tally, { type: 'CountUp', tallyId: 't1', by: 2 }, { ...context, idempotencyKey: 'two' });
            }
            return events.append(...args);
          },
        },
      }),
    };

    const outcomes = await inTurn([
      [{ type: 'CountUp', tallyId: 't1', by: 2 }, { idempotencyKey: 'two' }],
      [{ type: 'CountUp', tallyId: 't1', by: 3 }, { idempotencyKey: 'three' }],
    ]);

    expect(outcomes.map((outcome) => ('result' in outcome ? outcome.result.replayed : outcome.refusal))).toEqual([true, false]);
    expect(await totals()).toEqual([null, 2, 5]);
  });

  it('loses no update when sequences race on one stream', async () => {
    await run({ type: 'OpenTally', tallyId: 't1', name: 'x' });
    const racing = await Promise.all(
      Array.from({ length: 6 }, () => inTurn([{ type: 'CountUp', tallyId: 't1', by: 1 }, { type: 'CountUp', tallyId: 't1', by: 2 }])),
    );
    expect(racing.flat().every((outcome) => 'result' in outcome)).toBe(true);
    const stored = await totals();
    expect(stored).toHaveLength(13);
    expect(stored.at(-1)).toBe(18);
  });

  const run = (command: TallyCommand) => handleCommand(deps, 'tally-t1', tally, command, context);
});

