import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsArray, IsIn, IsInt, IsObject, IsString, Matches, Min, ValidateNested } from 'class-validator';
import {
  CRITERION_RESULTS,
  DELIVERABLE_KINDS,
  DISPUTE_OUTCOMES,
  MAX_COMMENT_LENGTH,
  MAX_REFERENCE_LENGTH,
  VERDICTS,
  type CriterionResult,
  type CriterionResultEntry,
  type Deliverable,
  type DeliverableKind,
  type DisputeOutcome,
  type DisputeVerdict,
  type RecordInspectionResults,
  type ResolveDispute,
  type Verdict,
} from '#domain/quality/index.js';
import { ID_PATTERN } from '#domain/shared/validation.js';
import type {
  DisputeDocument,
  DisputeResolutionDocument,
  InspectionCriterionDocument,
  InspectionDocument,
  InspectionStatus,
  ResultDocument,
  VerdictDocument,
} from '#projections/quality/inspections.projection.js';
import type { RequestOf } from '../platform/command-requests.js';
import { IdField, NEXT_CURSOR_FIELD, OccurredAtField, OptionalIdField, PageQuery } from '../platform/dto-fields.js';
import { Omittable } from '../platform/omittable.js';
import { ChecklistCriterionView } from './checklist-templates.dto.js';
import type { StartInspectionFields } from './inspection-commands.service.js';

export const INSPECTION_STATUSES: readonly InspectionStatus[] = ['in-progress', 'completed', 'disputed'];

class DeliverableDto implements Deliverable {
  @ApiProperty({ enum: DELIVERABLE_KINDS, example: 'landing-page' })
  @IsIn(DELIVERABLE_KINDS)
  @IsString()
  readonly kind!: DeliverableKind;

  @ApiProperty({ maxLength: MAX_REFERENCE_LENGTH, example: 'https://example.org/spring-sale', description: 'Which one: an address, a ticket or call number.' })
  @IsString()
  readonly reference!: string;
}

export class StartInspectionRequest implements StartInspectionFields {
  @ApiProperty({ type: DeliverableDto })
  @ValidateNested()
  @Type(() => DeliverableDto)
  @IsObject()
  readonly deliverable!: DeliverableDto;

  @IdField('The product the deliverable belongs to, from the organisation catalogue.', 'course-sales')
  readonly productId!: string;

  @OptionalIdField("The section that handed the deliverable over: the product's own. Absent: taken from the product.", 'section-layout')
  readonly sectionId?: string;

  @IdField('The employee whose work is inspected, from the organisation catalogue; only they may dispute the verdict.', 'emp-0107')
  readonly authorId!: string;

  @IdField('The checklist template.', 'landing-page')
  readonly templateId!: string;

  @ApiProperty({ minimum: 1, example: 2, description: 'The exact template version the inspection is given under.' })
  @Min(1)
  @IsInt()
  readonly templateVersion!: number;

  @OptionalIdField(
    'For a re-inspection of reworked work: the failed inspection it follows, the latest of its chain. The same product, section, author and template.',
    '0190f5c2-7b1e-7c3a-9d2f-5a4b3c2d1e0f',
  )
  readonly reinspectionOf?: string;

  @OccurredAtField()
  readonly occurredAt?: string;
}

class CriterionResultDto implements CriterionResultEntry {
  @IdField('A criterion of the inspection’s template version.', 'mobile-layout')
  readonly criterionId!: string;

  @ApiProperty({ enum: CRITERION_RESULTS, example: 'fail' })
  @IsIn(CRITERION_RESULTS)
  @IsString()
  readonly result!: CriterionResult;

  @ApiPropertyOptional({ maxLength: MAX_COMMENT_LENGTH, example: 'The price is cut off on a phone', description: 'Required for a fail.' })
  @Omittable()
  @IsString()
  readonly comment?: string;
}

export class RecordInspectionResultsRequest implements RequestOf<RecordInspectionResults, 'inspectionId'> {
  @ApiProperty({ type: [CriterionResultDto], minItems: 1, description: 'Some or all criteria; a criterion recorded again takes the new result.' })
  @ValidateNested({ each: true })
  @Type(() => CriterionResultDto)
  @IsArray()
  readonly results!: CriterionResultDto[];

  @OccurredAtField()
  readonly occurredAt?: string;
}

export class DisputeVerdictRequest implements RequestOf<DisputeVerdict, 'inspectionId' | 'employeeId'> {
  @ApiPropertyOptional({
    type: [String],
    example: ['price-visible'],
    description: 'The failed criteria contested; absent: every failed criterion.',
  })
  @Omittable()
  @Matches(ID_PATTERN, { each: true, message: 'each criterion id must be an id' })
  @IsString({ each: true })
  @IsArray()
  readonly criterionIds?: string[];

