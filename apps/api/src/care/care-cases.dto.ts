import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsBoolean, IsIn, IsObject, IsString, ValidateNested } from 'class-validator';
import {
  CARE_CASE_EVENT_TYPES,
  CARE_CASE_KINDS,
  CARE_RESOLUTION_OUTCOMES,
  MAX_CHANNEL_LENGTH,
  MAX_NOTE_LENGTH,
  MAX_REASON_LENGTH,
  MAX_SUMMARY_LENGTH,
  RETENTION_METHODS,
  type AssignCareCase,
  type CareCaseEventType,
  type CareCaseKind,
  type CareResolutionOutcome,
  type IssueRefund,
  type OpenCareCase,
  type ResolveCareCase,
  type RetainClient,
  type RetentionMethod,
} from '#domain/care/index.js';
import type {
  CareCaseDecision,
  CareCaseDocument,
  CareOutcome,
  RefundOutcome,
  ResolutionOutcome,
  RetentionOutcome,
} from '#projections/care/care-cases.projection.js';
import { IdField, MoneyDto, MoneyView, NEXT_CURSOR_FIELD, OccurredAtField, OptionalIdField, PageQuery } from '../platform/dto-fields.js';
import { Omittable } from '../platform/omittable.js';
import type { RequestOf } from '../platform/command-requests.js';

export const CARE_CASE_STATUSES = ['open', 'refunded', 'retained', ...CARE_RESOLUTION_OUTCOMES] as const;

export class OpenCareCaseRequest implements RequestOf<OpenCareCase, 'caseId'> {
  @OptionalIdField('The case id, when the client chooses it; default: a new UUIDv7.', '0190f5c2-7b1e-7c3a-9d2f-5a4b3c2d1e0f')
  readonly id?: string;

  @IdField('The client, by id only: never a name, an e-mail or a phone number.', 'client-4711')
  readonly clientId!: string;

  @IdField('The product the client is unhappy with.', 'course-sales')
  readonly productId!: string;

  @OptionalIdField('The section the product belongs to.', 'section-webinars')
  readonly sectionId?: string;

  @ApiProperty({ enum: CARE_CASE_KINDS, example: 'refund-request' })
  @IsIn(CARE_CASE_KINDS)
  @IsString()
  readonly kind!: CareCaseKind;

  @ApiPropertyOptional({ maxLength: MAX_CHANNEL_LENGTH, example: 'phone' })
  @Omittable()
  @IsString()
  readonly channel?: string;

  @ApiPropertyOptional({ maxLength: MAX_SUMMARY_LENGTH, example: 'The course did not match the landing page' })
  @Omittable()
  @IsString()
  readonly summary?: string;

  @OccurredAtField()
  readonly occurredAt?: string;
}

export class AssignCareCaseRequest implements RequestOf<AssignCareCase, 'caseId'> {
  @IdField('The employee who handles the case from now on.', 'agent-7')
  readonly employeeId!: string;

  @OccurredAtField()
  readonly occurredAt?: string;
}

export class IssueRefundRequest implements RequestOf<IssueRefund, 'caseId'> {
  @ApiProperty({ type: MoneyDto, description: 'The money returned; more than nothing.' })
  @ValidateNested()
  @Type(() => MoneyDto)
  @IsObject()
  readonly amount!: MoneyDto;

  @ApiProperty({ description: 'True for the whole price, false for part of it.' })
  @IsBoolean()
  readonly full!: boolean;

  @ApiProperty({ maxLength: MAX_REASON_LENGTH, example: 'The client could not attend the course' })
  @IsString()
  readonly reason!: string;

  @OptionalIdField('The conversation script used.', 'script-refund')
  readonly scriptId?: string;

  @OccurredAtField()
  readonly occurredAt?: string;
}

export class RetainClientRequest implements RequestOf<RetainClient, 'caseId'> {
  @ApiProperty({ enum: RETENTION_METHODS, example: 'exchange', description: 'How the problem was solved while the money stayed.' })
  @IsIn(RETENTION_METHODS)
  @IsString()
  readonly method!: RetentionMethod;

  @ApiProperty({ type: MoneyDto, description: 'The money that stayed in the company; may be nothing (an explanation of a free product).' })
  @ValidateNested()
  @Type(() => MoneyDto)
  @IsObject()
  readonly retained!: MoneyDto;

  @OptionalIdField('The conversation script used.', 'script-exchange')
  readonly scriptId?: string;

  @ApiPropertyOptional({ maxLength: MAX_NOTE_LENGTH, example: 'Moved to the next stream' })
  @Omittable()
  @IsString()
  readonly note?: string;

  @OccurredAtField()
  readonly occurredAt?: string;
}

export class ResolveCareCaseRequest implements RequestOf<ResolveCareCase, 'caseId'> {
  @ApiProperty({
    enum: CARE_RESOLUTION_OUTCOMES,
    example: 'resolved-without-money',
    description: 'Solved with no money moving, or the client left without a refund.',
  })
  @IsIn(CARE_RESOLUTION_OUTCOMES)
  @IsString()
  readonly outcome!: CareResolutionOutcome;

  @ApiPropertyOptional({ maxLength: MAX_NOTE_LENGTH, example: 'Showed the client where the recordings are' })
  @Omittable()
  @IsString()
  readonly note?: string;

  @OccurredAtField()
  readonly occurredAt?: string;
}

export class CareCaseIdParams {
  @IdField('The case id.', '0190f5c2-7b1e-7c3a-9d2f-5a4b3c2d1e0f')
  readonly id!: string;
}

