import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn } from 'class-validator';
import {
  TRAINING_ACTIVITY_GROUPINGS,
  TRAINING_EFFECTIVENESS_GROUPINGS,
  TRAINING_PLANS_GROUPINGS,
  WEBINAR_CONVERSION_GROUPINGS,
  type TrainingActivityGroupBy,
  type TrainingActivityRow,
  type TrainingEffectivenessGroupBy,
  type TrainingEffectivenessRow,
  type TrainingMetricGroup,
  type TrainingPlansGroupBy,
  type TrainingPlansRow,
  type WebinarConversionGroupBy,
  type WebinarConversionRow,
} from '#projections/training/training-metrics.report.js';
import type { MinorUnitsTotal } from '#projections/shared/money-totals.js';
import { AS_OF_FIELD, AsOfView } from '../platform/as-of.js';
import { DayRangeQuery, minorUnitsTotalsField, OptionalDayField, OptionalIdField, PERIOD_FIELD } from '../platform/dto-fields.js';
import { Omittable } from '../platform/omittable.js';

const PERIOD_NOTE = 'One row per calendar period (UTC; ISO weeks start on Monday)';

export class TrainingPlansMetricQuery extends DayRangeQuery {
  @ApiPropertyOptional({ enum: TRAINING_PLANS_GROUPINGS, description: `${PERIOD_NOTE} of the plans' due days, or per section or employee. Absent: one row.` })
  @Omittable()
  @IsIn(TRAINING_PLANS_GROUPINGS)
  readonly groupBy?: TrainingPlansGroupBy;

  @OptionalIdField("Only the plans of this section's employees.", 'section-support')
  readonly sectionId?: string;

  @OptionalDayField('Plans still open with a due day before this day are overdue. Default: today (UTC).', '2026-05-01')
  readonly at?: string;
}

export class TrainingActivityQuery extends DayRangeQuery {
  @ApiPropertyOptional({
    enum: TRAINING_ACTIVITY_GROUPINGS,
    description: `${PERIOD_NOTE} of the trainings, per section, or per source (plan items, sessions). Absent: one row.`,
  })
  @Omittable()
  @IsIn(TRAINING_ACTIVITY_GROUPINGS)
  readonly groupBy?: TrainingActivityGroupBy;

  @OptionalIdField("Only this section's trainings; the cost of sessions, which belongs to no section, is then left out.", 'section-support')
  readonly sectionId?: string;
}

export class TrainingEffectivenessQuery extends DayRangeQuery {
  @ApiPropertyOptional({ enum: TRAINING_EFFECTIVENESS_GROUPINGS, description: `${PERIOD_NOTE} of the plans' completion, or per section.` })
  @Omittable()
  @IsIn(TRAINING_EFFECTIVENESS_GROUPINGS)
  readonly groupBy?: TrainingEffectivenessGroupBy;

  @OptionalIdField("Only the plans of this section's employees.", 'section-support')
  readonly sectionId?: string;
}

export class WebinarConversionQuery extends DayRangeQuery {
  @ApiPropertyOptional({ enum: WEBINAR_CONVERSION_GROUPINGS, description: `${PERIOD_NOTE} of the webinars, or per trainer.` })
  @Omittable()
  @IsIn(WEBINAR_CONVERSION_GROUPINGS)
  readonly groupBy?: WebinarConversionGroupBy;

  @OptionalIdField("Only this trainer's webinars.", 'emp-trainer-1')
  readonly trainerId?: string;
}

class TrainingMetricGroupView implements TrainingMetricGroup {
  @ApiPropertyOptional(PERIOD_FIELD)
  readonly period?: string;

  @ApiPropertyOptional({ type: String, nullable: true, description: 'When grouped by section; null: no section known.' })
  readonly sectionId?: string | null;

  @ApiPropertyOptional({ type: String, nullable: true, enum: ['plan', 'session'], description: 'When grouped by source.' })
  readonly source?: string | null;

  @ApiPropertyOptional({ type: String, nullable: true, description: 'When grouped by trainer.' })
  readonly trainerId?: string | null;
}

class TrainingPlansRowView implements TrainingPlansRow {
  @ApiProperty({ type: TrainingMetricGroupView })
  readonly group!: TrainingMetricGroupView;

  @ApiProperty({ description: 'Approved plans due in the row (the due day of their latest item), net of cancellations.' })
  readonly due!: number;