  @ApiProperty({ maxLength: MAX_COMMENT_LENGTH, example: 'The price is in the footer, as the standard asks' })
  @IsString()
  readonly comment!: string;

  @OccurredAtField()
  readonly occurredAt?: string;
}

export class ResolveDisputeRequest implements RequestOf<ResolveDispute, 'inspectionId' | 'resolver'> {
  @ApiProperty({
    enum: DISPUTE_OUTCOMES,
    description:
      'accepted: every contested criterion passes; partly-accepted: the `revisedResults` given, for contested criteria; ' +
      'rejected: the verdict stands. The verdict and score are recomputed by the same formula.',
  })
  @IsIn(DISPUTE_OUTCOMES)
  @IsString()
  readonly outcome!: DisputeOutcome;

  @ApiPropertyOptional({ type: [CriterionResultDto], description: 'Required with partly-accepted, refused otherwise.' })
  @Omittable()
  @ValidateNested({ each: true })
  @Type(() => CriterionResultDto)
  @IsArray()
  readonly revisedResults?: CriterionResultDto[];

  @ApiProperty({ maxLength: MAX_COMMENT_LENGTH, example: 'The footer shows the price; the criterion passes' })
  @IsString()
  readonly comment!: string;

  @OccurredAtField()
  readonly occurredAt?: string;
}

export class InspectionIdParams {
  @IdField('The inspection id.', '0190f5c2-7b1e-7c3a-9d2f-5a4b3c2d1e0f')
  readonly id!: string;
}

export class InspectionListQuery extends PageQuery {
  @ApiPropertyOptional({ enum: INSPECTION_STATUSES, description: '`disputed`: completed, with a dispute waiting for its resolution.' })
  @Omittable()
  @IsIn(INSPECTION_STATUSES)
  readonly status?: InspectionStatus;

  @ApiPropertyOptional({ enum: VERDICTS, description: 'The verdict in force, after any dispute resolution.' })
  @Omittable()
  @IsIn(VERDICTS)
  readonly verdict?: Verdict;

  @OptionalIdField('Only the inspections of this section.', 'section-layout')
  readonly sectionId?: string;

  @OptionalIdField('Only the inspections of this product.', 'course-sales')
  readonly productId?: string;

  @OptionalIdField('Only the inspections given under this template, any version.', 'landing-page')
  readonly templateId?: string;

  @OptionalIdField('Only the inspections by this inspector (employee id, or key subject).', 'emp-0042')
  readonly inspectorId?: string;

  @OptionalIdField('Only the inspections of this author’s work.', 'emp-0107')
  readonly authorId?: string;

  @OptionalIdField('Only the attempts of this chain (the id of its first inspection).', '0190f5c2-7b1e-7c3a-9d2f-5a4b3c2d1e0f')
  readonly chainId?: string;
}

class DeliverableView implements Deliverable {
  @ApiProperty({ enum: DELIVERABLE_KINDS })
  readonly kind!: DeliverableKind;

  @ApiProperty()
  readonly reference!: string;
}

class TemplateVersionRefView {
  @ApiProperty()
  readonly templateId!: string;

  @ApiProperty()
  readonly version!: number;

  @ApiProperty()
  readonly passMark!: number;
}

class ResultView implements ResultDocument {
  @ApiProperty({ enum: CRITERION_RESULTS })
  readonly result!: CriterionResult;

  @ApiProperty({ type: String, nullable: true })
  readonly comment!: string | null;
}

class InspectionCriterionView extends ChecklistCriterionView implements InspectionCriterionDocument {
  @ApiProperty({ description: 'Title of the template section.' })
  readonly section!: string;

  @ApiProperty({ enum: CRITERION_RESULTS, nullable: true, description: 'As the inspector recorded it; null until recorded.' })
  readonly result!: CriterionResult | null;

  @ApiProperty({ type: String, nullable: true })
  readonly comment!: string | null;

  @ApiProperty({ type: ResultView, nullable: true, description: 'As a dispute resolution revised it; the recorded result stays next to it.' })
  readonly revised!: ResultView | null;
}

class VerdictView implements VerdictDocument {
  @ApiProperty({ enum: VERDICTS })
  readonly verdict!: Verdict;

  @ApiProperty({ description: 'Σ(weight × passed) / Σ(weight of the applicable criteria).' })
  readonly score!: number;

  @ApiProperty({ description: 'A failed critical criterion fails the inspection whatever the score.' })
  readonly criticalFailed!: boolean;

  @ApiProperty({ type: [String] })
  readonly failedCriteria!: readonly string[];
}

class CriterionResultView implements CriterionResultEntry {
  @ApiProperty()
  readonly criterionId!: string;

  @ApiProperty({ enum: CRITERION_RESULTS })
  readonly result!: CriterionResult;

  @ApiPropertyOptional()
  readonly comment?: string;
}

class DisputeResolutionView implements DisputeResolutionDocument {
  @ApiProperty({ enum: DISPUTE_OUTCOMES })
  readonly outcome!: DisputeOutcome;

