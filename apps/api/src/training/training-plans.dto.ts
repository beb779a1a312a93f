import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsArray, IsIn, IsNumber, IsObject, IsString, ValidateNested } from 'class-validator';
import type { Money } from '#domain/shared/money.js';
import {
  MAX_HOURS,
  MAX_ITEM_TITLE_LENGTH,
  MAX_ITEMS,
  MAX_PROVIDER_LENGTH,
  MAX_REASON_LENGTH,
  MAX_SCORE,
  TRAINING_ITEM_KINDS,
  type CancelTrainingPlan,
  type CompleteTraining,
  type PlanGap,
  type PlanTrigger,
  type ReviseTrainingPlan,
  type TrainingItem,
  type TrainingItemKind,
  type TrainingPlanStatus,
} from '#domain/training/index.js';
import type { GapEffectiveness, PlanEffectiveness } from '#projections/training/plan-effectiveness.js';
import type { PlanItemDocument, ReassessmentDocument, TrainingPlanDocument } from '#projections/training/training-plans.projection.js';
import { AsOfView } from '../platform/as-of.js';
import type { RequestOf } from '../platform/command-requests.js';
import { IdField, IdListField, MoneyDto, MoneyView, OccurredAtField, OptionalDayField, OptionalIdField, PageQuery } from '../platform/dto-fields.js';
import { Omittable } from '../platform/omittable.js';

export const TRAINING_PLAN_STATUSES: readonly TrainingPlanStatus[] = ['proposed', 'approved', 'completed', 'cancelled'];

const KIND = {
  enum: TRAINING_ITEM_KINDS,
  example: 'material',
  description:
    'material: a knowledge-base material (materialId); internal-session: a session in the company (sessionId, optional); ' +
    'external-course: a course bought from outside (cost, provider); mentoring: by a colleague (mentorId, optional).',
};

class TrainingItemDto implements TrainingItem {
  @IdField('Unique within the plan.', 'item-1')
  readonly itemId!: string;

  @ApiProperty(KIND)
  @IsIn(TRAINING_ITEM_KINDS)
  @IsString()
  readonly kind!: TrainingItemKind;

  @ApiProperty({ maxLength: MAX_ITEM_TITLE_LENGTH, example: 'Read the refund regulation' })
  @IsString()
  readonly title!: string;

  @OptionalIdField('The material to study: kind material only, and required there.', 'refund-regulation')
  readonly materialId?: string;

  @OptionalIdField('The internal session to attend: kind internal-session only.', 'session-2026-q2')
  readonly sessionId?: string;

  @ApiPropertyOptional({ maxLength: MAX_PROVIDER_LENGTH, example: 'Negotiation School', description: 'Kind external-course only.' })
  @Omittable()
  @IsString()
  readonly provider?: string;

  @ApiPropertyOptional({ type: MoneyDto, description: 'What the course costs: kind external-course only, and required there.' })
  @ValidateNested()
  @Type(() => MoneyDto)
  @IsObject()
  @Omittable()
  readonly cost?: MoneyDto;

  @OptionalIdField('The colleague who mentors: kind mentoring only.', 'emp-lead-1')
  readonly mentorId?: string;

  @IdListField({ example: ['refund-handling'], description: 'The competencies the item addresses; at least one.' })
  readonly competencyIds!: string[];

  @ApiProperty({ format: 'date', example: '2026-04-30', description: 'The day by which it is to be done; not before the day of the command.' })
  @IsString()
  readonly dueOn!: string;

  @ApiPropertyOptional({ exclusiveMinimum: true, minimum: 0, maximum: MAX_HOURS, example: 4, description: 'Hours it is planned to take.' })
  @IsNumber()
  @Omittable()
  readonly hours?: number;
}

export class RevisePlanRequest implements RequestOf<ReviseTrainingPlan, 'planId'> {
  @ApiProperty({ type: [TrainingItemDto], minItems: 1, maxItems: MAX_ITEMS, description: 'The whole new list of items.' })
  @ValidateNested({ each: true })
  @Type(() => TrainingItemDto)
  @IsArray()
  readonly items!: TrainingItemDto[];

  @OccurredAtField()
  readonly occurredAt?: string;
}

export class CompleteTrainingRequest implements RequestOf<CompleteTraining, 'planId' | 'itemId'> {
  @ApiPropertyOptional({ minimum: 0, maximum: MAX_SCORE, example: 85, description: 'The result, 0 to 100, when the training was scored.' })
  @IsNumber()
  @Omittable()
  readonly score?: number;

  @ApiPropertyOptional({ exclusiveMinimum: true, minimum: 0, maximum: MAX_HOURS, example: 3.5, description: 'Hours spent; default: as planned.' })
  @IsNumber()
  @Omittable()
  readonly hours?: number;

