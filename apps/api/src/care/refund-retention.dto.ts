import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn } from 'class-validator';
import type {
  OtherOutcomes,
  OutcomeTotals,
  RefundRetentionGroup,
  RefundRetentionGroupBy,
  RefundRetentionRow,
} from '#projections/care/refund-retention.report.js';
import type { MinorUnitsTotal } from '#projections/shared/money-totals.js';
import { AS_OF_FIELD, AsOfView } from '../platform/as-of.js';
import { DayRangeQuery, minorUnitsTotalsField, OptionalIdField, PERIOD_FIELD } from '../platform/dto-fields.js';
import { Omittable } from '../platform/omittable.js';

export const REFUND_RETENTION_GROUPINGS: readonly RefundRetentionGroupBy[] = ['day', 'week', 'month', 'product', 'section', 'employee'];

export class RefundRetentionQuery extends DayRangeQuery {
  @ApiPropertyOptional({
    enum: REFUND_RETENTION_GROUPINGS,
    description: 'One row per calendar period (UTC; ISO weeks start on Monday) or per product, section or employee. Absent: one row.',
  })
  @Omittable()
  @IsIn(REFUND_RETENTION_GROUPINGS)
  readonly groupBy?: RefundRetentionGroupBy;

  @OptionalIdField('Only the outcomes of this product.', 'course-sales')
  readonly productId?: string;

  @OptionalIdField('Only the outcomes of this section.', 'section-webinars')
  readonly sectionId?: string;

  @OptionalIdField(
    'Refunds count for the employee handling the case when refunded, retentions for the one who retained.',
    'agent-7',
  )
  readonly employeeId?: string;
}

class RefundRetentionGroupView implements RefundRetentionGroup {
  @ApiPropertyOptional(PERIOD_FIELD)
  readonly period?: string;

  @ApiPropertyOptional({ type: String, nullable: true, description: 'When grouped by product.' })
  readonly productId?: string | null;

  @ApiPropertyOptional({ type: String, nullable: true, description: 'When grouped by section; null: outcomes of cases without one.' })
  readonly sectionId?: string | null;

  @ApiPropertyOptional({ type: String, nullable: true, description: 'When grouped by employee; null: decided before any assignment.' })
  readonly employeeId?: string | null;
}

class OutcomeTotalsView implements OutcomeTotals {
  @ApiProperty({ description: 'Net count: a lost save takes its retention back at the refund date (-1 there).' })
  readonly count!: number;

  @ApiProperty(minorUnitsTotalsField('Net minor units per ISO currency.', '1500000'))
  readonly amount!: Readonly<Record<string, MinorUnitsTotal>>;
}

class OtherOutcomesView implements OtherOutcomes {
  @ApiProperty({ description: 'Cases solved with no money moving.' })
  readonly resolvedWithoutMoney!: number;

  @ApiProperty({ description: 'Clients who left without a refund.' })
  readonly clientLost!: number;
}

class RefundRetentionRowView implements RefundRetentionRow {
  @ApiProperty({ type: RefundRetentionGroupView })
  readonly group!: RefundRetentionGroupView;

  @ApiProperty({ type: OutcomeTotalsView })
  readonly refunds!: OutcomeTotalsView;

  @ApiProperty({ type: OutcomeTotalsView })
  readonly retained!: OutcomeTotalsView;

  @ApiProperty({ type: Number, nullable: true, description: 'refunds / retained, by count; null when nobody was retained.' })
  readonly refundToRetainedRatio!: number | null;

  @ApiProperty({ type: Number, nullable: true, description: 'retained / (retained + refunded), by count; null when there is no share.' })
  readonly retentionShare!: number | null;

  @ApiPropertyOptional({
    type: OtherOutcomesView,
    description: 'Cases that ended with neither a refund nor a retention; only on rows that have some. They change none of the figures above.',
  })
  readonly otherOutcomes?: OtherOutcomesView;
}

export class RefundRetentionAnswer {
  @ApiProperty(AS_OF_FIELD)
  readonly asOf!: AsOfView;

  @ApiProperty({ type: [RefundRetentionRowView], description: 'By period, then by the grouped value (nulls last).' })
  readonly rows!: RefundRetentionRowView[];
}
