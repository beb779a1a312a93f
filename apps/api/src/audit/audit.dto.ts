import { applyDecorators } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsIn, IsISO8601, IsString, Matches } from 'class-validator';
import { ValidationError } from '#kernel';
import { AS_OF_FIELD, AsOfQuery, AsOfView } from '../platform/as-of.js';
import { asList, LimitField, NEXT_CURSOR_FIELD, OptionalIdField } from '../platform/dto-fields.js';
import { Omittable } from '../platform/omittable.js';
import { DATE_TIME_WITH_OFFSET, EVENT_NAME, POSITION, STREAM_ID } from '../platform/wire-patterns.js';

export const DEFAULT_AUDIT_PAGE_SIZE = 50;
export const MAX_AUDIT_PAGE_SIZE = 500;
const MAX_FILTER_VALUES = 20;

const DATE_TIME_MESSAGE = '$property must be an ISO-8601 date-time with an offset, e.g. 2026-03-02T09:00:00Z';

export const AUDIT_ORDERS = ['newest', 'oldest'] as const;
export type AuditOrder = (typeof AUDIT_ORDERS)[number];

function NamesField(what: string, example: string): PropertyDecorator {
  return applyDecorators(
    IsArray(),
    ArrayMaxSize(MAX_FILTER_VALUES),
    Matches(EVENT_NAME, { each: true, message: `$property must be ${what}: a letter, then letters and digits` }),
    Omittable(),
    Transform(asList),
    ApiPropertyOptional({ type: [String], example: [example], description: `Only these ${what}s (repeat the parameter for several).` }),
  );
}

function TimeBoundField(description: string): PropertyDecorator {
  return applyDecorators(
    IsString(),
    Matches(DATE_TIME_WITH_OFFSET, { message: DATE_TIME_MESSAGE }),
    IsISO8601({ strict: true }, { message: DATE_TIME_MESSAGE }),
    Omittable(),
    ApiPropertyOptional({ format: 'date-time', example: '2026-03-02T00:00:00Z', description }),
  );
}

/** What slice of the history to read; every filter given must hold. */
export class AuditFilterQuery extends AsOfQuery {
  @ApiPropertyOptional({ example: 'careCase-0190f5c2-7b1e-7c3a-9d2f-5a4b3c2d1e0f', description: 'Only the events of this stream, `<category>-<id>`.' })
  @Matches(STREAM_ID, { message: 'stream must be <category>-<id>: a category of letters and digits, a dash, then an id' })
  @IsString()
  @Omittable()
  readonly stream?: string;

  @NamesField('stream category', 'careCase')
  readonly category?: string[];

  @OptionalIdField('Only the events of entities with this id (the stream id after its category); with `category`, one entity.', 'case-4711')
  readonly entityId?: string;

  @OptionalIdField('Only the events of this actor, as metadata names it (`apiKey:<keyId>`, `anonymous`).', 'apiKey:0190f5c2-7b1e-7c3a-9d2f-5a4b3c2d1e0f')
  readonly actor?: string;

  @NamesField('event type', 'RefundIssued')
  readonly type?: string[];

  @TimeBoundField('Business time (`occurredAt`) from this instant on (inclusive).')
  readonly occurredFrom?: string;

  @TimeBoundField('Business time (`occurredAt`) before this instant (exclusive).')
  readonly occurredTo?: string;

  @TimeBoundField('Recorded (`recordedAt`) from this instant on (inclusive).')
  readonly recordedFrom?: string;

  @TimeBoundField('Recorded (`recordedAt`) before this instant (exclusive).')
  readonly recordedTo?: string;

  @ApiPropertyOptional({ enum: AUDIT_ORDERS, default: 'newest', description: 'Newest first (default) or oldest first, by position in the log.' })
  @IsIn(AUDIT_ORDERS, { message: 'order must be newest or oldest' })
  @Omittable()
  readonly order?: AuditOrder;
}

export class AuditPageQuery extends AuditFilterQuery {
  @ApiPropertyOptional({ type: String, pattern: POSITION.source, example: '1042', description: '`nextCursor` of the previous page (a position); absent for the first page.' })
  @Matches(POSITION, { message: 'cursor must be the nextCursor of a previous page: a position' })
  @Omittable()
  readonly cursor?: string;

