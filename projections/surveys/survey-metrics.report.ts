import { type FactGroup, type FactQuery, type Period, type Position } from '#kernel';
import { ANSWER_TAGS, isEmployeeAudience, type AnswerTag, type SurveyAudience } from '#domain/surveys/index.js';
import { compareGroups } from '../shared/report-order.js';
import { ratio, reportFilters, reportGrouping, reportQuery } from '../shared/report-query.js';
import {
  SURVEY_RESPONSE_MEASURES,
  SURVEY_RESPONSES_METRIC,
  SURVEY_TAGS_METRIC,
  type SurveyResponseMeasure,
} from './surveys.projection.js';

export type SurveyMetricsGroupBy = Period | 'survey' | 'wave' | 'audience' | 'product';
export const SURVEY_METRICS_GROUPINGS: readonly SurveyMetricsGroupBy[] = ['day', 'week', 'month', 'survey', 'wave', 'audience', 'product'];

export interface SurveyMetricsParams {
  /** Business-date range of the answers: `from` inclusive, `to` exclusive (days, or midnight UTC). */
  readonly from?: string;
  readonly to?: string;
  readonly groupBy?: SurveyMetricsGroupBy;
  readonly surveyId?: string;
  readonly wave?: number;
  readonly audience?: SurveyAudience;
  readonly productId?: string;
  /** Answer as the numbers were known at this position. */
  readonly asOf?: Position;
}

type GroupedDim = 'surveyId' | 'wave' | 'audience' | 'productId';

/** Waves are numbered per survey, so a row per wave is a row per survey and wave. */
const GROUPED_DIMS: Readonly<Record<string, readonly GroupedDim[]>> = {
  survey: ['surveyId'],
  wave: ['surveyId', 'wave'],
  audience: ['audience'],
  product: ['productId'],
};

export interface SurveyMetricsGroup {
  /** First day of the period (`YYYY-MM-DD`). */
  readonly period?: string;
  readonly surveyId?: string | null;
  readonly wave?: number | null;
  readonly audience?: SurveyAudience | null;
  /** Null collects the surveys about no product. */
  readonly productId?: string | null;
}

export interface CsatTotals {
  readonly answers: number;
  /** Answers of 4 or 5. */
  readonly satisfied: number;
  /** satisfied / answers; null without answers. */
  readonly share: number | null;
}

export interface NpsTotals {
  readonly answers: number;
  /** 9 or 10. */
  readonly promoters: number;
  /** 7 or 8. */
  readonly passives: number;
  /** 0 to 6. */
  readonly detractors: number;
  /** % promoters - % detractors, from -100 to 100; null without answers. */
  readonly score: number | null;
}

export interface CesTotals {
  readonly answers: number;
  /** Mean effort on the 1-7 scale; null without answers. */
  readonly mean: number | null;
}

export interface SurveyMetricsRow {
  readonly group: SurveyMetricsGroup;
  readonly responses: number;
  /** Invitations of the waves launched in the range with an invited count; null when none had one. */
  readonly invited: number | null;
  /** Responses of those waves / invited; null without invitations. */
  readonly responseRate: number | null;
  readonly csat: CsatTotals;
  /** Over every audience of the row. */
  readonly nps: NpsTotals;
  /** NPS over the employee audiences of the row only. */
  readonly enps: NpsTotals;
  readonly ces: CesTotals;
}

export interface SurveyTagsRow {
  readonly group: SurveyMetricsGroup;
  /** Answers carrying each tag; every tag is listed, 0 when none carried it. */
  readonly tags: Readonly<Record<AnswerTag, number>>;
  /** Tagged answers, counted once per tag they carry. */
  readonly total: number;
}

/**
 * The fact query behind the survey scores. It always groups by audience too, so that eNPS can be told
 * apart from the NPS of the same row.
 */
export function surveyMetricsQuery(params: SurveyMetricsParams): FactQuery {
  return baseQuery(params, SURVEY_RESPONSES_METRIC, (dims) => (dims.includes('audience') ? dims : [...dims, 'audience']), SURVEY_RESPONSE_MEASURES);
}

/** The fact query behind the tag frequencies. */
export function surveyTagsQuery(params: SurveyMetricsParams): FactQuery {
  return baseQuery(params, SURVEY_TAGS_METRIC, (dims) => [...dims, 'tag'], ['answers']);
}

