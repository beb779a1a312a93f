import { projectionSpec } from '#kernel/testing.js';
import type { CompetencyAssessed, SelfAssessmentValidated } from '#domain/competence/index.js';
import {
  trainingPlanDecider,
  trainingSessionDecider,
  webinarDecider,
  type TrainingPlanCommand,
  type TrainingSessionCommand,
} from '#domain/training/index.js';
import {
  TRAINING_ACTIVITY_METRIC,
  TRAINING_EFFECTIVENESS_METRIC,
  TRAINING_PLANS_METRIC,
  TRAINING_WEBINARS_METRIC,
  trainingMetrics,
} from './training-metrics.projection.js';
import { course, reading, recordedAfter, trainerHistory } from './testing.js';

function plan(planId: string, sectionId: string | undefined, ...commands: TrainingPlanCommand[]) {
  const propose: TrainingPlanCommand = {
    type: 'ProposeTrainingPlan',
    planId,
    employeeId: 'emp-42',
    ...(sectionId !== undefined && { sectionId }),
    trigger: { eventId: 'event-7', assessmentId: 'assessment-7', position: '7' },
    gaps: [
      { competencyId: 'refunds', required: 3, level: 1, gap: 2 },
      { competencyId: 'negotiation', required: 2, level: null, gap: 2 },
      { competencyId: 'calls', required: 2, level: 2, gap: 0 },
    ],
    items: [reading, course],
    at: '2026-03-02T09:00:00.000Z',
  };
  return trainerHistory(trainingPlanDecider(), `trainingPlan-${planId}`, [propose, ...commands]);
}

const approve = (planId: string): TrainingPlanCommand => ({ type: 'ApproveTrainingPlan', planId, approver: { actorId: 'apiKey:hr', employeeId: 'emp-hr' }, at: '2026-03-03T09:00:00.000Z' });
const complete = (planId: string, itemId: string, at: string): TrainingPlanCommand => ({ type: 'CompleteTraining', planId, itemId, at });
const cancel = (planId: string): TrainingPlanCommand => ({ type: 'CancelTrainingPlan', planId, reason: 'Moved', at: '2026-03-05T09:00:00.000Z' });

const COMPLETED_AT = '2026-04-02T09:00:00.000Z';
const completedPlan = plan('plan-1', 'support', approve('plan-1'), complete('plan-1', 'item-1', '2026-03-10T09:00:00.000Z'), complete('plan-1', 'item-2', COMPLETED_AT));

function assessed(competencyId: string, level: number, assessedAt: string, validated = true): CompetencyAssessed {
  return {
    type: 'CompetencyAssessed',
    data: { assessmentId: `a-${competencyId}-${assessedAt}`, employeeId: 'emp-42', competencyId, level, source: validated ? 'check' : 'self', assessorId: 'emp-lead', assessedAt, validated },
  };
}

function validatedSelf(competencyId: string, level: number, validatedAt: string): SelfAssessmentValidated {
  return { type: 'SelfAssessmentValidated', data: { assessmentId: `self-${competencyId}`, employeeId: 'emp-42', competencyId, level, validatorId: 'emp-lead', validatedAt } };
}

const day = (value: string) => `${value}T00:00:00.000Z`;

