import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsArray, IsBoolean, IsIn, IsInt, IsNumber, IsObject, IsString, ValidateNested } from 'class-validator';
import type { Money } from '#domain/shared/money.js';
import {
  MAX_ATTENDANCE_ENTRIES,
  MAX_CORRECTION_REASON_LENGTH,
  MAX_PROVIDER_LENGTH,
  MAX_REASON_LENGTH,
  MAX_SESSION_HOURS,
  MAX_SESSION_TITLE_LENGTH,
  MAX_WEBINAR_TITLE_LENGTH,
  TRAINING_SESSION_KINDS,
  WEBINAR_CONVERSION_TARGET,
  type CancelTrainingSession,
  type CorrectWebinarCounts,
  type RecordWebinar,
  type ScheduleTrainingSession,
  type TrainingSessionKind,
} from '#domain/training/index.js';
import type { AttendanceDocument, TrainingSessionDocument } from '#projections/training/training-sessions.projection.js';
import type { WebinarCorrection, WebinarDocument } from '#projections/training/webinars.projection.js';
import type { RequestOf } from '../platform/command-requests.js';
import { IdField, MoneyDto, MoneyView, OccurredAtField, OptionalIdField, OptionalIdListField, PageQuery } from '../platform/dto-fields.js';
import { Omittable } from '../platform/omittable.js';
import type { RecordAttendanceFields } from './group-training-commands.service.js';

export const TRAINING_SESSION_STATUSES = ['scheduled', 'cancelled'] as const;
type TrainingSessionStatus = (typeof TRAINING_SESSION_STATUSES)[number];

const KIND = {
  enum: TRAINING_SESSION_KINDS,
  example: 'internal',
  description:
    'internal: the planned training for everyone, every 2-3 months, run by an employee (trainerId); external-trainer: a ' +
    'trainer from outside; bought-course: a course bought for the staff. The outside ones name their provider and cost.',
};

export class ScheduleSessionRequest implements RequestOf<ScheduleTrainingSession, 'sessionId'> {
  @OptionalIdField('The session id, when the caller chooses it; default: a new UUIDv7.', 'session-2026-q2')
  readonly id?: string;

  @ApiProperty(KIND)
  @IsIn(TRAINING_SESSION_KINDS)
  @IsString()
  readonly kind!: TrainingSessionKind;

  @ApiProperty({ maxLength: MAX_SESSION_TITLE_LENGTH, example: 'Handling refund requests' })
  @IsString()
  readonly title!: string;

  @OptionalIdField('The employee who runs an internal session.', 'emp-trainer-1')
  readonly trainerId?: string;

  @ApiPropertyOptional({ maxLength: MAX_PROVIDER_LENGTH, example: 'Negotiation School', description: 'Required for the outside kinds.' })
  @Omittable()
  @IsString()
  readonly provider?: string;

  @ApiProperty({ format: 'date-time', example: '2026-04-15T09:00:00Z', description: 'ISO-8601 UTC.' })
  @IsString()
  readonly startsAt!: string;

  @ApiProperty({ exclusiveMinimum: true, minimum: 0, maximum: MAX_SESSION_HOURS, example: 3, description: 'What each attendee trains for.' })
  @IsNumber()
  readonly hours!: number;

  @ApiPropertyOptional({ type: MoneyDto, description: 'Required for an outside trainer or a bought course; refused for an internal session.' })
  @ValidateNested()
  @Type(() => MoneyDto)
  @IsObject()
  @Omittable()
  readonly cost?: MoneyDto;

  @OptionalIdListField({ example: ['refund-handling'] })
  readonly competencyIds?: string[];

  @OccurredAtField()
  readonly occurredAt?: string;
}

class AttendanceEntryDto {
  @IdField('The employee.', 'emp-42')
  readonly employeeId!: string;

  @ApiProperty({ description: 'False corrects an earlier record of attending.' })
  @IsBoolean()
  readonly attended!: boolean;
}

export class AttendanceRequest implements RecordAttendanceFields {
  @ApiProperty({ type: [AttendanceEntryDto], minItems: 1, maxItems: MAX_ATTENDANCE_ENTRIES })
  @ValidateNested({ each: true })
  @Type(() => AttendanceEntryDto)
  @IsArray()
  readonly attendance!: AttendanceEntryDto[];

  @OccurredAtField()
  readonly occurredAt?: string;
}

export class CancelSessionRequest implements RequestOf<CancelTrainingSession, 'sessionId'> {
  @ApiPropertyOptional({ maxLength: MAX_REASON_LENGTH, example: 'The trainer is ill' })
  @Omittable()
  @IsString()
  readonly reason?: string;

  @OccurredAtField()
  readonly occurredAt?: string;
}

export class RecordWebinarRequest implements RequestOf<RecordWebinar, 'webinarId'> {
  @OptionalIdField('The webinar id, when the caller chooses it; default: a new UUIDv7.', 'webinar-2026-03-12')
  readonly id?: string;

  @IdField('The employee (a trainer) who ran it.', 'emp-trainer-1')
  readonly trainerId!: string;

  @ApiProperty({ maxLength: MAX_WEBINAR_TITLE_LENGTH, example: 'Spring sales webinar' })
  @IsString()
  readonly title!: string;

  @ApiProperty({ minimum: 0, example: 120 })
  @IsInt({ message: 'attendees must be a whole number' })
  readonly attendees!: number;

  @ApiProperty({ minimum: 0, example: 30, description: 'Attendees who bought; never more than the attendees.' })
  @IsInt({ message: 'buyers must be a whole number' })
  readonly buyers!: number;

  @OccurredAtField()
  readonly occurredAt?: string;
}

