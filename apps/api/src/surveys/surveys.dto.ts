import { applyDecorators } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsArray, IsBoolean, IsIn, IsInt, IsNumber, IsObject, IsString, Max, Min, ValidateNested } from 'class-validator';
import {
  ANSWER_TAGS,
  MAX_ANSWER_TEXT_LENGTH,
  MAX_BONUS_DESCRIPTION_LENGTH,
  MAX_INVITED,
  MAX_OPTION_TEXT_LENGTH,
  MAX_QUESTION_TEXT_LENGTH,
  MAX_QUESTIONS,
  MAX_TITLE_LENGTH,
  MAX_TOKENS_PER_ISSUE,
  QUESTION_KINDS,
  RESPONDENT_KINDS,
  SURVEY_AUDIENCES,
  type AnswerSurvey,
  type AnswerTag,
  type LaunchSurveyWave,
  type QuestionKind,
  type RespondentKind,
  type ReviseSurvey,
  type SurveyAudience,
} from '#domain/surveys/index.js';
import type { SurveyDocument, SurveyStatus } from '#projections/surveys/surveys.projection.js';
import type { RequestOf } from '../platform/command-requests.js';
import { CommandResponse } from '../platform/command-runner.service.js';
import { IdField, MoneyDto, MoneyView, NEXT_CURSOR_FIELD, OccurredAtField, OptionalIdField, OptionalIdListField, PageQuery } from '../platform/dto-fields.js';
import { Omittable } from '../platform/omittable.js';
import type { CreateSurveyFields, IdentifiedAnswersFields, IssueSurveyTokensFields } from './survey-commands.service.js';

export const SURVEY_STATUSES: readonly SurveyStatus[] = ['draft', 'open', 'closed'];

/** A wave number: 1 for the first run of a survey. */
function WaveField(description: string): PropertyDecorator {
  return applyDecorators(Type(() => Number), Min(1), IsInt({ message: 'wave must be a whole number' }), ApiProperty({ minimum: 1, example: 1, description }));
}

function OptionalWaveField(description: string): PropertyDecorator {
  return applyDecorators(
    Type(() => Number),
    Min(1),
    IsInt({ message: 'wave must be a whole number' }),
    Omittable(),
    ApiPropertyOptional({ minimum: 1, example: 1, description }),
  );
}

export class QuestionOptionDto {
  @IdField('Stable id of the option: answers name it, across waves too.', 'webinar')
  readonly optionId!: string;

  @ApiProperty({ maxLength: MAX_OPTION_TEXT_LENGTH, example: 'A webinar' })
  @IsString()
  readonly text!: string;
}

export class SurveyQuestionDto {
  @IdField('Stable id of the question: answers and metrics name it, across waves too.', 'satisfaction')
  readonly questionId!: string;

  @ApiProperty({
    enum: QUESTION_KINDS,
    description: 'csat: 1-5; nps: 0-10; ces: 1-7; single-choice and multiple-choice need options; free-text. A question that ran keeps its kind.',
  })
  @IsIn(QUESTION_KINDS)
  @IsString()
  readonly kind!: QuestionKind;

  @ApiProperty({ maxLength: MAX_QUESTION_TEXT_LENGTH, example: 'How satisfied are you with the course?' })
  @IsString()
  readonly text!: string;

  @ApiPropertyOptional({ default: false, description: 'Whether every response must answer it.' })
  @Omittable()
  @IsBoolean()
  readonly required?: boolean;

  @ApiPropertyOptional({ type: [QuestionOptionDto], description: 'The options of a choice question (at least two); no other kind has any.' })
  @Omittable()
  @ValidateNested({ each: true })
  @Type(() => QuestionOptionDto)
  @IsArray()
  readonly options?: QuestionOptionDto[];
}

export class BonusOfferDto {
  @ApiProperty({ maxLength: MAX_BONUS_DESCRIPTION_LENGTH, example: 'A recording of the closed webinar' })
  @IsString()
  readonly description!: string;

  @ApiPropertyOptional({ type: MoneyDto, description: 'The amount, when the bonus is money; more than nothing.' })
  @Omittable()
  @ValidateNested()
  @Type(() => MoneyDto)
  @IsObject()
  readonly amount?: MoneyDto;
}

