import { invalid, requireNumber } from '../shared/validation.js';

/**
 * The indicators: every figure the api computes that a target can be set on, named once. A job
 * profile's KPI refers to one by id with a target in its unit; scorecards and council packs read the
 * same definitions. Each names the metric route and the field of its rows that compute it; a test
 * checks them against the api's OpenAPI document.
 */

export const INDICATOR_UNITS = ['share', 'ratio', 'score', 'count', 'hours', 'seconds', 'per-day'] as const;
export type IndicatorUnit = (typeof INDICATOR_UNITS)[number];

/** Which way is better; `neither` for volumes, which describe the work rather than judge it and take no target. */
export const INDICATOR_DIRECTIONS = ['higher-is-better', 'lower-is-better', 'neither'] as const;
export type IndicatorDirection = (typeof INDICATOR_DIRECTIONS)[number];

export interface IndicatorDefinition {
  readonly name: string;
  readonly unit: IndicatorUnit;
  readonly direction: IndicatorDirection;
  /** Raised whenever the formula changes, so that a figure and a target are read with the definition they were set under. */
  readonly definitionVersion: number;
  readonly definition: string;
  /** The lowest and highest values it can take (null: no bound); a target outside them could never be met or missed. */
  readonly range: readonly [min: number, max: number | null];
  /** The metric route that computes it and the field of that route's rows, dotted into nested objects. */
  readonly source: { readonly route: string; readonly field: string };
  /** The `groupBy` of that route that gives it per employee, where it has one. */
  readonly perEmployee?: string;
}

const SHARE: Pick<IndicatorDefinition, 'unit' | 'range'> = { unit: 'share', range: [0, 1] };

