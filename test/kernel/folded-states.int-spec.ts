import { FoldedStates, handleCommand, ManualClock, type CommandContext, type EventStore } from '#kernel';
import { openTempStores, type TempStores } from '../support/temp-stores.js';
import { tally, type TallyCommand } from '../support/tally.decider.js';

const context: CommandContext = { actor: { id: 'agent-1', roles: ['care-agent'] }, correlationId: 'req-1' };

/** The embedded event store, counting the events its stream reads hand out. */
function countingReads(store: EventStore): { store: EventStore; eventsRead: () => number } {
  let eventsRead = 0;
  const counting = Object.create(store) as EventStore;
  counting.readStream = async function* (streamId, options) {
    for await (const event of store.readStream(streamId, options)) {
      eventsRead += 1;
      yield event;
    }
  };
  return { store: counting, eventsRead: () => eventsRead };
}

function countOpenings(opened: number, event: { type: string }): number {
  return opened + (event.type === 'TallyOpened' ? 1 : 0);
}

describe('FoldedStates', () => {
  let stores: TempStores;
  const run = (streamId: string, command: TallyCommand) =>
    handleCommand({ store: stores.events, clock: new ManualClock('2026-03-01T12:00:00.000Z') }, streamId, tally, command, context);

  beforeEach(async () => {
    stores = openTempStores();
    await run('tally-a', { type: 'OpenTally', tallyId: 'a', name: 'A' });
    for (let by = 1; by <= 50; by++) await run('tally-a', { type: 'CountUp', tallyId: 'a', by });
  });
  afterEach(() => stores.cleanup());

  it('folds a stream once, then reads only what was appended since', async () => {
    const { store, eventsRead } = countingReads(stores.events);
    const folded = new FoldedStates(8);
    expect(await folded.stateOf(store, tally, 'tally-a')).toEqual({ state: { status: 'open', total: 1275 }, revision: 50 });
    expect(eventsRead()).toBe(51);

    expect(await folded.stateOf(store, tally, 'tally-a')).toEqual({ state: { status: 'open', total: 1275 }, revision: 50 });
    expect(eventsRead()).toBe(51);

    await run('tally-a', { type: 'CountUp', tallyId: 'a', by: 5 });
    await run('tally-a', { type: 'CloseTally', tallyId: 'a' });
    expect(await folded.stateOf(store, tally, 'tally-a')).toEqual({ state: { status: 'closed', total: 1280 }, revision: 52 });
    expect(eventsRead()).toBe(53);
  });

  it('folds a stream afresh for another fold of it, and for a stream it let go past its capacity', async () => {
    await run('tally-b', { type: 'OpenTally', tallyId: 'b', name: 'B' });
    const { store, eventsRead } = countingReads(stores.events);
    const folded = new FoldedStates(1);
    const countingOpenings = { initialState: () => 0, evolve: (opened: number, event: { type: string }) => opened + (event.type === 'TallyOpened' ? 1 : 0) };

    await folded.stateOf(store, tally, 'tally-a');
    expect((await folded.stateOf(store, countingOpenings, 'tally-a')).state).toBe(1);
    expect(eventsRead()).toBe(102);

    await folded.stateOf(store, tally, 'tally-b');
    expect((await folded.stateOf(store, countingOpenings, 'tally-a')).state).toBe(1);
    expect(eventsRead()).toBe(102 + 1 + 51);
  });

  it('shares a fold between deciders made alike, which have one evolve and one initial state, but not across initial states', async () => {
    const { store, eventsRead } = countingReads(stores.events);
    const folded = new FoldedStates(8);
    /** A fold as a decider factory makes one: a new object each time, around the module's `evolve`. */
    const openingsFrom = (start: number) => ({ initialState: () => start, evolve: countOpenings });

    expect((await folded.stateOf(store, openingsFrom(0), 'tally-a')).state).toBe(1);
    expect((await folded.stateOf(store, openingsFrom(0), 'tally-a')).state).toBe(1);
    expect(eventsRead()).toBe(51);

    expect((await folded.stateOf(store, openingsFrom(10), 'tally-a')).state).toBe(11);
    expect(eventsRead()).toBe(102);
  });

  it('knows a stream that does not exist yet as the initial state, and finds its first events later', async () => {
    const folded = new FoldedStates(8);
    expect(await folded.stateOf(stores.events, tally, 'tally-new')).toEqual({ state: { status: 'absent' }, revision: -1 });
    await run('tally-new', { type: 'OpenTally', tallyId: 'new', name: 'New' });
    expect(await folded.stateOf(stores.events, tally, 'tally-new')).toEqual({ state: { status: 'open', total: 0 }, revision: 0 });
  });
});
