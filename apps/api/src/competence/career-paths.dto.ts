import { ApiProperty, ApiPropertyOptional, type ApiPropertyOptions } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsArray, IsIn, IsString, ValidateNested } from 'class-validator';
import {
  CAREER_PATH_BASES,
  MAX_REQUIREMENTS,
  type CareerPathBasis,
  type DefineCareerPath,
  type ReviseCareerPath,
} from '#domain/competence/index.js';
import type { CareerPathDocument } from '#projections/competence/competence-catalogue.projection.js';
import type { RequestOf } from '../platform/command-requests.js';
import { IdField, NEXT_CURSOR_FIELD, OccurredAtField, OptionalIdField, PageQuery, POSITION_FIELD } from '../platform/dto-fields.js';
import { Omittable } from '../platform/omittable.js';
import type { CompetenceView } from './competence-catalogue-queries.service.js';
import { RequirementDto } from './job-profiles.dto.js';

export const CAREER_PATH_STATUSES = ['active', 'retired'] as const;
type CareerPathStatus = (typeof CAREER_PATH_STATUSES)[number];

const MINIMUM_FIELD: ApiPropertyOptions = {
  type: [RequirementDto],
  minItems: 1,
  maxItems: MAX_REQUIREMENTS,
  description: 'The minimum for the move: competencies of any kind, each once.',
};

export class DefineCareerPathRequest implements RequestOf<DefineCareerPath, 'pathId' | 'fromPositionStatus' | 'toPositionStatus' | 'catalogue'> {
  @OptionalIdField('The path id, when the caller chooses it; default: a new UUIDv7.', 'support-line-1-to-2')
  readonly id?: string;

  @IdField('The position the path starts at.', 'support-line-1')
  readonly fromPositionId!: string;

  @IdField('The position it leads to.', 'support-line-2')
  readonly toPositionId!: string;

  @ApiProperty({
    enum: CAREER_PATH_BASES,
    example: 'minimum',
    description: '`minimum`: the path lists its own requirements; `target-profile`: the profile in force of the target position.',
  })
  @IsIn(CAREER_PATH_BASES)
  @IsString()
  readonly basis!: CareerPathBasis;

  @ApiPropertyOptional({
    ...MINIMUM_FIELD,
    description: `${MINIMUM_FIELD.description} Required for basis minimum, absent for target-profile.`,
  })
  @Omittable()
  @ValidateNested({ each: true })
  @Type(() => RequirementDto)
  @IsArray()
  readonly requirements?: readonly RequirementDto[];

  @OccurredAtField()
  readonly occurredAt?: string;
}

export class ReviseCareerPathRequest implements RequestOf<ReviseCareerPath, 'pathId' | 'catalogue'> {
  @ApiProperty(MINIMUM_FIELD)
  @ValidateNested({ each: true })
  @Type(() => RequirementDto)
  @IsArray()
  readonly requirements!: readonly RequirementDto[];

  @OccurredAtField()
  readonly occurredAt?: string;
}

export class CareerPathIdParams {
  @IdField('The career path id.', 'support-line-1-to-2')
  readonly id!: string;
}

export class CareerPathListQuery extends PageQuery {
  @OptionalIdField('Only the paths from this position.', 'support-line-1')
  readonly fromPositionId?: string;

  @OptionalIdField('Only the paths to this position.', 'support-line-2')
  readonly toPositionId?: string;

  @ApiPropertyOptional({ enum: CAREER_PATH_STATUSES })
  @Omittable()
  @IsIn(CAREER_PATH_STATUSES)
  readonly status?: CareerPathStatus;
}

export class CareerPathSummaryView implements CompetenceView<CareerPathDocument> {
  @ApiProperty()
  readonly id!: string;

  @ApiProperty()
  readonly fromPositionId!: string;

  @ApiProperty()
  readonly toPositionId!: string;

  @ApiProperty({ enum: CAREER_PATH_BASES })
  readonly basis!: CareerPathBasis;

  @ApiProperty({
    type: [RequirementDto],
    nullable: true,
    description: "The path's own minimum; null when it follows the target position's profile.",
  })
  readonly requirements!: readonly RequirementDto[] | null;

  @ApiProperty({ enum: CAREER_PATH_STATUSES })
  readonly status!: CareerPathStatus;

  @ApiProperty({ format: 'date-time' })
  readonly definedAt!: string;

  @ApiProperty({ format: 'date-time' })
  readonly lastChangedAt!: string;
}

export class CareerPathView extends CareerPathSummaryView {
  @ApiProperty(POSITION_FIELD)
  readonly position!: string;
}

export class CareerPathPage {
  @ApiProperty({ type: [CareerPathSummaryView], description: 'In the order they were defined, then by id.' })
  readonly items!: readonly CareerPathSummaryView[];

  @ApiProperty(NEXT_CURSOR_FIELD)
  readonly nextCursor!: string | null;
}