export const INDICATORS = {
  'care.retention-share': {
    name: 'Retention share',
    ...SHARE,
    direction: 'higher-is-better',
    definitionVersion: 1,
    definition: 'Cases whose client was kept with the money retained, of the cases decided by a refund or a retention.',
    source: { route: '/metrics/refund-retention', field: 'retentionShare' },
    perEmployee: 'employee',
  },
  'care.refund-to-retained-ratio': {
    name: 'Refunds per retention',
    unit: 'ratio',
    range: [0, null],
    direction: 'lower-is-better',
    definitionVersion: 1,
    definition: 'Refunds issued divided by clients retained with their money kept.',
    source: { route: '/metrics/refund-retention', field: 'refundToRetainedRatio' },
    perEmployee: 'employee',
  },
  'inspections.pass-rate': {
    name: 'Inspection pass rate',
    ...SHARE,
    direction: 'higher-is-better',
    definitionVersion: 1,
    definition: 'Inspections passed, of the inspections given a verdict; per employee, of the work they authored.',
    source: { route: '/metrics/inspections', field: 'passRate' },
    perEmployee: 'author',
  },
  'inspections.mean-score': {
    name: 'Mean inspection score',
    ...SHARE,
    direction: 'higher-is-better',
    definitionVersion: 1,
    definition: 'The mean of the inspections\' scores, each the weighted share of the applicable criteria passed under its template version.',
    source: { route: '/metrics/inspections', field: 'meanScore' },
    perEmployee: 'author',
  },
  'inspections.first-time-pass-rate': {
    name: 'First-time pass rate',
    ...SHARE,
    direction: 'higher-is-better',
    definitionVersion: 1,
    definition: 'First inspections of a piece of work that passed, of all first inspections.',
    source: { route: '/metrics/inspections', field: 'firstTimePassRate' },
    perEmployee: 'author',
  },
  'inspections.reinspections-until-pass': {
    name: 'Re-inspections until pass',
    unit: 'count',
    range: [0, null],
    direction: 'lower-is-better',
    definitionVersion: 1,
    definition: 'The mean number of re-inspections a failed piece of work needed before it passed.',
    source: { route: '/metrics/inspections', field: 'meanReinspectionsUntilPass' },
    perEmployee: 'author',
  },
  'inspections.hours-to-pass': {
    name: 'Hours until pass',
    unit: 'hours',
    range: [0, null],
    direction: 'lower-is-better',
    definitionVersion: 1,
    definition: 'The mean hours from a failed inspection to the re-inspection that passed.',
    source: { route: '/metrics/inspections', field: 'meanHoursToPass' },
    perEmployee: 'author',
  },
  'surveys.response-rate': {
    name: 'Survey response rate',
    ...SHARE,
    direction: 'higher-is-better',
    definitionVersion: 1,
    definition: 'Responses received, of the people invited to the waves.',
    source: { route: '/metrics/surveys', field: 'responseRate' },
  },
  'surveys.csat': {
    name: 'CSAT',
    ...SHARE,
    direction: 'higher-is-better',
    definitionVersion: 1,
    definition: 'Satisfaction answers of 4 or 5 on the 1-5 scale, of all satisfaction answers.',
    source: { route: '/metrics/surveys', field: 'csat.share' },
  },
  'surveys.nps': {
    name: 'NPS',
    unit: 'score',
    range: [-100, 100],
    direction: 'higher-is-better',
    definitionVersion: 1,
    definition: 'Per cent of clients answering 9 or 10, minus per cent answering 0 to 6, on the 0-10 recommendation question.',
    source: { route: '/metrics/surveys', field: 'nps.score' },
  },
  'surveys.enps': {
    name: 'eNPS',
    unit: 'score',
    range: [-100, 100],
    direction: 'higher-is-better',
    definitionVersion: 1,
    definition: 'The NPS formula over employees\' answers to the 0-10 question whether they would recommend the company as an employer.',
    source: { route: '/metrics/surveys', field: 'enps.score' },
  },
  'surveys.ces': {
    name: 'Customer effort score',
    unit: 'score',
    range: [1, 7],
    direction: 'lower-is-better',
    definitionVersion: 1,
    definition: 'The mean effort answered on the 1-7 scale: how hard it was to get what the client came for.',
    source: { route: '/metrics/surveys', field: 'ces.mean' },
  },
  'training.plan-completion-rate': {
    name: 'Plan completion rate',
    ...SHARE,
    direction: 'higher-is-better',
    definitionVersion: 1,
    definition: 'Approved individual plans completed, of the plans due in the period, net of cancellations.',
    source: { route: '/metrics/training/plans', field: 'completionRate' },
  },
  'training.plan-on-time-rate': {
    name: 'Plan items on time',
    ...SHARE,
    direction: 'higher-is-better',
    definitionVersion: 1,
    definition: 'Approved individual plans completed by their due day, of the plans due in the period, net of cancellations.',
    source: { route: '/metrics/training/plans', field: 'onTimeRate' },
  },
  'training.overdue-plans': {
    name: 'Overdue plans',
    unit: 'count',
    range: [0, null],
    direction: 'lower-is-better',
    definitionVersion: 1,
    definition: 'Approved individual plans still open after their due day.',
    source: { route: '/metrics/training/plans', field: 'overdue' },
  },
  'training.hours': {
    name: 'Training hours',
    unit: 'hours',
    range: [0, null],
    direction: 'higher-is-better',
    definitionVersion: 1,
    definition: 'Hours of the plan items completed and of the group sessions and courses attended.',
    source: { route: '/metrics/training/activity', field: 'hours' },
  },
  'training.gaps-closed-share': {
    name: 'Gaps closed by training',
    ...SHARE,
    direction: 'higher-is-better',
    definitionVersion: 1,
    definition: 'Competency gaps that completed plans started from and that a re-assessment found closed, of the gaps trained.',
    source: { route: '/metrics/training/effectiveness', field: 'closedShare' },
  },
  'training.webinar-conversion': {
    name: 'Webinar conversion',
    ...SHARE,
    direction: 'higher-is-better',
    definitionVersion: 1,
    definition: 'Attendees who bought, of the attendees of a trainer\'s webinars: the trainer KPI.',
    source: { route: '/metrics/training/webinars', field: 'conversion' },
    perEmployee: 'trainer',
  },
  'competence.gap-coverage': {
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
    range: [0, null],
    direction: 'higher-is-better',
    definitionVersion: 1,
    definition: 'Thanks from clients recorded in the period.',
    source: { route: '/metrics/feedback', field: 'thanks' },
    perEmployee: 'employee',
  },
  'feedback.complaints': {
    name: 'Complaints received',
    unit: 'count',
    range: [0, null],
    direction: 'lower-is-better',
    definitionVersion: 1,
    definition: 'Complaints recorded in the period.',
    source: { route: '/metrics/feedback', field: 'complaints' },
    perEmployee: 'employee',
  },
  'support.tickets': {
    name: 'Support tickets',
    unit: 'count',
    range: [0, null],
    direction: 'neither',
    definitionVersion: 1,
    definition: 'Tickets opened in the period.',
    source: { route: '/metrics/support', field: 'tickets' },
    perEmployee: 'employee',
  },
  'support.contacts-per-day': {
    name: 'Contacts per day',
    unit: 'per-day',
    range: [0, null],
    direction: 'neither',
    definitionVersion: 1,
    definition: 'Tickets opened per day of the period.',
    source: { route: '/metrics/support', field: 'contactsPerDay' },
    perEmployee: 'employee',
  },
  'support.first-response-within-target': {
    name: 'First responses within target',
    ...SHARE,
    direction: 'higher-is-better',
    definitionVersion: 1,
    definition: 'Tickets first answered within the line\'s first response target, of the tickets answered.',
    source: { route: '/metrics/support', field: 'firstResponseWithinTarget' },
    perEmployee: 'employee',
  },
  'support.first-response-p50': {
    name: 'Median first response time',
    unit: 'seconds',
    range: [0, null],
    direction: 'lower-is-better',
    definitionVersion: 1,
    definition: 'The median of the seconds from a ticket\'s opening to its first response.',
    source: { route: '/metrics/support', field: 'firstResponseSeconds.p50' },
    perEmployee: 'employee',
  },
  'support.resolved-within-target': {
    name: 'Resolutions within target',
    ...SHARE,
    direction: 'higher-is-better',
    definitionVersion: 1,
    definition: 'Tickets resolved within the line\'s resolution target, of the tickets resolved.',
    source: { route: '/metrics/support', field: 'resolvedWithinTarget' },
    perEmployee: 'employee',
  },
  'support.resolution-p50': {
    name: 'Median resolution time',
    unit: 'seconds',
    range: [0, null],
    direction: 'lower-is-better',
    definitionVersion: 1,
    definition: 'The median of the seconds from a ticket\'s opening to its resolution.',
    source: { route: '/metrics/support', field: 'resolutionSeconds.p50' },
    perEmployee: 'employee',
  },
  'support.excellent-share': {
    name: 'Excellent ratings',
    ...SHARE,
    direction: 'higher-is-better',
    definitionVersion: 1,
    definition: 'Rated tickets rated 5, of the rated tickets.',
    source: { route: '/metrics/support', field: 'excellentShare' },
    perEmployee: 'employee',
  },
  'support.csat': {
    name: 'Support CSAT',
    ...SHARE,
    direction: 'higher-is-better',
    definitionVersion: 1,
    definition: 'Rated tickets rated 4 or 5, of the rated tickets.',
    source: { route: '/metrics/support', field: 'csat' },
    perEmployee: 'employee',
  },
  'support.repeat-contact-share': {
    name: 'Repeat contacts',
    ...SHARE,
    direction: 'lower-is-better',
    definitionVersion: 1,
    definition: 'Tickets that repeat an earlier contact of the same client within the repeat window, of the tickets opened.',
    source: { route: '/metrics/support', field: 'repeatContactShare' },
    perEmployee: 'employee',
  },
  'support.closed-share': {
    name: 'Tickets closed',
    ...SHARE,
    direction: 'higher-is-better',
    definitionVersion: 1,
    definition: 'Tickets closed, of the tickets opened.',
    source: { route: '/metrics/support', field: 'closedShare' },
    perEmployee: 'employee',
  },
  'support.escalation-share': {
    name: 'Escalations',
    ...SHARE,
    direction: 'lower-is-better',
    definitionVersion: 1,
    definition: 'Tickets escalated to another line, of the tickets opened.',
    source: { route: '/metrics/support', field: 'escalationShare' },
    perEmployee: 'employee',
  },
} as const satisfies Record<string, IndicatorDefinition>;

export type IndicatorId = keyof typeof INDICATORS;

export const INDICATOR_IDS = Object.keys(INDICATORS) as IndicatorId[];

export function isIndicatorId(value: unknown): value is IndicatorId {
  return typeof value === 'string' && Object.hasOwn(INDICATORS, value);
}

/**
 * A target on an indicator: a finite number within what the indicator can take. A volume, which is
 * neither better higher nor lower, takes no target: attainment could not be told.
 */
export function requireIndicatorTarget(value: { readonly indicatorId: unknown; readonly target: unknown }, field: string): { indicatorId: IndicatorId; target: number } {
  const { indicatorId } = value;
  if (!isIndicatorId(indicatorId)) throw invalid(`${field}.indicatorId`, 'must be the id of an indicator of the catalogue (GET /indicators)');
  const indicator: IndicatorDefinition = INDICATORS[indicatorId];
  if (indicator.direction === 'neither') throw invalid(`${field}.indicatorId`, `${indicatorId} is a volume, neither better higher nor lower: it takes no target`);
  const [atLeast, atMost] = indicator.range;
  const target = requireNumber(value.target, `${field}.target`, { atLeast, ...(atMost === null ? {} : { atMost }) });
  return { indicatorId, target };
}
