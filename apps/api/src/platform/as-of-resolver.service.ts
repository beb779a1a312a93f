import { Inject, Injectable } from '@nestjs/common';
import { ValidationError, type Clock, type Position } from '#kernel';
import { CLOCK, STORES, type Stores } from '#persistence';
import type { ResolvedAsOf } from './as-of.js';
import { ProjectionProgress } from './projection-progress.service.js';
import { requireWithinLog } from './read-your-writes.js';
import { POSITION } from './wire-patterns.js';

/**
 * Turns `asOf` into the position a read of one projection answers as of. A read is always pinned to
 * a position, also without `asOf`, so that what it reflects can be stated and its several queries
 * (a report, the pages of a list) see the same moment.
 */
@Injectable()
export class AsOfResolver {
  constructor(
    @Inject(STORES) private readonly stores: Stores,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly progress: ProjectionProgress,
  ) {}

  /** The moment a read without `asOf` answers as of: what the projection has committed so far. */
  async committed(projection: string): Promise<ResolvedAsOf> {
    return { position: (await this.progress.committedCheckpoint(projection)) ?? null };
  }

  /** The moment `asOf` names, refused when it lies ahead of the log or the clock; not yet waited for. */
  named(asOf: string): Promise<ResolvedAsOf> {
    return POSITION.test(asOf) ? this.atPosition(BigInt(asOf)) : this.atTime(asOf);
  }

  /** A position past the end of the log was never known; answering "as of" it could change later. */
  private async atPosition(position: Position): Promise<ResolvedAsOf> {
    await requireWithinLog(this.stores.events, position, 'asOf');
    return { position, named: true };
  }

  private async atTime(value: string): Promise<ResolvedAsOf> {
    const time = new Date(value);
    if (time.getTime() > this.clock.now().getTime()) {
      throw new ValidationError('asOf lies in the future', [{ field: 'asOf', message: 'must not be in the future' }]);
    }
    return { position: (await this.stores.reads.positionAt(time)) ?? null, time: time.toISOString(), named: true };
  }
}
