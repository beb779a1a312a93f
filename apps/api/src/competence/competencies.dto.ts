import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsArray, IsIn, IsInt, IsString } from 'class-validator';
import {
  COMPETENCY_KINDS,
  MAX_COMPETENCY_NAME_LENGTH,
  MAX_DESCRIPTION_LENGTH,
  MAX_LEVEL_NAME_LENGTH,
  MAX_SCALE_LEVELS,
  MIN_SCALE_LEVELS,
  type CompetencyKind,
  type DefineCompetency,
  type DefineProficiencyScale,
  type ReviseCompetency,
} from '#domain/competence/index.js';
import type { CompetencyDocument } from '#projections/competence/competence-catalogue.projection.js';
import { AsOfView } from '../platform/as-of.js';
import type { RequestOf } from '../platform/command-requests.js';
import { IdField, NEXT_CURSOR_FIELD, OccurredAtField, OptionalIdField, PageQuery, POSITION_FIELD } from '../platform/dto-fields.js';
import { Omittable } from '../platform/omittable.js';
import type { CompetenceView } from './competence-catalogue-queries.service.js';

export const COMPETENCY_STATUSES = ['active', 'retired'] as const;
type CompetencyStatus = (typeof COMPETENCY_STATUSES)[number];

export class DefineCompetencyRequest implements RequestOf<DefineCompetency, 'competencyId'> {
  @OptionalIdField('The competency id, when the caller chooses it; default: a new UUIDv7.', 'regulations-knowledge')
  readonly id?: string;

  @ApiProperty({
    enum: COMPETENCY_KINDS,
    example: 'knowledge',
    description: 'Knowledge (general or subject), skill, personal quality, or company value.',
  })
  @IsIn(COMPETENCY_KINDS)
  @IsString()
  readonly kind!: CompetencyKind;

  @ApiProperty({ maxLength: MAX_COMPETENCY_NAME_LENGTH, example: 'Support regulations and main instructions' })
  @IsString()
  readonly name!: string;

  @ApiPropertyOptional({ maxLength: MAX_DESCRIPTION_LENGTH, example: 'Knows where each regulation is and what it asks' })
  @Omittable()
  @IsString()
  readonly description?: string;

  @OccurredAtField()
  readonly occurredAt?: string;
}

export class ReviseCompetencyRequest implements RequestOf<ReviseCompetency, 'competencyId'> {
  @ApiPropertyOptional({ maxLength: MAX_COMPETENCY_NAME_LENGTH, description: 'The new name; give it, the description, or both.' })
  @Omittable()
  @IsString()
  readonly name?: string;

  @ApiPropertyOptional({ maxLength: MAX_DESCRIPTION_LENGTH })
  @Omittable()
  @IsString()
  readonly description?: string;

  @OccurredAtField()
  readonly occurredAt?: string;
}

export class CompetencyIdParams {
  @IdField('The competency id.', 'regulations-knowledge')
  readonly id!: string;
}

export class CompetencyListQuery extends PageQuery {
  @ApiPropertyOptional({ enum: COMPETENCY_KINDS })
  @Omittable()
  @IsIn(COMPETENCY_KINDS)
  readonly kind?: CompetencyKind;

  @ApiPropertyOptional({ enum: COMPETENCY_STATUSES })
  @Omittable()
  @IsIn(COMPETENCY_STATUSES)
  readonly status?: CompetencyStatus;
}

export class CompetencySummaryView implements CompetenceView<CompetencyDocument> {
  @ApiProperty()
  readonly id!: string;

  @ApiProperty({ enum: COMPETENCY_KINDS })
  readonly kind!: CompetencyKind;

  @ApiProperty()
  readonly name!: string;

  @ApiProperty({ type: String, nullable: true })
  readonly description!: string | null;

  @ApiProperty({ enum: COMPETENCY_STATUSES, description: 'A retired competency takes no new requirement or assessment.' })
  readonly status!: CompetencyStatus;

  @ApiProperty({ format: 'date-time' })
  readonly definedAt!: string;

  @ApiProperty({ format: 'date-time', description: 'Business date of its latest change; no change may be dated before it.' })
  readonly lastChangedAt!: string;
}

export class CompetencyView extends CompetencySummaryView {
  @ApiProperty(POSITION_FIELD)
  readonly position!: string;
}

export class CompetencyPage {
  @ApiProperty({ type: [CompetencySummaryView], description: 'In the order they were defined, then by id.' })
  readonly items!: readonly CompetencySummaryView[];

  @ApiProperty(NEXT_CURSOR_FIELD)
  readonly nextCursor!: string | null;
}

export class DefineProficiencyScaleRequest implements RequestOf<DefineProficiencyScale> {
  @ApiProperty({
    type: [String],
    minItems: MIN_SCALE_LEVELS,
    maxItems: MAX_SCALE_LEVELS,
    example: ['none', 'basic', 'working', 'proficient', 'expert, can teach'],
    description: `The name of each level, from level 0 up; distinct, at most ${MAX_LEVEL_NAME_LENGTH} characters each. The scale may gain levels, never lose one.`,
  })
  @IsString({ each: true })
  @IsArray()
  readonly levels!: readonly string[];

  @ApiProperty({ minimum: 1, example: 3, description: 'The lowest level that counts as proficient; at most the top level.' })
  @IsInt()
  readonly proficientLevel!: number;

  @OccurredAtField()
  readonly occurredAt?: string;
}

class ScaleLevelView {
  @ApiProperty({ example: 3 })
  readonly level!: number;

  @ApiProperty({ example: 'proficient' })
  readonly name!: string;
}

export class ProficiencyScaleView {
  @ApiProperty({ description: '0 for the default scale, which no event defined; each definition is the next version.' })
  readonly version!: number;

  @ApiProperty({ type: [ScaleLevelView], description: 'From level 0 (none) up.' })
  readonly levels!: readonly ScaleLevelView[];

  @ApiProperty({ description: 'The lowest level that counts as proficient.' })
  readonly proficientLevel!: number;

  @ApiProperty({
    type: String,
    format: 'date-time',
    nullable: true,
    description: 'Business date of this version; null for the default scale.',
  })
  readonly definedAt!: string | null;

  @ApiProperty({ type: AsOfView, description: 'The moment the answer reflects.' })
  readonly asOf!: AsOfView;
}
