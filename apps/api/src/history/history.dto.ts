import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { LedgerLeafView } from '../ledger/ledger.dto.js';
import { asList, LimitField } from '../platform/dto-fields.js';
import { Omittable } from '../platform/omittable.js';
import { EVENT_NAME, POSITION, STREAM_ID } from '../platform/wire-patterns.js';
import { Transform, Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsInt, Matches, Max, Min } from 'class-validator';

export const DEFAULT_EVENT_PAGE_SIZE = 100;
export const MAX_EVENT_PAGE_SIZE = 1000;
const MAX_FILTER_VALUES = 20;


/*
 * class-validator checks the decorator nearest to the property first, and only the first broken
 * constraint of a field is reported: the type check goes last in the list.
 */
class EventsPageQuery {
  @LimitField(DEFAULT_EVENT_PAGE_SIZE, MAX_EVENT_PAGE_SIZE, 'Events per page.')
  readonly limit?: number;
}

export class StreamParams {
  @ApiProperty({ example: 'careCase-0190f5c2-7b1e-7c3a-9d2f-5a4b3c2d1e0f', description: '`<category>-<id>`' })
  @Matches(STREAM_ID, { message: 'streamId must be <category>-<id>: a category of letters and digits, a dash, then an id' })
  readonly streamId!: string;
}

export class StreamPageQuery extends EventsPageQuery {
  @ApiPropertyOptional({ minimum: 0, default: 0, description: 'First revision to return (inclusive); pass `next` of the previous page.' })
  @Omittable()
  @Max(Number.MAX_SAFE_INTEGER)
  @Min(0)
  @IsInt({ message: 'fromRevision must be a whole number' })
  @Type(() => Number)
  readonly fromRevision?: number;
}

export class EventPageQuery extends EventsPageQuery {
  @ApiPropertyOptional({
    type: String,
    pattern: POSITION.source,
    example: '42',
    description: 'Return the events after this position (exclusive); pass `next` of the previous page. Absent: from the start.',
  })
  @Omittable()
  @Matches(POSITION, { message: 'fromPosition must be a position (a whole number, as a decimal string)' })
  readonly fromPosition?: string;

  @ApiPropertyOptional({ type: [String], example: ['RefundIssued'], description: 'Only these event types (repeat the parameter for several).' })
  @Omittable()
  @Matches(EVENT_NAME, { each: true, message: 'type must be an event type: a letter, then letters and digits' })
  @ArrayMaxSize(MAX_FILTER_VALUES)
  @IsArray()
  @Transform(asList)
  readonly type?: string[];

  @ApiPropertyOptional({ type: [String], example: ['careCase'], description: 'Only streams of these categories (repeat the parameter for several).' })
  @Omittable()
  @Matches(EVENT_NAME, { each: true, message: 'category must be a stream category: a letter, then letters and digits' })
  @ArrayMaxSize(MAX_FILTER_VALUES)
  @IsArray()
  @Transform(asList)
  readonly category?: string[];
}

class ActorView {
  @ApiProperty({ example: 'apiKey:0190f5c2-7b1e-7c3a-9d2f-5a4b3c2d1e0f' })
  readonly id!: string;

  @ApiProperty({ type: [String], example: ['care-agent'] })
  readonly roles!: readonly string[];
}

class EventMetadataView {
  @ApiProperty({ format: 'date-time', description: 'When it happened in the business.' })
  readonly occurredAt!: string;

  @ApiProperty({ format: 'date-time', description: 'When the store recorded it.' })
  readonly recordedAt!: string;

  @ApiProperty({ type: ActorView })
  readonly actor!: ActorView;

  @ApiProperty({ description: 'The request id of the command that appended it.' })
  readonly correlationId!: string;

  @ApiProperty({ type: String, nullable: true })
  readonly causationId!: string | null;

  @ApiProperty({ description: 'The shape of `data`; older events are shown upcast to the current shape.' })
  readonly schemaVersion!: number;
}

export class RecordedEventView {
  @ApiProperty({ format: 'uuid' })
  readonly eventId!: string;

  @ApiProperty({ example: 'RefundIssued' })
  readonly type!: string;

  @ApiProperty({ example: 'careCase-0190f5c2-7b1e-7c3a-9d2f-5a4b3c2d1e0f' })
  readonly streamId!: string;

  @ApiProperty({ description: '0-based index of the event in its stream.' })
  readonly revision!: number;

  @ApiProperty({ example: '42', description: 'Global position in the log, as a decimal string (64-bit).' })
  readonly position!: string;

  @ApiProperty({ type: 'object', additionalProperties: true })
  readonly data!: unknown;

  @ApiProperty({ type: EventMetadataView })
  readonly metadata!: EventMetadataView;

  @ApiPropertyOptional({
    type: [String],
    example: ['keyHash'],
    description: 'Fields left out of `data` for every reader (hashes of secrets); absent when nothing was left out.',
  })
  readonly redacted?: readonly string[];
}

export class StreamPage {
  @ApiProperty({ type: [RecordedEventView] })
  readonly items!: RecordedEventView[];

  @ApiProperty({ type: Number, nullable: true, description: '`fromRevision` of the next page; null on the last page.' })
  readonly next!: number | null;
}

export class EventPage {
  @ApiProperty({ type: [RecordedEventView] })
  readonly items!: RecordedEventView[];

  @ApiProperty({
    type: String,
    nullable: true,
    example: '142',
    description: '`fromPosition` of the next page; null when no later event matched when this page was read.',
  })
  readonly next!: string | null;
}

export class EventParams {
  @ApiProperty({ example: '42', pattern: POSITION.source, description: "The event's position in the log." })
  @Matches(POSITION, { message: 'position must be a position (a whole number, as a decimal string)' })
  readonly position!: string;
}

/** The event as the store holds it and as its leaf hashes it: enough to recompute the leaf, unless it is shown redacted. */
export class EventLeafView extends LedgerLeafView {
  @ApiProperty({
    description:
      'The payload bytes as stored (UTF-8 RFC 8785 JSON); `data` above may be upcast from them. Redacted like `data` when ' +
      '`recomputable` is false.',
  })
  readonly storedPayload!: string;

  @ApiProperty({ description: 'The metadata bytes as stored (UTF-8 RFC 8785 JSON); redacted like `metadata` when `recomputable` is false.' })
  readonly storedMetadata!: string;

  @ApiProperty({
    description:
      'True when the stored bytes are shown exactly, so that the leaf can be recomputed from them and the envelope. False for an event ' +
      'shown redacted (hashes of secrets, anonymous answers): its bytes no longer hash to `payloadHash` and `metadataHash`, and the leaf ' +
      'is proven as the ledger holds it, `leafHash` with its inclusion proof.',
  })
  readonly recomputable!: boolean;
}

export class LedgeredEventView extends RecordedEventView {
  @ApiProperty({
    type: EventLeafView,
    nullable: true,
    description: 'Its leaf in the ledger; null while a ledger that follows the log (EventStoreDB) has not reached it yet.',
  })
  readonly ledger!: EventLeafView | null;
}
