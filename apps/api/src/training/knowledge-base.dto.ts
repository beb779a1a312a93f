import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsObject, IsString, Min, ValidateNested } from 'class-validator';
import {
  MATERIAL_FORMATS,
  MAX_AUDIENCE_ENTRIES,
  MAX_BODY_LENGTH,
  MAX_LINK_LENGTH,
  MAX_NOTE_LENGTH,
  MAX_TITLE_LENGTH,
  type AcknowledgeRegulation,
  type ChangeMaterialOwner,
  type MaterialFormat,
  type RetireMaterial,
  type ReviewMaterial,
  type ReviseMaterial,
} from '#domain/training/index.js';
import type { MaterialAcknowledgement, MaterialDocument } from '#projections/training/knowledge-base.projection.js';
import { AS_OF_FIELD, AsOfView } from '../platform/as-of.js';
import type { RequestOf } from '../platform/command-requests.js';
import { IdField, NEXT_CURSOR_FIELD, OccurredAtField, OptionalDayField, OptionalIdField, OptionalIdListField, PageQuery } from '../platform/dto-fields.js';
import { Omittable } from '../platform/omittable.js';
import { ChangeNoteField, PublishedVersionView, RevisedTitleField, VersionEntryView } from '../platform/published-version.dto.js';
import type { PublishMaterialFields } from './knowledge-base-commands.service.js';

export const MATERIAL_STATUSES = ['current', 'retired'] as const;
type MaterialStatus = (typeof MATERIAL_STATUSES)[number];

const FORMAT = { enum: MATERIAL_FORMATS, example: 'text', description: 'text: read here, with a body; audio and video: a link to where they are played.' };
const REVIEW_BY = {
  format: 'date',
  example: '2026-09-01',
  description: 'The day by which the content is to be reviewed; after it the material is listed as stale. After the day of the command.',
};

class RegulationAudienceDto {
  @OptionalIdListField({ example: ['position-support-l1'], maxItems: MAX_AUDIENCE_ENTRIES, description: 'Positions whose holders must know the regulation.' })
  readonly positionIds?: string[];

  @OptionalIdListField({ example: ['section-support'], maxItems: MAX_AUDIENCE_ENTRIES, description: 'Sections whose members must know the regulation.' })
  readonly sectionIds?: string[];
}

/** What a version says: a body, a link, or both, as the format asks. */
class MaterialContentFields {
  @ApiPropertyOptional({ maxLength: MAX_BODY_LENGTH, example: 'Greet the client by name, then state the refund terms.', description: 'Required for text.' })
  @Omittable()
  @IsString()
  readonly body?: string;

  @ApiPropertyOptional({ maxLength: MAX_LINK_LENGTH, example: 'https://media.example.org/refunds.mp4', description: 'An http(s) link; required for audio and video.' })
  @Omittable()
  @IsString()
  readonly link?: string;

  @ApiProperty(REVIEW_BY)
  @IsString()
  readonly reviewBy!: string;

  @OccurredAtField()
  readonly occurredAt?: string;
}

export class PublishMaterialRequest extends MaterialContentFields implements Omit<PublishMaterialFields, 'materialId'> {
  @OptionalIdField('The material id, when the caller chooses it; default: a new UUIDv7.', 'refund-regulation')
  readonly id?: string;

  @ApiProperty(FORMAT)
  @IsIn(MATERIAL_FORMATS)
  @IsString()
  readonly format!: MaterialFormat;

  @ApiProperty({ maxLength: MAX_TITLE_LENGTH, example: 'Refund regulation' })
  @IsString()
  readonly title!: string;

  @IdField('The employee who keeps the material up to date.', 'emp-trainer-1')
  readonly ownerId!: string;

  @OptionalIdListField({ example: ['refund-handling'], description: 'The competencies the material teaches; plans propose it for their gaps.' })
  readonly competencyIds?: string[];

  @ApiPropertyOptional({
    type: RegulationAudienceDto,
    description: 'Makes the material a regulation that its audience acknowledges against signature; give positions, sections, or both.',
  })
  @ValidateNested()
  @Type(() => RegulationAudienceDto)
  @IsObject()
  @Omittable()
  readonly regulation?: RegulationAudienceDto;
}

export class ReviseMaterialRequest extends MaterialContentFields implements RequestOf<ReviseMaterial, 'materialId'> {
  @RevisedTitleField()
  readonly title?: string;

  @ChangeNoteField('The refund window is now 14 days')
  readonly changeNote?: string;
}

export class ReviewMaterialRequest implements RequestOf<ReviewMaterial, 'materialId'> {
  @ApiProperty(REVIEW_BY)
  @IsString()
  readonly reviewBy!: string;

  @ApiPropertyOptional({ maxLength: MAX_NOTE_LENGTH, example: 'Checked against the 2026 terms' })
  @Omittable()
  @IsString()
  readonly note?: string;

  @OccurredAtField()
  readonly occurredAt?: string;
}

export class ChangeMaterialOwnerRequest implements RequestOf<ChangeMaterialOwner, 'materialId' | 'ownerEmployed'> {
  @IdField('The employee who keeps the material from now on.', 'emp-trainer-2')
  readonly ownerId!: string;

  @OccurredAtField()
  readonly occurredAt?: string;
}

export class RetireMaterialRequest implements RequestOf<RetireMaterial, 'materialId'> {
  @ApiPropertyOptional({ maxLength: MAX_NOTE_LENGTH, example: 'Replaced by the 2026 refund regulation' })
  @Omittable()
  @IsString()
  readonly reason?: string;

  @OccurredAtField()
  readonly occurredAt?: string;
}