export class CorrectWebinarRequest implements RequestOf<CorrectWebinarCounts, 'webinarId'> {
  @ApiProperty({ minimum: 0, example: 118 })
  @IsInt({ message: 'attendees must be a whole number' })
  readonly attendees!: number;

  @ApiProperty({ minimum: 0, example: 33 })
  @IsInt({ message: 'buyers must be a whole number' })
  readonly buyers!: number;

  @ApiPropertyOptional({ maxLength: MAX_CORRECTION_REASON_LENGTH, example: 'Late sales from the recording' })
  @Omittable()
  @IsString()
  readonly reason?: string;

  @OccurredAtField()
  readonly occurredAt?: string;
}

export class SessionIdParams {
  @IdField('The session id.', 'session-2026-q2')
  readonly id!: string;
}

export class WebinarIdParams {
  @IdField('The webinar id.', 'webinar-2026-03-12')
  readonly id!: string;
}

export class TrainingSessionListQuery extends PageQuery {
  @ApiPropertyOptional({ enum: TRAINING_SESSION_KINDS })
  @Omittable()
  @IsIn(TRAINING_SESSION_KINDS)
  readonly kind?: TrainingSessionKind;

  @ApiPropertyOptional({ enum: TRAINING_SESSION_STATUSES })
  @Omittable()
  @IsIn(TRAINING_SESSION_STATUSES)
  readonly status?: TrainingSessionStatus;

  @OptionalIdField('Only the sessions this employee runs.', 'emp-trainer-1')
  readonly trainerId?: string;
}

export class WebinarListQuery extends PageQuery {
  @OptionalIdField("Only this trainer's webinars.", 'emp-trainer-1')
  readonly trainerId?: string;
}

class AttendanceView implements AttendanceDocument {
  @ApiProperty()
  readonly employeeId!: string;

  @ApiProperty({ type: String, nullable: true, description: 'Their section when recorded.' })
  readonly sectionId!: string | null;

  @ApiProperty()
  readonly attended!: boolean;
}

export class TrainingSessionSummaryView implements TrainingSessionDocument {
  @ApiProperty()
  readonly id!: string;

  @ApiProperty(KIND)
  readonly kind!: TrainingSessionKind;

  @ApiProperty()
  readonly title!: string;

  @ApiProperty({ type: String, nullable: true })
  readonly trainerId!: string | null;

  @ApiProperty({ type: String, nullable: true })
  readonly provider!: string | null;

  @ApiProperty({ format: 'date-time' })
  readonly startsAt!: string;

  @ApiProperty()
  readonly hours!: number;

  @ApiProperty({ type: MoneyView, nullable: true })
  readonly cost!: Money | null;

  @ApiProperty({ type: [String] })
  readonly competencyIds!: readonly string[];

  @ApiProperty({ enum: TRAINING_SESSION_STATUSES })
  readonly status!: TrainingSessionStatus;

  @ApiProperty({ type: [AttendanceView], description: 'Every employee recorded, in the order first recorded.' })
  readonly attendance!: readonly AttendanceView[];

  @ApiProperty({ description: 'Employees recorded as attending.' })
  readonly attendees!: number;

  @ApiProperty({ format: 'date-time' })
  readonly scheduledAt!: string;

  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  readonly cancelledAt!: string | null;

  @ApiProperty({ type: String, nullable: true })
  readonly cancellationReason!: string | null;
}

export class TrainingSessionView extends TrainingSessionSummaryView {
  @ApiProperty({ type: String, example: '42' })
  readonly position!: string;
}

export class TrainingSessionPage {
  @ApiProperty({ type: [TrainingSessionSummaryView], description: 'Earliest start first, then by id.' })
  readonly items!: readonly TrainingSessionSummaryView[];

  @ApiProperty({ type: String, nullable: true })
  readonly nextCursor!: string | null;
}

class WebinarCountsView {
  @ApiProperty()
  readonly attendees!: number;

  @ApiProperty()
  readonly buyers!: number;
}

class WebinarCorrectionView extends WebinarCountsView implements WebinarCorrection {
  @ApiProperty({ type: WebinarCountsView })
  readonly previous!: WebinarCountsView;

  @ApiProperty({ type: String, nullable: true })
  readonly reason!: string | null;

  @ApiProperty({ format: 'date-time' })
  readonly correctedAt!: string;

  @ApiProperty()
  readonly actorId!: string;
}

export class WebinarSummaryView extends WebinarCountsView implements WebinarDocument {
  @ApiProperty()
  readonly id!: string;

  @ApiProperty()
  readonly trainerId!: string;

  @ApiProperty()
  readonly title!: string;

  @ApiProperty({ format: 'date-time' })
  readonly heldAt!: string;

  @ApiProperty({ type: Number, nullable: true, description: 'buyers / attendees; null without attendees.' })
  readonly conversion!: number | null;

  @ApiProperty({ type: Boolean, nullable: true, description: `conversion >= ${WEBINAR_CONVERSION_TARGET} (the trainer KPI's target).` })
  readonly meetsTarget!: boolean | null;

  @ApiProperty({ type: [WebinarCorrectionView] })
  readonly corrections!: readonly WebinarCorrectionView[];
}

export class WebinarView extends WebinarSummaryView {
  @ApiProperty({ type: String, example: '42' })
  readonly position!: string;
}

export class WebinarPage {
  @ApiProperty({ type: [WebinarSummaryView], description: 'Earliest first, then by id.' })
  readonly items!: readonly WebinarSummaryView[];

  @ApiProperty({ type: String, nullable: true })
  readonly nextCursor!: string | null;
}
