import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsArray, IsBoolean, IsIn, IsInt, IsObject, IsString, Min, ValidateNested } from 'class-validator';
import {
  MAX_CHECK_TITLE_LENGTH,
  MAX_OPTION_LENGTH,
  MAX_OPTIONS,
  MAX_QUESTION_LENGTH,
  MAX_QUESTION_POINTS,
  MAX_QUESTIONS,
  QUESTION_KINDS,
  type ChoiceOption,
  type DefineKnowledgeCheck,
  type MaterialCitation,
  type QuestionDraft,
  type QuestionKind,
  type QuestionScore,
  type RecordCheckAttempt,
} from '#domain/competence/index.js';
import type { KnowledgeCheckDocument } from '#projections/competence/competence-catalogue.projection.js';
import type { RequestOf } from '../platform/command-requests.js';
import { IdField, NEXT_CURSOR_FIELD, OccurredAtField, OptionalIdField, OptionalIdListField, PageQuery, POSITION_FIELD } from '../platform/dto-fields.js';
import { Omittable } from '../platform/omittable.js';
import type { CompetenceView } from './competence-catalogue-queries.service.js';

export const KNOWLEDGE_CHECK_STATUSES = ['active', 'retired'] as const;
type KnowledgeCheckStatus = (typeof KNOWLEDGE_CHECK_STATUSES)[number];

export class ChoiceOptionDto implements ChoiceOption {
  @IdField('Unique within the question.', 'o-14-days')
  readonly optionId!: string;

  @ApiProperty({ maxLength: MAX_OPTION_LENGTH, example: '14 days' })
  @IsString()
  readonly text!: string;
}

export class MaterialCitationDto implements MaterialCitation {
  @IdField('A material of the knowledge base.', 'refund-regulation')
  readonly materialId!: string;

  @ApiProperty({ minimum: 1, example: 2, description: 'A version the material has published.' })
  @Min(1)
  @IsInt()
  readonly version!: number;
}

const ANSWER_KEY_NOTE = 'The answer key: shown to trainer, admin and auditor keys only.';

/** The fields every question has, as a trainer writes them and as the routes show them. */
class QuestionFields {
  @IdField('Unique within the check.', 'q-refund-window')
  readonly questionId!: string;

  @ApiProperty({ maxLength: MAX_QUESTION_LENGTH, example: 'Within how many days may a client ask for a refund, and where is it written?' })
  @IsString()
  readonly text!: string;

  @IdField('The competency the question checks.', 'regulations-knowledge')
  readonly competencyId!: string;

  @ApiProperty({ minimum: 1, maximum: MAX_QUESTION_POINTS, example: 2, description: 'The most an answer scores; a whole number.' })
  @IsInt()
  readonly points!: number;

  @ApiPropertyOptional({ type: [ChoiceOptionDto], minItems: 2, maxItems: MAX_OPTIONS, description: 'The options of a choice question; an open question has none.' })
  @Omittable()
  @ValidateNested({ each: true })
  @Type(() => ChoiceOptionDto)
  @IsArray()
  readonly options?: readonly ChoiceOptionDto[];

  @ApiPropertyOptional({ type: MaterialCitationDto, description: 'The knowledge-base material, at a version of it, that the question asks about.' })
  @Omittable()
  @ValidateNested()
  @Type(() => MaterialCitationDto)
  @IsObject()
  readonly cites?: MaterialCitationDto;
}

class CheckQuestionDto extends QuestionFields implements QuestionDraft {
  @ApiPropertyOptional({
    enum: QUESTION_KINDS,
    default: 'open',
    description:
      '`single` or `multiple` choice, scored on the server by `correctOptionIds`: the points for exactly the correct options, ' +
      'nothing otherwise; `open`, marked by a trainer.',
  })
  @Omittable()
  @IsIn(QUESTION_KINDS)
  @IsString()
  readonly kind?: QuestionKind;

  @OptionalIdListField({
    example: ['o-14-days'],
    description: 'The correct options: exactly one of a single-choice question, one or more of a multiple-choice one.',
  })
  readonly correctOptionIds?: readonly string[];
}

