import { ValidationError, type FactGroup, type FactQuery, type Period, type Position } from '#kernel';
import { compareGroups } from '../shared/report-order.js';
import { ratio, reportFilters, reportGrouping, reportQuery } from '../shared/report-query.js';
import { CRITERION_RESULTS_METRIC, INSPECTIONS_METRIC } from './inspections.projection.js';

export type InspectionMetricsGroupBy = Period | 'section' | 'product' | 'template' | 'inspector' | 'author';

/** The filters both quality metrics take. */
export interface VerdictFilters {
  /** Business-date range of the verdicts: `from` inclusive, `to` exclusive (days, or midnight UTC). */
  readonly from?: string;
  readonly to?: string;
  readonly sectionId?: string;
  readonly productId?: string;
  readonly templateId?: string;
  /** Only with `templateId`: a version number means nothing without its template. */
  readonly templateVersion?: number;
  readonly inspectorId?: string;
  readonly authorId?: string;
  /** Answer as the numbers were known at this position. */
  readonly asOf?: Position;
}

export interface InspectionMetricsParams extends VerdictFilters {
  readonly groupBy?: InspectionMetricsGroupBy;
}

export interface CriterionFailuresParams extends VerdictFilters {
  readonly period?: Period;
}

/** What a row is about; null collects the verdicts without that dimension. */
export interface VerdictGroup {
  /** First day of the period (`YYYY-MM-DD`). */
  readonly period?: string;
  readonly sectionId?: string | null;
  readonly productId?: string | null;
  readonly templateId?: string | null;
  readonly templateVersion?: number | null;
  readonly inspectorId?: string | null;
  readonly authorId?: string | null;
}

export interface InspectionMetricsRow {
  readonly group: VerdictGroup;
  /** Verdicts given: every completed inspection, first attempts and re-inspections alike. */
  readonly inspections: number;
  readonly passed: number;
  readonly failed: number;
  /** passed / inspections; null without inspections. */
  readonly passRate: number | null;
  /** Σ score / inspections, each score under its own template version; null without inspections. */
  readonly meanScore: number | null;
  /** Chains begun: first attempts with a verdict. */
  readonly firstAttempts: number;
  readonly firstAttemptsPassed: number;
  /** firstAttemptsPassed / firstAttempts: the share of chains whose first attempt passed. */
  readonly firstTimePassRate: number | null;
  /** Mean of (attempt - 1) over the chains that passed: the re-inspections a pass took. */
  readonly meanReinspectionsUntilPass: number | null;
  /** Mean hours from the start of a chain's first inspection to its passing verdict. */
  readonly meanHoursToPass: number | null;
}

export interface CriterionFailuresRow {
  readonly group: { readonly period?: string; readonly templateId: string; readonly templateVersion: number; readonly criterionId: string };
  readonly critical: boolean;
  /** Verdicts the criterion was part of. */
  readonly checked: number;
  /** Of those, the ones where it applied (not n/a). */
  readonly applicable: number;
  readonly failed: number;
  /** failed / applicable; null where it never applied. */
  readonly failureRate: number | null;
}

const GROUPED_DIMS: Readonly<Record<string, readonly string[]>> = {
  section: ['sectionId'],
  product: ['productId'],
  template: ['templateId', 'templateVersion'],
  inspector: ['inspectorId'],
  author: ['authorId'],
};
const FILTERED_DIMS = ['sectionId', 'productId', 'templateId', 'templateVersion', 'inspectorId', 'authorId'] as const;
const INSPECTION_MEASURES = [
  'inspections',
  'passed',
  'score',
  'firstAttempts',
  'firstAttemptsPassed',
  'reinspectionsBeforePass',
  'secondsToPass',
] as const;
const CRITERION_DIMS = ['templateId', 'templateVersion', 'criterionId', 'critical'] as const;
const CRITERION_MEASURES = ['checked', 'applicable', 'failed'] as const;
const SECONDS_PER_HOUR = 3600;

