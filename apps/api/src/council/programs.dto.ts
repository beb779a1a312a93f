import { applyDecorators } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsIn, IsInt, IsNumber, IsObject, IsString, ValidateNested } from 'class-validator';
import { INDICATOR_DIRECTIONS } from '#domain/catalogue/indicators.js';
import {
  DOCUMENT_KINDS,
  ITEM_RESOLUTIONS,
  MAX_ACTION_TEXT_LENGTH,
  MAX_NEED_EMPLOYEES,
  MAX_NEED_POSITIONS,
  MAX_STANDARDS,
  MAX_TITLE_LENGTH,
  PROGRAM_STATUSES,
  type CancelAction,
  type DocumentKind,
  type DocumentName,
  type ItemResolution,
  type ListStandards,
  type ProgramStatus,
  type RescheduleAction,
} from '#domain/council/index.js';
import { PACK_INDICATORS } from '#projections/council/metrics-pack.js';
import type { RequestOf } from '../platform/command-requests.js';
import { IdField, NEXT_CURSOR_FIELD, OccurredAtField, OptionalIdField, PageQuery } from '../platform/dto-fields.js';
import { Omittable } from '../platform/omittable.js';
import { ProposalView } from './council.dto.js';
import type {
  CompleteDocumentChangeFields,
  CreateProgramFields,
  PlanActionFields,
  PlanDocumentChangeFields,
  PlanStageFields,
  RecordTrainingNeedFields,
} from './program-commands.service.js';

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

  @OptionalIdField('The stage of the program the action belongs to; without one, the action stands outside the stages.', 'stage-scripts')
  readonly stageId?: string;

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

export class PlanStageRequest implements PlanStageFields {
  @OptionalIdField('The stage id, when the caller chooses it; default: a new UUIDv7.', 'stage-scripts')
  readonly id?: string;

  @ApiProperty({ maxLength: MAX_TITLE_LENGTH, example: 'New refund scripts' })
  @IsString()
  readonly title!: string;

  @OccurredAtField()
  readonly occurredAt?: string;
}

export class ListStandardsRequest implements RequestOf<ListStandards, 'programId'> {
  @ApiProperty({
    type: [String],
    maxItems: MAX_STANDARDS,
    example: ['standard-refunds'],
    description: 'Every standard the program applies, each current; replaces the list before. An empty list clears it.',
  })
  @IsArray()
  @ArrayMaxSize(MAX_STANDARDS)
  @IsString({ each: true })
  readonly standardIds!: string[];

  @OccurredAtField()
  readonly occurredAt?: string;
}

export class RecordTrainingNeedRequest implements RecordTrainingNeedFields {
  @OptionalIdField('The need id, when the caller chooses it; default: a new UUIDv7.', 'need-objections')
  readonly id?: string;

  @IdField('The competency of the catalogue to learn.', 'objection-handling')
  readonly competencyId!: string;

  @ApiPropertyOptional({ type: [String], maxItems: MAX_NEED_EMPLOYEES, example: ['emp-17'], description: 'Employees who need it.' })
  @Omittable()
  @IsArray()
  @ArrayMaxSize(MAX_NEED_EMPLOYEES)
  @IsString({ each: true })
  readonly employeeIds?: string[];

  @ApiPropertyOptional({
    type: [String],
    maxItems: MAX_NEED_POSITIONS,
    example: ['support-line-1'],
    description: 'Positions whose holders need it: those who hold one now or from a later day on, as the catalogue knows them now.',
  })
  @Omittable()
  @IsArray()
  @ArrayMaxSize(MAX_NEED_POSITIONS)
  @IsString({ each: true })
  readonly positionIds?: string[];

  @ApiProperty({ format: 'date', example: '2026-04-30', description: 'The day by which they are to have learned it; not before today.' })
  @IsString()
  readonly dueOn!: string;

  @OccurredAtField()
  readonly occurredAt?: string;
}

export class DocumentNameRequest implements DocumentName {
  @ApiProperty({ enum: DOCUMENT_KINDS, description: '`knowledge-base`: a material of the knowledge base (a regulation or another document); `standard`: a standard.' })
  @IsIn(DOCUMENT_KINDS)
  readonly kind!: DocumentKind;

  @IdField('The material or standard; it must be current.', 'regulation-refunds')
  readonly id!: string;
}

export class PlanDocumentChangeRequest implements PlanDocumentChangeFields {
  @OptionalIdField('The change id, when the caller chooses it; default: a new UUIDv7.', 'change-refund-regulation')
  readonly id?: string;

  @ApiProperty({ type: DocumentNameRequest })
  @IsObject()
  @ValidateNested()
  @Type(() => DocumentNameRequest)
  readonly document!: DocumentNameRequest;

  @ApiProperty({ maxLength: MAX_ACTION_TEXT_LENGTH, example: 'State the new discount limits' })
  @IsString()
  readonly change!: string;

  @IdField('The employee who answers for the change.', 'emp-17')
  readonly ownerId!: string;

  @ApiProperty({ format: 'date', example: '2026-04-15' })
  @IsString()
  readonly deadline!: string;

  @OccurredAtField()
  readonly occurredAt?: string;
}

