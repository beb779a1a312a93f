import { ApiProperty, ApiPropertyOptional, OmitType } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsArray, IsInt, IsNumber, IsString, ValidateNested } from 'class-validator';
import {
  MAX_AREA_LENGTH,
  MAX_DUTIES,
  MAX_DUTY_LENGTH,
  MAX_KPIS_PER_AREA,
  MAX_REQUIREMENTS,
  MAX_RESPONSIBILITY_AREAS,
  MAX_WEIGHT,
  type CompetencyRequirement,
  type IndicatorTarget,
  type JobProfileContent,
  type KeyIndicator,
  type ResponsibilityArea,
} from '#domain/competence/index.js';
import { INDICATOR_IDS, type IndicatorId } from '#domain/catalogue/indicators.js';
import type { JobProfileDocument, ProfileVersionDocument } from '#projections/competence/competence-catalogue.projection.js';
import { IdField, NEXT_CURSOR_FIELD, OccurredAtField, POSITION_FIELD } from '../platform/dto-fields.js';
import type { CompetenceView } from './competence-catalogue-queries.service.js';
import type { DraftJobProfileFields } from './job-profile-commands.service.js';

/*
 * The DTOs check the shape of a request; the profile decider checks the values (levels on the scale,
 * weights, lengths, each competency once and in the section of its kind) and names the offending
 * field the same way (`skills.1.requiredLevel`).
 */

export class RequirementDto implements CompetencyRequirement {
  @IdField('A competency of the catalogue.', 'regulations-knowledge')
  readonly competencyId!: string;

  @ApiProperty({ minimum: 1, example: 3, description: 'A level of the proficiency scale, 1 or more: level 0 asks for nothing.' })
  @IsInt()
  readonly requiredLevel!: number;

  @ApiProperty({
    exclusiveMinimum: true,
    minimum: 0,
    maximum: MAX_WEIGHT,
    example: 2,
    description: 'Its weight in the weighted gap; fractions allowed.',
  })
  @IsNumber()
  readonly weight!: number;
}

class IndicatorTargetDto implements IndicatorTarget {
  @ApiProperty({ enum: INDICATOR_IDS, example: 'support.firstResponseWithinTarget', description: 'An indicator of the catalogue (`GET /indicators`).' })
  @IsString()
  readonly indicatorId!: IndicatorId;

  @ApiProperty({ example: 0.9, description: "The target in the indicator's unit, within its range; a volume takes none." })
  @IsNumber()
  readonly target!: number;
}

class ResponsibilityAreaDto implements ResponsibilityArea {
  @ApiProperty({ maxLength: MAX_AREA_LENGTH, example: 'Client support on line 1' })
  @IsString()
  readonly area!: string;

  @ApiProperty({ type: [IndicatorTargetDto], maxItems: MAX_KPIS_PER_AREA })
  @ValidateNested({ each: true })
  @Type(() => IndicatorTargetDto)
  @IsArray()
  readonly kpis!: readonly IndicatorTargetDto[];
}

/** A KPI as stored: on an indicator, or the text of a version drafted before the indicator catalogue. */
class KeyIndicatorView {
  @ApiPropertyOptional({ enum: INDICATOR_IDS, description: 'The indicator; absent on a text KPI of an early version.' })
  readonly indicatorId?: IndicatorId;

  @ApiPropertyOptional({ example: 'First response time', description: "A text KPI's name, as an early version stated it; absent on an indicator's KPI." })
  readonly name?: string;

  @ApiProperty({ oneOf: [{ type: 'number' }, { type: 'string' }], description: "A number in the indicator's unit, or the text of an early version." })
  readonly target!: number | string;
}

class ResponsibilityAreaView implements ResponsibilityArea {
  @ApiProperty({ example: 'Client support on line 1' })
  readonly area!: string;

  @ApiProperty({ type: [KeyIndicatorView] })
  readonly kpis!: readonly KeyIndicator[];
}

const RequirementsField = (what: string) =>
  ApiProperty({ type: [RequirementDto], maxItems: MAX_REQUIREMENTS, description: `${what}; each competency once in the whole profile.` });

/** The seven sections of a job profile, as every draft carries them in full. */
export class JobProfileContentDto implements JobProfileContent {
  @RequirementsField('General knowledge: competencies of kind knowledge, the foundation of the trade')
  @ValidateNested({ each: true })
  @Type(() => RequirementDto)
  @IsArray()
  readonly generalKnowledge!: readonly RequirementDto[];

