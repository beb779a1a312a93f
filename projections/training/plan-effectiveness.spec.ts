import type { SkillGapCompetency, SkillGapDocument } from '../competence/skill-gaps.projection.js';
import { planEffectiveness } from './plan-effectiveness.js';
import type { TrainingPlanDocument } from './training-plans.projection.js';

const COMPLETED_AT = '2026-04-02T09:00:00.000Z';

const plan = {
  id: 'plan-1',
  employeeId: 'emp-42',
  status: 'completed',
  completedAt: COMPLETED_AT,
  reassessment: { competencyIds: ['refunds', 'negotiation', 'calls'], dueOn: '2026-05-02', scheduledAt: COMPLETED_AT },
  gaps: [
    { competencyId: 'refunds', required: 3, level: 1, gap: 2 },
    { competencyId: 'negotiation', required: 2, level: null, gap: 2 },
    { competencyId: 'calls', required: 2, level: 0, gap: 2 },
  ],
} as unknown as TrainingPlanDocument;

const now = (competencyId: string, level: number | null, assessedAt: string | null) =>
  ({ competencyId, required: 4, level, assessedAt }) as unknown as SkillGapCompetency;

describe('plan effectiveness', () => {
  it('judges each starting gap by the latest validated level, once it was assessed at or after the plan completed', () => {
    const gaps = {
      competencies: [now('refunds', 3, '2026-04-10T09:00:00.000Z'), now('negotiation', 1, COMPLETED_AT), now('calls', 1, '2026-03-01T09:00:00.000Z')],
    } as unknown as SkillGapDocument;

    expect(planEffectiveness(plan, gaps)).toEqual({
      planId: 'plan-1',
      employeeId: 'emp-42',
      status: 'completed',
      completedAt: COMPLETED_AT,
      reassessment: plan.reassessment,
      gaps: [
        // Judged against the 3 required when the plan started, not the 4 required now.
        { competencyId: 'refunds', required: 3, levelAtStart: 1, gapAtStart: 2, level: 3, assessedAt: '2026-04-10T09:00:00.000Z', reassessed: true, gapAfter: 0, closed: true },
        { competencyId: 'negotiation', required: 2, levelAtStart: null, gapAtStart: 2, level: 1, assessedAt: COMPLETED_AT, reassessed: true, gapAfter: 1, closed: false },
        { competencyId: 'calls', required: 2, levelAtStart: 0, gapAtStart: 2, level: 1, assessedAt: '2026-03-01T09:00:00.000Z', reassessed: false, gapAfter: null, closed: false },
      ],
      gapsReassessed: 2,
      gapsClosed: 1,
    });
  });

  it('re-assesses nothing before the plan completes, or without skill gaps', () => {
    const open = { ...plan, status: 'approved', completedAt: null } as TrainingPlanDocument;
    const gaps = { competencies: [now('refunds', 3, '2026-04-10T09:00:00.000Z')] } as unknown as SkillGapDocument;
    expect(planEffectiveness(open, gaps)).toMatchObject({ gapsReassessed: 0, gapsClosed: 0 });
    expect(planEffectiveness(plan, undefined).gaps[0]).toMatchObject({ level: null, assessedAt: null, reassessed: false, gapAfter: null, closed: false });
  });
});
