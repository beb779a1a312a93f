import { ApiProperty, ApiPropertyOptional, IntersectionType, OmitType } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsArray, IsInt, IsObject, IsString, ValidateNested } from 'class-validator';
import {
  MAX_ANSWER_LENGTH,
  MAX_AUDIENCE_ENTRIES,
  MAX_CAMPAIGN_TITLE_LENGTH,
  MAX_MARK_COMMENT_LENGTH,
  MAX_QUESTIONS,
  type AnswerDraft,
  type AnswerMark,
  type CampaignAudience,
  type CreateCheckCampaign,
  type MarkCheckAnswers,
  type SaveCheckAnswers,
} from '#domain/competence/index.js';
import {
  PARTICIPATION_STATUSES,
  type CampaignDocument,
  type Participation,
  type ParticipationCounts,
  type ParticipationReport,
  type ParticipationStatus,
} from '#projections/competence/index.js';
import { AS_OF_FIELD, AsOfQuery, AsOfView } from '../platform/as-of.js';
import type { RequestOf } from '../platform/command-requests.js';
import { IdField, NEXT_CURSOR_FIELD, OccurredAtField, OptionalDayField, OptionalIdField, OptionalIdListField, PageQuery, POSITION_FIELD } from '../platform/dto-fields.js';
import { Omittable } from '../platform/omittable.js';
import { CheckQuestionView } from './knowledge-checks.dto.js';

class CampaignAudienceDto implements Partial<CampaignAudience> {
  @OptionalIdListField({ example: ['emp-0107'], maxItems: MAX_AUDIENCE_ENTRIES, description: 'Employees asked by name.' })
  readonly employeeIds?: readonly string[];

  @OptionalIdListField({
    example: ['support-line-1'],
    maxItems: MAX_AUDIENCE_ENTRIES,
    description: 'Everyone employed in these positions when the campaign is created.',
  })
  readonly positionIds?: readonly string[];

  @OptionalIdListField({
    example: ['section-support'],
    maxItems: MAX_AUDIENCE_ENTRIES,
    description: 'Everyone employed in these sections (not their subsections) when the campaign is created.',
  })
  readonly sectionIds?: readonly string[];
}

export class CreateCampaignRequest implements RequestOf<CreateCheckCampaign, 'campaignId' | 'check' | 'namedEmployees' | 'members'> {
  @OptionalIdField('The campaign id, when the caller chooses it; default: a new UUIDv7.', 'regulations-2026-q2')
  readonly id?: string;

  @IdField('The knowledge check to take.', 'regulations-2026-q2')
  readonly checkId!: string;

  @ApiProperty({ maxLength: MAX_CAMPAIGN_TITLE_LENGTH, example: 'Regulations, Q2 2026' })
  @IsString()
  readonly title!: string;

  @ApiProperty({ type: CampaignAudienceDto, description: 'Who must take the check; at least one entry.' })
  @ValidateNested()
  @Type(() => CampaignAudienceDto)
  @IsObject()
  readonly audience!: CampaignAudienceDto;

  @OptionalDayField('The first day an attempt may start. Default: the day of `occurredAt` (today).', '2026-04-01')
  readonly opensOn?: string;

  @OptionalDayField('The last day to submit in time. Default: the last day of the quarter the campaign opens in.', '2026-06-30')
  readonly dueOn?: string;

  @OccurredAtField()
  readonly occurredAt?: string;
}

class AnswerDto implements AnswerDraft {
  @IdField('A question of the check.', 'q-refund-window')
  readonly questionId!: string;

  @OptionalIdListField({ example: ['o-14-days'], description: 'For a choice question: the options chosen (one at most for `single`; none clears the answer).' })
  readonly optionIds?: readonly string[];

  @ApiPropertyOptional({ maxLength: MAX_ANSWER_LENGTH, example: '14 days, by section 3 of the refund regulation', description: 'For an open question. No e-mail addresses.' })
  @Omittable()
  @IsString()
  readonly text?: string;
}

