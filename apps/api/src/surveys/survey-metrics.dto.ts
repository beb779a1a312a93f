import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, Min } from 'class-validator';
import { ANSWER_TAGS, SURVEY_AUDIENCES, type AnswerTag, type SurveyAudience } from '#domain/surveys/index.js';
import {
  SURVEY_METRICS_GROUPINGS,
  type CesTotals,
  type CsatTotals,
  type NpsTotals,
  type SurveyMetricsGroup,
  type SurveyMetricsGroupBy,
  type SurveyMetricsRow,
  type SurveyTagsRow,
} from '#projections/surveys/survey-metrics.report.js';
import { AS_OF_FIELD, AsOfView } from '../platform/as-of.js';
import { DayRangeQuery, OptionalIdField, PERIOD_FIELD } from '../platform/dto-fields.js';
import { Omittable } from '../platform/omittable.js';

export class SurveyMetricsQuery extends DayRangeQuery {
  @ApiPropertyOptional({
    enum: SURVEY_METRICS_GROUPINGS,
    description:
      'One row per calendar period of the answers (UTC; ISO weeks start on Monday), per survey, per wave (of a survey), ' +
      'per audience or per product. Absent: one row.',
  })
  @Omittable()
  @IsIn(SURVEY_METRICS_GROUPINGS)
  readonly groupBy?: SurveyMetricsGroupBy;

  @OptionalIdField('Only the answers to this survey.', 'survey-buyers-2026')
  readonly surveyId?: string;

  @ApiPropertyOptional({ minimum: 1, example: 1, description: 'Only the answers to this wave (of every survey, unless `surveyId` is given).' })
  @Omittable()
  @Min(1)
  @IsInt({ message: 'wave must be a whole number' })
  @Type(() => Number)
  readonly wave?: number;

  @ApiPropertyOptional({ enum: SURVEY_AUDIENCES })
  @Omittable()
  @IsIn(SURVEY_AUDIENCES)
  readonly audience?: SurveyAudience;

  @OptionalIdField('Only the answers to surveys about this product.', 'course-sales')
  readonly productId?: string;
}

class SurveyMetricsGroupView implements SurveyMetricsGroup {
  @ApiPropertyOptional(PERIOD_FIELD)
  readonly period?: string;

  @ApiPropertyOptional({ type: String, description: 'When grouped by survey or wave.' })
  readonly surveyId?: string | null;

  @ApiPropertyOptional({ type: Number, description: 'When grouped by wave.' })
  readonly wave?: number | null;

  @ApiPropertyOptional({ enum: SURVEY_AUDIENCES, description: 'When grouped by audience.' })
  readonly audience?: SurveyAudience | null;

  @ApiPropertyOptional({ type: String, nullable: true, description: 'When grouped by product; null: surveys about no product.' })
  readonly productId?: string | null;
}

class CsatView implements CsatTotals {
  @ApiProperty({ description: 'CSAT answers (1-5).' })
  readonly answers!: number;

  @ApiProperty({ description: 'Answers of 4 or 5.' })
  readonly satisfied!: number;

  @ApiProperty({ type: Number, nullable: true, description: 'satisfied / answers, from 0 to 1; null without answers.' })
  readonly share!: number | null;
}

class NpsView implements NpsTotals {
  @ApiProperty({ description: 'NPS answers (0-10).' })
  readonly answers!: number;

  @ApiProperty({ description: 'Answers of 9 or 10.' })
  readonly promoters!: number;

  @ApiProperty({ description: 'Answers of 7 or 8.' })
  readonly passives!: number;

  @ApiProperty({ description: 'Answers of 0 to 6.' })
  readonly detractors!: number;

  @ApiProperty({ type: Number, nullable: true, description: '% promoters - % detractors, from -100 to 100; null without answers.' })
  readonly score!: number | null;
}

class CesView implements CesTotals {
  @ApiProperty({ description: 'CES answers (1-7).' })
  readonly answers!: number;

  @ApiProperty({ type: Number, nullable: true, description: 'Mean effort; null without answers.' })
  readonly mean!: number | null;
}

class SurveyMetricsRowView implements SurveyMetricsRow {
  @ApiProperty({ type: SurveyMetricsGroupView })
  readonly group!: SurveyMetricsGroupView;

  @ApiProperty({ description: 'Responses given in the row (by the business date of the answer).' })
  readonly responses!: number;

  @ApiProperty({
    type: Number,
    nullable: true,
    description: 'Invitations of the waves launched in the row with an invited count (counted at the launch date); null when none.',
  })
  readonly invited!: number | null;

  @ApiProperty({
    type: Number,
    nullable: true,
    description: 'Responses to the waves with an invited count / invited. Meaningful per wave, or over a range holding the launches.',
  })
  readonly responseRate!: number | null;

  @ApiProperty({ type: CsatView })
  readonly csat!: CsatView;

  @ApiProperty({ type: NpsView, description: 'Over every audience of the row: filter or group by audience for client NPS.' })
  readonly nps!: NpsView;

  @ApiProperty({ type: NpsView, description: 'eNPS: the NPS of the employee audiences of the row only.' })
  readonly enps!: NpsView;

  @ApiProperty({ type: CesView })
  readonly ces!: CesView;
}

export class SurveyMetricsAnswer {
  @ApiProperty(AS_OF_FIELD)
  readonly asOf!: AsOfView;

  @ApiProperty({ type: [SurveyMetricsRowView], description: 'By period, then by the grouped values (waves by number, nulls last).' })
  readonly rows!: readonly SurveyMetricsRowView[];
}

class TagCountsView implements Readonly<Record<AnswerTag, number>> {
  @ApiProperty()
  readonly objection!: number;

  @ApiProperty()
  readonly problem!: number;

  @ApiProperty()
  readonly idea!: number;

  @ApiProperty({ name: 'training-wish' })
  readonly 'training-wish'!: number;
}

class SurveyTagsRowView implements SurveyTagsRow {
  @ApiProperty({ type: SurveyMetricsGroupView })
  readonly group!: SurveyMetricsGroupView;

  @ApiProperty({ type: TagCountsView, description: `Answers carrying each tag (${ANSWER_TAGS.join(', ')}); 0 when none did.` })
  readonly tags!: TagCountsView;

  @ApiProperty({ description: 'Tagged answers, counted once per tag they carry.' })
  readonly total!: number;
}

export class SurveyTagsAnswer {
  @ApiProperty(AS_OF_FIELD)
  readonly asOf!: AsOfView;

  @ApiProperty({ type: [SurveyTagsRowView] })
  readonly rows!: readonly SurveyTagsRowView[];
}