describe('training metrics projection', () => {
  describe('training.plans', () => {
    it("counts an approved plan as due at its latest due day, and its completion there, late when an item was late, by section and employee", () => {
      const { facts } = projectionSpec(trainingMetrics).given(completedPlan);
      const dims = { sectionId: 'support', employeeId: 'emp-42' };
      expect(facts.filter((fact) => fact.metric === TRAINING_PLANS_METRIC)).toEqual([
        { metric: TRAINING_PLANS_METRIC, occurredAt: day('2026-03-31'), dims, measures: { due: 1 } },
        { metric: TRAINING_PLANS_METRIC, occurredAt: day('2026-03-31'), dims, measures: { completed: 1, completedOnTime: 0 } },
      ]);
    });

    it('takes an approved plan back when it is cancelled, and counts nothing for one cancelled before approval', () => {
      projectionSpec(trainingMetrics)
        .given([...plan('plan-2', undefined, approve('plan-2'), cancel('plan-2')), ...plan('plan-3', 'support', cancel('plan-3'))])
        .thenFacts([
          { metric: TRAINING_PLANS_METRIC, occurredAt: day('2026-03-31'), dims: { employeeId: 'emp-42' }, measures: { due: 1 } },
          { metric: TRAINING_PLANS_METRIC, occurredAt: day('2026-03-31'), dims: { employeeId: 'emp-42' }, measures: { due: -1 } },
        ]);
    });
  });

  describe('training.activity', () => {
    it('counts each completed item with its hours, and an external course with its cost, at its completion', () => {
      const { facts } = projectionSpec(trainingMetrics).given(completedPlan);
      expect(facts.filter((fact) => fact.metric === TRAINING_ACTIVITY_METRIC)).toEqual([
        {
          metric: TRAINING_ACTIVITY_METRIC,
          occurredAt: '2026-03-10T09:00:00.000Z',
          dims: { source: 'plan', kind: 'material', sectionId: 'support' },
          measures: { trainings: 1, hours: 2 },
        },
        {
          metric: TRAINING_ACTIVITY_METRIC,
          occurredAt: COMPLETED_AT,
          dims: { source: 'plan', kind: 'external-course', sectionId: 'support', currency: 'RUB' },
          measures: { trainings: 1, hours: 0, costMinor: 1_200_000 },
        },
      ]);
    });

    it("counts a session's cost at its start and each change of attendance, taking back what a correction or a cancellation undoes", () => {
      const STARTS_AT = '2026-04-15T09:00:00.000Z';
      const attendance = (entries: [string, boolean][]): TrainingSessionCommand => ({
        type: 'RecordTrainingAttendance',
        sessionId: 's1',
        attendance: entries.map(([employeeId, attended]) => ({ employeeId, sectionId: 'support', attended })),
        at: STARTS_AT,
      });
      const session = trainerHistory(trainingSessionDecider(), 'trainingSession-s1', [
        { type: 'ScheduleTrainingSession', sessionId: 's1', kind: 'bought-course', title: 'Negotiation', provider: 'School', startsAt: STARTS_AT, hours: 3, cost: { minor: 4_500_000, currency: 'RUB' }, at: '2026-04-01T09:00:00.000Z' },
        attendance([['emp-1', true], ['emp-2', false]]),
        attendance([['emp-1', false], ['emp-3', true]]),
      ]);
      const outside = { source: 'session', kind: 'bought-course' };
      const inSupport = { ...outside, sectionId: 'support' };
      projectionSpec(trainingMetrics)
        .given(session)
        .thenFacts([
          { metric: TRAINING_ACTIVITY_METRIC, occurredAt: STARTS_AT, dims: { ...outside, currency: 'RUB' }, measures: { costMinor: 4_500_000 } },
          { metric: TRAINING_ACTIVITY_METRIC, occurredAt: STARTS_AT, dims: inSupport, measures: { trainings: 1, hours: 3 } },
          { metric: TRAINING_ACTIVITY_METRIC, occurredAt: STARTS_AT, dims: inSupport, measures: { trainings: -1, hours: -3 } },
          { metric: TRAINING_ACTIVITY_METRIC, occurredAt: STARTS_AT, dims: inSupport, measures: { trainings: 1, hours: 3 } },
        ]);

      const cancelled = trainerHistory(trainingSessionDecider(), 'trainingSession-s2', [
        { type: 'ScheduleTrainingSession', sessionId: 's2', kind: 'external-trainer', title: 'Calls', provider: 'Coach', startsAt: STARTS_AT, hours: 2, cost: { minor: 900_000, currency: 'EUR' }, at: '2026-04-01T09:00:00.000Z' },
        { type: 'CancelTrainingSession', sessionId: 's2', at: '2026-04-02T09:00:00.000Z' },
      ]);
      const costOf = (minor: number) => ({
        metric: TRAINING_ACTIVITY_METRIC,
        occurredAt: STARTS_AT,
        dims: { source: 'session', kind: 'external-trainer', currency: 'EUR' },
        measures: { costMinor: minor },
      });
      projectionSpec(trainingMetrics).given(cancelled).thenFacts([costOf(900_000), costOf(-900_000)]);
    });
  });

  describe('training.webinars', () => {
    it('counts a webinar for its trainer at its date, and a correction as the previous counts taken back and the new ones', () => {
      const HELD_AT = '2026-03-12T17:00:00.000Z';
      const history = trainerHistory(webinarDecider(), 'webinar-w1', [
        { type: 'RecordWebinar', webinarId: 'w1', trainerId: 'emp-trainer', title: 'Spring', attendees: 120, buyers: 30, at: HELD_AT },
        { type: 'CorrectWebinarCounts', webinarId: 'w1', attendees: 118, buyers: 36, at: '2026-03-14T09:00:00.000Z' },
      ]);
      const fact = (webinars: number, attendees: number, buyers: number) => ({
        metric: TRAINING_WEBINARS_METRIC,
        occurredAt: HELD_AT,
        dims: { trainerId: 'emp-trainer' },
        measures: { webinars, attendees, buyers },
      });
      projectionSpec(trainingMetrics).given(history).thenFacts([fact(1, 120, 30), fact(-1, -120, -30), fact(1, 118, 36)]);
    });
  });

  describe('training.effectiveness', () => {
    const effectiveness = (measures: Record<string, number>) => ({
      metric: TRAINING_EFFECTIVENESS_METRIC,
      occurredAt: COMPLETED_AT,
      dims: { sectionId: 'support' },
      measures,
    });

    it('counts the gaps a completed plan started from, then judges each by the validated levels that come after the plan', () => {
      const { facts } = projectionSpec(trainingMetrics).given([
        ...completedPlan,
        ...recordedAfter(
          completedPlan,
          [assessed('refunds', 3, '2026-04-01T09:00:00.000Z'), '2026-04-01T09:00:00.000Z'],
          [assessed('negotiation', 2, '2026-04-10T09:00:00.000Z', false), '2026-04-10T09:00:00.000Z'],
          [assessed('refunds', 3, '2026-04-12T09:00:00.000Z'), '2026-04-12T09:00:00.000Z'],
          [validatedSelf('negotiation', 1, '2026-04-14T09:00:00.000Z'), '2026-04-14T09:00:00.000Z'],
          [assessed('refunds', 2, '2026-05-01T09:00:00.000Z'), '2026-05-01T09:00:00.000Z'],
          [assessed('negotiation', 2, '2026-05-02T09:00:00.000Z'), '2026-05-02T09:00:00.000Z'],
        ),
      ]);
      expect(facts.filter((fact) => fact.metric === TRAINING_EFFECTIVENESS_METRIC)).toEqual([
        // Two gaps trained: "calls" had none.
        effectiveness({ gapsTrained: 2 }),
        // refunds 3 of 3 on Apr 12 (the Apr 1 assessment came before the plan completed): closed.
        effectiveness({ gapsReassessed: 1, gapsClosed: 1, gapAtStart: 2, gapAfter: 0 }),
        // negotiation: the self assessment counts once validated, at 1 of 2: a gap of 1 is left.
        effectiveness({ gapsReassessed: 1, gapsClosed: 0, gapAtStart: 2, gapAfter: 1 }),
        // refunds falls back to 2: no longer closed, a gap of 1 again.
        effectiveness({ gapsClosed: -1, gapAfter: 1 }),
        // negotiation reaches 2: closed.
        effectiveness({ gapsClosed: 1, gapAfter: -1 }),
      ]);
    });

    it('counts nothing for the assessments of an employee without a completed plan', () => {
      const approved = plan('plan-4', 'support', approve('plan-4'));
      projectionSpec(trainingMetrics)
        .given([...approved, ...recordedAfter(approved, [assessed('refunds', 3, '2026-04-01T09:00:00.000Z'), '2026-04-01T09:00:00.000Z'])])
        .thenFacts([{ metric: TRAINING_PLANS_METRIC, occurredAt: day('2026-03-31'), dims: { sectionId: 'support', employeeId: 'emp-42' }, measures: { due: 1 } }]);
    });
  });
});
