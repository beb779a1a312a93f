import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, Min } from 'class-validator';
import type { Period } from '#kernel';
import type {
  CriterionFailuresRow,
  InspectionMetricsGroupBy,
  InspectionMetricsRow,
  VerdictGroup,
} from '#projections/quality/inspection-metrics.report.js';
import { AS_OF_FIELD, AsOfView } from '../platform/as-of.js';
import { DayRangeQuery, OptionalIdField, PERIOD_FIELD } from '../platform/dto-fields.js';
import { Omittable } from '../platform/omittable.js';

export const INSPECTION_METRICS_GROUPINGS: readonly InspectionMetricsGroupBy[] = [
  'day',
  'week',
  'month',
  'section',
  'product',
  'template',
  'inspector',
  'author',
];
const PERIODS: readonly Period[] = ['day', 'week', 'month'];

/** The filters of both quality metrics; the business date of a verdict is the date it was given. */
class VerdictFiltersQuery extends DayRangeQuery {
  @OptionalIdField('Only the verdicts on this section’s work.', 'section-layout')
  readonly sectionId?: string;

  @OptionalIdField('Only the verdicts on this product.', 'course-sales')
  readonly productId?: string;

  @OptionalIdField('Only the verdicts given under this template.', 'landing-page')
  readonly templateId?: string;

  @ApiPropertyOptional({ minimum: 1, example: 2, description: 'Only the verdicts given under this version; needs `templateId`.' })
  @Omittable()
  @Min(1)
  @IsInt({ message: 'templateVersion must be a whole number' })
  @Type(() => Number)
  readonly templateVersion?: number;

  @OptionalIdField('Only the verdicts of this inspector (employee id, or key subject).', 'emp-0042')
  readonly inspectorId?: string;

  @OptionalIdField('Only the verdicts on this author’s work.', 'emp-0107')
  readonly authorId?: string;
}

export class InspectionMetricsQuery extends VerdictFiltersQuery {
  @ApiPropertyOptional({
    enum: INSPECTION_METRICS_GROUPINGS,
    description:
      'One row per calendar period (UTC; ISO weeks start on Monday), or per section, product, template version, ' +
      'inspector or author. Absent: one row.',
  })
  @Omittable()
  @IsIn(INSPECTION_METRICS_GROUPINGS)
  readonly groupBy?: InspectionMetricsGroupBy;
}

export class CriterionFailuresQuery extends VerdictFiltersQuery {
  @ApiPropertyOptional({ enum: PERIODS, description: 'One row per criterion and calendar period. Absent: one row per criterion.' })
  @Omittable()
  @IsIn(PERIODS)
  readonly groupBy?: Period;
}

class VerdictGroupView implements VerdictGroup {
  @ApiPropertyOptional(PERIOD_FIELD)
  readonly period?: string;

  @ApiPropertyOptional({ type: String, nullable: true })
  readonly sectionId?: string | null;

  @ApiPropertyOptional({ type: String, nullable: true })
  readonly productId?: string | null;

  @ApiPropertyOptional({ type: String, nullable: true, description: 'When grouped by template, with its version.' })
  readonly templateId?: string | null;

  @ApiPropertyOptional({ type: Number, nullable: true })
  readonly templateVersion?: number | null;

  @ApiPropertyOptional({ type: String, nullable: true })
  readonly inspectorId?: string | null;

  @ApiPropertyOptional({ type: String, nullable: true })
  readonly authorId?: string | null;
}

class InspectionMetricsRowView implements InspectionMetricsRow {
  @ApiProperty({ type: VerdictGroupView })
  readonly group!: VerdictGroupView;

  @ApiProperty({ description: 'Verdicts given: first inspections and re-inspections.' })
  readonly inspections!: number;

  @ApiProperty()
  readonly passed!: number;

  @ApiProperty()
  readonly failed!: number;

  @ApiProperty({ type: Number, nullable: true, description: 'passed / inspections.' })
  readonly passRate!: number | null;

  @ApiProperty({ type: Number, nullable: true, description: 'Mean of the scores, each under its own template version.' })
  readonly meanScore!: number | null;

  @ApiProperty({ description: 'Chains begun: first inspections with a verdict.' })
  readonly firstAttempts!: number;

  @ApiProperty()
  readonly firstAttemptsPassed!: number;

  @ApiProperty({ type: Number, nullable: true, description: 'Share of chains whose first inspection passed.' })
  readonly firstTimePassRate!: number | null;

  @ApiProperty({ type: Number, nullable: true, description: 'Mean of (attempt - 1) over the chains that passed.' })
  readonly meanReinspectionsUntilPass!: number | null;

  @ApiProperty({ type: Number, nullable: true, description: 'Mean hours from the start of a chain to its passing verdict.' })
  readonly meanHoursToPass!: number | null;
}

class CriterionGroupView {
  @ApiPropertyOptional({ format: 'date' })
  readonly period?: string;

  @ApiProperty()
  readonly templateId!: string;

  @ApiProperty()
  readonly templateVersion!: number;

  @ApiProperty()
  readonly criterionId!: string;
}

class CriterionFailuresRowView implements CriterionFailuresRow {
  @ApiProperty({ type: CriterionGroupView })
  readonly group!: CriterionGroupView;

  @ApiProperty()
  readonly critical!: boolean;

  @ApiProperty({ description: 'Verdicts the criterion was part of.' })
  readonly checked!: number;

  @ApiProperty({ description: 'Of those, where it applied (not n/a).' })
  readonly applicable!: number;

  @ApiProperty()
  readonly failed!: number;

  @ApiProperty({ type: Number, nullable: true, description: 'failed / applicable.' })
  readonly failureRate!: number | null;
}

export class InspectionMetricsAnswer {
  @ApiProperty(AS_OF_FIELD)
  readonly asOf!: AsOfView;

  @ApiProperty({ type: [InspectionMetricsRowView], description: 'By period, then by the grouped values (nulls last).' })
  readonly rows!: InspectionMetricsRowView[];
}

export class CriterionFailuresAnswer {
  @ApiProperty(AS_OF_FIELD)
  readonly asOf!: AsOfView;

  @ApiProperty({ type: [CriterionFailuresRowView], description: 'By period, then the most failed criteria first.' })
  readonly rows!: CriterionFailuresRowView[];
}