/** The definition of a survey that a wave runs with: title, questions and bonus offer. */
export class SurveyDefinitionRequest implements RequestOf<ReviseSurvey, 'surveyId'> {
  @ApiProperty({ maxLength: MAX_TITLE_LENGTH, example: 'Course buyers, spring 2026' })
  @IsString()
  readonly title!: string;

  @ApiPropertyOptional({ type: BonusOfferDto, description: 'What a respondent gets for the feedback, from now on; absent: nothing.' })
  @Omittable()
  @ValidateNested()
  @Type(() => BonusOfferDto)
  @IsObject()
  readonly bonus?: BonusOfferDto;

  @ApiProperty({ type: [SurveyQuestionDto], minItems: 1, maxItems: MAX_QUESTIONS })
  @ValidateNested({ each: true })
  @Type(() => SurveyQuestionDto)
  @IsArray()
  readonly questions!: SurveyQuestionDto[];

  @OccurredAtField()
  readonly occurredAt?: string;
}

export class CreateSurveyRequest extends SurveyDefinitionRequest implements Omit<CreateSurveyFields, 'surveyId'> {
  @OptionalIdField('The survey id, when the client chooses it; default: a new UUIDv7.', 'survey-buyers-2026')
  readonly id?: string;

  @ApiProperty({ enum: SURVEY_AUDIENCES, description: 'Who is asked; employee audiences are answered by employees with their own key or a token.' })
  @IsIn(SURVEY_AUDIENCES)
  @IsString()
  readonly audience!: SurveyAudience;

  @ApiPropertyOptional({
    default: false,
    description: 'Anonymous: answered only with single-use survey tokens, and no response carries who gave it. Fixed at creation.',
  })
  @Omittable()
  @IsBoolean()
  readonly anonymous?: boolean;

  @OptionalIdField('The product the survey is about.', 'course-sales')
  readonly productId?: string;
}

export class LaunchWaveRequest implements RequestOf<LaunchSurveyWave, 'surveyId'> {
  @ApiPropertyOptional({ minimum: 1, maximum: MAX_INVITED, example: 40, description: 'How many were asked: the denominator of the response rate.' })
  @Omittable()
  @IsNumber()
  readonly invited?: number;

  @OccurredAtField()
  readonly occurredAt?: string;
}

export class IssueTokensRequest implements IssueSurveyTokensFields {
  @ApiProperty({ minimum: 1, maximum: MAX_TOKENS_PER_ISSUE, example: 25, description: 'How many single-use tokens to issue.' })
  @Max(MAX_TOKENS_PER_ISSUE)
  @Min(1)
  @IsInt({ message: 'count must be a whole number' })
  readonly count!: number;
}

export class AnswerDto {
  @IdField('The question answered.', 'satisfaction')
  readonly questionId!: string;

  @ApiPropertyOptional({ example: 4, description: 'For csat (1-5), nps (0-10) and ces (1-7) questions.' })
  @Omittable()
  @IsNumber()
  readonly score?: number;

  @OptionalIdField('For a single-choice question: the option chosen.', 'webinar')
  readonly optionId?: string;

  @OptionalIdListField({ example: ['sales', 'traffic'], description: 'For a multiple-choice question: the options chosen.' })
  readonly optionIds?: string[];

  @ApiPropertyOptional({
    maxLength: MAX_ANSWER_TEXT_LENGTH,
    example: 'More practice on funnels',
    description: 'For a free-text question. No e-mail addresses: people are referenced by id only.',
  })
  @Omittable()
  @IsString()
  readonly text?: string;

  @ApiPropertyOptional({ enum: ANSWER_TAGS, isArray: true, description: 'What the answer is: tagged by the respondent, or by the survey manager recording it.' })
  @Omittable()
  @IsIn(ANSWER_TAGS, { each: true })
  @IsArray()
  readonly tags?: AnswerTag[];
}

/** Answers with a survey token: nothing but the answers, so that nothing else is recorded with them. */
export class AnonymousAnswerRequest implements RequestOf<AnswerSurvey, 'responseId' | 'surveyId' | 'wave' | 'respondent' | 'tokenHash'> {
  @ApiProperty({ type: [AnswerDto], minItems: 1 })
  @ValidateNested({ each: true })
  @Type(() => AnswerDto)
  @IsArray()
  readonly answers!: AnswerDto[];
}

export class AnswerSurveyRequest extends AnonymousAnswerRequest implements IdentifiedAnswersFields {
  @OptionalIdField(
    'For client surveys: the client whose answers the survey manager records, by id only. Absent: the employee the key belongs to answers.',
    'client-4711',
  )
  readonly clientId?: string;