  @OccurredAtField()
  readonly occurredAt?: string;
}

export class CancelPlanRequest implements RequestOf<CancelTrainingPlan, 'planId'> {
  @ApiProperty({ maxLength: MAX_REASON_LENGTH, example: 'The employee moved to another position' })
  @IsString()
  readonly reason!: string;

  @OccurredAtField()
  readonly occurredAt?: string;
}

export class PlanIdParams {
  @IdField('The plan id.', '0190f5c2-7b1e-5c3a-9d2f-5a4b3c2d1e0f')
  readonly id!: string;
}

export class PlanItemParams extends PlanIdParams {
  @IdField('The item id within the plan.', 'item-1')
  readonly itemId!: string;
}

export class TrainingPlanListQuery extends PageQuery {
  @OptionalIdField('Only the plans of this employee; an employee passes their own id.', 'emp-42')
  readonly employeeId?: string;

  @ApiPropertyOptional({ enum: TRAINING_PLAN_STATUSES })
  @Omittable()
  @IsIn(TRAINING_PLAN_STATUSES)
  readonly status?: TrainingPlanStatus;

  @OptionalIdField('Only the plans of employees of this section.', 'section-support')
  readonly sectionId?: string;
}

export class OverduePlansQuery extends PageQuery {
  @OptionalDayField('Overdue on this day: an item due before it and not completed. Default: today (UTC).', '2026-05-01')
  readonly at?: string;

  @OptionalIdField('Only the plans of employees of this section.', 'section-support')
  readonly sectionId?: string;
}

class PlanGapView implements PlanGap {
  @ApiProperty()
  readonly competencyId!: string;

  @ApiProperty({ description: 'The level the position required.' })
  readonly required!: number;

  @ApiProperty({ type: Number, nullable: true, description: 'The level that counted; null when never assessed.' })
  readonly level!: number | null;

  @ApiProperty()
  readonly gap!: number;
}

/** Documents both kinds of trigger: an assessment's, or an improvement program's training need's. */
class PlanTriggerView {
  @ApiProperty({ description: 'The event the plan was proposed for: an assessment that opened gaps, or a training need recorded in an improvement program.' })
  readonly eventId!: string;

  @ApiPropertyOptional({ description: 'The assessment, for a plan proposed for the gaps it opened.' })
  readonly assessmentId?: string;

  @ApiPropertyOptional({ description: 'The improvement program whose training need named the employee.' })
  readonly programId?: string;

  @ApiPropertyOptional({ description: 'The training need of the program.' })
  readonly needId?: string;

  @ApiProperty({ example: '42', description: 'The position of the event in the log.' })
  readonly position!: string;
}

class PlanItemView implements PlanItemDocument {
  @ApiProperty()
  readonly itemId!: string;

  @ApiProperty(KIND)
  readonly kind!: TrainingItemKind;

  @ApiProperty()
  readonly title!: string;

  @ApiProperty({ type: String, nullable: true })
  readonly materialId!: string | null;

  @ApiProperty({ type: String, nullable: true })
  readonly sessionId!: string | null;

  @ApiProperty({ type: String, nullable: true })
  readonly provider!: string | null;

  @ApiProperty({ type: MoneyView, nullable: true })
  readonly cost!: Money | null;

  @ApiProperty({ type: String, nullable: true })
  readonly mentorId!: string | null;

  @ApiProperty({ type: [String] })
  readonly competencyIds!: readonly string[];

  @ApiProperty({ format: 'date' })
  readonly dueOn!: string;

  @ApiProperty({ type: Number, nullable: true, description: 'Hours planned.' })
  readonly hours!: number | null;

  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  readonly completedAt!: string | null;

  @ApiProperty({ type: Boolean, nullable: true, description: 'Completed by its due day; null while open.' })
  readonly onTime!: boolean | null;

  @ApiProperty({ type: Number, nullable: true })
  readonly score!: number | null;

  @ApiProperty({ type: Number, nullable: true, description: 'Hours spent, as recorded at completion.' })
  readonly hoursSpent!: number | null;
}

class ReassessmentView implements ReassessmentDocument {
  @ApiProperty({ type: [String] })
  readonly competencyIds!: readonly string[];

  @ApiProperty({ format: 'date', description: 'The day by which the competencies are to be assessed again.' })
  readonly dueOn!: string;

  @ApiProperty({ format: 'date-time' })
  readonly scheduledAt!: string;
}

export class TrainingPlanSummaryView implements TrainingPlanDocument {
  @ApiProperty()
  readonly id!: string;

  @ApiProperty()
  readonly employeeId!: string;

