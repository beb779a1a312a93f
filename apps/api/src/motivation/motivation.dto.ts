import { ApiProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsArray, IsNumber, Matches, ValidateNested } from 'class-validator';
import {
  MAX_ATTAINMENT_CAP,
  MAX_COEFFICIENT,
  type CoefficientBand,
  type ComplianceFigure,
  type KpiAttainment,
  type MotivationAdjustmentIssuedData,
  type MotivationComponent,
  type MotivationPeriodClosedData,
  type MotivationRuleVersionAdoptedData,
  type MotivationStatementIssuedData,
  type PeriodCheckpoint,
  type StatementFigures,
} from '#domain/motivation/index.js';
import { MONTH } from '#domain/shared/months.js';
import { STANDARD_TYPES, type StandardType } from '#domain/standards/index.js';
import { AsOfView } from '../platform/as-of.js';
import { BusinessTimeRequest, IdField, OccurredAtField } from '../platform/dto-fields.js';
import type { AdoptRuleVersionFields, ClosePeriodFields } from './motivation-commands.service.js';

const MONTH_MESSAGE = '$property must be a month, YYYY-MM';

export class MonthParams {
  @ApiProperty({ example: '2026-03', description: 'A calendar month (UTC).' })
  @Matches(MONTH, { message: MONTH_MESSAGE })
  readonly month!: string;
}

export class MonthEmployeeParams extends MonthParams {
  @IdField('The employee.', 'emp-0107')
  readonly employeeId!: string;
}

class WeightsDto implements Record<MotivationComponent, number> {
  @ApiProperty({ example: 60, description: "Percent of the score from the KPIs' attainment." })
  @IsNumber()
  readonly kpis!: number;

  @ApiProperty({ example: 25, description: 'Percent from the pass rate on the standards, per type of standard.' })
  @IsNumber()
  readonly standardCompliance!: number;

  @ApiProperty({ example: 15, description: 'Percent from training plan completion.' })
  @IsNumber()
  readonly trainingPlans!: number;
}

class BandDto implements CoefficientBand {
  @ApiProperty({ example: 0.95, maximum: MAX_ATTAINMENT_CAP, description: 'The lowest score of the band; the first band starts at 0.' })
  @IsNumber()
  readonly fromScore!: number;

  @ApiProperty({ example: 1, maximum: MAX_COEFFICIENT })
  @IsNumber()
  readonly coefficient!: number;
}

export class AdoptRuleVersionRequest implements AdoptRuleVersionFields {
  @IdField('The adopted council decision this version carries out.', '0190f5c2-7b1e-7c3a-9d2f-5a4b3c2d1e0f')
  readonly decisionId!: string;

  @ApiProperty({ example: '2026-04', description: 'The first month whose statements this version computes; after the last closed month.' })
  @Matches(MONTH, { message: MONTH_MESSAGE })
  readonly effectiveFrom!: string;

  @ApiProperty({ type: WeightsDto, description: 'Whole percents summing to 100.' })
  @ValidateNested()
  @Type(() => WeightsDto)
  readonly weights!: WeightsDto;

  @ApiProperty({ example: 1.2, minimum: 1, maximum: MAX_ATTAINMENT_CAP, description: "A KPI's attainment counts up to this ratio." })
  @IsNumber()
  readonly attainmentCap!: number;

  @ApiProperty({ type: [BandDto], description: 'Ascending by `fromScore`, the first from 0: the score maps to the coefficient of the highest band at or below it.' })
  @IsArray()
  @ValidateNested({ each: true })
  @Type(() => BandDto)
  readonly bands!: BandDto[];

  @ApiProperty({ example: 1, maximum: MAX_COEFFICIENT, description: 'The coefficient of a month whose scorecard gives no component any figure.' })
  @IsNumber()
  readonly coefficientWithoutData!: number;

  @OccurredAtField()
  readonly occurredAt?: string;
}

export class ClosePeriodRequest extends BusinessTimeRequest implements ClosePeriodFields {}

class RuleVersionView implements MotivationRuleVersionAdoptedData {
  @ApiProperty({ example: 1 })
  readonly version!: number;

  @ApiProperty({ example: '0190f5c2-7b1e-7c3a-9d2f-5a4b3c2d1e0f' })
  readonly decisionId!: string;

  @ApiProperty({ example: '2026-04' })
  readonly effectiveFrom!: string;

  @ApiProperty({ type: WeightsDto })
  readonly weights!: WeightsDto;

  @ApiProperty({ example: 1.2 })
  readonly attainmentCap!: number;

  @ApiProperty({ type: [BandDto] })
  readonly bands!: readonly BandDto[];

  @ApiProperty({ example: 1 })
  readonly coefficientWithoutData!: number;

  @ApiProperty({ format: 'date-time' })
  readonly adoptedAt!: string;
}

export class MotivationRuleView {
  @ApiProperty({ type: [RuleVersionView], description: 'Oldest first.' })
  readonly versions!: readonly RuleVersionView[];

  @ApiProperty({ type: AsOfView })
  readonly asOf!: AsOfView;
}

class KpiAttainmentView implements KpiAttainment {
  @ApiProperty({ example: 'care.retentionShare' })
  readonly indicatorId!: string;

  @ApiProperty({ type: Number, nullable: true, example: 0.64 })
  readonly value!: number | null;

  @ApiProperty({ example: 0.6 })
  readonly target!: number;

  @ApiProperty({ type: Number, nullable: true, example: 1.0667, description: 'As the scorecard gave it: value over target, or target over value where lower is better.' })
  readonly ratio!: number | null;

  @ApiProperty({ type: Boolean, nullable: true })
  readonly met!: boolean | null;
}

class ComplianceFigureView implements ComplianceFigure {
  @ApiProperty({ enum: STANDARD_TYPES })
  readonly standardType!: StandardType;