  @RequirementsField('Subject knowledge: competencies of kind knowledge, what the company teaches')
  @ValidateNested({ each: true })
  @Type(() => RequirementDto)
  @IsArray()
  readonly subjectKnowledge!: readonly RequirementDto[];

  @RequirementsField('Skills: competencies of kind skill')
  @ValidateNested({ each: true })
  @Type(() => RequirementDto)
  @IsArray()
  readonly skills!: readonly RequirementDto[];

  @RequirementsField('Personal qualities: competencies of kind personal-quality')
  @ValidateNested({ each: true })
  @Type(() => RequirementDto)
  @IsArray()
  readonly personalQualities!: readonly RequirementDto[];

  @RequirementsField('Values: competencies of kind value, the same for the whole company')
  @ValidateNested({ each: true })
  @Type(() => RequirementDto)
  @IsArray()
  readonly values!: readonly RequirementDto[];

  @ApiProperty({
    type: [String],
    maxItems: MAX_DUTIES,
    example: ['Answers clients within the first response target'],
    description: `Duties, each at most ${MAX_DUTY_LENGTH} characters.`,
  })
  @IsString({ each: true })
  @IsArray()
  readonly duties!: readonly string[];

  @ApiProperty({
    type: [ResponsibilityAreaDto],
    maxItems: MAX_RESPONSIBILITY_AREAS,
    description: 'Areas of responsibility with the key indicators the holder answers for.',
  })
  @ValidateNested({ each: true })
  @Type(() => ResponsibilityAreaDto)
  @IsArray()
  readonly responsibilities!: readonly ResponsibilityAreaDto[];
}

/** A profile's content as stored, text KPIs of early versions included. */
class JobProfileContentView extends OmitType(JobProfileContentDto, ['responsibilities'] as const) {
  @ApiProperty({ type: [ResponsibilityAreaView], description: 'Areas of responsibility with the key indicators the holder answers for.' })
  readonly responsibilities!: readonly ResponsibilityAreaView[];
}

export class DraftJobProfileRequest extends JobProfileContentDto implements DraftJobProfileFields {
  @OccurredAtField()
  readonly occurredAt?: string;
}

export class PositionIdParams {
  @IdField('The position the profile is for.', 'support-line-1')
  readonly positionId!: string;
}

class ProfileVersionView implements ProfileVersionDocument {
  @ApiProperty()
  readonly version!: number;

  @ApiProperty({ format: 'date-time', description: 'The business date of its approval, from which it is in force.' })
  readonly effectiveFrom!: string;

  @ApiProperty({ type: JobProfileContentView })
  readonly content!: JobProfileContentView;
}

class ProfileDraftView {
  @ApiProperty({ description: 'The version the draft becomes once approved.' })
  readonly version!: number;

  @ApiProperty({ type: JobProfileContentView })
  readonly content!: JobProfileContentView;

  @ApiProperty({ format: 'date-time' })
  readonly draftedAt!: string;
}

export class JobProfileSummaryView implements CompetenceView<JobProfileDocument> {
  @ApiProperty({ description: 'The position id.' })
  readonly id!: string;

  @ApiProperty({ type: ProfileVersionView, nullable: true, description: 'The latest approved version; null before the first approval.' })
  readonly inForce!: ProfileVersionView | null;

  @ApiProperty({ type: ProfileDraftView, nullable: true, description: 'The draft of the next version, while one is open.' })
  readonly draft!: ProfileDraftView | null;

  @ApiProperty({ type: [ProfileVersionView], description: 'Every approved version, oldest first.' })
  readonly versions!: readonly ProfileVersionView[];

  @ApiProperty({ format: 'date-time' })
  readonly lastChangedAt!: string;
}

export class JobProfileView extends JobProfileSummaryView {
  @ApiProperty(POSITION_FIELD)
  readonly position!: string;
}

export class JobProfilePage {
  @ApiProperty({ type: [JobProfileSummaryView], description: 'By position id.' })
  readonly items!: readonly JobProfileSummaryView[];

  @ApiProperty(NEXT_CURSOR_FIELD)
  readonly nextCursor!: string | null;
}