  @ApiProperty({ type: String, nullable: true })
  readonly sectionId!: string | null;

  @ApiProperty({ type: String, nullable: true })
  readonly positionId!: string | null;

  @ApiProperty({ enum: TRAINING_PLAN_STATUSES })
  readonly status!: TrainingPlanStatus;

  @ApiProperty({ type: PlanTriggerView })
  readonly trigger!: PlanTrigger;

  @ApiProperty({ type: [PlanGapView], description: 'The gaps the plan was proposed for, as they were then.' })
  readonly gaps!: readonly PlanGapView[];

  @ApiProperty({ type: [PlanItemView] })
  readonly items!: readonly PlanItemView[];

  @ApiProperty({ format: 'date', description: 'The due day of its latest item.' })
  readonly dueOn!: string;

  @ApiProperty({ type: String, format: 'date', nullable: true, description: 'The earliest due day of an open item.' })
  readonly nextDueOn!: string | null;

  @ApiProperty({ format: 'date-time' })
  readonly proposedAt!: string;

  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  readonly approvedAt!: string | null;

  @ApiProperty({ type: String, nullable: true, description: 'The subject of the key that approved.' })
  readonly approverId!: string | null;

  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  readonly completedAt!: string | null;

  @ApiProperty({ type: Boolean, nullable: true, description: 'Every item completed by its due day; null until completed.' })
  readonly onTime!: boolean | null;

  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  readonly cancelledAt!: string | null;

  @ApiProperty({ type: String, nullable: true })
  readonly cancellationReason!: string | null;

  @ApiProperty({ type: ReassessmentView, nullable: true, description: 'Scheduled when the plan completes.' })
  readonly reassessment!: ReassessmentView | null;
}

export class TrainingPlanView extends TrainingPlanSummaryView {
  @ApiProperty({ type: String, example: '42', description: 'Position of the event that wrote this state of the plan.' })
  readonly position!: string;
}

export class TrainingPlanPage {
  @ApiProperty({ type: [TrainingPlanSummaryView], description: 'Oldest proposal first, then by id.' })
  readonly items!: readonly TrainingPlanSummaryView[];

  @ApiProperty({ type: String, nullable: true })
  readonly nextCursor!: string | null;
}

export class OverduePlanView {
  @ApiProperty()
  readonly planId!: string;

  @ApiProperty()
  readonly employeeId!: string;

  @ApiProperty({ type: String, nullable: true })
  readonly sectionId!: string | null;

  @ApiProperty({ type: [PlanItemView], description: 'Its items due before the day and not completed.' })
  readonly items!: readonly PlanItemView[];
}

export class OverduePlansPage {
  @ApiProperty({ format: 'date' })
  readonly at!: string;

  @ApiProperty({ type: [OverduePlanView], description: 'In order of approval, then by id.' })
  readonly items!: readonly OverduePlanView[];

  @ApiProperty({ type: String, nullable: true })
  readonly nextCursor!: string | null;
}

class GapEffectivenessView implements GapEffectiveness {
  @ApiProperty()
  readonly competencyId!: string;

  @ApiProperty({ description: 'The level required when the plan was proposed.' })
  readonly required!: number;

  @ApiProperty({ type: Number, nullable: true })
  readonly levelAtStart!: number | null;

  @ApiProperty()
  readonly gapAtStart!: number;

  @ApiProperty({ type: Number, nullable: true, description: 'The latest validated level.' })
  readonly level!: number | null;

  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  readonly assessedAt!: string | null;

  @ApiProperty({ description: 'The latest level was assessed at or after the plan completed.' })
  readonly reassessed!: boolean;

  @ApiProperty({ type: Number, nullable: true, description: 'required - level, not below 0, once re-assessed.' })
  readonly gapAfter!: number | null;

  @ApiProperty()
  readonly closed!: boolean;
}

export class PlanEffectivenessView implements PlanEffectiveness {
  @ApiProperty()
  readonly planId!: string;

  @ApiProperty()
  readonly employeeId!: string;

  @ApiProperty({ enum: TRAINING_PLAN_STATUSES })
  readonly status!: TrainingPlanStatus;

  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  readonly completedAt!: string | null;

  @ApiProperty({ type: ReassessmentView, nullable: true })
  readonly reassessment!: ReassessmentView | null;

  @ApiProperty({ type: [GapEffectivenessView] })
  readonly gaps!: readonly GapEffectivenessView[];

  @ApiProperty()
  readonly gapsReassessed!: number;

  @ApiProperty()
  readonly gapsClosed!: number;

  @ApiProperty({ type: AsOfView, description: 'The position both the plan and the skill gaps were read as of.' })
  readonly asOf!: AsOfView;
}