export class SaveAnswersRequest implements RequestOf<SaveCheckAnswers, 'campaignId' | 'employeeId' | 'check'> {
  @ApiProperty({ type: [AnswerDto], minItems: 1, maxItems: MAX_QUESTIONS, description: 'Each replaces the answer saved before for its question.' })
  @ValidateNested({ each: true })
  @Type(() => AnswerDto)
  @IsArray()
  readonly answers!: readonly AnswerDto[];

  @OccurredAtField()
  readonly occurredAt?: string;
}

class MarkDto implements AnswerMark {
  @IdField('An open question the attempt answered.', 'q-escalation')
  readonly questionId!: string;

  @ApiProperty({ minimum: 0, example: 2, description: "Whole points, up to the question's." })
  @IsInt()
  readonly points!: number;

  @ApiPropertyOptional({ maxLength: MAX_MARK_COMMENT_LENGTH, example: 'Names the regulation, misses the deadline' })
  @Omittable()
  @IsString()
  readonly comment?: string;
}

export class MarkAnswersRequest implements RequestOf<MarkCheckAnswers, 'campaignId' | 'employeeId' | 'check' | 'employee' | 'scale' | 'marker'> {
  @ApiProperty({ type: [MarkDto], minItems: 1, maxItems: MAX_QUESTIONS })
  @ValidateNested({ each: true })
  @Type(() => MarkDto)
  @IsArray()
  readonly marks!: readonly MarkDto[];

  @OccurredAtField()
  readonly occurredAt?: string;
}

export class CampaignParams {
  @IdField('The campaign id.', 'regulations-2026-q2')
  readonly id!: string;
}

export class AttemptParams extends CampaignParams {
  @IdField('The employee taking the check.', 'emp-0107')
  readonly employeeId!: string;
}

export class CampaignListQuery extends PageQuery {
  @OptionalIdField("The campaigns this employee takes part in, each with where they stand. An employee key reads its own only.", 'emp-0107')
  readonly employeeId?: string;
}

export class ParticipationQuery extends AsOfQuery {
  @OptionalDayField('Overdue on this day: not submitted, and the campaign was due before it. Default: today (UTC).', '2026-07-01')
  readonly at?: string;
}

class CampaignAudienceView implements CampaignAudience {
  @ApiProperty({ type: [String] })
  readonly employeeIds!: readonly string[];

  @ApiProperty({ type: [String] })
  readonly positionIds!: readonly string[];

  @ApiProperty({ type: [String] })
  readonly sectionIds!: readonly string[];
}

/** What every view of a campaign tells of it. */
class CampaignHeadView {
  @ApiProperty()
  readonly checkId!: string;

  @ApiProperty()
  readonly title!: string;

  @ApiProperty({ format: 'date', description: 'The first day an attempt may start.' })
  readonly opensOn!: string;

  @ApiProperty({ format: 'date', description: 'The last day to submit in time.' })
  readonly dueOn!: string;
}

class CampaignEntryView extends CampaignHeadView {
  @ApiProperty()
  readonly id!: string;

  @ApiProperty({ format: 'date-time' })
  readonly createdAt!: string;
}

export class CampaignView extends CampaignEntryView implements Omit<CampaignDocument, 'entity'> {
  @ApiProperty({ type: CampaignAudienceView, description: 'Whom the campaign asked, as named.' })
  readonly audience!: CampaignAudienceView;

  @ApiProperty({ type: [String], description: 'Who must take the check: the audience as employed when the campaign was created.' })
  readonly participantIds!: readonly string[];

  @ApiProperty(POSITION_FIELD)
  readonly position!: string;
}

export class ParticipationView implements Participation {
  @ApiProperty()
  readonly employeeId!: string;

  @ApiProperty({ description: 'The id the attempt has, or will have once started.' })
  readonly attemptId!: string;

  @ApiProperty({
    enum: PARTICIPATION_STATUSES,
    description: '`awaiting-marking`: submitted, with open answers a trainer has yet to mark; `completed`: scored, its levels recorded.',
  })
  readonly status!: ParticipationStatus;

  @ApiProperty({ format: 'date-time', nullable: true, type: String })
  readonly startedAt!: string | null;