  @LimitField(DEFAULT_AUDIT_PAGE_SIZE, MAX_AUDIT_PAGE_SIZE, 'Events per page.')
  readonly limit?: number;
}

/** Refuses a time range that holds no instant, which the field checks alone cannot see. */
export function checkTimeRanges(query: AuditFilterQuery): void {
  checkRange(query.occurredFrom, query.occurredTo, 'occurredTo');
  checkRange(query.recordedFrom, query.recordedTo, 'recordedTo');
}

function checkRange(from: string | undefined, to: string | undefined, field: string): void {
  if (from === undefined || to === undefined || Date.parse(from) < Date.parse(to)) return;
  throw new ValidationError(`the range from ${from} to ${to} holds no instant`, [
    { field, message: 'must be after the start of the range: the start is inclusive, the end exclusive' },
  ]);
}

class AuditActorView {
  @ApiProperty({ example: 'apiKey:0190f5c2-7b1e-7c3a-9d2f-5a4b3c2d1e0f', description: '`anonymous` for anonymous survey answers.' })
  readonly id!: string;

  @ApiProperty({ type: [String], example: ['care-agent'] })
  readonly roles!: readonly string[];
}

/** One event as the audit shows it: the envelope, with its reason and the ids it refers to. */
export class AuditEntryView {
  @ApiProperty({ example: '1042', description: 'Global position in the log, as a decimal string (64-bit).' })
  readonly position!: string;

  @ApiProperty({ format: 'uuid' })
  readonly eventId!: string;

  @ApiProperty({ example: 'RefundIssued', description: 'What was done.' })
  readonly type!: string;

  @ApiProperty({ example: 'careCase-case-4711' })
  readonly streamId!: string;

  @ApiProperty({ example: 'careCase' })
  readonly category!: string;

  @ApiProperty({ example: 'case-4711', description: 'The entity: the stream id after its category.' })
  readonly entityId!: string;

  @ApiProperty({ description: '0-based index of the event in its stream.' })
  readonly revision!: number;

  @ApiProperty({ type: AuditActorView, description: 'Who did it, from the API key that sent the command.' })
  readonly actor!: AuditActorView;

  @ApiProperty({ format: 'date-time', description: 'When it happened in the business.' })
  readonly occurredAt!: string;

  @ApiProperty({ format: 'date-time', description: 'When the store recorded it.' })
  readonly recordedAt!: string;

  @ApiProperty({
    type: String,
    nullable: true,
    example: 'Half of the course was not delivered',
    description: "Why: the event's rationale, reason, comment or note, in that preference; null when it states none.",
  })
  readonly why!: string | null;

  @ApiProperty({ description: 'The request id of the command that appended it.' })
  readonly correlationId!: string;

  @ApiProperty({ type: String, nullable: true, description: 'The event that caused it, for events a process appended.' })
  readonly causationId!: string | null;

  @ApiProperty({
    type: 'object',
    additionalProperties: { oneOf: [{ type: 'string' }, { type: 'array', items: { type: 'string' } }] },
    example: { caseId: 'case-4711', employeeId: 'employee-7' },
    description: 'The evidence: the ids the event refers to, by field.',
  })
  readonly references!: Readonly<Record<string, string | readonly string[]>>;

  @ApiProperty({ description: 'The shape of `data`; older events are shown upcast to the current shape.' })
  readonly schemaVersion!: number;

  @ApiProperty({ type: 'object', additionalProperties: true, description: 'The event data, as the feed and the history show it.' })
  readonly data!: unknown;

  @ApiPropertyOptional({
    type: [String],
    example: ['keyHash'],
    description: 'Fields left out of `data` for every reader (hashes of keys and tokens); absent when nothing was left out.',
  })
  readonly redacted?: readonly string[];
}

export class AuditPage {
  @ApiProperty({ type: [AuditEntryView] })
  readonly items!: AuditEntryView[];

  @ApiProperty({ ...NEXT_CURSOR_FIELD, example: '1041' })
  readonly nextCursor!: string | null;

  @ApiProperty(AS_OF_FIELD)
  readonly asOf!: AsOfView;
}