  @ApiProperty()
  readonly comment!: string;

  @ApiProperty({ type: [CriterionResultView] })
  readonly revisedResults!: readonly CriterionResultView[];

  @ApiProperty({ enum: VERDICTS, description: 'The verdict after the resolution.' })
  readonly verdict!: Verdict;

  @ApiProperty()
  readonly score!: number;

  @ApiProperty({ format: 'date-time' })
  readonly resolvedAt!: string;

  @ApiProperty({ description: 'The resolving inspector: employee id, or key subject.' })
  readonly resolvedBy!: string;
}

class DisputeView implements DisputeDocument {
  @ApiProperty()
  readonly disputeNumber!: number;

  @ApiProperty({ type: [String], description: 'The failed criteria contested.' })
  readonly criterionIds!: readonly string[];

  @ApiProperty()
  readonly comment!: string;

  @ApiProperty({ format: 'date-time' })
  readonly disputedAt!: string;

  @ApiProperty({ type: DisputeResolutionView, nullable: true })
  readonly resolution!: DisputeResolutionView | null;
}

/** An inspection as listed: everything but its criteria and disputes. */
export class InspectionSummaryView implements Omit<InspectionDocument, 'criteria' | 'disputes'> {
  @ApiProperty()
  readonly id!: string;

  @ApiProperty({ enum: INSPECTION_STATUSES })
  readonly status!: InspectionStatus;

  @ApiProperty({ type: DeliverableView })
  readonly deliverable!: DeliverableView;

  @ApiProperty()
  readonly productId!: string;

  @ApiProperty()
  readonly sectionId!: string;

  @ApiProperty()
  readonly authorId!: string;

  @ApiProperty({ description: 'The inspector: employee id, or key subject when the key belongs to nobody.' })
  readonly inspectorId!: string;

  @ApiProperty({ type: TemplateVersionRefView, description: 'The exact version the inspection is given under.' })
  readonly template!: TemplateVersionRefView;

  @ApiProperty({ description: 'The id of the first inspection of the chain.' })
  readonly chainId!: string;

  @ApiProperty({ description: '1 for a first inspection, 2 for its first re-inspection, ...' })
  readonly attempt!: number;

  @ApiProperty({ type: String, nullable: true })
  readonly previousInspectionId!: string | null;

  @ApiProperty({ type: String, nullable: true, description: 'The re-inspection of this one, once started.' })
  readonly reinspectionId!: string | null;

  @ApiProperty({ format: 'date-time' })
  readonly chainStartedAt!: string;

  @ApiProperty({ format: 'date-time' })
  readonly startedAt!: string;

  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  readonly completedAt!: string | null;

  @ApiProperty({ enum: VERDICTS, nullable: true, description: 'The verdict in force.' })
  readonly verdict!: Verdict | null;

  @ApiProperty({ type: Number, nullable: true, description: 'The score in force.' })
  readonly score!: number | null;

  @ApiProperty({ type: VerdictView, nullable: true, description: 'The verdict given at completion; it never changes.' })
  readonly original!: VerdictView | null;

  @ApiProperty({ type: VerdictView, nullable: true, description: 'The verdict as the latest resolution that revised results gave it.' })
  readonly revised!: VerdictView | null;
}

class ChainAttemptView {
  @ApiProperty()
  readonly id!: string;

  @ApiProperty()
  readonly attempt!: number;

  @ApiProperty({ enum: INSPECTION_STATUSES })
  readonly status!: InspectionStatus;

  @ApiProperty({ enum: VERDICTS, nullable: true })
  readonly verdict!: Verdict | null;

  @ApiProperty({ type: Number, nullable: true })
  readonly score!: number | null;

  @ApiProperty({ format: 'date-time' })
  readonly startedAt!: string;

  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  readonly completedAt!: string | null;
}

export class InspectionView extends InspectionSummaryView {
  @ApiProperty({ type: [InspectionCriterionView], description: 'The criteria of the template version, in template order, with their results.' })
  readonly criteria!: readonly InspectionCriterionView[];

  @ApiProperty({ type: [DisputeView], description: 'Every dispute, oldest first.' })
  readonly disputes!: readonly DisputeView[];

  @ApiProperty({ type: [ChainAttemptView], description: 'Every attempt of the chain known at the same moment, first attempt first.' })
  readonly chain!: readonly ChainAttemptView[];

  @ApiProperty({ type: String, example: '42', description: 'Position of the event that wrote this version of the inspection.' })
  readonly position!: string;
}

export class InspectionPage {
  @ApiProperty({ type: [InspectionSummaryView], description: 'Oldest start first, then by id.' })
  readonly items!: InspectionSummaryView[];

  @ApiProperty(NEXT_CURSOR_FIELD)
  readonly nextCursor!: string | null;
}