export class AcknowledgeRegulationRequest implements RequestOf<AcknowledgeRegulation, 'materialId' | 'employeeId' | 'inAudience'> {
  @ApiProperty({ minimum: 1, example: 2, description: 'The version read: it must be the current one.' })
  @Min(1)
  @IsInt({ message: 'version must be a whole number' })
  readonly version!: number;

  @OccurredAtField()
  readonly occurredAt?: string;
}

export class MaterialIdParams {
  @IdField('The material id.', 'refund-regulation')
  readonly id!: string;
}

export class MaterialVersionParams extends MaterialIdParams {
  @ApiProperty({ minimum: 1, example: 2, description: 'The version number, from 1.' })
  @Min(1)
  @IsInt({ message: 'version must be a whole number' })
  @Type(() => Number)
  readonly version!: number;
}

export class MaterialListQuery extends PageQuery {
  @ApiPropertyOptional({ enum: MATERIAL_STATUSES })
  @Omittable()
  @IsIn(MATERIAL_STATUSES)
  readonly status?: MaterialStatus;

  @ApiPropertyOptional({ enum: MATERIAL_FORMATS })
  @Omittable()
  @IsIn(MATERIAL_FORMATS)
  readonly format?: MaterialFormat;

  @OptionalIdField('Only the materials this employee keeps.', 'emp-trainer-1')
  readonly ownerId?: string;

  @ApiPropertyOptional({ enum: ['true', 'false'], description: 'Only regulations, or only other materials.' })
  @Omittable()
  @IsIn(['true', 'false'])
  readonly regulation?: 'true' | 'false';
}

export class StaleMaterialQuery extends PageQuery {
  @OptionalDayField('Stale on this day: the review day lies before it. Default: today (UTC).', '2026-06-01')
  readonly at?: string;
}

export class UnacknowledgedQuery extends PageQuery {}

class RegulationAudienceView {
  @ApiProperty({ type: [String] })
  readonly positionIds!: readonly string[];

  @ApiProperty({ type: [String] })
  readonly sectionIds!: readonly string[];
}

export class MaterialSummaryView implements Omit<MaterialDocument, 'versions' | 'acknowledgements'> {
  @ApiProperty()
  readonly id!: string;

  @ApiProperty(FORMAT)
  readonly format!: MaterialFormat;

  @ApiProperty({ enum: MATERIAL_STATUSES })
  readonly status!: MaterialStatus;

  @ApiProperty({ description: 'The title of the current version.' })
  readonly title!: string;

  @ApiProperty({ example: 2 })
  readonly currentVersion!: number;

  @ApiProperty()
  readonly ownerId!: string;

  @ApiProperty({ format: 'date' })
  readonly reviewBy!: string;

  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  readonly lastReviewedAt!: string | null;

  @ApiProperty({ type: [String] })
  readonly competencyIds!: readonly string[];

  @ApiProperty({ description: 'True for a regulation its audience acknowledges.' })
  readonly regulation!: boolean;

  @ApiProperty({ type: RegulationAudienceView, nullable: true })
  readonly audience!: RegulationAudienceView | null;

  @ApiProperty({ format: 'date-time', description: 'Business time version 1 was published.' })
  readonly publishedAt!: string;

  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  readonly retiredAt!: string | null;

  @ApiProperty({ type: String, nullable: true })
  readonly retirementReason!: string | null;
}

class AcknowledgementView implements MaterialAcknowledgement {
  @ApiProperty()
  readonly employeeId!: string;

  @ApiProperty({ description: 'The last version the employee signed for.' })
  readonly version!: number;

  @ApiProperty({ format: 'date-time' })
  readonly acknowledgedAt!: string;
}

export class MaterialView extends MaterialSummaryView {
  @ApiProperty({ type: PublishedVersionView, description: 'The current version in full.' })
  readonly current!: PublishedVersionView;

  @ApiProperty({ type: [VersionEntryView], description: 'Every version, oldest first; read one in full at /versions/{version}.' })
  readonly versions!: readonly VersionEntryView[];

  @ApiProperty({ type: [AcknowledgementView], description: 'For a regulation: who signed, for which version.' })
  readonly acknowledgements!: readonly AcknowledgementView[];

  @ApiProperty({ type: String, example: '42', description: 'Position of the event that wrote this state of the material.' })
  readonly position!: string;
}

export class MaterialVersionView extends PublishedVersionView {
  @ApiProperty()
  readonly materialId!: string;

  @ApiProperty({ type: String, example: '42' })
  readonly position!: string;
}

export class MaterialPage {
  @ApiProperty({ type: [MaterialSummaryView], description: 'First publication first, then by id.' })
  readonly items!: readonly MaterialSummaryView[];

  @ApiProperty(NEXT_CURSOR_FIELD)
  readonly nextCursor!: string | null;
}

export class StaleMaterialPage extends MaterialPage {
  @ApiProperty({ format: 'date', description: 'The day the materials are stale on.' })
  readonly at!: string;
}

export class UnacknowledgedEmployeeView {
  @ApiProperty()
  readonly employeeId!: string;

  @ApiProperty()
  readonly name!: string;

  @ApiProperty()
  readonly positionId!: string;

  @ApiProperty()
  readonly sectionId!: string;
}

export class UnacknowledgedPage {
  @ApiProperty()
  readonly materialId!: string;

  @ApiProperty({ description: 'The current version, which the listed employees have not signed for.' })
  readonly version!: number;

  @ApiProperty(AS_OF_FIELD)
  readonly asOf!: AsOfView;

  @ApiProperty({ type: [UnacknowledgedEmployeeView], description: 'In order of hiring, then by id.' })
  readonly items!: readonly UnacknowledgedEmployeeView[];

  @ApiProperty({ type: String, nullable: true })
  readonly nextCursor!: string | null;
}