export class CareCaseListQuery extends PageQuery {
  @ApiPropertyOptional({ enum: CARE_CASE_STATUSES })
  @Omittable()
  @IsIn(CARE_CASE_STATUSES)
  readonly status?: (typeof CARE_CASE_STATUSES)[number];

  @OptionalIdField('Only the cases this employee handles now.', 'agent-7')
  readonly employeeId?: string;

  @OptionalIdField('Only the cases about this product.', 'course-sales')
  readonly productId?: string;

  @OptionalIdField('Only the cases of this section.', 'section-webinars')
  readonly sectionId?: string;

}

class RefundView implements RefundOutcome {
  @ApiProperty({ format: 'date-time' })
  readonly refundedAt!: string;

  @ApiProperty({ type: MoneyView })
  readonly amount!: MoneyView;

  @ApiProperty()
  readonly full!: boolean;

  @ApiProperty()
  readonly reason!: string;

  @ApiProperty({ type: String, nullable: true })
  readonly scriptId!: string | null;

  @ApiProperty({ type: String, nullable: true, description: 'The employee handling the case when it was refunded.' })
  readonly employeeId!: string | null;

  @ApiProperty({ description: 'True when the refund reversed the retention of this case (a lost save).' })
  readonly lostSave!: boolean;
}

class RetentionView implements RetentionOutcome {
  @ApiProperty({ format: 'date-time' })
  readonly retainedAt!: string;

  @ApiProperty({ enum: RETENTION_METHODS })
  readonly method!: RetentionMethod;

  @ApiProperty({ type: MoneyView })
  readonly retained!: MoneyView;

  @ApiProperty({ type: String, nullable: true })
  readonly scriptId!: string | null;

  @ApiProperty({ type: String, nullable: true })
  readonly note!: string | null;

  @ApiProperty({ type: String, nullable: true, description: 'The employee who retained the client.' })
  readonly employeeId!: string | null;

  @ApiProperty({ type: String, format: 'date-time', nullable: true, description: 'When a lost save reversed it; null while it stands.' })
  readonly reversedAt!: string | null;
}

class ResolutionView implements ResolutionOutcome {
  @ApiProperty({ enum: CARE_RESOLUTION_OUTCOMES })
  readonly outcome!: CareResolutionOutcome;

  @ApiProperty({ type: String, nullable: true })
  readonly note!: string | null;

  @ApiProperty({ type: String, nullable: true, description: 'The employee handling the case when it was resolved.' })
  readonly employeeId!: string | null;
}

class DecisionView implements CareCaseDecision {
  @ApiProperty({ enum: CARE_CASE_EVENT_TYPES })
  readonly type!: CareCaseEventType;

  @ApiProperty({ format: 'date-time', description: 'Business time of the decision.' })
  readonly at!: string;

  @ApiProperty({ example: 'apiKey:0190f5c2-7b1e-7c3a-9d2f-5a4b3c2d1e0f', description: 'Who decided: the subject of the API key.' })
  readonly actorId!: string;

  @ApiProperty({ format: 'uuid' })
  readonly eventId!: string;

  @ApiProperty({ type: 'object', additionalProperties: true, description: 'The data of the event, as recorded.' })
  readonly data!: CareCaseDecision['data'];
}

/** A case as listed: everything but the history of its decisions. */
export class CareCaseSummaryView implements Omit<CareCaseDocument, 'decisions'> {
  @ApiProperty()
  readonly id!: string;

  @ApiProperty()
  readonly clientId!: string;

  @ApiProperty()
  readonly productId!: string;

  @ApiProperty({ type: String, nullable: true })
  readonly sectionId!: string | null;

  @ApiProperty({ enum: CARE_CASE_KINDS })
  readonly kind!: CareCaseKind;

  @ApiProperty({ type: String, nullable: true })
  readonly channel!: string | null;

  @ApiProperty({ type: String, nullable: true })
  readonly summary!: string | null;

  @ApiProperty({ enum: CARE_CASE_STATUSES, description: 'A lost save turns a retained case into a refunded one.' })
  readonly status!: 'open' | CareOutcome;

  @ApiProperty({ type: String, nullable: true, description: 'The employee handling the case now.' })
  readonly employeeId!: string | null;

  @ApiProperty({ format: 'date-time' })
  readonly openedAt!: string;

  @ApiProperty({ type: String, format: 'date-time', nullable: true, description: 'Business time of the outcome the case has now.' })
  readonly resolvedAt!: string | null;

  @ApiProperty({ type: RefundView, nullable: true })
  readonly refund!: RefundView | null;

  @ApiProperty({ type: RetentionView, nullable: true, description: 'Kept after a lost save, with `reversedAt` set.' })
  readonly retention!: RetentionView | null;

  @ApiProperty({ type: ResolutionView, nullable: true, description: 'A case that ended without a refund or a retention.' })
  readonly resolution!: ResolutionView | null;
}

export class CareCaseView extends CareCaseSummaryView implements CareCaseDocument {
  @ApiProperty({ type: [DecisionView], description: 'Every decision on the case, oldest first: the audit trail.' })
  readonly decisions!: readonly DecisionView[];

  @ApiProperty({ type: String, example: '42', description: 'Position of the event that wrote this version of the case.' })
  readonly position!: string;
}

export class CareCasePage {
  @ApiProperty({ type: [CareCaseSummaryView], description: 'Oldest opening first, then by id.' })
  readonly items!: CareCaseSummaryView[];

  @ApiProperty(NEXT_CURSOR_FIELD)
  readonly nextCursor!: string | null;
}