  @OccurredAtField()
  readonly occurredAt?: string;
}

export class SurveyIdParams {
  @IdField('The survey id.', 'survey-buyers-2026')
  readonly id!: string;
}

export class WaveParams extends SurveyIdParams {
  @WaveField('The wave: 1 for the first run of the survey.')
  readonly wave!: number;
}

export class ResponseParams extends SurveyIdParams {
  @IdField('The response id, as answering returned it.', '0b7d1c2a-9e41-5f0e-8d52-4c554b0e9f59')
  readonly responseId!: string;
}

export class SurveyListQuery extends PageQuery {
  @ApiPropertyOptional({ enum: SURVEY_AUDIENCES })
  @Omittable()
  @IsIn(SURVEY_AUDIENCES)
  readonly audience?: SurveyAudience;

  @OptionalIdField('Only the surveys about this product.', 'course-sales')
  readonly productId?: string;

  @ApiPropertyOptional({ enum: SURVEY_STATUSES, description: 'draft: never run; open: a wave runs; closed: between waves.' })
  @Omittable()
  @IsIn(SURVEY_STATUSES)
  readonly status?: SurveyStatus;
}

export class SurveyResponsesQuery extends PageQuery {
  @OptionalWaveField('Only the responses to this wave.')
  readonly wave?: number;
}

export class FreeTextQuery extends PageQuery {
  @ApiPropertyOptional({ enum: ANSWER_TAGS, description: 'Only the answers carrying this tag.' })
  @Omittable()
  @IsIn(ANSWER_TAGS)
  readonly tag?: AnswerTag;

  @OptionalWaveField('Only the answers to this wave.')
  readonly wave?: number;

  @OptionalIdField('Only the answers to this question.', 'missing')
  readonly questionId?: string;
}

export class LaunchedWaveResponse extends CommandResponse {
  @ApiProperty({ example: 1, description: 'The number of the wave launched.' })
  readonly wave!: number;
}

export class IssuedTokensResponse extends CommandResponse {
  @ApiProperty({ example: 1 })
  readonly wave!: number;

  @ApiProperty({
    type: [String],
    description: 'The single-use secrets, shown only in this response: hand them out; the system does not know who gets which.',
  })
  readonly tokens!: string[];
}

class OptionView {
  @ApiProperty()
  readonly optionId!: string;

  @ApiProperty()
  readonly text!: string;
}

class QuestionView {
  @ApiProperty()
  readonly questionId!: string;

  @ApiProperty({ enum: QUESTION_KINDS })
  readonly kind!: QuestionKind;

  @ApiProperty()
  readonly text!: string;

  @ApiProperty()
  readonly required!: boolean;

  @ApiPropertyOptional({ type: [OptionView], description: 'Choice questions only.' })
  readonly options?: readonly OptionView[];
}

class BonusView {
  @ApiProperty()
  readonly description!: string;

  @ApiPropertyOptional({ type: MoneyView })
  readonly amount?: MoneyView;
}

class WaveView {
  @ApiProperty()
  readonly wave!: number;

  @ApiProperty({ format: 'date-time' })
  readonly launchedAt!: string;

  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  readonly closedAt!: string | null;

  @ApiProperty({ type: Number, nullable: true, description: 'How many were asked, when known.' })
  readonly invited!: number | null;

  @ApiProperty({ type: BonusView, nullable: true, description: 'The bonus the wave offered.' })
  readonly bonus!: BonusView | null;

  @ApiProperty({ type: [QuestionView], description: 'The questions the wave ran with.' })
  readonly questions!: readonly QuestionView[];

  @ApiProperty()
  readonly tokensIssued!: number;

  @ApiProperty()
  readonly responses!: number;

  @ApiProperty()
  readonly bonusesGranted!: number;
}

/** A survey as listed: its definition without the questions and the waves. */
export class SurveySummaryView implements Omit<SurveyDocument, 'questions' | 'waves'> {
  @ApiProperty()
  readonly id!: string;

  @ApiProperty()
  readonly title!: string;

  @ApiProperty({ enum: SURVEY_AUDIENCES })
  readonly audience!: SurveyAudience;

  @ApiProperty()
  readonly anonymous!: boolean;

  @ApiProperty({ type: String, nullable: true })
  readonly productId!: string | null;