  @ApiProperty()
  readonly completed!: number;

  @ApiProperty({ description: 'Completed with every item by its due day.' })
  readonly completedOnTime!: number;

  @ApiProperty()
  readonly completedLate!: number;

  @ApiProperty({ description: 'Due and not completed.' })
  readonly open!: number;

  @ApiProperty({ description: 'Open with a due day before `at`.' })
  readonly overdue!: number;

  @ApiProperty({ type: Number, nullable: true, description: 'completed / due.' })
  readonly completionRate!: number | null;

  @ApiProperty({ type: Number, nullable: true, description: 'completedOnTime / due.' })
  readonly onTimeRate!: number | null;
}

class TrainingActivityRowView implements TrainingActivityRow {
  @ApiProperty({ type: TrainingMetricGroupView })
  readonly group!: TrainingMetricGroupView;

  @ApiProperty({ description: 'Plan items completed and session attendances.' })
  readonly trainings!: number;

  @ApiProperty({ description: 'Hours trained: per completed item, and per attendee of a session.' })
  readonly hours!: number;

  @ApiProperty(minorUnitsTotalsField('Minor units per currency: external courses when completed, outside sessions at their start.', '4500000'))
  readonly cost!: Readonly<Record<string, MinorUnitsTotal>>;
}

class TrainingEffectivenessRowView implements TrainingEffectivenessRow {
  @ApiProperty({ type: TrainingMetricGroupView })
  readonly group!: TrainingMetricGroupView;

  @ApiProperty({ description: 'The gaps the completed plans started from.' })
  readonly gapsTrained!: number;

  @ApiProperty({ description: 'Of those, assessed (validated) after their plan.' })
  readonly gapsReassessed!: number;

  @ApiProperty({ description: 'Of those, with no gap left by the latest validated level.' })
  readonly gapsClosed!: number;

  @ApiProperty({ type: Number, nullable: true, description: 'gapsClosed / gapsReassessed.' })
  readonly closedShare!: number | null;

  @ApiProperty({ type: Number, nullable: true, description: 'gapsReassessed / gapsTrained.' })
  readonly reassessedShare!: number | null;

  @ApiProperty({ type: Number, nullable: true, description: 'Mean gap of the re-assessed competencies when their plans started.' })
  readonly meanGapAtStart!: number | null;

  @ApiProperty({ type: Number, nullable: true, description: 'Their mean gap by the latest validated level.' })
  readonly meanGapAfter!: number | null;
}

class WebinarConversionRowView implements WebinarConversionRow {
  @ApiProperty({ type: TrainingMetricGroupView })
  readonly group!: TrainingMetricGroupView;

  @ApiProperty()
  readonly webinars!: number;

  @ApiProperty()
  readonly attendees!: number;

  @ApiProperty()
  readonly buyers!: number;

  @ApiProperty({ type: Number, nullable: true, description: 'buyers / attendees; null without attendees.' })
  readonly conversion!: number | null;

  @ApiProperty({ example: 0.3, description: 'The trainer KPI target.' })
  readonly target!: number;

  @ApiProperty({ type: Boolean, nullable: true, description: 'conversion >= target; null without attendees.' })
  readonly meetsTarget!: boolean | null;
}

export class TrainingPlansAnswer {
  @ApiProperty(AS_OF_FIELD)
  readonly asOf!: AsOfView;

  @ApiProperty({ format: 'date', description: 'The day overdue is counted on.' })
  readonly at!: string;

  @ApiProperty({ type: [TrainingPlansRowView], description: 'By period, then by section (nulls last).' })
  readonly rows!: readonly TrainingPlansRowView[];
}

export class TrainingActivityAnswer {
  @ApiProperty(AS_OF_FIELD)
  readonly asOf!: AsOfView;

  @ApiProperty({ type: [TrainingActivityRowView] })
  readonly rows!: readonly TrainingActivityRowView[];
}

export class TrainingEffectivenessAnswer {
  @ApiProperty(AS_OF_FIELD)
  readonly asOf!: AsOfView;

  @ApiProperty({ type: [TrainingEffectivenessRowView] })
  readonly rows!: readonly TrainingEffectivenessRowView[];
}

export class WebinarConversionAnswer {
  @ApiProperty(AS_OF_FIELD)
  readonly asOf!: AsOfView;

  @ApiProperty({ type: [WebinarConversionRowView] })
  readonly rows!: readonly WebinarConversionRowView[];
}
