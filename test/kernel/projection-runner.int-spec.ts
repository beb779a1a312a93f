import {
  LeaseLostError,
  ProjectionRunner,
  type EventToAppend,
  type Projection,
} from '#kernel';
import { fixtureEvent } from '../support/audit.js';
import { collect } from '../support/collect.js';
import { openTempStores, type TempStores } from '../support/temp-stores.js';

interface Tally {
  total: number;
  times: number;
}

function tallies(version = 1, evolve?: Projection<Tally>['evolve']): Projection<Tally> {
  return {
    name: 'tallies',
    version,
    handles: ['CountedUp', 'TallyRemoved'],
    documentId: (event) => (event.data as { tallyId: string }).tallyId,
    evolve:
      evolve ??
      ((doc, event) => {
        if (event.type === 'TallyRemoved') return null;
        const by = (event.data as { by: number }).by;
        if (by < 0) throw new Error('a tally never counts down');
        return { total: (doc?.total ?? 0) + by, times: (doc?.times ?? 0) + 1 };
      }),
    facts: (event, { before, after }) =>
      event.type === 'CountedUp'
        ? [
            {
              metric: 'tally.counted',
              occurredAt: event.metadata.occurredAt,
              dims: { tallyId: (event.data as { tallyId: string }).tallyId },
              measures: { by: (after?.total ?? 0) - (before?.total ?? 0) },
            },
          ]
        : [],
  };
}

function counted(tallyId: string, by: number, occurredAt = '2026-03-02T10:00:00.000Z'): EventToAppend {
  return fixtureEvent('CountedUp', { tallyId, by }, 'a', occurredAt);
}

function noise(): EventToAppend {
  return { ...counted('x', 1), type: 'SomethingElse' };
}