/** The fact query behind the inspection metrics. */
export function inspectionMetricsQuery(params: InspectionMetricsParams): FactQuery {
  const { period, dims } = reportGrouping(params.groupBy, GROUPED_DIMS);
  return verdictQuery(INSPECTIONS_METRIC, params, { ...(period && { period }), ...(dims && { dims }) }, INSPECTION_MEASURES);
}

/** The fact query behind failures per criterion: always by template version and criterion. */
export function criterionFailuresQuery(params: CriterionFailuresParams): FactQuery {
  const groupBy = { ...(params.period && { period: params.period }), dims: CRITERION_DIMS };
  return verdictQuery(CRITERION_RESULTS_METRIC, params, groupBy, CRITERION_MEASURES);
}

function verdictQuery(metric: string, filters: VerdictFilters, groupBy: FactQuery['groupBy'], measures: readonly string[]): FactQuery {
  if (filters.templateVersion !== undefined && filters.templateId === undefined) {
    throw new ValidationError('templateVersion needs templateId: a version number means nothing without its template', [
      { field: 'templateVersion', message: 'needs templateId' },
    ]);
  }
  return reportQuery(filters, reportFilters(filters, FILTERED_DIMS), {
    metric,
    ...(groupBy !== undefined && Object.keys(groupBy).length > 0 && { groupBy }),
    measures,
  });
}

/** One row per group of `inspectionMetricsQuery`, by period, then by the grouped values (nulls last). */
export function inspectionMetricsReport(groups: readonly FactGroup[]): InspectionMetricsRow[] {
  return groups.map(inspectionRow).sort((a, b) => compareGroups(a.group, b.group));
}

function inspectionRow(factGroup: FactGroup): InspectionMetricsRow {
  const { inspections, passed, score, firstAttempts, firstAttemptsPassed, reinspectionsBeforePass, secondsToPass } = factGroup.sums as Record<
    (typeof INSPECTION_MEASURES)[number],
    number
  >;
  return {
    group: verdictGroup(factGroup),
    inspections,
    passed,
    failed: inspections - passed,
    passRate: ratio(passed, inspections),
    meanScore: ratio(score, inspections),
    firstAttempts,
    firstAttemptsPassed,
    firstTimePassRate: ratio(firstAttemptsPassed, firstAttempts),
    meanReinspectionsUntilPass: ratio(reinspectionsBeforePass, passed),
    meanHoursToPass: ratio(secondsToPass / SECONDS_PER_HOUR, passed),
  };
}

/**
 * One row per criterion of a template version (and period), the most failed first, then by template,
 * version and criterion.
 */
export function criterionFailuresReport(groups: readonly FactGroup[]): CriterionFailuresRow[] {
  const byPeriod = (a: CriterionFailuresRow, b: CriterionFailuresRow) => compareGroups({ period: a.group.period }, { period: b.group.period });
  return groups.map(criterionRow).sort((a, b) => byPeriod(a, b) || b.failed - a.failed || compareGroups(a.group, b.group));
}

function criterionRow(factGroup: FactGroup): CriterionFailuresRow {
  const { templateId, templateVersion, criterionId, critical } = factGroup.dims;
  const { checked, applicable, failed } = factGroup.sums as Record<(typeof CRITERION_MEASURES)[number], number>;
  return {
    group: {
      ...(factGroup.period !== undefined && { period: factGroup.period }),
      templateId: templateId!,
      templateVersion: Number(templateVersion),
      criterionId: criterionId!,
    },
    critical: critical === 'true',
    checked,
    applicable,
    failed,
    failureRate: ratio(failed, applicable),
  };
}

function verdictGroup(factGroup: FactGroup): VerdictGroup {
  const { templateVersion, ...dims } = factGroup.dims;
  return {
    ...(factGroup.period !== undefined && { period: factGroup.period }),
    ...dims,
    ...(templateVersion !== undefined && { templateVersion: templateVersion === null ? null : Number(templateVersion) }),
  };
}

/** A share or a mean; none where the count it divides by is not positive (nothing, or more taken back than counted). */