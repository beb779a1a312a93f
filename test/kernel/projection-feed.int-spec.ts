import {
  LeaseLostError,
  ProjectionFeed,
  ProjectionHost,
  ProjectionRunner,
  type EventToAppend,
  type Projection,
} from '#kernel';
import { fixtureEvent } from '../support/audit.js';
import { openTempStores, type TempStores } from '../support/temp-stores.js';
import { until } from '../support/until.js';

interface Tally {
  total: number;
}

/** Sums the `by` of the events of `type` per tally; `failOn` makes it fail on a tally while set. */
function tallyOf(name: string, type: string, failOn?: { tallyId: string | undefined }): Projection<Tally> {
  return {
    name,
    version: 1,
    handles: [type],
    documentId: (event) => (event.data as { tallyId: string }).tallyId,
    evolve: (doc, event) => {
      const { tallyId, by } = event.data as { tallyId: string; by: number };
      if (failOn?.tallyId === tallyId) throw new Error(`${name} cannot count ${tallyId}`);
      return { total: (doc?.total ?? 0) + by };
    },
  };
}

function counted(tallyId: string, by: number, type = 'CountedUp'): EventToAppend {
  return fixtureEvent(type, { tallyId, by }, 'a', new Date().toISOString());
}

/** Counts the reads of the log and the commits of the read store, by kind. */
function countCalls(stores: TempStores) {
  const calls = { subscriptions: 0, reads: 0, commits: 0, sharedCommits: 0, lastSharedBatches: 0 };
  const { events, reads } = stores;
  const subscribeAll = events.subscribeAll.bind(events);
  events.subscribeAll = (options) => {
    calls.subscriptions += 1;
    return subscribeAll(options);
  };
  const readAll = events.readAll.bind(events);
  events.readAll = (options) => {
    calls.reads += 1;
    return readAll(options);
  };
  const commit = reads.commit.bind(reads);
  reads.commit = (batch) => {
    calls.commits += 1;
    return commit(batch);
  };
  const commitBatches = reads.commitBatches.bind(reads);
  reads.commitBatches = (batches) => {
    calls.sharedCommits += 1;
    calls.lastSharedBatches = batches.length;
    return commitBatches(batches);
  };
  return calls;
}

