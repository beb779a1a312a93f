import { ApiPropertyOptional } from '@nestjs/swagger';
import { Matches } from 'class-validator';
import { ValidationError, type EventStore, type Position } from '#kernel';
import { POSITION } from './wire-patterns.js';
import { Omittable } from './omittable.js';

/** The query parameter of read-your-writes; query DTOs extend it. */
export class MinPositionQuery {
  @ApiPropertyOptional({
    type: String,
    pattern: POSITION.source,
    example: '42',
    description:
      'Read-your-writes: the `position` a command returned. The answer waits (bounded) until the read models ' +
      'have processed it; 503 `READ_MODEL_BEHIND` when they do not in time.',
  })
  @Omittable()
  @Matches(POSITION, { message: 'minPosition must be a position (a whole number, as commands return it)' })
  readonly minPosition?: string;
}

/** A position past the end of the log was never returned nor known: waiting for it or reading as of it makes no sense. */
export async function requireWithinLog(events: Pick<EventStore, 'headPosition'>, position: Position, field: string): Promise<void> {
  const head = (await events.headPosition()) ?? 0n;
  if (position > head) {
    throw new ValidationError(`${field} ${position} lies beyond the end of the log (${head})`, [
      { field, message: `must not exceed the last position of the log, ${head}` },
    ]);
  }
}