/** `withDims` adds the dimensions a metric always groups by to the asked ones. */
function baseQuery(
  params: SurveyMetricsParams,
  metric: string,
  withDims: (asked: readonly GroupedDim[]) => readonly string[],
  measures: readonly string[],
): FactQuery {
  const { period, dims = [] } = reportGrouping(params.groupBy, GROUPED_DIMS);
  return reportQuery(params, reportFilters(params, ['surveyId', 'wave', 'audience', 'productId']), {
    metric,
    groupBy: { ...(period && { period }), dims: withDims(dims) },
    measures,
  });
}

function groupedDims(groupBy: string | undefined): readonly GroupedDim[] {
  return reportGrouping(groupBy, GROUPED_DIMS).dims ?? [];
}

type Sums = Record<SurveyResponseMeasure, number>;

interface RowSums {
  readonly group: SurveyMetricsGroup;
  readonly all: Sums;
  readonly employees: Sums;
}

/** The rows of the survey scores from the groups of `surveyMetricsQuery`, by period, then by the grouped values (nulls last). */
export function surveyMetricsReport(groups: readonly FactGroup[], groupBy?: SurveyMetricsGroupBy): SurveyMetricsRow[] {
  const rows = new Map<string, RowSums>();
  for (const factGroup of groups) {
    const group = rowGroup(factGroup, groupBy);
    const key = JSON.stringify(group);
    const sums = rows.get(key) ?? { group, all: zeroSums(), employees: zeroSums() };
    rows.set(key, sums);
    addTo(sums.all, factGroup);
    if (isEmployeeAudience(factGroup.dims.audience as SurveyAudience)) addTo(sums.employees, factGroup);
  }
  return [...rows.values()].sort((a, b) => compareGroups(a.group, b.group)).map(scoresRow);
}

/** The rows of the tag frequencies from the groups of `surveyTagsQuery`. */
export function surveyTagsReport(groups: readonly FactGroup[], groupBy?: SurveyMetricsGroupBy): SurveyTagsRow[] {
  const rows = new Map<string, { group: SurveyMetricsGroup; tags: Record<AnswerTag, number> }>();
  for (const factGroup of groups) {
    const group = rowGroup(factGroup, groupBy);
    const key = JSON.stringify(group);
    const row = rows.get(key) ?? { group, tags: Object.fromEntries(ANSWER_TAGS.map((tag) => [tag, 0])) as Record<AnswerTag, number> };
    rows.set(key, row);
    row.tags[factGroup.dims.tag as AnswerTag] += factGroup.sums.answers ?? 0;
  }
  return [...rows.values()]
    .sort((a, b) => compareGroups(a.group, b.group))
    .map(({ group, tags }) => ({ group, tags, total: ANSWER_TAGS.reduce((total, tag) => total + tags[tag], 0) }));
}

function rowGroup(factGroup: FactGroup, groupBy: SurveyMetricsGroupBy | undefined): SurveyMetricsGroup {
  const dims = groupedDims(groupBy).map((dim) => {
    const value = factGroup.dims[dim] ?? null;
    return [dim, dim === 'wave' && value !== null ? Number(value) : value] as const;
  });
  return { ...(factGroup.period !== undefined && { period: factGroup.period }), ...Object.fromEntries(dims) };
}

function zeroSums(): Sums {
  return Object.fromEntries(SURVEY_RESPONSE_MEASURES.map((measure) => [measure, 0])) as Sums;
}

function addTo(sums: Sums, factGroup: FactGroup): void {
  for (const measure of SURVEY_RESPONSE_MEASURES) sums[measure] += factGroup.sums[measure] ?? 0;
}

function scoresRow({ group, all, employees }: RowSums): SurveyMetricsRow {
  return {
    group,
    responses: all.responses,
    invited: all.invited > 0 ? all.invited : null,
    responseRate: ratio(all.invitedResponses, all.invited),
    csat: { answers: all.csatAnswers, satisfied: all.csatSatisfied, share: ratio(all.csatSatisfied, all.csatAnswers) },
    nps: npsTotals(all),
    enps: npsTotals(employees),
    ces: { answers: all.cesAnswers, mean: ratio(all.cesScoreSum, all.cesAnswers) },
  };
}

function npsTotals(sums: Sums): NpsTotals {
  const { npsAnswers: answers, npsPromoters: promoters, npsPassives: passives, npsDetractors: detractors } = sums;
  const score = answers > 0 ? (100 * (promoters - detractors)) / answers : null;
  return { answers, promoters, passives, detractors, score };
}
