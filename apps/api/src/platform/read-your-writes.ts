import { Inject, Injectable } from '@nestjs/common';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, Matches } from 'class-validator';
import { ValidationError } from '#libs/eventsourcing/src/index.js';
import { STORES, type Stores } from '#libs/persistence/src/index.js';
import { ReadModelBehindError } from './http-errors.js';
import { ProjectionProgress } from './projection-progress.js';

/** The query parameter of read-your-writes; query DTOs extend it. */
export class MinPositionQuery {
  @ApiPropertyOptional({
    type: String,
    pattern: '^[0-9]{1,20}$',
    example: '42',
    description:
      'Read-your-writes: the `position` a command returned. The answer waits (bounded) until the read models ' +
      'have processed it; 503 `READ_MODEL_BEHIND` when they do not in time.',
  })
  @IsOptional()
  @Matches(/^[0-9]{1,20}$/, { message: 'minPosition must be a position (a whole number, as commands return it)' })
  readonly minPosition?: string;
}

@Injectable()
export class ReadYourWrites {
  constructor(
    private readonly progress: ProjectionProgress,
    @Inject(STORES) private readonly stores: Stores,
  ) {}

  /**
   * Returns once every read model has processed `minPosition` (at once without one). A position past
   * the end of the log was never returned by a command, so it is refused instead of waited for.
   */
  async catchUp({ minPosition }: MinPositionQuery): Promise<void> {
    if (minPosition === undefined) return;
    const position = BigInt(minPosition);
    const head = (await this.stores.events.headPosition()) ?? 0n;
    if (position > head) {
      throw new ValidationError(`minPosition ${position} lies beyond the end of the log (${head})`, [
        { field: 'minPosition', message: `must not exceed the last position of the log, ${head}` },
      ]);
    }
    if (!(await this.progress.reached(position))) throw new ReadModelBehindError(position, this.progress.timeoutMs);
  }
}
