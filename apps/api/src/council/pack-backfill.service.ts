import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { MEETING_OPENED, METRICS_PACK_RECORDED, type MeetingOpenedData, type MetricsPackRecordedData } from '#domain/council/index.js';
import { newId } from '#kernel';
import { STORES, type Stores } from '#persistence';
import { SYSTEM_ACTOR } from '../auth/first-admin-key.service.js';
import { CouncilCommands } from './council-commands.service.js';

/** Long enough for read models catching up after a start to move on, short enough not to leave packs missing for long. */
const RETRY_AFTER_MS = 30_000;

/**
 * A one-time step at start-up: meetings opened before packs were recorded get the pack they showed,
 * recomputed as of their pinned position by the rule of that time (the week of the meeting and the
 * week before), in a `MetricsPackRecorded` event of their stream. Which meetings lack one is read from
 * the event log, which is authoritative; once every opened meeting has its pack, the step finds
 * nothing to do. It runs behind the start so that the api serves while the read models catch up to the
 * pinned positions; while a meeting could not be recorded (a read model still behind), it is logged
 * and the step runs again a little later.
 */
@Injectable()
export class PackBackfill implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(PackBackfill.name);
  private retry: NodeJS.Timeout | undefined;

  constructor(
    @Inject(STORES) private readonly stores: Stores,
    private readonly bus: CommandBus,
    private readonly commands: CouncilCommands,
  ) {}

  onApplicationBootstrap(): void {
    this.runInBackground();
  }

  onApplicationShutdown(): void {
    clearTimeout(this.retry);
  }

  /** Records the missing packs; answers the meetings it recorded them for, and those it could not. */
  async run(): Promise<{ readonly recorded: string[]; readonly missed: string[] }> {
    const recorded: string[] = [];
    const missed: string[] = [];
    for (const meetingId of await this.meetingsWithoutPack()) {
      try {
        await this.bus.execute(await this.commands.recordEarlierPack(meetingId, { actor: SYSTEM_ACTOR, correlationId: newId() }));
        recorded.push(meetingId);
      } catch (error) {
        this.logger.warn(`the pack of meeting ${meetingId} was not recorded: ${messageOf(error)}`);
        missed.push(meetingId);
      }
    }
    if (recorded.length > 0) this.logger.log(`recorded the packs of ${recorded.length} meetings opened before packs were recorded`);
    return { recorded, missed };
  }

  private runInBackground(): void {
    this.run().then(
      ({ missed }) => {
        if (missed.length > 0) this.retry = setTimeout(() => this.runInBackground(), RETRY_AFTER_MS).unref();
      },
      (error: unknown) => this.logger.warn(`the packs of earlier meetings were not recorded: ${messageOf(error)}`),
    );
  }

  private async meetingsWithoutPack(): Promise<string[]> {
    const opened: string[] = [];
    const withPack = new Set<string>();
    for await (const event of this.stores.events.readAll({ filter: { types: [MEETING_OPENED, METRICS_PACK_RECORDED] } })) {
      if (event.type === MEETING_OPENED) opened.push((event.data as MeetingOpenedData).meetingId);
      else withPack.add((event.data as MetricsPackRecordedData).meetingId);
    }
    return opened.filter((meetingId) => !withPack.has(meetingId));
  }
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
