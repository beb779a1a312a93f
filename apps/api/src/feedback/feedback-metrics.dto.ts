import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn } from 'class-validator';
import type { ComplaintOutcome } from '#domain/feedback/index.js';
import type { FeedbackMetricsGroup, FeedbackMetricsGroupBy, FeedbackMetricsRow } from '#projections/feedback/feedback-metrics.report.js';
import { AS_OF_FIELD, AsOfView } from '../platform/as-of.js';
import { DayRangeQuery, OptionalIdField, PERIOD_FIELD } from '../platform/dto-fields.js';
import { Omittable } from '../platform/omittable.js';

export const FEEDBACK_METRICS_GROUPINGS: readonly FeedbackMetricsGroupBy[] = ['day', 'week', 'month', 'employee', 'section', 'product'];

export class FeedbackMetricsQuery extends DayRangeQuery {
  @ApiPropertyOptional({
    enum: FEEDBACK_METRICS_GROUPINGS,
    description:
      'One row per calendar period (UTC; ISO weeks start on Monday), or per employee, section or product the feedback ' +
      'is about (the feedback about the other kinds of subject left out). Absent: one row.',
  })
  @Omittable()
  @IsIn(FEEDBACK_METRICS_GROUPINGS)
  readonly groupBy?: FeedbackMetricsGroupBy;

  @OptionalIdField('Only the feedback about this employee.', 'agent-7')
  readonly employeeId?: string;

  @OptionalIdField('Only the feedback about this section.', 'section-care')
  readonly sectionId?: string;

  @OptionalIdField('Only the feedback about this product.', 'course-sales')
  readonly productId?: string;
}

class FeedbackMetricsGroupView implements FeedbackMetricsGroup {
  @ApiPropertyOptional(PERIOD_FIELD)
  readonly period?: string;

  @ApiPropertyOptional({ description: 'When grouped by employee.' })
  readonly employeeId?: string;

  @ApiPropertyOptional({ description: 'When grouped by section.' })
  readonly sectionId?: string;

  @ApiPropertyOptional({ description: 'When grouped by product.' })
  readonly productId?: string;
}

class ComplaintOutcomesView implements Record<ComplaintOutcome, number> {
  @ApiProperty({ description: 'The complaint was right.' })
  readonly upheld!: number;

  @ApiProperty({ description: 'The complaint was not right.' })
  readonly rejected!: number;

  @ApiProperty({ description: 'The problem was solved without a ruling.' })
  readonly resolved!: number;
}

class FeedbackMetricsRowView implements FeedbackMetricsRow {
  @ApiProperty({ type: FeedbackMetricsGroupView })
  readonly group!: FeedbackMetricsGroupView;

  @ApiProperty({ description: 'Thanks received.' })
  readonly thanks!: number;

  @ApiProperty({ description: 'Complaints received.' })
  readonly complaints!: number;

  @ApiProperty({ description: 'Complaints closed, counted at their closing date.' })
  readonly complaintsClosed!: number;

  @ApiProperty({ type: ComplaintOutcomesView, description: 'The closed complaints by outcome.' })
  readonly outcomes!: ComplaintOutcomesView;
}

export class FeedbackMetricsAnswer {
  @ApiProperty(AS_OF_FIELD)
  readonly asOf!: AsOfView;

  @ApiProperty({ type: [FeedbackMetricsRowView], description: 'By period, then by the grouped id.' })
  readonly rows!: FeedbackMetricsRowView[];
}
