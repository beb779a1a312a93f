import { v5 as uuidv5 } from 'uuid';
import {
  EventSchemaRegistry,
  EventSchemaViolation,
  LeaseLostError,
  newId,
  processCommand,
  processManagerCheckpoint,
  ProcessManagerHost,
  ProjectionHost,
  systemClock,
  type EventToAppend,
  type ProcessManager,
  type Projection,
  type ProjectionBatch,
  type ReadStore,
} from '#kernel';
import { SqliteEventStore, SqliteReadStore } from '#stores/sqlite';
import { fixtureEvent } from '../support/audit.js';
import { collect } from '../support/collect.js';
import { tally } from '../support/tally.decider.js';
import { openTempStores, type TempStores } from '../support/temp-stores.js';
import { until } from '../support/until.js';

/*
 * A process manager on the real embedded stores: on `TallyRequested` it opens the tally, unless the
 * `tallies` read model shows it open already (its own earlier command), naming it after the requests
 * the read model counted as of the event.
 */

interface TallyRow {
  readonly requests: number;
  readonly open: boolean;
}

const tallies: Projection<TallyRow> = {
  name: 'tallies',
  version: 1,
  handles: ['TallyRequested', 'TallyOpened'],
  documentId: (event) => (event.data as { tallyId: string }).tallyId,
  evolve: (row, event) =>
    event.type === 'TallyRequested' ? { requests: (row?.requests ?? 0) + 1, open: row?.open ?? false } : { requests: row?.requests ?? 0, open: true },
};

const NAMESPACE = '9b2e6f4a-1c3d-4e5f-8a7b-6c5d4e3f2a1b';

const opener: ProcessManager = {
  name: 'tallyOpener',
  handles: ['TallyRequested'],
  awaits: ['tallies'],
  async react(event, reads: ReadStore) {
    const { tallyId } = event.data as { tallyId: string };
    const asOfEvent = (await reads.get<TallyRow>('tallies', tallyId, { asOf: event.position }))?.data;
    if (asOfEvent === undefined) throw new Error(`the read model had not processed ${event.position} when the manager read it`);
    if ((await reads.get<TallyRow>('tallies', tallyId))!.data.open) return [];
    return [processCommand(`tally-${tallyId}`, tally, { type: 'OpenTally', tallyId, name: `opened on request ${asOfEvent.requests}` })];
  },
};

function requested(tallyId: string): EventToAppend {
  return fixtureEvent('TallyRequested', { tallyId }, 'a', new Date().toISOString());
}