  @ApiProperty({ type: BonusView, nullable: true, description: 'The bonus offered from now on.' })
  readonly bonus!: BonusView | null;

  @ApiProperty({ enum: SURVEY_STATUSES })
  readonly status!: SurveyStatus;

  @ApiProperty({ type: Number, nullable: true })
  readonly openWave!: number | null;

  @ApiProperty({ format: 'date-time' })
  readonly createdAt!: string;

  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  readonly revisedAt!: string | null;

  @ApiProperty({ description: 'Responses over every wave.' })
  readonly responses!: number;
}

export class SurveyView extends SurveySummaryView {
  @ApiProperty({ type: [QuestionView], description: 'The questions in force: the next wave runs with them.' })
  readonly questions!: readonly QuestionView[];

  @ApiProperty({ type: [WaveView], description: 'Every wave, first first, with its counts.' })
  readonly waves!: readonly WaveView[];

  @ApiProperty({ type: String, example: '42', description: 'Position of the event that wrote this version of the survey.' })
  readonly position!: string;
}

export class SurveyPage {
  @ApiProperty({ type: [SurveySummaryView], description: 'Oldest first, then by id.' })
  readonly items!: readonly SurveySummaryView[];

  @ApiProperty(NEXT_CURSOR_FIELD)
  readonly nextCursor!: string | null;
}

class RespondentView {
  @ApiProperty({ enum: RESPONDENT_KINDS })
  readonly kind!: RespondentKind;

  @ApiProperty({ example: 'emp-0107' })
  readonly id!: string;
}

class AnswerView {
  @ApiProperty()
  readonly questionId!: string;

  @ApiProperty({ enum: QUESTION_KINDS })
  readonly kind!: QuestionKind;

  @ApiPropertyOptional()
  readonly score?: number;

  @ApiPropertyOptional()
  readonly optionId?: string;

  @ApiPropertyOptional({ type: [String] })
  readonly optionIds?: readonly string[];

  @ApiPropertyOptional()
  readonly text?: string;

  @ApiPropertyOptional({ enum: ANSWER_TAGS, isArray: true })
  readonly tags?: readonly AnswerTag[];
}

class GrantedBonusView {
  @ApiProperty()
  readonly description!: string;

  @ApiProperty({ type: MoneyView, nullable: true })
  readonly amount!: MoneyView | null;

  @ApiProperty({ format: 'date-time' })
  readonly grantedAt!: string;
}

export class SurveyResponseView {
  @ApiProperty()
  readonly id!: string;

  @ApiProperty()
  readonly wave!: number;

  @ApiProperty({ type: RespondentView })
  readonly respondent!: RespondentView;

  @ApiProperty({ type: [AnswerView] })
  readonly answers!: readonly AnswerView[];

  @ApiProperty({ format: 'date-time' })
  readonly answeredAt!: string;

  @ApiProperty({ type: GrantedBonusView, nullable: true, description: 'The bonus granted for the feedback, once granted.' })
  readonly bonus!: GrantedBonusView | null;
}

export class SurveyResponsePage {
  @ApiProperty({ type: [SurveyResponseView], description: 'Oldest answer first, then by id.' })
  readonly items!: readonly SurveyResponseView[];

  @ApiProperty({ type: String, nullable: true })
  readonly nextCursor!: string | null;
}

export class FreeTextView {
  @ApiProperty()
  readonly wave!: number;

  @ApiProperty()
  readonly questionId!: string;

  @ApiProperty()
  readonly text!: string;

  @ApiProperty({ enum: ANSWER_TAGS, isArray: true })
  readonly tags!: readonly AnswerTag[];

  @ApiProperty({ format: 'date-time' })
  readonly answeredAt!: string;

  @ApiPropertyOptional({ description: 'The response, for identified surveys only.' })
  readonly responseId?: string;

  @ApiPropertyOptional({ type: RespondentView, description: 'Who answered, for identified surveys only; never for anonymous ones.' })
  readonly respondent?: RespondentView;
}

export class FreeTextPage {
  @ApiProperty({ type: [FreeTextView], description: 'By response, oldest first; the answers of one response in question order.' })
  readonly items!: readonly FreeTextView[];

  @ApiProperty({ type: String, nullable: true, description: '`limit` counts responses: a page lists the matching answers of up to `limit` responses.' })
  readonly nextCursor!: string | null;
}
