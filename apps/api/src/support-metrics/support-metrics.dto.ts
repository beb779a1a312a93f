import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn } from 'class-validator';
import type { DurationFigures, SupportGroup, SupportGroupBy, SupportMetricsRow } from '#projections/support/support-metrics.report.js';
import type { SupportTargets } from '#projections/support/support-targets.js';
import { AS_OF_FIELD, AsOfView } from '../platform/as-of.js';
import { DayRangeQuery, PERIOD_FIELD } from '../platform/dto-fields.js';
import { Omittable } from '../platform/omittable.js';

export const SUPPORT_GROUPINGS: readonly SupportGroupBy[] = ['day', 'week', 'month', 'employee', 'line', 'channel', 'product'];

export class SupportMetricsQuery extends DayRangeQuery {
  @ApiPropertyOptional({
    enum: SUPPORT_GROUPINGS,
    description:
      'One row per calendar period of opening (UTC; ISO weeks start on Monday), or per employee, entry line, channel or ' +
      'product. Absent: one row.',
  })
  @Omittable()
  @IsIn(SUPPORT_GROUPINGS)
  readonly groupBy?: SupportGroupBy;
}

const SHARE = (description: string) => ({ type: Number, nullable: true, description: `${description}; null when there is nothing to share.` });

class SupportGroupView implements SupportGroup {
  @ApiPropertyOptional(PERIOD_FIELD)
  readonly period?: string;

  @ApiPropertyOptional({
    type: String,
    nullable: true,
    description:
      'When grouped by employee: the assignee for the ticket counts, the responder for the response figures, the ' +
      'resolver for the resolution figures; null: tickets not assigned.',
  })
  readonly employeeId?: string | null;

  @ApiPropertyOptional({
    description: "When grouped by line: the line the ticket entered on (its first assignment's, else the first line).",
  })
  readonly line?: number;

  @ApiPropertyOptional({ description: 'When grouped by channel.' })
  readonly channel?: string;

  @ApiPropertyOptional({ type: String, nullable: true, description: 'When grouped by product; null: tickets about no product.' })
  readonly productId?: string | null;
}

class DurationFiguresView implements DurationFigures {
  @ApiProperty({ description: 'Mean, in seconds.' })
  readonly mean!: number;

  @ApiProperty({ description: 'Median (nearest rank), in seconds: the duration of an actual ticket.' })
  readonly p50!: number;

  @ApiProperty({ description: '90th percentile (nearest rank), in seconds.' })
  readonly p90!: number;
}

class SupportMetricsRowView implements SupportMetricsRow {
  @ApiProperty({ type: SupportGroupView })
  readonly group!: SupportGroupView;

  @ApiProperty({ description: 'Tickets opened.' })
  readonly tickets!: number;

  @ApiProperty({
    type: Number,
    nullable: true,
    description: "Tickets per calendar day of the row's period within `from`/`to`; null for a row of no period without both bounds.",
  })
  readonly contactsPerDay!: number | null;

  @ApiProperty({ type: DurationFiguresView, nullable: true, description: 'From opening to the first response; null: none answered yet.' })
  readonly firstResponseSeconds!: DurationFiguresView | null;

  @ApiProperty(SHARE('Share of the answered tickets first answered within the target'))
  readonly firstResponseWithinTarget!: number | null;

  @ApiProperty({
    type: DurationFiguresView,
    nullable: true,
    description: 'From opening to the resolution that holds (a reopened ticket counts once resolved again); null: none resolved.',
  })
  readonly resolutionSeconds!: DurationFiguresView | null;

  @ApiProperty(SHARE('Share of the resolved tickets resolved within the target'))
  readonly resolvedWithinTarget!: number | null;

  @ApiProperty(SHARE('Share of the rated tickets rated 5 ("excellent"), by their latest rating'))
  readonly excellentShare!: number | null;

  @ApiProperty(SHARE('Share of the rated tickets rated 4 or 5'))
  readonly csat!: number | null;

  @ApiProperty(SHARE('Share of the tickets that repeat an earlier contact of the client on the same topic'))
  readonly repeatContactShare!: number | null;

  @ApiProperty(SHARE('Share of the tickets closed (and not reopened since)'))
  readonly closedShare!: number | null;

  @ApiProperty(SHARE('Share of the tickets escalated to a higher line at least once'))
  readonly escalationShare!: number | null;
}

class SupportTargetsView implements SupportTargets {
  @ApiProperty({ example: 120 })
  readonly firstResponseSeconds!: number;

  @ApiProperty({ example: 14_400 })
  readonly resolutionSeconds!: number;

  @ApiProperty({ example: 0.9, description: 'At least.' })
  readonly excellentShare!: number;

  @ApiProperty({ example: 100 })
  readonly contactsPerDay!: number;

  @ApiProperty({ example: 0.05, description: 'At most.' })
  readonly repeatContactShare!: number;

  @ApiProperty({ example: 0.95, description: 'At least.' })
  readonly closedShare!: number;

  @ApiProperty({ example: 0.02, description: 'At most.' })
  readonly escalationShare!: number;
}

export class SupportMetricsAnswer {
  @ApiProperty(AS_OF_FIELD)
  readonly asOf!: AsOfView;

  @ApiProperty({ type: SupportTargetsView, description: 'The configured targets, in the units of the figures (seconds, shares).' })
  readonly targets!: SupportTargetsView;

  @ApiProperty({ type: [SupportMetricsRowView], description: 'By period, then by the grouped value (nulls last).' })
  readonly rows!: SupportMetricsRowView[];
}