/** The read store with its `commit` replaced, everything else as it is. */
function withCommit(reads: ReadStore, commit: (batch: ProjectionBatch, commitToStore: (batch: ProjectionBatch) => Promise<void>) => Promise<void>): ReadStore {
  return new Proxy(reads, {
    get: (target, property) => {
      if (property === 'commit') return (batch: ProjectionBatch) => commit(batch, (accepted) => target.commit(accepted));
      const value: unknown = Reflect.get(target, property, target);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
}

describe('process managers on the embedded stores', () => {
  let stores: TempStores;
  let projections: ProjectionHost;
  let hosts: ProcessManagerHost[];
  /** What the hosts reported: failures they retry, and commands the domain refused. */
  let errors: unknown[];

  const host = (events = stores.events, reads: ReadStore = stores.reads, holder = newId(), schemas?: EventSchemaRegistry) => {
    const created = new ProcessManagerHost([opener], events, reads, {
      clock: systemClock,
      schemas,
      retryDelayMs: 10,
      lease: { holder, ttlMs: 300 },
      onError: (error) => errors.push(error),
    });
    hosts.push(created);
    created.start();
    return created;
  };
  const head = async () => (await stores.events.headPosition())!;
  const opened = async () => (await collect(stores.events.readAll())).filter((event) => event.type === 'TallyOpened');
  const processed = (manager: ProcessManagerHost) => async () => (await manager.runner('tallyOpener')!.waitFor(await head(), 5_000)) || false;

  beforeEach(() => {
    stores = openTempStores();
    projections = new ProjectionHost([tallies], stores.events, stores.reads, { retryDelayMs: 10 });
    projections.start();
    hosts = [];
    errors = [];
  });

  afterEach(async () => {
    await Promise.all(hosts.map((manager) => manager.stop()));
    await projections.stop();
    await stores.cleanup();
  });

  it('reacts once the read model has the event, and sees its own earlier commands there', async () => {
    const manager = host();
    await stores.events.append('request-1', [requested('t1')]);
    await stores.events.append('request-2', [requested('t1')]);
    await stores.events.append('request-3', [requested('t2')]);

    await until('the manager processed the log', processed(manager));
    const events = await opened();
    expect(events.map((event) => [event.streamId, event.data])).toEqual([
      ['tally-t1', { tallyId: 't1', name: 'opened on request 1' }],
      ['tally-t2', { tallyId: 't2', name: 'opened on request 1' }],
    ]);
    expect(events[0]!.metadata).toMatchObject({ actor: { id: 'process:tallyOpener' }, causationId: expect.any(String) });
    // Neither a read before the read model had the event, nor a second opening of t1 the domain refused.
    expect(errors).toEqual([]);
  });

  it('checks what its commands append against the event schemas, as every command of the app is checked', async () => {
    const noTallyOpened = new EventSchemaRegistry([]);
    host(stores.events, stores.reads, newId(), noTallyOpened);
    await stores.events.append('request-1', [requested('t1')]);

    await until('the manager reported the event it may not append', () => errors.length > 0);
    expect(errors[0]).toBeInstanceOf(EventSchemaViolation);
    expect(await opened()).toEqual([]);
  });

  it('keeps its checkpoint in the read store and resumes after it on restart, proposing nothing again', async () => {
    const first = host();
    await stores.events.append('request-1', [requested('t1')]);
    await until('the first run processed the log', processed(first));
    await first.stop();
    const [checkpoint] = await stores.reads.generations(processManagerCheckpoint('tallyOpener'));
    expect(checkpoint).toMatchObject({ status: 'active', checkpoint: await head() });

    await stores.events.append('request-2', [requested('t2')]);
    const restarted = host();
    await until('the restarted manager processed the log', processed(restarted));

    expect((await opened()).map((event) => event.streamId)).toEqual(['tally-t1', 'tally-t2']);
  });

  it('commits its checkpoint after a batch it reacted to; past events that call for nothing, only after a while or when it stops', async () => {
    const manager = new ProcessManagerHost([opener], stores.events, stores.reads, { clock: systemClock, retryDelayMs: 10, idleCheckpointMs: 60_000 });
    hosts.push(manager);
    manager.start();
    const stored = async () => (await stores.reads.generations(processManagerCheckpoint('tallyOpener')))[0]?.checkpoint;

    const { position: reactedTo } = await stores.events.append('request-1', [requested('t1')]);
    await until('the manager processed its own command', processed(manager));
    expect(await stored()).toBe(reactedTo);

    await stores.events.append('elsewhere-1', [fixtureEvent('SomethingElse', {}, 'a', new Date().toISOString())]);
    await until('the manager processed the log', processed(manager));
    expect(manager.status()[0]!.checkpoint).toBe(await head());
    expect(await stored()).toBe(reactedTo);

    await manager.stop();
    expect(await stored()).toBe(await head());
  });

  it('commits the checkpoint past events that call for nothing idleCheckpointMs later, with no event after them', async () => {
    const manager = new ProcessManagerHost([opener], stores.events, stores.reads, { clock: systemClock, retryDelayMs: 10, idleCheckpointMs: 50 });
    hosts.push(manager);
    manager.start();
    await stores.events.append('elsewhere-1', [fixtureEvent('SomethingElse', {}, 'a', new Date().toISOString())]);
    const { position } = await stores.events.append('elsewhere-2', [fixtureEvent('SomethingElse', {}, 'a', new Date().toISOString())]);
    await until('the checkpoint is committed', async () => (await stores.reads.generations(processManagerCheckpoint('tallyOpener')))[0]?.checkpoint === position);
  });

  it('reports a deferred commit that failed, and tries it again until the store takes it', async () => {
    let refusals = 0;
    const reads = withCommit(stores.reads, async (batch, commitToStore) => {
      if (refusals >= 2) return commitToStore(batch);
      refusals += 1;
      throw new Error('the disk is full');
    });
    const manager = new ProcessManagerHost([opener], stores.events, reads, {
      clock: systemClock,
      retryDelayMs: 10,
      idleCheckpointMs: 20,
      onError: (error) => errors.push(error),
    });
    hosts.push(manager);
    manager.start();

    const { position } = await stores.events.append('elsewhere-1', [fixtureEvent('SomethingElse', {}, 'a', new Date().toISOString())]);
    await until('the checkpoint is committed', async () => (await stores.reads.generations(processManagerCheckpoint('tallyOpener')))[0]?.checkpoint === position);
    expect(errors).toEqual([new Error('the disk is full'), new Error('the disk is full')]);
    expect(manager.status()[0]).toMatchObject({ state: 'live', checkpoint: position });
  });

  it('never commits a failed deferred checkpoint again after a newer one was committed', async () => {
    let failNextSlowly = false;
    let slowFailureStarted = false;
    const committed: bigint[] = [];
    const reads = withCommit(stores.reads, async (batch, commitToStore) => {
      if (failNextSlowly) {
        failNextSlowly = false;
        slowFailureStarted = true;
        await new Promise((resolve) => setTimeout(resolve, 150));
        throw new Error('the disk is full');
      }
      await commitToStore(batch);
      committed.push(batch.checkpoint);
    });
    const manager = new ProcessManagerHost([opener], stores.events, reads, {
      clock: systemClock,
      idleCheckpointMs: 20,
      onError: (error) => errors.push(error),
    });
    hosts.push(manager);
    manager.start();
    await stores.events.append('request-1', [requested('t1')]);
    await until('the tally is opened and the checkpoint committed', async () => committed.at(-1) === (await head()));

    failNextSlowly = true;
    await stores.events.append('elsewhere-1', [fixtureEvent('SomethingElse', {}, 'a', new Date().toISOString())]);
    await until('the deferred commit is under way', () => slowFailureStarted);
    // Asked again for an open tally, the manager reacts with no command: its checkpoint is committed at once.
    const { position } = await stores.events.append('request-1', [requested('t1')]);
    await until('the deferred commit has failed', () => errors.length > 0);
    await until('the newer checkpoint is committed', () => committed.at(-1) === position);
    await new Promise((resolve) => setTimeout(resolve, 100));

    expect(committed.at(-1)).toBe(position);
    expect(committed).toEqual([...committed].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)));
  });

  it('stops quietly when the commit of its last checkpoint is refused, as under a lease lost meanwhile', async () => {
    const reads = withCommit(stores.reads, async () => {
      throw new LeaseLostError({ name: 'processManager:tallyOpener', holder: 'another', token: 2 });
    });
    const manager = new ProcessManagerHost([opener], stores.events, reads, { clock: systemClock, idleCheckpointMs: 60_000, onError: (error) => errors.push(error) });
    hosts.push(manager);
    manager.start();
    await stores.events.append('elsewhere-1', [fixtureEvent('SomethingElse', {}, 'a', new Date().toISOString())]);
    await until('the manager processed the log', processed(manager));

    await manager.stop();
    expect(errors).toEqual([]);
    expect(manager.status()[0]).toMatchObject({ state: 'stopped', lastError: undefined });
    expect((await stores.reads.generations(processManagerCheckpoint('tallyOpener')))[0]?.checkpoint).toBeUndefined();
  });

  it('proposes nothing new when the whole log is processed again from the start', async () => {
    const derived: ProcessManager = {
      ...opener,
      async react(event) {
        const tallyId = uuidv5(event.eventId, NAMESPACE);
        return [processCommand(`tally-${tallyId}`, tally, { type: 'OpenTally', tallyId, name: 'derived' })];
      },
    };
    const run = () => {
      const created = new ProcessManagerHost([derived], stores.events, stores.reads, { clock: systemClock, retryDelayMs: 10 });
      hosts.push(created);
      created.start();
      return created;
    };
    const first = run();
    await stores.events.append('request-1', [requested('t1')]);
    await stores.events.append('request-2', [requested('t2')]);
    await until('the first run processed the log', processed(first));
    await first.stop();
    const before = (await opened()).map((event) => event.eventId);
    expect(before).toHaveLength(2);

    // A lost checkpoint: a fresh generation holds none, so the next run starts from the beginning.
    const fresh = await stores.reads.beginGeneration(processManagerCheckpoint('tallyOpener'), 1);
    await stores.reads.activateGeneration(fresh.id);
    const replay = run();
    await until('the replay processed the log', processed(replay));

    expect((await opened()).map((event) => event.eventId)).toEqual(before);
  });

  it('runs in one host at a time: a second host on the same file stands by and takes over when the first stops', async () => {
    const other = { events: SqliteEventStore.open({ file: stores.file, pollIntervalMs: 20 }), reads: SqliteReadStore.open({ file: stores.file }) };
    try {
      const first = host(stores.events, stores.reads, 'first');
      await until('the first host runs the manager', () => first.status()[0]!.state !== 'idle');
      const standby = host(other.events, other.reads, 'second');
      await stores.events.append('request-1', [requested('t1')]);
      await until('the first host processed the log', processed(first));
      expect(standby.status()[0]).toMatchObject({ state: 'idle', checkpoint: undefined });

      await first.stop();
      await stores.events.append('request-2', [requested('t2')]);
      await until('the standby took over', processed(standby));

      expect((await opened()).map((event) => event.streamId)).toEqual(['tally-t1', 'tally-t2']);
    } finally {
      await Promise.all(hosts.map((manager) => manager.stop()));
      await Promise.allSettled([other.events.close(), other.reads.close()]);
    }
  });
});