  @ApiProperty({ format: 'date-time', nullable: true, type: String })
  readonly submittedAt!: string | null;

  @ApiProperty({ format: 'date-time', nullable: true, type: String })
  readonly completedAt!: string | null;

  @ApiProperty({ description: 'Not submitted, and the campaign was due before the day of the report (today).' })
  readonly overdue!: boolean;

  @ApiProperty({ description: 'Submitted after the day it was due.' })
  readonly late!: boolean;
}

export class CampaignSummaryView extends CampaignEntryView {
  @ApiPropertyOptional({ type: ParticipationView, description: 'Where the employee of `employeeId` stands, today; only with `employeeId`.' })
  readonly participation?: ParticipationView;
}

export class CampaignPage {
  @ApiProperty({ type: [CampaignSummaryView], description: 'In the order they were created, then by id.' })
  readonly items!: readonly CampaignSummaryView[];

  @ApiProperty(NEXT_CURSOR_FIELD)
  readonly nextCursor!: string | null;
}

class ParticipationCountsView implements ParticipationCounts {
  @ApiProperty()
  readonly participants!: number;

  @ApiProperty({ description: 'Have not started.' })
  readonly notStarted!: number;

  @ApiProperty({ description: 'Started, not submitted.' })
  readonly inProgress!: number;

  @ApiProperty({ description: 'Submitted, with open answers to mark.' })
  readonly awaitingMarking!: number;

  @ApiProperty()
  readonly completed!: number;

  @ApiProperty({ description: 'Not submitted after the due day.' })
  readonly overdue!: number;

  @ApiProperty({ description: 'Submitted after the due day.' })
  readonly late!: number;
}

export class ParticipationReportView extends CampaignHeadView implements ParticipationReport {
  @ApiProperty()
  readonly campaignId!: string;

  @ApiProperty({ format: 'date', description: 'The day what is overdue was judged on.' })
  readonly at!: string;

  @ApiProperty({ type: ParticipationCountsView })
  readonly counts!: ParticipationCountsView;

  @ApiProperty({ type: [ParticipationView], description: 'Every participant, by employee id.' })
  readonly participants!: readonly ParticipationView[];

  @ApiProperty(AS_OF_FIELD)
  readonly asOf!: AsOfView;
}

class GivenAnswerView {
  @ApiPropertyOptional({ type: [String], description: 'The options chosen, of a choice question.' })
  readonly optionIds?: readonly string[];

  @ApiPropertyOptional({ description: 'The text of an open answer.' })
  readonly text?: string;
}

class AwardedPointsView {
  @ApiProperty()
  readonly points!: number;

  @ApiPropertyOptional({ description: "The trainer's comment on an open answer." })
  readonly comment?: string;

  @ApiProperty({ type: String, nullable: true, description: 'The trainer who marked an open answer; null for a question scored by the answer key.' })
  readonly markerId!: string | null;
}

/** A question as an attempt shows it: its options in the attempt's order, never which are correct. */
export class AttemptQuestionView extends OmitType(CheckQuestionView, ['correctOptionIds'] as const) {
  @ApiProperty({ type: GivenAnswerView, nullable: true, description: 'The answer saved last; null while unanswered.' })
  readonly answer!: GivenAnswerView | null;

  @ApiProperty({ type: AwardedPointsView, nullable: true, description: 'The points it scored, once scored on submission or marked.' })
  readonly awarded!: AwardedPointsView | null;
}

export class AttemptView extends IntersectionType(ParticipationView, CampaignHeadView) {
  @ApiProperty()
  readonly campaignId!: string;

  @ApiProperty({ type: [AttemptQuestionView], description: 'Every question, in the order this attempt shows them, without the answer key.' })
  readonly questions!: readonly AttemptQuestionView[];

  @ApiProperty({ description: 'The points scored so far.' })
  readonly scoredPoints!: number;

  @ApiProperty({ description: 'The most the check scores.' })
  readonly maxPoints!: number;

  @ApiProperty({ format: 'date-time' })
  readonly lastChangedAt!: string;

  @ApiProperty(AS_OF_FIELD)
  readonly asOf!: AsOfView;
}
