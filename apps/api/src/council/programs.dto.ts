import { applyDecorators } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsArray, IsNumber, IsString, ValidateNested } from 'class-validator';
import { INDICATOR_DIRECTIONS } from '#domain/catalogue/indicators.js';
import { ITEM_RESOLUTIONS, MAX_ACTION_TEXT_LENGTH, MAX_TITLE_LENGTH, type CancelAction, type ItemResolution, type RescheduleAction } from '#domain/council/index.js';
import { PACK_INDICATORS } from '#projections/council/metrics-pack.js';
import type { RequestOf } from '../platform/command-requests.js';
import { IdField, OccurredAtField, OptionalIdField } from '../platform/dto-fields.js';
import { ProposalView } from './council.dto.js';
import type { CreateProgramFields, PlanActionFields } from './program-commands.service.js';

const INDICATOR_NAMES = PACK_INDICATORS.map((definition) => definition.indicator);

export class GoalRequest {
  @ApiProperty({ enum: INDICATOR_NAMES, description: 'An indicator of the metrics pack.' })
  @IsString()
  readonly indicator!: string;

  @ApiProperty({ example: 0.6, description: 'The value to reach, in the direction of the indicator (at least, or at most).' })
  @IsNumber()
  readonly targetValue!: number;

  @ApiProperty({ format: 'date', example: '2026-06-30' })
  @IsString()
  readonly targetDate!: string;
}

export class CreateProgramRequest implements CreateProgramFields {
  @OptionalIdField('The program id, when the caller chooses it; default: a new UUIDv7.', 'program-retention-2026')
  readonly id?: string;

  @IdField('The adopted decision the program carries out.', '0190f5c2-7b1e-7c3a-9d2f-5a4b3c2d1e0f')
  readonly decisionId!: string;

  @ApiProperty({ maxLength: MAX_TITLE_LENGTH, example: 'Retention scripts for the webinar section' })
  @IsString()
  readonly title!: string;

  @ApiProperty({ type: [GoalRequest] })
  @IsArray()
  @ValidateNested({ each: true })
  @Type(() => GoalRequest)
  readonly goals!: GoalRequest[];

  @OccurredAtField()
  readonly occurredAt?: string;
}

export class PlanActionRequest implements PlanActionFields {
  @OptionalIdField('The action id, when the caller chooses it; default: a new UUIDv7.', 'action-1')
  readonly id?: string;

  @ApiProperty({ maxLength: MAX_ACTION_TEXT_LENGTH, example: 'Rewrite the discount script' })
  @IsString()
  readonly description!: string;

  @IdField('The employee who answers for the action.', 'emp-17')
  readonly ownerId!: string;

  @ApiProperty({ format: 'date', example: '2026-03-20' })
  @IsString()
  readonly deadline!: string;

  @ApiProperty({ maxLength: MAX_ACTION_TEXT_LENGTH, example: 'Script published and read by every agent' })
  @IsString()
  readonly completionCriteria!: string;

  @OccurredAtField()
  readonly occurredAt?: string;
}

const ReasonField = (example: string) =>
  applyDecorators(ApiProperty({ maxLength: MAX_ACTION_TEXT_LENGTH, example, description: 'Why, for the council and auditors.' }), IsString());

export class RescheduleActionRequest implements RequestOf<RescheduleAction, 'programId' | 'actionId'> {
  @ApiProperty({ format: 'date', example: '2026-04-10', description: 'The new deadline; another day than the current one.' })
  @IsString()
  readonly deadline!: string;

  @ReasonField('The script waits for the new refund policy')
  readonly reason!: string;

  @OccurredAtField()
  readonly occurredAt?: string;
}

export class CancelActionRequest implements RequestOf<CancelAction, 'programId' | 'actionId'> {
  @ReasonField('Covered by the new onboarding course')
  readonly reason!: string;

  @OccurredAtField()
  readonly occurredAt?: string;
}

export class ProgramParams {
  @IdField('The improvement program.', 'program-retention-2026')
  readonly id!: string;
}

export class ActionParams extends ProgramParams {
  @IdField('The action.', 'action-1')
  readonly actionId!: string;
}

class GoalProgressView {
  @ApiProperty({ enum: INDICATOR_NAMES })
  readonly indicator!: string;

  @ApiProperty({ enum: INDICATOR_DIRECTIONS })
  readonly direction!: string;

  @ApiProperty()
  readonly targetValue!: number;

  @ApiProperty({ format: 'date' })
  readonly targetDate!: string;

  @ApiProperty({ type: Number, nullable: true, description: 'In the pack the decision was based on, as recorded (its current week).' })
  readonly baseline!: number | null;

  @ApiProperty({ type: Number, nullable: true, description: 'Live: the indicator in the current week as known now.' })
  readonly current!: number | null;

  @ApiProperty()
  readonly onTarget!: boolean;
}

class ActionRescheduleView {
  @ApiProperty({ format: 'date' })
  readonly deadline!: string;

