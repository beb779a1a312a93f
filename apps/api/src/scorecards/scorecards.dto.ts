import { ApiProperty } from '@nestjs/swagger';
import { Matches } from 'class-validator';
import { INDICATOR_IDS, INDICATOR_UNITS, type IndicatorId, type IndicatorUnit } from '#domain/catalogue/indicators.js';
import { STANDARD_TYPES, type StandardType } from '#domain/standards/index.js';
import { MONTH } from '#domain/shared/months.js';
import { type Attainment, type FigureScope, type ScorecardKpi, type StandardCompliance, type StandingFigure, type StandingFigures, type StatedScorecardKpi } from '#projections/scorecards/scorecard.js';
import { AsOfQuery, AsOfView } from '../platform/as-of.js';

export class ScorecardQuery extends AsOfQuery {
  @ApiProperty({ example: '2026-03', description: 'The calendar month (UTC) the figures cover.' })
  @Matches(MONTH, { message: 'period must be a month, YYYY-MM' })
  readonly period!: string;
}

class AttainmentView implements Attainment {
  @ApiProperty({ description: "The value meets the target, by the indicator's direction." })
  readonly met!: boolean;

  @ApiProperty({
    type: Number,
    nullable: true,
    example: 1.1,
    description: 'Value over target (target over value where lower is better); null unless both are above zero.',
  })
  readonly ratio!: number | null;
}

class ScorecardKpiView implements ScorecardKpi {
  @ApiProperty({ example: 'Client support on line 1' })
  readonly area!: string;

  @ApiProperty({ enum: INDICATOR_IDS, example: 'support.firstResponseWithinTarget' })
  readonly indicatorId!: IndicatorId;

  @ApiProperty({ example: 'First responses within target' })
  readonly name!: string;

  @ApiProperty({ enum: INDICATOR_UNITS })
  readonly unit!: IndicatorUnit;

  @ApiProperty({ example: 1 })
  readonly definitionVersion!: number;

  @ApiProperty({ example: 0.9, description: 'As the job profile version in force sets it.' })
  readonly target!: number;

  @ApiProperty({ type: Number, nullable: true, example: 0.93, description: 'Null where the period has no figure.' })
  readonly value!: number | null;

  @ApiProperty({
    enum: ['employee', 'company'],
    description: "`employee`: the employee's own figure; `company`: the whole company's, for an indicator not computed per employee.",
  })
  readonly scope!: FigureScope;

  @ApiProperty({ type: AttainmentView, nullable: true, description: 'Null without a value.' })
  readonly attainment!: AttainmentView | null;
}

class StatedScorecardKpiView implements StatedScorecardKpi {
  @ApiProperty({ example: 'Escalations' })
  readonly area!: string;

  @ApiProperty({ example: 'Escalations answered' })
  readonly name!: string;

  @ApiProperty({ example: 'same day' })
  readonly target!: string;
}

class StandingFigureView implements StandingFigure {
  @ApiProperty({ enum: INDICATOR_IDS, example: 'training.planCompletionRate' })
  readonly indicatorId!: IndicatorId;

  @ApiProperty({ example: 'Plan completion rate' })
  readonly name!: string;

  @ApiProperty({ enum: INDICATOR_UNITS })
  readonly unit!: IndicatorUnit;

  @ApiProperty({ type: Number, nullable: true, example: 1, description: "The employee's own figure for the period; null where it has none." })
  readonly value!: number | null;
}

const STANDING_SECTION = (what: string, nullable: boolean) =>
  ApiProperty({ type: [StandingFigureView], nullable, description: nullable ? `${what}; null when the employee had none in the period.` : what });

class StandingFiguresView implements StandingFigures {
  @STANDING_SECTION('Their individual plans due in the period: completion, on time, overdue', false)
  readonly trainingPlans!: readonly StandingFigureView[];

  @STANDING_SECTION('Inspections of the work they authored: pass rate, first-time pass rate, mean score', true)
  readonly inspections!: readonly StandingFigureView[] | null;

  @STANDING_SECTION('The care cases assigned to them that were decided', true)
  readonly care!: readonly StandingFigureView[] | null;

  @STANDING_SECTION('The support tickets assigned to them', true)
  readonly support!: readonly StandingFigureView[] | null;
}

class StandardComplianceView implements StandardCompliance {
  @ApiProperty({ enum: STANDARD_TYPES })
  readonly standardType!: StandardType;

  @ApiProperty({ example: 12, description: 'Verdicts on their work under template versions that verify standards of this type.' })
  readonly inspections!: number;

  @ApiProperty({ example: 11 })
  readonly passed!: number;

  @ApiProperty({ type: Number, nullable: true, example: 0.92, description: 'passed / inspections.' })
  readonly passRate!: number | null;
}

export class ScorecardView {
  @ApiProperty({ example: 'emp-0107' })
  readonly employeeId!: string;

  @ApiProperty({ example: '2026-03' })
  readonly period!: string;

  @ApiProperty({ example: 'support-line-1', description: 'The position the employee held on the last day of the period.' })
  readonly positionId!: string;

  @ApiProperty({ example: 'section-support' })
  readonly sectionId!: string;

  @ApiProperty({ type: Number, nullable: true, example: 2, description: "The position's job profile version in force on the last day of the period; null: none approved." })
  readonly profileVersion!: number | null;

  @ApiProperty({ type: [ScorecardKpiView], description: "Each KPI on an indicator of the profile version, in the profile's order." })
  readonly kpis!: readonly ScorecardKpiView[];

  @ApiProperty({ type: [StatedScorecardKpiView], description: 'Text KPIs of a version drafted before the indicator catalogue: shown, not measured.' })
  readonly statedKpis!: readonly StatedScorecardKpiView[];

  @ApiProperty({ type: StandingFiguresView, description: 'Figures every scorecard shows, KPIs or not.' })
  readonly standing!: StandingFiguresView;

  @ApiProperty({
    type: [StandardComplianceView],
    description:
      'Their pass rate as author per type of standard: a verdict counts for each type of the standards its template version verifies. Only the types they had verdicts under.',
  })
  readonly standardCompliance!: readonly StandardComplianceView[];

  @ApiProperty({ type: AsOfView })
  readonly asOf!: AsOfView;
}
