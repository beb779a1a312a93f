import { ApiProperty, ApiPropertyOptional, IntersectionType } from '@nestjs/swagger';
import { IsIn, IsString } from 'class-validator';
import { MAX_NAME_LENGTH, type CreatePosition, type RenamePosition } from '#domain/organisation/index.js';
import type { PositionDocument, PositionState } from '#projections/organisation/organisation.projection.js';
import type { RequestOf } from '../platform/command-requests.js';
import { NEXT_CURSOR_FIELD, OccurredAtField, OptionalIdField, POSITION_FIELD } from '../platform/dto-fields.js';
import { Omittable } from '../platform/omittable.js';
import { CatalogueEntryView, CatalogueListQuery, VersionDateView } from './catalogue.dto.js';
import type { CatalogueSummary, CatalogueView } from './organisation-queries.service.js';

export const POSITION_STATUSES = ['active', 'retired'] as const;
type PositionStatus = (typeof POSITION_STATUSES)[number];

export class CreatePositionRequest implements RequestOf<CreatePosition, 'positionId'> {
  @OptionalIdField('The position id, when the caller chooses it; default: a new UUIDv7.', 'position-inspector')
  readonly id?: string;

  @ApiProperty({ maxLength: MAX_NAME_LENGTH, example: 'Quality inspector' })
  @IsString()
  readonly title!: string;

  @OptionalIdField('The open section the position belongs to; absent for a position of the whole company.', 'section-quality')
  readonly sectionId?: string;

  @OccurredAtField()
  readonly occurredAt?: string;
}

export class RenamePositionRequest implements RequestOf<RenamePosition, 'positionId'> {
  @ApiProperty({ maxLength: MAX_NAME_LENGTH, example: 'Senior quality inspector' })
  @IsString()
  readonly title!: string;

  @OccurredAtField()
  readonly occurredAt?: string;
}

export class PositionListQuery extends CatalogueListQuery {
  @OptionalIdField('Only the positions of this section.', 'section-quality')
  readonly sectionId?: string;

  @ApiPropertyOptional({ enum: POSITION_STATUSES })
  @Omittable()
  @IsIn(POSITION_STATUSES)
  readonly status?: PositionStatus;
}

class PositionStateFields implements PositionState {
  @ApiProperty()
  readonly title!: string;

  @ApiProperty({ type: String, nullable: true, description: 'The section it belongs to; null for a position of the whole company.' })
  readonly sectionId!: string | null;

  @ApiProperty({ enum: POSITION_STATUSES })
  readonly status!: PositionStatus;
}

class PositionVersionView extends IntersectionType(PositionStateFields, VersionDateView) {}

export class PositionSummaryView extends IntersectionType(PositionStateFields, CatalogueEntryView) implements CatalogueSummary<PositionDocument> {}

export class PositionView extends PositionSummaryView implements CatalogueView<PositionDocument> {
  @ApiProperty({ type: [PositionVersionView], description: 'Every version, oldest first.' })
  readonly history!: readonly PositionVersionView[];

  @ApiProperty(POSITION_FIELD)
  readonly position!: string;
}

export class PositionPage {
  @ApiProperty({ type: [PositionSummaryView], description: 'In the order the positions were created, then by id.' })
  readonly items!: PositionSummaryView[];

  @ApiProperty(NEXT_CURSOR_FIELD)
  readonly nextCursor!: string | null;
}
