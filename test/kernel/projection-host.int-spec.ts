import {
  LeaseLostError,
  ProjectionHost,
  projectionLease,
  type EventStore,
  type EventToAppend,
  type Lease,
  type Projection,
  type ReadStore,
} from '#kernel';
import { SqliteEventStore, SqliteReadStore } from '#stores/sqlite';
import { fixtureEvent } from '../support/audit.js';
import { openTempStores, type TempStores } from '../support/temp-stores.js';
import { until } from '../support/until.js';

interface Tally {
  total: number;
}

const tallies: Projection<Tally> = {
  name: 'tallies',
  version: 1,
  handles: ['CountedUp'],
  documentId: (event) => (event.data as { tallyId: string }).tallyId,
  evolve: (doc, event) => ({ total: (doc?.total ?? 0) + (event.data as { by: number }).by }),
};

function counted(tallyId: string, by: number): EventToAppend {
  return fixtureEvent('CountedUp', { tallyId, by }, 'a', new Date().toISOString());
}

/** Short, so that an expiry comes quickly; the host renews every third of it. */
const TTL_MS = 300;

/**
 * Counts the lease requests the store refuses or fails, fails them all while `down` is set, and holds
 * them back while `frozen` is set, as a process that stopped being scheduled would.
 */
function watchLeases(reads: ReadStore) {
  let thaw = () => {};
  const watch = {
    refused: 0,
    failed: 0,
    down: false,
    frozen: undefined as Promise<void> | undefined,
    freeze() {
      watch.frozen = new Promise((resolve) => (thaw = resolve));
    },
    thaw() {
      watch.frozen = undefined;
      thaw();
    },
  };
  const acquire = reads.acquireLease.bind(reads);
  reads.acquireLease = async (name, holder, ttlMs) => {
    await watch.frozen;
    if (watch.down) {
      watch.failed += 1;
      throw new Error('the read store does not answer');
    }
    const lease = await acquire(name, holder, ttlMs);
    if (!lease) watch.refused += 1;
    return lease;
  };
  return watch;
}

describe('ProjectionHost: two hosts on one SQLite file', () => {
  let stores: TempStores;
  let first: { events: SqliteEventStore; reads: SqliteReadStore };
  let hosts: ProjectionHost[];

  const host = (events: EventStore, reads: ReadStore, holder: string, onChange?: (held: boolean, error?: unknown) => void) => {
    const created = new ProjectionHost([tallies], events, reads, {
      retryDelayMs: 10,
      lease: { holder, ttlMs: TTL_MS, onChange: (_, held, error) => onChange?.(held, error) },
    });
    hosts.push(created);
    return created;
  };
  const totalOf = async (id: string) => (await stores.reads.get<Tally>('tallies', id))?.data.total;
  const stateOf = (projectionHost: ProjectionHost) => projectionHost.runner('tallies')!.status().state;

  beforeEach(() => {
    stores = openTempStores();
    // The first host has connections of its own, as another process would.
    first = { events: SqliteEventStore.open({ file: stores.file, pollIntervalMs: 20 }), reads: SqliteReadStore.open({ file: stores.file }) };
    hosts = [];
  });

  afterEach(async () => {
    await Promise.all(hosts.map((projectionHost) => projectionHost.stop()));
    await Promise.allSettled([first.events.close(), first.reads.close()]);
    await stores.cleanup();
  });

  it('runs a projection in the host holding its lease only; the standby takes over when the holder dies', async () => {
    const holder = host(first.events, first.reads, 'first');
    holder.start();
    await until('the first host runs the projection', () => stateOf(holder) !== 'idle');
    const standbyLeases = watchLeases(stores.reads);
    const standby = host(stores.events, stores.reads, 'second');
    standby.start();

    for (let i = 0; i < 3; i++) await stores.events.append('tally-a', [counted('a', 1)]);
    expect(await holder.waitFor((await stores.events.headPosition())!, 5_000)).toBe(true);
    await until('the standby was refused the lease twice', () => standbyLeases.refused >= 2);
    expect(standby.runner('tallies')!.status()).toMatchObject({ state: 'idle', checkpoint: undefined });

    // A crash: the first host's connections go away without releasing anything; its lease expires.
    await first.reads.close();
    await first.events.close();
    for (let i = 0; i < 2; i++) await stores.events.append('tally-a', [counted('a', 1)]);

    expect(await standby.waitFor((await stores.events.headPosition())!, 10_000)).toBe(true);
    expect(await totalOf('a')).toBe(5);
    expect(stateOf(holder)).toBe('stopped');
  });

  it('releases its leases when it stops, so that another host may take them at once', async () => {
    const holder = host(stores.events, stores.reads, 'first');
    holder.start();
    await until('the host runs the projection', () => stateOf(holder) !== 'idle');
    expect(await stores.reads.acquireLease(projectionLease('tallies'), 'other', 60_000)).toBeUndefined();

    await holder.stop();

    expect(await stores.reads.acquireLease(projectionLease('tallies'), 'other', 60_000)).toMatchObject({ holder: 'other' });
  });

  it('writes nothing once frozen past its lease while another took over, then stands by', async () => {
    const leases = watchLeases(first.reads);
    const changes: { held: boolean; error?: unknown }[] = [];
    const frozen = host(first.events, first.reads, 'frozen', (held, error) => changes.push({ held, error }));
    frozen.start();
    const before = await stores.events.append('tally-a', [counted('a', 1)]);
    expect(await frozen.waitFor(before.position, 5_000)).toBe(true);

    leases.freeze();
    let takeover: Lease | undefined;
    await until('another process took the expired lease', async () => {
      takeover = await stores.reads.acquireLease(projectionLease('tallies'), 'successor', 60_000);
      return takeover !== undefined;
    });
    await stores.events.append('tally-a', [counted('a', 5)]);

    await until('the frozen host stopped its runner', () => stateOf(frozen) === 'stopped');
    expect(await totalOf('a')).toBe(1);
    expect((await stores.reads.generations('tallies'))[0]!.checkpoint).toBe(before.position);

    leases.thaw();
    await until('the frozen host reported the loss', () => changes.length >= 2);
    expect(changes.at(-1)).toEqual({ held: false, error: expect.any(LeaseLostError) });
    expect(stateOf(frozen)).toBe('stopped');
    expect(await stores.reads.acquireLease(projectionLease('tallies'), 'successor', 60_000)).toEqual(takeover);
  });

  it('stops its runner while it cannot renew the lease, and resumes once the store answers again', async () => {
    const leases = watchLeases(stores.reads);
    const changes: { held: boolean; error?: unknown }[] = [];
    const single = host(stores.events, stores.reads, 'single', (held, error) => changes.push({ held, error }));
    single.start();
    await stores.events.append('tally-a', [counted('a', 1)]);
    expect(await single.waitFor((await stores.events.headPosition())!, 5_000)).toBe(true);

    leases.down = true;
    await until('the runner stopped', () => stateOf(single) === 'stopped');
    expect(changes.at(-1)).toEqual({ held: false, error: new Error('the read store does not answer') });

    leases.down = false;
    const next = await stores.events.append('tally-a', [counted('a', 2)]);
    expect(await single.waitFor(next.position, 5_000)).toBe(true);
    expect(await totalOf('a')).toBe(3);
    expect(changes.at(-1)).toEqual({ held: true, error: undefined });
  });
});