export class CheckQuestionView extends QuestionFields {
  @ApiProperty({ enum: QUESTION_KINDS, description: 'Questions defined before checks had kinds are open.' })
  readonly kind!: QuestionKind;

  @ApiPropertyOptional({ type: [String], description: ANSWER_KEY_NOTE })
  readonly correctOptionIds?: readonly string[];
}

export class DefineKnowledgeCheckRequest implements RequestOf<DefineKnowledgeCheck, 'checkId' | 'catalogue' | 'materials'> {
  @OptionalIdField('The check id, when the caller chooses it; default: a new UUIDv7.', 'regulations-2026-q1')
  readonly id?: string;

  @ApiProperty({ maxLength: MAX_CHECK_TITLE_LENGTH, example: 'Regulations and main instructions, Q1 2026' })
  @IsString()
  readonly title!: string;

  @ApiProperty({ example: true, description: 'True when the regulations may be consulted, as in the quarterly check.' })
  @IsBoolean()
  readonly openBook!: boolean;

  @ApiProperty({ type: [CheckQuestionDto], minItems: 1, maxItems: MAX_QUESTIONS })
  @ValidateNested({ each: true })
  @Type(() => CheckQuestionDto)
  @IsArray()
  readonly questions!: readonly CheckQuestionDto[];

  @OccurredAtField()
  readonly occurredAt?: string;
}

class QuestionScoreDto implements QuestionScore {
  @IdField('A question of the check.', 'q-refund-window')
  readonly questionId!: string;

  @ApiProperty({ minimum: 0, example: 2, description: "Points scored: a whole number up to the question's points." })
  @IsInt()
  readonly points!: number;
}

export class RecordCheckAttemptRequest implements RequestOf<RecordCheckAttempt, 'attemptId' | 'employee' | 'checkId' | 'check' | 'scale' | 'assessor'> {
  @OptionalIdField('The attempt id, when the caller chooses it; default: a new UUIDv7.', 'attempt-0107-2026-q1')
  readonly id?: string;

  @IdField('The employee who took the check.', 'emp-0107')
  readonly employeeId!: string;

  @ApiProperty({ type: [QuestionScoreDto], minItems: 1, description: 'Every question of the check, scored once.' })
  @ValidateNested({ each: true })
  @Type(() => QuestionScoreDto)
  @IsArray()
  readonly answers!: readonly QuestionScoreDto[];

  @OccurredAtField()
  readonly occurredAt?: string;
}

export class KnowledgeCheckIdParams {
  @IdField('The knowledge check id.', 'regulations-2026-q1')
  readonly id!: string;
}

export class KnowledgeCheckListQuery extends PageQuery {
  @ApiPropertyOptional({ enum: KNOWLEDGE_CHECK_STATUSES })
  @Omittable()
  @IsIn(KNOWLEDGE_CHECK_STATUSES)
  readonly status?: KnowledgeCheckStatus;
}

export class KnowledgeCheckSummaryView implements Omit<CompetenceView<KnowledgeCheckDocument>, 'questions'> {
  @ApiProperty()
  readonly id!: string;

  @ApiProperty()
  readonly title!: string;

  @ApiProperty()
  readonly openBook!: boolean;

  @ApiProperty({ type: [CheckQuestionView], description: `The question bank, in the order defined. ${ANSWER_KEY_NOTE}` })
  readonly questions!: readonly CheckQuestionView[];

  @ApiProperty({ enum: KNOWLEDGE_CHECK_STATUSES, description: 'A retired check takes no attempt.' })
  readonly status!: KnowledgeCheckStatus;

  @ApiProperty({ format: 'date-time' })
  readonly definedAt!: string;

  @ApiProperty({ format: 'date-time' })
  readonly lastChangedAt!: string;
}

export class KnowledgeCheckView extends KnowledgeCheckSummaryView {
  @ApiProperty(POSITION_FIELD)
  readonly position!: string;
}

export class KnowledgeCheckPage {
  @ApiProperty({ type: [KnowledgeCheckSummaryView], description: 'In the order they were defined, then by id.' })
  readonly items!: readonly KnowledgeCheckSummaryView[];

  @ApiProperty(NEXT_CURSOR_FIELD)
  readonly nextCursor!: string | null;
}