describe('ProjectionRunner on the embedded stores', () => {
  let stores: TempStores;
  let runners: ProjectionRunner[];
  const runner = (projection: Projection<Tally>, batchSize = 100) => {
    const created = new ProjectionRunner({ projection, events: stores.events, reads: stores.reads, batchSize, retryDelayMs: 10 });
    runners.push(created);
    return created;
  };
  const totalOf = async (id: string, asOf?: bigint) =>
    (await stores.reads.get<Tally>('tallies', id, { asOf }))?.data.total;
  const weeklySum = async () =>
    (await stores.reads.aggregateFacts({ metric: 'tally.counted', measures: ['by'] })).reduce((sum, g) => sum + g.sums.by!, 0);

  beforeEach(() => {
    stores = openTempStores();
    runners = [];
  });
  afterEach(async () => {
    await Promise.all(runners.map((r) => r.stop()));
    await stores.cleanup();
  });

  it('projects documents and facts, and answers as of any position', async () => {
    const first = await stores.events.append('tally-a', [counted('a', 2)]);
    await stores.events.append('other-1', [noise()]);
    const last = await stores.events.append('tally-a', [counted('a', 3), counted('b', 7)]);
    const projection = runner(tallies());
    projection.start();

    expect(await projection.waitFor(last.position, 5_000)).toBe(true);
    expect(await totalOf('a')).toBe(5);
    expect(await totalOf('a', first.position)).toBe(2);
    expect(await totalOf('b', first.position)).toBeUndefined();
    expect(await weeklySum()).toBe(12);
    expect(projection.status()).toMatchObject({ name: 'tallies', state: 'live', checkpoint: last.position });
    expect(await projection.lag()).toBe(0n);
  });

  it('follows live appends and moves its checkpoint past events it does not handle', async () => {
    const projection = runner(tallies());
    projection.start();
    await stores.events.append('tally-a', [counted('a', 1)]);
    const unrelated = await stores.events.append('other-1', [noise()]);
    expect(await projection.waitFor(unrelated.position, 5_000)).toBe(true);
    expect(await totalOf('a')).toBe(1);
  });

  it('resumes from its checkpoint after a restart without counting anything twice', async () => {
    const projection = runner(tallies(), 3);
    projection.start();
    for (let i = 0; i < 10; i++) await stores.events.append('tally-a', [counted('a', 1)]);
    await projection.waitFor((await stores.events.headPosition())!, 5_000);
    await projection.stop();

    for (let i = 0; i < 5; i++) await stores.events.append('tally-a', [counted('a', 1)]);
    const restarted = runner(tallies(), 3);
    restarted.start();
    expect(await restarted.waitFor((await stores.events.headPosition())!, 5_000)).toBe(true);
    expect(await totalOf('a')).toBe(15);
    expect(await weeklySum()).toBe(15);
  });

  it('skips events a document has already seen when the log is replayed over it', async () => {
    for (let i = 0; i < 6; i++) await stores.events.append('tally-a', [counted('a', 1)]);
    const projection = runner(tallies());
    projection.start();
    const head = (await stores.events.headPosition())!;
    await projection.waitFor(head, 5_000);
    await projection.stop();

    const [generation] = await stores.reads.generations('tallies');
    await stores.reads.commit({ generation: generation!.id, documents: [], facts: [], marks: [], checkpoint: 1n });
    const replaying = runner(tallies());
    replaying.start();
    await replaying.waitFor(head, 5_000);
    expect(await totalOf('a')).toBe(6);
    expect(await weeklySum()).toBe(6);
  });

  it('rebuilds a projection whose version changed while the old version keeps serving, then swaps', async () => {
    for (let i = 0; i < 20; i++) await stores.events.append(`tally-${i % 2}`, [counted(`t${i % 2}`, 1)]);
    const v1 = runner(tallies(1));
    v1.start();
    await v1.waitFor((await stores.events.headPosition())!, 5_000);
    await v1.stop();

    const doubled = tallies(2, (doc, event) => ({
      total: (doc?.total ?? 0) + 2 * (event.data as { by: number }).by,
      times: (doc?.times ?? 0) + 1,
    }));
    const seenDuringRebuild: (number | undefined)[] = [];
    const v2 = runner(doubled, 4);
    await v2.rebuild(async () => {
      seenDuringRebuild.push(await totalOf('t0'));
    });

    expect(seenDuringRebuild.length).toBeGreaterThan(1);
    expect(seenDuringRebuild.every((total) => total === 10)).toBe(true);
    expect(await totalOf('t0')).toBe(20);
    const generations = await stores.reads.generations('tallies');
    expect(generations.filter((g) => g.status === 'active').map((g) => g.version)).toEqual([2]);
  });

  it('starts a rebuild by itself when its version is newer than the active one', async () => {
    await stores.events.append('tally-a', [counted('a', 4)]);
    const v1 = runner(tallies(1));
    v1.start();
    await v1.waitFor((await stores.events.headPosition())!, 5_000);
    await v1.stop();

    const v2 = runner(tallies(2, (_doc, event) => ({ total: -(event.data as { by: number }).by, times: 1 })));
    v2.start();
    const next = await stores.events.append('tally-a', [counted('a', 1)]);
    expect(await v2.waitFor(next.position, 5_000)).toBe(true);
    expect(await totalOf('a')).toBe(-1);
    expect((await stores.reads.generations('tallies')).find((g) => g.status === 'active')?.version).toBe(2);
  });

  it('keeps working after another process rebuilt its projection', async () => {
    await stores.events.append('tally-a', [counted('a', 1)]);
    const live = runner(tallies());
    live.start();
    await live.waitFor((await stores.events.headPosition())!, 5_000);

    await runner(tallies()).rebuild();
    const next = await stores.events.append('tally-a', [counted('a', 1)]);
    expect(await live.waitFor(next.position, 5_000)).toBe(true);
    expect(await totalOf('a')).toBe(2);
    expect(live.status().generation).toBe((await stores.reads.generations('tallies')).find((g) => g.status === 'active')?.id);
  });

  it('stops at an event it cannot project, commits nothing of that batch, and says why', async () => {
    const good = await stores.events.append('tally-a', [counted('a', 1)]);
    const errors: unknown[] = [];
    const projection = new ProjectionRunner({
      projection: tallies(),
      events: stores.events,
      reads: stores.reads,
      retryDelayMs: 10,
      onError: (error) => errors.push(error),
    });
    runners.push(projection);
    projection.start();
    await projection.waitFor(good.position, 5_000);
    await stores.events.append('tally-a', [counted('a', 2), counted('a', -1)]);

    while (errors.length === 0) await new Promise((resolve) => setTimeout(resolve, 10));
    expect(projection.status()).toMatchObject({ state: 'retrying', checkpoint: good.position, lastError: 'a tally never counts down' });
    expect(await totalOf('a')).toBe(1);
    expect(await projection.lag()).toBe(2n);
  });

  it('retries with backoff, instead of failing, while a store does not answer', async () => {
    const outage = { commits: 2, heads: 1 };
    const commit = stores.reads.commit.bind(stores.reads);
    stores.reads.commit = async (batch) => {
      if (outage.commits-- > 0) throw new Error('the read store does not answer');
      return commit(batch);
    };
    const headPosition = stores.events.headPosition.bind(stores.events);
    stores.events.headPosition = async () => {
      if (outage.heads-- > 0) throw new Error('the event store does not answer');
      return headPosition();
    };
    const errors: string[] = [];
    const projection = new ProjectionRunner({
      projection: tallies(),
      events: stores.events,
      reads: stores.reads,
      retryDelayMs: 5,
      onError: (_, status) => errors.push(status.lastError!),
    });
    runners.push(projection);
    const appended = await stores.events.append('tally-a', [counted('a', 4)]);

    projection.start();

    expect(await projection.waitFor(appended.position, 5_000)).toBe(true);
    expect(errors).toEqual(['the event store does not answer', 'the read store does not answer', 'the read store does not answer']);
    expect(await totalOf('a')).toBe(4);
  });

  it('records when each position was recorded, so a time resolves to a position', async () => {
    const first = await stores.events.append('tally-a', [counted('a', 1)]);
    await new Promise((resolve) => setTimeout(resolve, 5));
    const second = await stores.events.append('tally-a', [counted('a', 1)]);
    const projection = runner(tallies());
    projection.start();
    await projection.waitFor(second.position, 5_000);

    const events = await collect(stores.events.readStream('tally-a'));
    expect(await stores.reads.positionAt(new Date(events[0]!.metadata.recordedAt))).toBe(first.position);
    expect(await stores.reads.positionAt(new Date(events[1]!.metadata.recordedAt))).toBe(second.position);
    expect(await stores.reads.positionAt(new Date('2000-01-01T00:00:00Z'))).toBeUndefined();
  });

  it('commits under its lease, and stops without writing a batch once the lease passed to another', async () => {
    const lease = (await stores.reads.acquireLease('projection:tallies', 'runner', 60_000))!;
    const lost: LeaseLostError[] = [];
    const projection = runner(tallies());
    projection.start({ lease, onLost: (error) => lost.push(error) });
    const first = await stores.events.append('tally-a', [counted('a', 1)]);
    expect(await projection.waitFor(first.position, 5_000)).toBe(true);

    await stores.reads.releaseLease('projection:tallies', 'runner');
    await stores.reads.acquireLease('projection:tallies', 'other', 60_000);
    await stores.events.append('tally-a', [counted('a', 5)]);

    while (lost.length === 0) await new Promise((resolve) => setTimeout(resolve, 10));
    expect(lost).toEqual([new LeaseLostError(lease)]);
    expect(projection.status()).toMatchObject({ state: 'stopped', checkpoint: first.position });
    expect(await totalOf('a')).toBe(1);
    expect((await stores.reads.generations('tallies'))[0]!.checkpoint).toBe(first.position);
  });

  it('fails a rebuild under a lease that is no longer current, leaving the active generation serving', async () => {
    await stores.events.append('tally-a', [counted('a', 2)]);
    await runner(tallies()).rebuild();
    const stale = (await stores.reads.acquireLease('projection:tallies', 'cli', 60_000))!;
    await stores.reads.releaseLease('projection:tallies', 'cli');
    await stores.reads.acquireLease('projection:tallies', 'projector', 60_000);

    await expect(runner(tallies(2)).rebuild(undefined, stale)).rejects.toBeInstanceOf(LeaseLostError);

    expect((await stores.reads.generations('tallies')).map((g) => [g.version, g.status, g.checkpoint])).toEqual([
      [1, 'active', expect.any(BigInt)],
      [2, 'building', undefined],
    ]);
    expect(await totalOf('a')).toBe(2);
  });

  it('ends a wait that cannot be met with false', async () => {
    const projection = runner(tallies());
    projection.start();
    expect(await projection.waitFor(1_000_000n, 50)).toBe(false);
  });
});
