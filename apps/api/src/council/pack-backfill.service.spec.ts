import { jest } from '@jest/globals';
import type { CommandBus } from '@nestjs/cqrs';
import type { AppCommand } from '../platform/entity-commands.js';
import type { Stores } from '#persistence';
import type { ProjectionProgress } from '../platform/projection-progress.service.js';
import type { CouncilCommands } from './council-commands.service.js';
import { PackBackfill } from './pack-backfill.service.js';

describe('PackBackfill', () => {
  const meeting = (meetingId: string, openedAt?: string) => ({ id: meetingId, position: 1n, data: { kind: 'meeting', meetingId, ...(openedAt && { openedAt }) } });
  const pack = (meetingId: string) => ({ id: `pack:${meetingId}`, position: 1n, data: { kind: 'pack', meetingId } });

  function backfill(caughtUp: boolean) {
    const find = jest.fn(async (_collection: string, filter: { kind: string }) =>
      filter.kind === 'meeting'
        ? [meeting('meeting-late', '2026-03-09T09:00:00Z'), meeting('meeting-scheduled'), meeting('meeting-early', '2026-03-02T09:00:00Z'), meeting('meeting-with-pack', '2026-03-16T09:00:00Z')]
        : [pack('meeting-with-pack')],
    );
    const stores = { events: { headPosition: async () => 42n }, reads: { find } } as unknown as Stores;
    const execute = jest.fn(async () => undefined);
    const commands = { recordEarlierPack: jest.fn(async (meetingId: string) => ({ meetingId })) } as unknown as CouncilCommands;
    const progress = { reached: jest.fn(async () => caughtUp) } as unknown as ProjectionProgress;
    return { service: new PackBackfill(stores, { execute } as unknown as CommandBus<AppCommand>, commands, progress), find, execute, progress };
  }

  it('reads nothing and records nothing while the council read model is behind the log, and says so', async () => {
    const { service, find, execute, progress } = backfill(false);
    expect(await service.run()).toBeUndefined();
    expect(progress.reached).toHaveBeenCalledWith(42n, ['council']);
    expect(find).not.toHaveBeenCalled();
    expect(execute).not.toHaveBeenCalled();
  });

  it('records the packs of the opened meetings without one, in the order they were opened', async () => {
    const { service, execute } = backfill(true);
    expect(await service.run()).toEqual({ recorded: ['meeting-early', 'meeting-late'], missed: [] });
    expect(execute).toHaveBeenCalledTimes(2);
  });
});
