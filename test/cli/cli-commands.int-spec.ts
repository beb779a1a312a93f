import { jest } from '@jest/globals';
import { newId, type EventToAppend } from '#libs/eventsourcing/src/index.js';
import type { Stores } from '#libs/persistence/src/index.js';
import { allProjections } from '#projections/index.js';
import { tailEvents } from '../../apps/cli/src/commands/events.js';
import { listProjections, rebuildProjection } from '../../apps/cli/src/commands/projections.js';
import { openTempStores, type TempStores } from '../support/temp-stores.js';

function opened(): EventToAppend {
  return {
    eventId: newId(),
    type: 'CareCaseOpened',
    data: { clientId: 'c-1' },
    metadata: { occurredAt: '2026-03-02T10:00:00.000Z', actor: { id: 'a', roles: [] }, correlationId: 'c', causationId: null, schemaVersion: 1 },
  };
}

describe('cli commands', () => {
  let temp: TempStores;
  let stores: Stores;
  const never = new AbortController().signal;

  beforeEach(async () => {
    temp = openTempStores();
    stores = { events: temp.events, reads: temp.reads, close: () => temp.cleanup() };
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
      await rebuildProjection(stores, allProjections, 'eventActivity');
      const groups = await temp.reads.aggregateFacts({ metric: 'events.recorded', groupBy: { dims: ['type'] }, measures: ['count'] });
      expect(groups.map((g) => [g.dims.type, g.sums.count])).toEqual([
        ['CareCaseOpened', 2],
        ['SurveyAnswered', 1],
      ]);

      await listProjections(stores, allProjections);
      expect(table.mock.calls[0]![0]).toContainEqual(
        expect.objectContaining({ projection: 'eventActivity', checkpoint: '3', lag: '0', 'needs rebuild': 'no' }),
      );
      await expect(rebuildProjection(stores, allProjections, 'nope')).rejects.toThrow(/no projection named nope/);
    } finally {
      log.mockRestore();
      table.mockRestore();
    }
  });
});
