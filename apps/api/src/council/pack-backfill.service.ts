import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import type { AppCommand } from '../platform/entity-commands.js';
import { newId } from '#kernel';
import { STORES, type Stores } from '#persistence';
import { COUNCIL, type MeetingDocument, type PackDocument } from '#projections/council/index.js';
import { SYSTEM_ACTOR } from '../auth/first-admin-key.service.js';
import { ProjectionProgress } from '../platform/projection-progress.service.js';
import { CouncilCommands } from './council-commands.service.js';

/** Long enough for read models catching up after a start to move on, short enough not to leave packs missing for long. */
const RETRY_AFTER_MS = 30_000;

/**
 * A one-time step at start-up: meetings opened before packs were recorded get the pack they showed,
 * recomputed as of their pinned position by the rule of that time (the week of the meeting and the
 * week before), in a `MetricsPackRecorded` event of their stream. Which meetings lack one is read from
 * the council's read model once it holds the whole log: a few documents, where reading the log for
 * the two event types would scan all of it at every start. Once every opened meeting has its pack,
 * the step finds nothing to do. It runs behind the start so that the api serves while the read models
 * catch up; while they are behind, or a meeting could not be recorded, it runs again a little later.
 */
@Injectable()
export class PackBackfill implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(PackBackfill.name);
  private retry: NodeJS.Timeout | undefined;

  constructor(
    @Inject(STORES) private readonly stores: Stores,
    private readonly bus: CommandBus<AppCommand>,
    private readonly commands: CouncilCommands,
    private readonly progress: ProjectionProgress,
  ) {}

  onApplicationBootstrap(): void {
    this.runInBackground();
  }

  onApplicationShutdown(): void {
    clearTimeout(this.retry);
  }

  /**
   * Records the missing packs; answers the meetings it recorded them for, and those it could not.
   * Undefined while the council's read model has not caught up with the log.
   */
  async run(): Promise<{ readonly recorded: string[]; readonly missed: string[] } | undefined> {
    const withoutPack = await this.meetingsWithoutPack();
    if (withoutPack === undefined) return undefined;
    const recorded: string[] = [];
    const missed: string[] = [];
    for (const meetingId of withoutPack) {
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
      (outcome) => {
        if (outcome === undefined || outcome.missed.length > 0) this.retry = setTimeout(() => this.runInBackground(), RETRY_AFTER_MS).unref();
      },
      (error: unknown) => this.logger.warn(`the packs of earlier meetings were not recorded: ${messageOf(error)}`),
    );
  }

  /** The opened meetings without a recorded pack, in the order they were opened; undefined while the read model is behind. */
  private async meetingsWithoutPack(): Promise<string[] | undefined> {
    const head = await this.stores.events.headPosition();
    if (head !== undefined && !(await this.progress.reached(head, [COUNCIL]))) return undefined;
    const [meetings, packs] = await Promise.all([
      this.stores.reads.find<MeetingDocument>(COUNCIL, { kind: 'meeting' }),
      this.stores.reads.find<PackDocument>(COUNCIL, { kind: 'pack' }),
    ]);
    const withPack = new Set(packs.map((pack) => pack.data.meetingId));
    return meetings
      .map((meeting) => meeting.data)
      .filter((meeting) => meeting.openedAt !== undefined && !withPack.has(meeting.meetingId))
      .sort((a, b) => (a.openedAt! < b.openedAt! ? -1 : a.openedAt! > b.openedAt! ? 1 : 0))
      .map((meeting) => meeting.meetingId);
  }
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
