import { invalid, requireNumber } from '../shared/validation.js';

/**
 * The indicators: every figure the api computes that a target can be set on, named once. A job
 * profile's KPI refers to one by id with a target in its unit, and the council's metrics pack records
 * them under these ids and definition versions. Each names the metric route and the field of its rows
 * that compute it; a test checks them against the api's OpenAPI document.
 */

/** `share` from 0 to 1; `ratio` a quotient without bound; `score` on the scale its range gives; `count` a number of things, or a mean of them. */
export const INDICATOR_UNITS = ['share', 'ratio', 'score', 'count', 'minutes', 'hours'] as const;
export type IndicatorUnit = (typeof INDICATOR_UNITS)[number];

export const INDICATOR_DIRECTIONS = ['higher-is-better', 'lower-is-better'] as const;
export type IndicatorDirection = (typeof INDICATOR_DIRECTIONS)[number];

export interface Indicator {
  readonly name: string;
  readonly unit: IndicatorUnit;
  readonly direction: IndicatorDirection;
  /**
   * Raised whenever what the indicator counts or how changes, so that a figure, a target and a
   * recorded council pack are read with the definition they were set under.
   */
  readonly definitionVersion: number;
  readonly definition: string;
  /** The lowest and highest values it can take (null: no bound); a target outside them could never be met or missed. */
  readonly range: readonly [min: number, max: number | null];
  /**
   * The metric route that computes it and the field of that route's rows, dotted into nested
   * objects; the field's value divided by `divideBy` (seconds into minutes: 60) is the indicator's.
   */
  readonly source: { readonly route: string; readonly field: string; readonly divideBy?: number };
  /** The `groupBy` of that route that gives it per employee, where it has one. */
  readonly perEmployee?: string;
}

const SHARE = { unit: 'share', range: [0, 1] } as const;
const UNBOUNDED = [0, null] as const;
const CARE = '/metrics/refund-retention';
const INSPECTIONS = '/metrics/inspections';
const SURVEYS = '/metrics/surveys';
const SUPPORT = '/metrics/support';
const SECONDS_PER_MINUTE = 60;
const SECONDS_PER_HOUR = 3600;

