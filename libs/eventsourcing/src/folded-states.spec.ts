import type { EventStore, ReadStreamOptions } from './event-store.js';
import { FoldedStates } from './folded-states.js';
import { recorded } from './testing.js';

type Counted = { readonly type: 'Counted'; readonly data: { readonly by: number } };

/** Deciders as a factory makes them: each its own object, sharing the module's `evolve`. */
const addUp = (total: number, event: Counted): number => total + event.data.by;
const counter = () => ({ initialState: () => 0, evolve: addUp });

/** A stream of `Counted` events held in a list, and the revisions each read started from: all `stateOf` asks of a store. */
function streamOf(...by: number[]) {
  const starts: number[] = [];
  const events = by.map((step, revision) => recorded({ type: 'Counted', data: { by: step } }, { revision }));
  const store = {
    async *readStream(_streamId: string, options: ReadStreamOptions = {}) {
      starts.push(options.fromRevision ?? 0);
      yield* events.slice(options.fromRevision ?? 0);
    },
  } as unknown as EventStore;
  return { store, starts, append: (step: number) => events.push(recorded({ type: 'Counted', data: { by: step } }, { revision: events.length })) };
}

describe('FoldedStates', () => {
  it('reads a stream again from the revision after the one it folded up to', async () => {
    const stream = streamOf(1, 2);
    const states = new FoldedStates(8);
    expect(await states.stateOf(stream.store, counter(), 's-1')).toEqual({ state: 3, revision: 1 });
    stream.append(4);
    expect(await states.stateOf(stream.store, counter(), 's-1')).toEqual({ state: 7, revision: 2 });
    expect(stream.starts).toEqual([0, 2]);
  });

  it('shares what deciders with one evolve folded, and folds anew for another evolve', async () => {
    const stream = streamOf(1, 2);
    const states = new FoldedStates(8);
    await states.stateOf(stream.store, counter(), 's-1');
    await states.stateOf(stream.store, counter(), 's-1');
    const doubled = { initialState: () => 0, evolve: (total: number, event: Counted) => total + 2 * event.data.by };
    expect(await states.stateOf(stream.store, doubled, 's-1')).toEqual({ state: 6, revision: 1 });
    expect(stream.starts).toEqual([0, 2, 0]);
  });

  it('folds anew for a decider with the same evolve but another initial state', async () => {
    const stream = streamOf(1, 2);
    const states = new FoldedStates(8);
    await states.stateOf(stream.store, counter(), 's-1');
    expect(await states.stateOf(stream.store, { initialState: () => 100, evolve: addUp }, 's-1')).toEqual({ state: 103, revision: 1 });
    expect(stream.starts).toEqual([0, 0]);
  });

  it('forgets the stream read least recently past its capacity', async () => {
    const stream = streamOf(5);
    const states = new FoldedStates(1);
    await states.stateOf(stream.store, counter(), 's-1');
    await states.stateOf(stream.store, counter(), 's-2');
    expect(await states.stateOf(stream.store, counter(), 's-1')).toEqual({ state: 5, revision: 0 });
    expect(stream.starts).toEqual([0, 0, 0]);
  });
});