  @ApiProperty({ example: 12 })
  readonly inspections!: number;

  @ApiProperty({ example: 11 })
  readonly passed!: number;
}

class ComponentsView implements Record<MotivationComponent, number | null> {
  @ApiProperty({ type: Number, nullable: true, example: 1.03 })
  readonly kpis!: number | null;

  @ApiProperty({ type: Number, nullable: true, example: 0.92 })
  readonly standardCompliance!: number | null;

  @ApiProperty({ type: Number, nullable: true, example: 0.75 })
  readonly trainingPlans!: number | null;
}

class CheckpointView implements PeriodCheckpoint {
  @ApiProperty({ example: '1042', description: 'The log position every figure was read at.' })
  readonly position!: string;

  @ApiProperty({ example: 1042, description: 'The ledger tree over the log up to that position: its size…' })
  readonly treeSize!: number;

  @ApiProperty({ example: 'CsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I=', description: '…and its root hash, base64.' })
  readonly rootHash!: string;
}

class FiguresView implements StatementFigures {
  @ApiProperty({ example: 'care-agent', description: 'The position the employee held on the last day of the month.' })
  readonly positionId!: string;

  @ApiProperty({ type: [KpiAttainmentView] })
  readonly kpis!: readonly KpiAttainmentView[];

  @ApiProperty({ type: [ComplianceFigureView] })
  readonly standardCompliance!: readonly ComplianceFigureView[];

  @ApiProperty({ type: Number, nullable: true, example: 0.75 })
  readonly trainingPlanCompletion!: number | null;
}

class StatementView extends FiguresView implements MotivationStatementIssuedData {
  @ApiProperty({ example: '2026-03' })
  readonly month!: string;

  @ApiProperty({ example: 'emp-0107' })
  readonly employeeId!: string;

  @ApiProperty({ example: 1 })
  readonly ruleVersion!: number;

  @ApiProperty({ type: ComponentsView, description: "Each component's score; null where the month gave it no figure." })
  readonly components!: ComponentsView;

  @ApiProperty({ type: Number, nullable: true, example: 0.97, description: 'The weighted score; null with no component scored.' })
  readonly score!: number | null;

  @ApiProperty({ example: 1 })
  readonly coefficient!: number;

  @ApiProperty({ type: CheckpointView })
  readonly checkpoint!: CheckpointView;

  @ApiProperty({ format: 'date-time' })
  readonly issuedAt!: string;
}

class AdjustmentView implements MotivationAdjustmentIssuedData {
  @ApiProperty({ example: '2026-04', description: 'The month the adjustment is booked in.' })
  readonly month!: string;

  @ApiProperty({ example: 'emp-0107' })
  readonly employeeId!: string;

  @ApiProperty({ example: '2026-03', description: 'The closed month it corrects.' })
  readonly forMonth!: string;

  @ApiProperty({ example: 1, description: "The rule version of the corrected month's statement." })
  readonly ruleVersion!: number;

  @ApiProperty({ example: 1 })
  readonly previousCoefficient!: number;

  @ApiProperty({ example: -0.5, description: 'coefficient − previousCoefficient.' })
  readonly delta!: number;

  @ApiProperty({ type: FiguresView, description: 'The figures of the corrected month as read at this close.' })
  readonly figures!: FiguresView;

  @ApiProperty({ type: ComponentsView })
  readonly components!: ComponentsView;

  @ApiProperty({ type: Number, nullable: true, example: 0.85 })
  readonly score!: number | null;

  @ApiProperty({ example: 0.5 })
  readonly coefficient!: number;

  @ApiProperty({ type: CheckpointView })
  readonly checkpoint!: CheckpointView;

  @ApiProperty({ format: 'date-time' })
  readonly issuedAt!: string;
}

export class ClosedMonthView implements MotivationPeriodClosedData {
  @ApiProperty({ example: '2026-03' })
  readonly month!: string;

  @ApiProperty({ example: 1 })
  readonly ruleVersion!: number;

  @ApiProperty({ example: 42, description: 'Statements issued.' })
  readonly statements!: number;

  @ApiProperty({ example: 2, description: 'Adjustments of earlier months booked in this one.' })
  readonly adjustments!: number;

  @ApiProperty({ type: CheckpointView })
  readonly checkpoint!: CheckpointView;

  @ApiProperty({ format: 'date-time' })
  readonly closedAt!: string;
}

export class ClosedMonthsView {
  @ApiProperty({ type: [ClosedMonthView], description: 'Oldest first.' })
  readonly items!: readonly ClosedMonthView[];

  @ApiProperty({ type: AsOfView })
  readonly asOf!: AsOfView;
}

export class PeriodStatementsView extends ClosedMonthView {
  @ApiProperty({ type: [StatementView], description: 'Each statement, by employee id.' })
  readonly statementLines!: readonly StatementView[];

  @ApiProperty({ type: [AdjustmentView], description: 'Each adjustment booked in the month, by employee id.' })
  readonly adjustmentLines!: readonly AdjustmentView[];

  @ApiProperty({ type: AsOfView })
  readonly asOf!: AsOfView;
}

export class EmployeeStatementView {
  @ApiProperty({ example: '2026-03' })
  readonly month!: string;

  @ApiProperty({ example: 'emp-0107' })
  readonly employeeId!: string;

  @ApiProperty({ type: StatementView, nullable: true, description: 'Null for a month they did not work in but had an adjustment booked.' })
  readonly statement!: StatementView | null;

  @ApiProperty({ type: [AdjustmentView], description: 'Adjustments of earlier months booked in this one.' })
  readonly adjustments!: readonly AdjustmentView[];

  @ApiProperty({ type: AsOfView })
  readonly asOf!: AsOfView;
}