export const INDICATORS = {
  'care.retentionShare': {
    name: 'Retention share',
    ...SHARE,
    direction: 'higher-is-better',
    definitionVersion: 1,
    definition: 'Cases whose client was kept with the money retained, of the cases decided by a refund or a retention.',
    source: { route: CARE, field: 'retentionShare' },
    perEmployee: 'employee',
  },
  'care.refundToRetainedRatio': {
    name: 'Refunds per retention',
    unit: 'ratio',
    range: UNBOUNDED,
    direction: 'lower-is-better',
    definitionVersion: 1,
    definition: 'Refunds issued divided by clients retained with their money kept.',
    source: { route: CARE, field: 'refundToRetainedRatio' },
    perEmployee: 'employee',
  },
  'quality.checklistPassRate': {
    name: 'Inspection pass rate',
    ...SHARE,
    direction: 'higher-is-better',
    definitionVersion: 1,
    definition: 'Inspections passed, of the inspections given a verdict; per employee, of the work they authored.',
    source: { route: INSPECTIONS, field: 'passRate' },
    perEmployee: 'author',
  },
  'quality.meanScore': {
    name: 'Mean inspection score',
    ...SHARE,
    direction: 'higher-is-better',
    definitionVersion: 1,
    definition: "The mean of the inspections' scores, each the weighted share of the applicable criteria passed under its template version.",
    source: { route: INSPECTIONS, field: 'meanScore' },
    perEmployee: 'author',
  },
  'quality.firstTimePassRate': {
    name: 'First-time pass rate',
    ...SHARE,
    direction: 'higher-is-better',
    definitionVersion: 1,
    definition: 'First inspections of a piece of work that passed, of all first inspections.',
    source: { route: INSPECTIONS, field: 'firstTimePassRate' },
    perEmployee: 'author',
  },
  'quality.reinspectionsUntilPass': {
    name: 'Re-inspections until pass',
    unit: 'count',
    range: UNBOUNDED,
    direction: 'lower-is-better',
    definitionVersion: 1,
    definition: 'The mean number of re-inspections a failed piece of work needed before it passed.',
    source: { route: INSPECTIONS, field: 'meanReinspectionsUntilPass' },
    perEmployee: 'author',
  },
  'quality.hoursToPass': {
    name: 'Hours until pass',
    unit: 'hours',
    range: UNBOUNDED,
    direction: 'lower-is-better',
    definitionVersion: 1,
    definition: 'The mean hours from a failed inspection to the re-inspection that passed.',
    source: { route: INSPECTIONS, field: 'meanHoursToPass' },
    perEmployee: 'author',
  },
  'surveys.responseRate': {
    name: 'Survey response rate',
    ...SHARE,
    direction: 'higher-is-better',
    definitionVersion: 1,
    definition: 'Responses received, of the people invited to the waves.',
    source: { route: SURVEYS, field: 'responseRate' },
  },
  'surveys.csat': {
    name: 'CSAT',
    ...SHARE,
    direction: 'higher-is-better',
    definitionVersion: 1,
    definition: 'Satisfaction answers of 4 or 5 on the 1-5 scale, of all satisfaction answers.',
    source: { route: SURVEYS, field: 'csat.share' },
  },
  'surveys.nps': {
    name: 'NPS',
    unit: 'score',
    range: [-100, 100],
    direction: 'higher-is-better',
    definitionVersion: 1,
    definition: 'Per cent of clients answering 9 or 10, minus per cent answering 0 to 6, on the 0-10 recommendation question.',
    source: { route: SURVEYS, field: 'nps.score' },
  },
  'surveys.enps': {
    name: 'eNPS',
    unit: 'score',
    range: [-100, 100],
    direction: 'higher-is-better',
    definitionVersion: 1,
    definition: "The NPS formula over employees' answers to the 0-10 question whether they would recommend the company as an employer.",
    source: { route: SURVEYS, field: 'enps.score' },
  },
  'surveys.ces': {
    name: 'Customer effort score',
    unit: 'score',
    range: [1, 7],
    direction: 'lower-is-better',
    definitionVersion: 1,
    definition: 'The mean effort answered on the 1-7 scale: how hard it was to get what the client came for.',
    source: { route: SURVEYS, field: 'ces.mean' },
  },
  'training.planCompletionRate': {
    name: 'Plan completion rate',
    ...SHARE,
    direction: 'higher-is-better',
    definitionVersion: 1,
    definition: 'Approved individual plans completed, of the plans due in the period, net of cancellations.',
    source: { route: '/metrics/training/plans', field: 'completionRate' },
    perEmployee: 'employee',
  },
  'training.planOnTimeRate': {
    name: 'Plans completed on time',
    ...SHARE,
    direction: 'higher-is-better',
    definitionVersion: 1,
    definition: 'Approved individual plans completed by their due day, of the plans due in the period, net of cancellations.',
    source: { route: '/metrics/training/plans', field: 'onTimeRate' },
    perEmployee: 'employee',
  },
  'training.plansOverdue': {
    name: 'Overdue plans',
    unit: 'count',
    range: UNBOUNDED,
    direction: 'lower-is-better',
    definitionVersion: 1,
    definition: 'Approved individual plans still open after their due day.',
    source: { route: '/metrics/training/plans', field: 'overdue' },
    perEmployee: 'employee',
  },
  'training.hours': {
    name: 'Training hours',
    unit: 'hours',
    range: UNBOUNDED,
    direction: 'higher-is-better',
    definitionVersion: 1,
    definition: 'Hours of the plan items completed and of the group sessions and courses attended.',
    source: { route: '/metrics/training/activity', field: 'hours' },
  },
  'training.gapsClosedShare': {
    name: 'Gaps closed by training',
    ...SHARE,
    direction: 'higher-is-better',
    definitionVersion: 1,
    definition: 'Competency gaps that completed plans started from and that a re-assessment found closed, of the gaps trained.',
    source: { route: '/metrics/training/effectiveness', field: 'closedShare' },
  },
  'training.webinarConversion': {
    name: 'Webinar conversion',
    ...SHARE,
    direction: 'higher-is-better',
    definitionVersion: 1,
    definition: "Attendees who bought, of the attendees of a trainer's webinars: the trainer KPI.",
    source: { route: '/metrics/training/webinars', field: 'conversion' },
    perEmployee: 'trainer',
  },
  'competence.gapCoverage': {
    name: 'Competency coverage',
    ...SHARE,
    direction: 'higher-is-better',
    definitionVersion: 1,
    definition: 'Required competencies that employees meet at the level their profiles ask, of all required, at the end of the period.',
    source: { route: '/metrics/gap-coverage', field: 'closing.coverage' },
  },
  'feedback.thanks': {
    name: 'Thanks received',
    unit: 'count',
    range: UNBOUNDED,
    direction: 'higher-is-better',
    definitionVersion: 1,
    definition: 'Thanks from clients recorded in the period.',
    source: { route: '/metrics/feedback', field: 'thanks' },
    perEmployee: 'employee',
  },
  'feedback.complaints': {
    name: 'Complaints received',
    unit: 'count',
    range: UNBOUNDED,
    direction: 'lower-is-better',
    definitionVersion: 1,
    definition: 'Complaints recorded in the period.',
    source: { route: '/metrics/feedback', field: 'complaints' },
    perEmployee: 'employee',
  },
  'support.firstResponseMinutes': {
    name: 'First response time',
    unit: 'minutes',
    range: UNBOUNDED,
    direction: 'lower-is-better',
    definitionVersion: 2,
    definition: "The mean of the minutes from a ticket's opening to its first response.",
    source: { route: SUPPORT, field: 'firstResponseSeconds.mean', divideBy: SECONDS_PER_MINUTE },
    perEmployee: 'employee',
  },
  'support.firstResponseWithinTarget': {
    name: 'First responses within target',
    ...SHARE,
    direction: 'higher-is-better',
    definitionVersion: 1,
    definition: "Tickets first answered within the line's first response target, of the tickets answered.",
    source: { route: SUPPORT, field: 'firstResponseWithinTarget' },
    perEmployee: 'employee',
  },
  'support.resolutionHours': {
    name: 'Resolution time',
    unit: 'hours',
    range: UNBOUNDED,
    direction: 'lower-is-better',
    definitionVersion: 2,
    definition: "The mean of the hours from a ticket's opening to its resolution.",
    source: { route: SUPPORT, field: 'resolutionSeconds.mean', divideBy: SECONDS_PER_HOUR },
    perEmployee: 'employee',
  },
  'support.resolvedWithinTarget': {
    name: 'Resolutions within target',
    ...SHARE,
    direction: 'higher-is-better',
    definitionVersion: 1,
    definition: "Tickets resolved within the line's resolution target, of the tickets resolved.",
    source: { route: SUPPORT, field: 'resolvedWithinTarget' },
    perEmployee: 'employee',
  },
  'support.csat': {
    name: 'Excellent ratings',
    ...SHARE,
    direction: 'higher-is-better',
    definitionVersion: 2,
    definition: 'Rated tickets rated 5, of the rated tickets.',
    source: { route: SUPPORT, field: 'excellentShare' },
    perEmployee: 'employee',
  },
  'support.satisfiedShare': {
    name: 'Satisfied ratings',
    ...SHARE,
    direction: 'higher-is-better',
    definitionVersion: 1,
    definition: 'Rated tickets rated 4 or 5, of the rated tickets.',
    source: { route: SUPPORT, field: 'csat' },
    perEmployee: 'employee',
  },
  'support.contactsPerDay': {
    name: 'Contacts per day',
    unit: 'count',
    range: UNBOUNDED,
    direction: 'higher-is-better',
    definitionVersion: 1,
    definition: 'Tickets opened per calendar day of the period.',
    source: { route: SUPPORT, field: 'contactsPerDay' },
    perEmployee: 'employee',
  },
  'support.repeatContactShare': {
    name: 'Repeat contacts',
    ...SHARE,
    direction: 'lower-is-better',
    definitionVersion: 2,
    definition: 'Tickets that repeat an earlier contact of the same client within the repeat window, of the tickets opened.',
    source: { route: SUPPORT, field: 'repeatContactShare' },
    perEmployee: 'employee',
  },
  'support.closedShare': {
    name: 'Tickets closed',
    ...SHARE,
    direction: 'higher-is-better',
    definitionVersion: 1,
    definition: 'Tickets closed, of the tickets opened.',
    source: { route: SUPPORT, field: 'closedShare' },
    perEmployee: 'employee',
  },
  'support.escalationShare': {
    name: 'Escalations',
    ...SHARE,
    direction: 'lower-is-better',
    definitionVersion: 2,
    definition: 'Tickets escalated to another line, of the tickets opened.',
    source: { route: SUPPORT, field: 'escalationShare' },
    perEmployee: 'employee',
  },
} as const satisfies Record<string, Indicator>;

