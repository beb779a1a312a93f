import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsArray, IsBoolean, IsIn, IsInt, IsNumber, IsObject, IsString, Min, ValidateNested } from 'class-validator';
import {
  MAX_CRITERIA_PER_SECTION,
  MAX_CRITERION_TEXT_LENGTH,
  MAX_RETIREMENT_REASON_LENGTH,
  MAX_STANDARDS_PER_TEMPLATE,
  MAX_SECTIONS,
  MAX_TITLE_LENGTH,
  MAX_WEIGHT,
  TEMPLATE_OWNER_KINDS,
  type ChecklistCriterion,
  type ChecklistSection,
  type RetireChecklistTemplate,
  type TemplateOwner,
  type TemplateOwnerKind,
} from '#domain/quality/index.js';
import type {
  ChecklistTemplateDocument,
  ChecklistTemplateStatus,
  TemplateVersionDocument,
} from '#projections/quality/checklist-templates.projection.js';
import type { RequestOf } from '../platform/command-requests.js';
import { IdField, NEXT_CURSOR_FIELD, OccurredAtField, OptionalIdField, OptionalIdListField, PageQuery } from '../platform/dto-fields.js';
import { Omittable } from '../platform/omittable.js';
import type { PublishChecklistTemplateFields, PublishChecklistTemplateVersionFields } from './checklist-template-commands.service.js';

export const CHECKLIST_TEMPLATE_STATUSES: readonly ChecklistTemplateStatus[] = ['active', 'retired'];

/*
 * The DTOs check the shape of a request; the template decider checks the values (weights, pass mark,
 * lengths, unique criterion ids) and names the offending field the same way (`sections.0.criteria.1.weight`).
 */

class TemplateOwnerDto implements TemplateOwner {
  @ApiProperty({ enum: TEMPLATE_OWNER_KINDS, example: 'section' })
  @IsIn(TEMPLATE_OWNER_KINDS)
  @IsString()
  readonly kind!: TemplateOwnerKind;

  @IdField('The section or product, by id.', 'section-layout')
  readonly id!: string;
}

class ChecklistCriterionDto implements ChecklistCriterion {
  @IdField('Stable within the template: keep it from version to version for the same check.', 'mobile-layout')
  readonly criterionId!: string;

  @ApiProperty({ maxLength: MAX_CRITERION_TEXT_LENGTH, example: 'The page renders without horizontal scrolling on a phone' })
  @IsString()
  readonly text!: string;

  @ApiProperty({ exclusiveMinimum: true, minimum: 0, maximum: MAX_WEIGHT, example: 3, description: 'Positive; fractions allowed.' })
  @IsNumber()
  readonly weight!: number;

  @ApiProperty({ description: 'A failed critical criterion fails the inspection, whatever the score.' })
  @IsBoolean()
  readonly critical!: boolean;
}

class ChecklistSectionDto implements ChecklistSection {
  @ApiProperty({ maxLength: MAX_TITLE_LENGTH, example: 'Layout' })
  @IsString()
  readonly title!: string;

  @ApiProperty({ type: [ChecklistCriterionDto], minItems: 1, maxItems: MAX_CRITERIA_PER_SECTION })
  @ValidateNested({ each: true })
  @Type(() => ChecklistCriterionDto)
  @IsArray()
  readonly criteria!: ChecklistCriterionDto[];
}

/** The content of a version: what every publication carries in full. */
export class ChecklistContentRequest {
  @ApiProperty({ maxLength: MAX_TITLE_LENGTH, example: 'Landing page before launch' })
  @IsString()
  readonly title!: string;

  @ApiProperty({ type: [ChecklistSectionDto], minItems: 1, maxItems: MAX_SECTIONS, description: 'Criterion ids are unique across all sections.' })
  @ValidateNested({ each: true })
  @Type(() => ChecklistSectionDto)
  @IsArray()
  readonly sections!: ChecklistSectionDto[];

  @ApiProperty({ exclusiveMinimum: true, minimum: 0, maximum: 1, example: 0.8, description: 'The least score share that passes, in (0, 1].' })
  @IsNumber()
  readonly passMark!: number;

  @OptionalIdListField({
    maxItems: MAX_STANDARDS_PER_TEMPLATE,
    example: ['standard-answer-time'],
    description: 'The current standards the checklist verifies, each once; its verdicts count toward their compliance. Default: none.',
  })
  readonly standardIds?: string[];

  @OccurredAtField()
  readonly occurredAt?: string;
}

export class PublishChecklistTemplateRequest extends ChecklistContentRequest implements Omit<PublishChecklistTemplateFields, 'templateId'> {
  @OptionalIdField('The template id, when the client chooses it; default: a new UUIDv7.', 'landing-page')
  readonly id?: string;

  @ApiProperty({ type: TemplateOwnerDto, description: 'The section or product the template belongs to; it never changes.' })
  @ValidateNested()
  @Type(() => TemplateOwnerDto)
  @IsObject()
  readonly owner!: TemplateOwnerDto;
}

export class PublishChecklistTemplateVersionRequest extends ChecklistContentRequest implements PublishChecklistTemplateVersionFields {}

export class RetireChecklistTemplateRequest implements RequestOf<RetireChecklistTemplate, 'templateId'> {
  @ApiPropertyOptional({ maxLength: MAX_RETIREMENT_REASON_LENGTH, example: 'Replaced by the 2026 landing checklist' })
  @Omittable()
  @IsString()
  readonly reason?: string;

  @OccurredAtField()
  readonly occurredAt?: string;
}

export class ChecklistTemplateIdParams {
  @IdField('The template id.', 'landing-page')
  readonly id!: string;
}