describe('ProjectionFeed: one read of the log for the projections of a host', () => {
  let stores: TempStores;
  let stops: (() => Promise<void>)[];

  const totalOf = async (projection: string, id: string) => (await stores.reads.get<Tally>(projection, id))?.data.total;
  const checkpointOf = async (projection: string) =>
    (await stores.reads.generations(projection)).find((generation) => generation.status === 'active')?.checkpoint;

  beforeEach(() => {
    stores = openTempStores();
    stops = [];
  });

  afterEach(async () => {
    for (const stop of stops) await stop();
    await stores.cleanup();
  });

  it('reads the log once for all its projections, commits their batches together, and moves the checkpoints of those the events do not concern', async () => {
    const calls = countCalls(stores);
    const host = new ProjectionHost(
      [tallyOf('ups', 'CountedUp'), tallyOf('downs', 'CountedDown'), tallyOf('others', 'CountedElsewhere')],
      stores.events,
      stores.reads,
      { retryDelayMs: 10 },
    );
    stops.push(() => host.stop());
    host.start();
    // A runner that starts after the feed has read on catches up alone first: the probes go on
    // until the feed serves all three.
    await until('the feed serves every projection', async () => {
      const probe = await stores.events.append('probe', [counted('p', 1, 'Probed')]);
      return (await host.waitFor(probe.position, 5_000)) && calls.lastSharedBatches === 3;
    });
    const before = { ...calls };

    for (let i = 0; i < 5; i++) await stores.events.append('tally-a', [counted('a', 1), counted('a', 2, 'CountedDown')]);
    const head = (await stores.events.headPosition())!;

    expect(await host.waitFor(head, 5_000)).toBe(true);
    expect(await totalOf('ups', 'a')).toBe(5);
    expect(await totalOf('downs', 'a')).toBe(10);
    expect(await Promise.all(['ups', 'downs', 'others'].map(checkpointOf))).toEqual([head, head, head]);
    expect(calls).toMatchObject({ subscriptions: 1, reads: before.reads, commits: before.commits, lastSharedBatches: 3 });
    expect(calls.sharedCommits).toBeGreaterThan(before.sharedCommits);
  });

  it('lets a projection that fails leave the feed alone, and takes it back once its events project', async () => {
    const failOn = { tallyId: 'b' as string | undefined };
    const errors: string[] = [];
    const host = new ProjectionHost([tallyOf('steady', 'CountedUp'), tallyOf('fragile', 'CountedUp', failOn)], stores.events, stores.reads, {
      retryDelayMs: 10,
      maxRetryDelayMs: 20,
      onError: (_, status) => errors.push(`${status.name}: ${status.lastError}`),
    });
    stops.push(() => host.stop());
    host.start();
    const before = await stores.events.append('tally-a', [counted('a', 1)]);
    expect(await host.waitFor(before.position, 5_000)).toBe(true);

    await stores.events.append('tally-b', [counted('b', 1)]);
    const after = await stores.events.append('tally-a', [counted('a', 1)]);

    expect(await host.runner('steady')!.waitFor(after.position, 5_000)).toBe(true);
    await until('the fragile projection reported its failure', () => errors.length > 0);
    expect(errors[0]).toBe('fragile: fragile cannot count b');
    expect(host.runner('fragile')!.status()).toMatchObject({ state: 'retrying', checkpoint: before.position });
    expect(await totalOf('steady', 'a')).toBe(2);

    failOn.tallyId = undefined;
    const last = await stores.events.append('tally-a', [counted('a', 1)]);
    expect(await host.waitFor(last.position, 5_000)).toBe(true);
    expect(await totalOf('fragile', 'a')).toBe(3);
    expect(await totalOf('fragile', 'b')).toBe(1);
    expect(host.runner('fragile')!.status()).toMatchObject({ state: 'live', lastError: undefined });
  });

  it('has a projection behind the feed catch up alone, then join it', async () => {
    const calls = countCalls(stores);
    const feed = new ProjectionFeed({ events: stores.events, reads: stores.reads });
    const runner = (projection: Projection<Tally>) => {
      const created = new ProjectionRunner({ projection, events: stores.events, reads: stores.reads, feed, retryDelayMs: 10 });
      stops.push(() => created.stop());
      return created;
    };
    const leading = runner(tallyOf('leading', 'CountedUp'));
    leading.start();
    for (let i = 0; i < 20; i++) await stores.events.append('tally-a', [counted('a', 1)]);
    expect(await leading.waitFor((await stores.events.headPosition())!, 5_000)).toBe(true);
    const readsBefore = calls.reads;

    const late = runner(tallyOf('late', 'CountedUp'));
    late.start();
    expect(await late.waitFor((await stores.events.headPosition())!, 5_000)).toBe(true);
    const next = await stores.events.append('tally-a', [counted('a', 1)]);

    expect(await late.waitFor(next.position, 5_000)).toBe(true);
    expect(await leading.waitFor(next.position, 5_000)).toBe(true);
    expect(await totalOf('late', 'a')).toBe(21);
    expect(await totalOf('leading', 'a')).toBe(21);
    expect(calls.reads).toBeGreaterThan(readsBefore);
    expect(calls.subscriptions).toBe(1);
  });

  it('stops only the projection whose lease was lost, writing nothing of it, while the others go on', async () => {
    const feed = new ProjectionFeed({ events: stores.events, reads: stores.reads });
    const leased = async (name: string) => {
      const created = new ProjectionRunner({ projection: tallyOf(name, 'CountedUp'), events: stores.events, reads: stores.reads, feed });
      stops.push(() => created.stop());
      const lease = (await stores.reads.acquireLease(`projection:${name}`, 'host', 60_000))!;
      const lost: LeaseLostError[] = [];
      created.start({ lease, onLost: (error) => lost.push(error) });
      return { runner: created, lease, lost };
    };
    const kept = await leased('kept');
    const taken = await leased('taken');
    const first = await stores.events.append('tally-a', [counted('a', 1)]);
    expect(await taken.runner.waitFor(first.position, 5_000)).toBe(true);
    expect(await kept.runner.waitFor(first.position, 5_000)).toBe(true);

    await stores.reads.releaseLease('projection:taken', 'host');
    await stores.reads.acquireLease('projection:taken', 'other', 60_000);
    const second = await stores.events.append('tally-a', [counted('a', 5)]);

    expect(await kept.runner.waitFor(second.position, 5_000)).toBe(true);
    await until('the runner heard its lease was lost', () => taken.lost.length > 0);
    expect(taken.lost).toEqual([new LeaseLostError(taken.lease)]);
    expect(taken.runner.status()).toMatchObject({ state: 'stopped', checkpoint: first.position });
    expect(await totalOf('taken', 'a')).toBe(1);
    expect(await checkpointOf('taken')).toBe(first.position);
    expect(await totalOf('kept', 'a')).toBe(6);
  });
});