export type IndicatorId = keyof typeof INDICATORS;

export const INDICATOR_IDS = Object.keys(INDICATORS) as IndicatorId[];

/** Whether a value meets a target, the direction saying which way is better. */
export function meetsTarget(direction: IndicatorDirection, value: number, target: number): boolean {
  return direction === 'higher-is-better' ? value >= target : value <= target;
}

/** The value of an indicator's source field in the indicator's own unit. */
export function inIndicatorUnit(indicatorId: IndicatorId, fieldValue: number | null): number | null {
  const { divideBy = 1 }: Indicator['source'] = INDICATORS[indicatorId].source;
  return fieldValue === null ? null : fieldValue / divideBy;
}

export function isIndicatorId(value: unknown): value is IndicatorId {
  return typeof value === 'string' && Object.hasOwn(INDICATORS, value);
}

/** A target on an indicator: a finite number within what the indicator can take. */
export function requireIndicatorTarget(value: { readonly indicatorId: unknown; readonly target: unknown }, field: string): { indicatorId: IndicatorId; target: number } {
  const { indicatorId } = value;
  if (!isIndicatorId(indicatorId)) throw invalid(`${field}.indicatorId`, 'must be the id of an indicator of the catalogue (GET /indicators)');
  const [atLeast, atMost]: Indicator['range'] = INDICATORS[indicatorId].range;
  const target = requireNumber(value.target, `${field}.target`, { atLeast, ...(atMost === null ? {} : { atMost }) });
  return { indicatorId, target };
}