export class ChecklistTemplateVersionParams extends ChecklistTemplateIdParams {
  @ApiProperty({ minimum: 1, example: 2 })
  @Min(1)
  @IsInt({ message: 'version must be a whole number' })
  @Type(() => Number)
  readonly version!: number;
}

export class ChecklistTemplateListQuery extends PageQuery {
  @ApiPropertyOptional({ enum: CHECKLIST_TEMPLATE_STATUSES })
  @Omittable()
  @IsIn(CHECKLIST_TEMPLATE_STATUSES)
  readonly status?: ChecklistTemplateStatus;

  @ApiPropertyOptional({ enum: TEMPLATE_OWNER_KINDS, description: 'Only the templates of sections, or of products.' })
  @Omittable()
  @IsIn(TEMPLATE_OWNER_KINDS)
  readonly ownerKind?: TemplateOwnerKind;

  @OptionalIdField('Only the templates of this section or product.', 'section-layout')
  readonly ownerId?: string;
}

class TemplateOwnerView implements TemplateOwner {
  @ApiProperty({ enum: TEMPLATE_OWNER_KINDS })
  readonly kind!: TemplateOwnerKind;

  @ApiProperty()
  readonly id!: string;
}

export class ChecklistCriterionView implements ChecklistCriterion {
  @ApiProperty()
  readonly criterionId!: string;

  @ApiProperty()
  readonly text!: string;

  @ApiProperty()
  readonly weight!: number;

  @ApiProperty()
  readonly critical!: boolean;
}

class ChecklistSectionView implements ChecklistSection {
  @ApiProperty()
  readonly title!: string;

  @ApiProperty({ type: [ChecklistCriterionView] })
  readonly criteria!: readonly ChecklistCriterionView[];
}

/** A template as listed: the current version's title and pass mark, without the versions. */
export class ChecklistTemplateSummaryView implements Omit<ChecklistTemplateDocument, 'versions'> {
  @ApiProperty()
  readonly id!: string;

  @ApiProperty({ type: TemplateOwnerView })
  readonly owner!: TemplateOwnerView;

  @ApiProperty({ enum: CHECKLIST_TEMPLATE_STATUSES, description: 'A retired template takes no new versions and no new inspections.' })
  readonly status!: ChecklistTemplateStatus;

  @ApiProperty({ example: 2 })
  readonly currentVersion!: number;

  @ApiProperty({ description: "The current version's title." })
  readonly title!: string;

  @ApiProperty({ description: "The current version's pass mark." })
  readonly passMark!: number;

  @ApiProperty({ format: 'date-time', description: 'When version 1 was published.' })
  readonly createdAt!: string;

  @ApiProperty({ format: 'date-time', description: 'Business time of the latest version or of the retirement.' })
  readonly updatedAt!: string;

  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  readonly retiredAt!: string | null;

  @ApiProperty({ type: String, nullable: true })
  readonly retirementReason!: string | null;
}

export class TemplateVersionSummaryView implements Omit<TemplateVersionDocument, 'sections'> {
  @ApiProperty()
  readonly version!: number;

  @ApiProperty()
  readonly title!: string;

  @ApiProperty()
  readonly passMark!: number;

  @ApiProperty({ description: 'How many criteria the version has.' })
  readonly criteria!: number;

  @ApiProperty({ type: [String], description: 'The standards the version verifies.' })
  readonly standardIds!: readonly string[];

  @ApiProperty({ format: 'date-time' })
  readonly publishedAt!: string;

  @ApiProperty({ description: 'The actor who published it.' })
  readonly publishedBy!: string;
}

export class ChecklistTemplateView extends ChecklistTemplateSummaryView {
  @ApiProperty({ type: [ChecklistSectionView], description: "The current version's sections and criteria." })
  readonly sections!: readonly ChecklistSectionView[];

  @ApiProperty({ type: [TemplateVersionSummaryView], description: 'Every published version, oldest first.' })
  readonly versions!: TemplateVersionSummaryView[];

  @ApiProperty({ type: String, example: '42', description: 'Position of the event that wrote this version of the template.' })
  readonly position!: string;
}

export class ChecklistTemplateVersionView implements TemplateVersionDocument {
  @ApiProperty()
  readonly templateId!: string;

  @ApiProperty({ type: TemplateOwnerView })
  readonly owner!: TemplateOwnerView;

  @ApiProperty({ enum: CHECKLIST_TEMPLATE_STATUSES, description: "The template's status, not the version's: a version never changes." })
  readonly status!: ChecklistTemplateStatus;

  @ApiProperty()
  readonly version!: number;

  @ApiProperty({ description: 'True for the newest version.' })
  readonly current!: boolean;

  @ApiProperty()
  readonly title!: string;

  @ApiProperty()
  readonly passMark!: number;

  @ApiProperty({ type: [String], description: 'The standards the version verifies.' })
  readonly standardIds!: readonly string[];

  @ApiProperty({ type: [ChecklistSectionView] })
  readonly sections!: readonly ChecklistSectionView[];

  @ApiProperty({ format: 'date-time' })
  readonly publishedAt!: string;

  @ApiProperty()
  readonly publishedBy!: string;

  @ApiProperty({ type: String, example: '42', description: 'Position of the event that wrote the template document read.' })
  readonly position!: string;
}

export class ChecklistTemplatePage {
  @ApiProperty({ type: [ChecklistTemplateSummaryView], description: 'Oldest first (by the publication of version 1), then by id.' })
  readonly items!: ChecklistTemplateSummaryView[];

  @ApiProperty(NEXT_CURSOR_FIELD)
  readonly nextCursor!: string | null;
}
