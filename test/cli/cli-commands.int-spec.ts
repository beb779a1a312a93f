import { jest } from '@jest/globals';
import { newId, ProjectionHost, projectionLease, type EventToAppend, type Lease } from '#kernel';
import type { Stores } from '#persistence';
import { allProjections } from '#projections/index.js';
import { tailEvents } from '../../apps/cli/src/commands/events.js';
import {
  CommandRefusedError,
  listProjections,
  PROJECTION_BUSY_EXIT_CODE,
  rebuildProjection,
} from '../../apps/cli/src/commands/projections.js';
import { openTempStores, type TempStores } from '../support/temp-stores.js';

function opened(): EventToAppend {
  return {
    eventId: newId(),
    type: 'CareCaseOpened',
    data: { clientId: 'c-1' },
    metadata: { occurredAt: '2026-03-02T10:00:00.000Z', actor: { id: 'a', roles: [] }, correlationId: 'c', causationId: null, schemaVersion: 1 },
  };
}

const REBUILD = { leaseTtlMs: 60_000 };

describe('cli commands', () => {
  let temp: TempStores;
  let stores: Stores;
  const never = new AbortController().signal;

  beforeEach(async () => {
    temp = openTempStores();
    stores = { events: temp.events, reads: temp.reads, idempotency: temp.idempotency, ledger: temp.events.ledger, close: () => temp.cleanup() };
    await temp.events.append('careCase-1', [opened(), opened()]);
    await temp.events.append('survey-1', [{ ...opened(), type: 'SurveyAnswered' }]);
  });
  afterEach(() => temp.cleanup());

  it('events tail prints the log as NDJSON after a position, filtered, up to a limit', async () => {
    const lines: string[] = [];
    const printed = await tailEvents(temp.events, { from: 1n, filter: {}, follow: false, signal: never }, (line) => lines.push(line));
    expect(printed).toBe(2);
    expect(lines.map((line) => JSON.parse(line).position)).toEqual(['2', '3']);

    lines.length = 0;
    await tailEvents(temp.events, { filter: { categories: ['survey'] }, follow: false, signal: never }, (line) => lines.push(line));
    expect(lines.map((line) => JSON.parse(line).type)).toEqual(['SurveyAnswered']);

    lines.length = 0;
    await tailEvents(temp.events, { limit: 1, filter: {}, follow: true, signal: never }, (line) => lines.push(line));
    expect(lines).toHaveLength(1);
  });

  it('projections rebuild fills a fresh generation and list shows it caught up', async () => {
    const log = jest.spyOn(console, 'log').mockImplementation(() => undefined);
    const table = jest.spyOn(console, 'table').mockImplementation(() => undefined);
    try {
      await rebuildProjection(stores, allProjections, 'eventActivity', REBUILD);
      const groups = await temp.reads.aggregateFacts({ metric: 'events.recorded', groupBy: { dims: ['type'] }, measures: ['count'] });
      expect(groups.map((g) => [g.dims.type, g.sums.count])).toEqual([
        ['CareCaseOpened', 2],
        ['SurveyAnswered', 1],
      ]);

      await listProjections(stores, allProjections);
      expect(table.mock.calls[0]![0]).toContainEqual(
        expect.objectContaining({ projection: 'eventActivity', checkpoint: '3', lag: '0', 'needs rebuild': 'no' }),
      );
      await expect(rebuildProjection(stores, allProjections, 'nope', REBUILD)).rejects.toThrow(/no projection named nope/);
    } finally {
      log.mockRestore();
      table.mockRestore();
    }
  });

  describe('projections rebuild and the projection lease', () => {
    const lease = projectionLease('eventActivity');
    let log: ReturnType<typeof jest.spyOn>;

    beforeEach(() => {
      log = jest.spyOn(console, 'log').mockImplementation(() => undefined);
    });
    afterEach(() => log.mockRestore());

    /** Runs `before` ahead of every commit of the rebuild, i.e. while the rebuild is under way. */
    function beforeEachCommit(before: () => Promise<void>): void {
      const commit = temp.reads.commit.bind(temp.reads);
      temp.reads.commit = async (batch) => {
        await before();
        return commit(batch);
      };
    }

    async function refusal(rebuild: Promise<void>): Promise<CommandRefusedError> {
      const error = await rebuild.then(
        () => undefined,
        (caught: unknown) => caught,
      );
      expect(error).toBeInstanceOf(CommandRefusedError);
      return error as CommandRefusedError;
    }

    it('holds the lease while it rebuilds, so that a projector stands by, and releases it at the end', async () => {
      const projectorTries: (Lease | undefined)[] = [];
      beforeEachCommit(async () => {
        projectorTries.push(await temp.reads.acquireLease(lease, 'projector', 60_000));
      });

      await rebuildProjection(stores, allProjections, 'eventActivity', { ...REBUILD, holder: 'cli' });

      expect(projectorTries).toEqual([undefined]);
      expect(await temp.reads.acquireLease(lease, 'projector', 60_000)).toMatchObject({ holder: 'projector' });
    });

    it('is refused with its own exit code while a projector runs the projection, and writes nothing', async () => {
      const projector = new ProjectionHost(allProjections.filter((p) => p.name === 'eventActivity'), temp.events, temp.reads, {
        lease: { holder: 'projector', ttlMs: 60_000 },
      });
      projector.start();
      try {
        expect(await projector.waitFor((await temp.events.headPosition())!, 5_000)).toBe(true);
        const before = await temp.reads.generations('eventActivity');

        const error = await refusal(rebuildProjection(stores, allProjections, 'eventActivity', REBUILD));

        expect(error.exitCode).toBe(PROJECTION_BUSY_EXIT_CODE);
        expect(await temp.reads.generations('eventActivity')).toEqual(before);
      } finally {
        await projector.stop();
      }
    });

    it('stops writing when it loses the lease mid-way, leaving the active generation serving', async () => {
      await rebuildProjection(stores, allProjections, 'eventActivity', REBUILD);
      const active = (await temp.reads.generations('eventActivity')).find((g) => g.status === 'active');
      await temp.events.append('careCase-2', [opened()]);
      beforeEachCommit(async () => {
        await temp.reads.releaseLease(lease, 'cli');
        await temp.reads.acquireLease(lease, 'projector', 60_000);
      });

      const error = await refusal(rebuildProjection(stores, allProjections, 'eventActivity', { ...REBUILD, holder: 'cli' }));

      expect(error.exitCode).toBe(PROJECTION_BUSY_EXIT_CODE);
      expect((await temp.reads.generations('eventActivity')).find((g) => g.status === 'active')).toEqual(active);
      const counted = await temp.reads.aggregateFacts({ metric: 'events.recorded', measures: ['count'] });
      expect(counted.map((group) => group.sums.count)).toEqual([3]);
    });
  });
});