  @ApiProperty({ format: 'date' })
  readonly previousDeadline!: string;

  @ApiProperty()
  readonly reason!: string;

  @ApiProperty({ format: 'date-time' })
  readonly rescheduledAt!: string;
}

class ActionCancellationView {
  @ApiProperty()
  readonly reason!: string;

  @ApiProperty({ format: 'date-time' })
  readonly cancelledAt!: string;
}

export class ActionView {
  @ApiProperty()
  readonly actionId!: string;

  @ApiProperty()
  readonly description!: string;

  @ApiProperty()
  readonly ownerId!: string;

  @ApiProperty({ format: 'date' })
  readonly deadline!: string;

  @ApiProperty()
  readonly completionCriteria!: string;

  @ApiPropertyOptional({ format: 'date-time' })
  readonly completedAt?: string;

  @ApiPropertyOptional({ type: [ActionRescheduleView], description: 'Each change of the deadline, oldest first; `deadline` is the current one.' })
  readonly reschedules?: readonly ActionRescheduleView[];

  @ApiPropertyOptional({ type: ActionCancellationView, description: 'Present once the action is cancelled.' })
  readonly cancelled?: ActionCancellationView;
}

class GoalResultView {
  @ApiProperty()
  readonly indicator!: string;

  @ApiProperty()
  readonly targetValue!: number;

  @ApiProperty({ type: Number, nullable: true })
  readonly before!: number | null;

  @ApiProperty({ type: Number, nullable: true })
  readonly after!: number | null;

  @ApiProperty()
  readonly achieved!: boolean;
}

class EffectivenessView {
  @ApiProperty({ type: [GoalResultView] })
  readonly results!: readonly GoalResultView[];

  @ApiProperty({ description: 'Every goal achieved.' })
  readonly effective!: boolean;

  @ApiProperty({ format: 'date-time' })
  readonly checkedAt!: string;
}

export class ProgramView {
  @ApiProperty()
  readonly programId!: string;

  @ApiProperty()
  readonly decisionId!: string;

  @ApiProperty()
  readonly title!: string;

  @ApiProperty({ enum: ['running', 'closed'] })
  readonly status!: string;

  @ApiProperty({ type: [GoalProgressView], description: 'Each goal beside the live value of its indicator.' })
  readonly goals!: readonly GoalProgressView[];

  @ApiProperty({ type: [ActionView] })
  readonly actions!: readonly ActionView[];

  @ApiPropertyOptional({ type: EffectivenessView })
  readonly effectiveness?: EffectivenessView;

  @ApiProperty({ format: 'date-time' })
  readonly createdAt!: string;

  @ApiPropertyOptional({ format: 'date-time' })
  readonly closedAt?: string;
}

class OverdueActionView extends ActionView {
  @ApiProperty()
  readonly programId!: string;

  @ApiProperty()
  readonly programTitle!: string;

  @ApiProperty({ description: 'Overdue for longer than two weekly meetings: to be completed, carried over or escalated before the meeting closes.' })
  readonly stale!: boolean;

  @ApiPropertyOptional({ enum: ITEM_RESOLUTIONS, description: 'What this meeting did with the stale item.' })
  readonly resolution?: ItemResolution;
}

class OpenActionView extends ActionView {
  @ApiProperty()
  readonly programId!: string;

  @ApiProperty()
  readonly programTitle!: string;

  @ApiProperty({ description: 'Past its deadline on the meeting day.' })
  readonly overdue!: boolean;
}

class CarriedOverItemView {
  @ApiProperty()
  readonly programId!: string;

  @ApiProperty()
  readonly actionId!: string;

  @ApiProperty({ enum: ITEM_RESOLUTIONS })
  readonly resolution!: ItemResolution;

  @ApiProperty()
  readonly note!: string;

  @ApiProperty({ description: 'The earlier meeting that carried the item over or escalated it (the latest one that did).' })
  readonly meetingId!: string;

  @ApiProperty({ format: 'date' })
  readonly day!: string;
}

export class AgendaView {
  @ApiProperty()
  readonly meetingId!: string;

  @ApiProperty({ format: 'date' })
  readonly day!: string;

  @ApiProperty({ type: [ProposalView], description: 'Proposals not decided yet.' })
  readonly proposals!: readonly ProposalView[];

  @ApiProperty({ type: [OpenActionView], description: 'Every improvement action of the running programs still open, overdue or not.' })
  readonly openActions!: readonly OpenActionView[];

  @ApiProperty({ type: [CarriedOverItemView], description: 'Open actions an earlier meeting carried over or escalated.' })
  readonly carriedOver!: readonly CarriedOverItemView[];

  @ApiProperty({ type: [OverdueActionView], description: 'Improvement actions past their deadline on the meeting day.' })
  readonly overdueActions!: readonly OverdueActionView[];

  @ApiProperty({ type: String, nullable: true, description: 'Where the metrics pack is pinned; null before the meeting opens.' })
  readonly packPosition!: string | null;
}