export class CompleteDocumentChangeRequest implements CompleteDocumentChangeFields {
  @ApiPropertyOptional({
    minimum: 1,
    example: 3,
    description: 'The version of the document that carries the change, when it published one: later than the one the change was planned against.',
  })
  @Omittable()
  @IsInt()
  readonly version?: number;

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

export class DocumentChangeParams extends ProgramParams {
  @IdField('The document change.', 'change-refund-regulation')
  readonly changeId!: string;
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

  @ApiPropertyOptional({ description: 'The stage it belongs to; absent for an action outside the stages.' })
  readonly stageId?: string;

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

class StageView {
  @ApiProperty()
  readonly stageId!: string;

  @ApiProperty()
  readonly title!: string;

  @ApiProperty({ format: 'date-time' })
  readonly plannedAt!: string;
}

class TrainingNeedView {
  @ApiProperty()
  readonly needId!: string;

  @ApiProperty()
  readonly competencyId!: string;

  @ApiProperty({ type: [String], description: 'Everyone who needs it: those named and those who held a named position when it was recorded. Each got an individual training plan.' })
  readonly employeeIds!: readonly string[];

  @ApiProperty({ type: [String], description: 'The positions named.' })
  readonly positionIds!: readonly string[];

  @ApiProperty({ format: 'date' })
  readonly dueOn!: string;

  @ApiProperty({ format: 'date-time' })
  readonly recordedAt!: string;
}

class DocumentReferenceView {
  @ApiProperty({ enum: DOCUMENT_KINDS })
  readonly kind!: DocumentKind;

  @ApiProperty()
  readonly id!: string;

  @ApiProperty({ description: 'Its current version when the change was planned.' })
  readonly version!: number;
}

class DocumentChangeCompletionView {
  @ApiPropertyOptional({ description: 'The version that carries the change, when it published one.' })
  readonly version?: number;

  @ApiProperty({ format: 'date-time' })
  readonly completedAt!: string;
}

class DocumentChangeView {
  @ApiProperty()
  readonly changeId!: string;

  @ApiProperty({ type: DocumentReferenceView })
  readonly document!: DocumentReferenceView;

  @ApiProperty()
  readonly change!: string;

  @ApiProperty()
  readonly ownerId!: string;

  @ApiProperty({ format: 'date' })
  readonly deadline!: string;

  @ApiProperty({ format: 'date-time' })
  readonly plannedAt!: string;

  @ApiPropertyOptional({ type: DocumentChangeCompletionView, description: 'Present once the change is made.' })
  readonly completed?: DocumentChangeCompletionView;
}

/** What a program is and how far its goals are: shown alone and in the list. */
class ProgramHeadView {
  @ApiProperty()
  readonly programId!: string;

  @ApiProperty({ description: 'The adopted decision the program was created from.' })
  readonly decisionId!: string;

  @ApiProperty()
  readonly title!: string;

  @ApiProperty({ enum: PROGRAM_STATUSES })
  readonly status!: ProgramStatus;

  @ApiProperty({ type: [GoalProgressView], description: 'Each goal beside the live value of its indicator.' })
  readonly goals!: readonly GoalProgressView[];

  @ApiProperty({ format: 'date-time' })
  readonly createdAt!: string;

  @ApiPropertyOptional({ format: 'date-time' })
  readonly closedAt?: string;
}

export class ProgramView extends ProgramHeadView {
  @ApiProperty({ type: [String], description: 'The standards the program applies.' })
  readonly standardIds!: readonly string[];

  @ApiProperty({ type: [TrainingNeedView] })
  readonly trainingNeeds!: readonly TrainingNeedView[];

  @ApiProperty({ type: [StageView], description: 'In the order they were planned.' })
  readonly stages!: readonly StageView[];

  @ApiProperty({ type: [ActionView] })
  readonly actions!: readonly ActionView[];

  @ApiProperty({ type: [DocumentChangeView], description: 'The knowledge-base materials and standards to change.' })
  readonly documentChanges!: readonly DocumentChangeView[];

  @ApiPropertyOptional({ type: EffectivenessView })
  readonly effectiveness?: EffectivenessView;
}

class ActionCountsView {
  @ApiProperty({ description: 'Neither completed nor cancelled.' })
  readonly open!: number;

  @ApiProperty({ description: 'Of the open ones, past their deadline on the day of the moment read.' })
  readonly overdue!: number;

  @ApiProperty()
  readonly completed!: number;

  @ApiProperty()
  readonly cancelled!: number;
}

export class ProgramSummaryView extends ProgramHeadView {
  @ApiProperty({ type: ActionCountsView })
  readonly actions!: ActionCountsView;
}

export class ProgramListQuery extends PageQuery {
  @ApiPropertyOptional({ enum: PROGRAM_STATUSES })
  @Omittable()
  @IsIn(PROGRAM_STATUSES)
  readonly status?: ProgramStatus;
}

export class ProgramPage {
  @ApiProperty({ type: [ProgramSummaryView], description: 'Earliest created first, then by program id.' })
  readonly items!: ProgramSummaryView[];

  @ApiProperty(NEXT_CURSOR_FIELD)
  readonly nextCursor!: string | null;
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
