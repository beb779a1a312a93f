import type { FactGroup, FactQuery, Period, Position } from '#kernel';
import type { ComplaintOutcome, FeedbackSubjectKind } from '#domain/feedback/index.js';
import { compareGroups } from '../shared/report-order.js';
import { reportFilters, reportGrouping, reportQuery } from '../shared/report-query.js';
import { FEEDBACK_MEASURES, FEEDBACK_METRIC, SUBJECT_DIMS } from './feedback.projection.js';

export type FeedbackMetricsGroupBy = Period | FeedbackSubjectKind;

export interface FeedbackMetricsParams {
  /** Business-date range: `from` inclusive, `to` exclusive (days, or midnight UTC). */
  readonly from?: string;
  readonly to?: string;
  readonly groupBy?: FeedbackMetricsGroupBy;
  readonly employeeId?: string;
  readonly productId?: string;
  readonly sectionId?: string;
  /** Answer as the numbers were known at this position. */
  readonly asOf?: Position;
}

export interface FeedbackMetricsGroup {
  /** First day of the period (`YYYY-MM-DD`). */
  readonly period?: string;
  readonly employeeId?: string;
  readonly productId?: string;
  readonly sectionId?: string;
}

export interface FeedbackMetricsRow {
  readonly group: FeedbackMetricsGroup;
  /** Thanks received in the group. */
  readonly thanks: number;
  /** Complaints received in the group. */
  readonly complaints: number;
  /** Complaints closed in the group, counted at their closing: a complaint of March closed in April counts in April. */
  readonly complaintsClosed: number;
  /** The closed complaints by outcome. */
  readonly outcomes: Readonly<Record<ComplaintOutcome, number>>;
}

/**
 * The feedback grouped by what it is about: `employee` gives one row per employee thanked or
 * complained about, leaving out the feedback about products and sections; the same for the others.
 */
const GROUPED_SUBJECTS: Readonly<Record<FeedbackSubjectKind, FeedbackSubjectKind>> = { employee: 'employee', product: 'product', section: 'section' };

/** The fact query behind the feedback metric. */
export function feedbackMetricsQuery(params: FeedbackMetricsParams): FactQuery {
  const { period, dims: subjectKind } = reportGrouping(params.groupBy, GROUPED_SUBJECTS);
  const where = reportFilters(params, ['employeeId', 'productId', 'sectionId']);
  const groupBy = { ...(period && { period }), ...(subjectKind && { dims: [SUBJECT_DIMS[subjectKind]] }) };
  return reportQuery(params, subjectKind ? { ...where, subjectKind } : where, {
    metric: FEEDBACK_METRIC,
    ...(Object.keys(groupBy).length > 0 && { groupBy }),
    measures: FEEDBACK_MEASURES,
  });
}

/** One row per group of `feedbackMetricsQuery`, by period, then by the grouped id. */
export function feedbackMetricsReport(groups: readonly FactGroup[]): FeedbackMetricsRow[] {
  return groups.map(feedbackRow).sort((a, b) => compareGroups(a.group, b.group));
}

function feedbackRow(factGroup: FactGroup): FeedbackMetricsRow {
  const { thanks, complaints, closed, upheld, rejected, resolved } = factGroup.sums as Record<(typeof FEEDBACK_MEASURES)[number], number>;
  return {
    group: { ...(factGroup.period !== undefined && { period: factGroup.period }), ...(factGroup.dims as Record<string, string>) },
    thanks,
    complaints,
    complaintsClosed: closed,
    outcomes: { upheld, rejected, resolved },
  };
}
