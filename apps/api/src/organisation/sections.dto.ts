import { ApiProperty, ApiPropertyOptional, IntersectionType } from '@nestjs/swagger';
import { IsIn, IsString, Matches, ValidateIf } from 'class-validator';
import {
  MAX_NAME_LENGTH,
  MAX_VALUABLE_FINAL_PRODUCT_LENGTH,
  type ChangeValuableFinalProduct,
  type CreateSection,
  type MoveSection,
  type RenameSection,
} from '#domain/organisation/index.js';
import { ID_PATTERN } from '#domain/shared/validation.js';
import type { SectionDocument, SectionState } from '#projections/organisation/organisation.projection.js';
import type { RequestOf } from '../platform/command-requests.js';
import { NEXT_CURSOR_FIELD, OccurredAtField, OptionalIdField, POSITION_FIELD } from '../platform/dto-fields.js';
import { Omittable } from '../platform/omittable.js';
import { CatalogueEntryView, CatalogueListQuery, VersionDateView } from './catalogue.dto.js';
import type { CatalogueSummary, CatalogueView } from './organisation-queries.service.js';

export const SECTION_STATUSES = ['open', 'closed'] as const;
type SectionStatus = (typeof SECTION_STATUSES)[number];

const VALUABLE_FINAL_PRODUCT = {
  maxLength: MAX_VALUABLE_FINAL_PRODUCT_LENGTH,
  example: 'Products and funnels that meet their standards before they reach clients',
  description: 'The valuable final product (ЦКП): the result the section exists to deliver.',
};

export class CreateSectionRequest implements RequestOf<CreateSection, 'sectionId'> {
  @OptionalIdField('The section id, when the caller chooses it; default: a new UUIDv7.', 'section-quality')
  readonly id?: string;

  @ApiProperty({ maxLength: MAX_NAME_LENGTH, example: 'Product and funnel quality control' })
  @IsString()
  readonly name!: string;

  @ApiProperty(VALUABLE_FINAL_PRODUCT)
  @IsString()
  readonly valuableFinalProduct!: string;

  @OptionalIdField('The open section it belongs under; absent for a top-level section.', 'department-qualification')
  readonly parentId?: string;

  @OccurredAtField()
  readonly occurredAt?: string;
}

export class RenameSectionRequest implements RequestOf<RenameSection, 'sectionId'> {
  @ApiProperty({ maxLength: MAX_NAME_LENGTH, example: 'Quality control' })
  @IsString()
  readonly name!: string;

  @OccurredAtField()
  readonly occurredAt?: string;
}

export class ChangeValuableFinalProductRequest implements RequestOf<ChangeValuableFinalProduct, 'sectionId'> {
  @ApiProperty(VALUABLE_FINAL_PRODUCT)
  @IsString()
  readonly valuableFinalProduct!: string;

  @OccurredAtField()
  readonly occurredAt?: string;
}

export class MoveSectionRequest implements RequestOf<MoveSection, 'sectionId'> {
  @ApiProperty({
    type: String,
    nullable: true,
    pattern: ID_PATTERN.source,
    example: 'department-qualification',
    description: 'The open section to move under; null moves the section to the top level.',
  })
  @ValidateIf((_request, value) => value !== null)
  @IsString()
  @Matches(ID_PATTERN, { message: 'parentId must be an id or null' })
  readonly parentId!: string | null;

  @OccurredAtField()
  readonly occurredAt?: string;
}

export class SectionListQuery extends CatalogueListQuery {
  @OptionalIdField('Only the direct sub-sections of this section.', 'department-qualification')
  readonly parentId?: string;

  @ApiPropertyOptional({ enum: SECTION_STATUSES })
  @Omittable()
  @IsIn(SECTION_STATUSES)
  readonly status?: SectionStatus;
}

class SectionStateFields implements SectionState {
  @ApiProperty()
  readonly name!: string;

  @ApiProperty(VALUABLE_FINAL_PRODUCT)
  readonly valuableFinalProduct!: string;

  @ApiProperty({ type: String, nullable: true, description: 'The section it belongs under; null at the top level.' })
  readonly parentId!: string | null;

  @ApiProperty({ enum: SECTION_STATUSES })
  readonly status!: SectionStatus;
}

class SectionVersionView extends IntersectionType(SectionStateFields, VersionDateView) {}

export class SectionSummaryView extends IntersectionType(SectionStateFields, CatalogueEntryView) implements CatalogueSummary<SectionDocument> {}

export class SectionView extends SectionSummaryView implements CatalogueView<SectionDocument> {
  @ApiProperty({ type: [SectionVersionView], description: 'Every version, oldest first, with the business date it took effect.' })
  readonly history!: readonly SectionVersionView[];

  @ApiProperty(POSITION_FIELD)
  readonly position!: string;
}

export class SectionPage {
  @ApiProperty({ type: [SectionSummaryView], description: 'In the order the sections were created, then by id.' })
  readonly items!: SectionSummaryView[];

  @ApiProperty(NEXT_CURSOR_FIELD)
  readonly nextCursor!: string | null;
}
