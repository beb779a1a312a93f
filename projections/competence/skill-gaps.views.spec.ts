import type { AssessmentEntry, SkillGapCompetency, SkillGapDocument } from './skill-gaps.projection.js';
import { competencyEvidence, employeeMatrix, sectionMatrix } from './skill-gaps.views.js';

const gap = (competencyId: string, required: number, level: number | null, weight = 1): SkillGapCompetency => ({
  competencyId,
  required,
  targetRequired: null,
  level,
  gap: Math.max(0, required - (level ?? 0)),
  targetGap: null,
  weight,
  assessedAt: null,
  assessmentIds: [],
});

function employee(employeeId: string, sectionId: string | null, competencies: SkillGapCompetency[], assessments: AssessmentEntry[] = []): SkillGapDocument {
  return {
    entity: 'employee',
    id: employeeId,
    employeeId,
    sectionId,
    positionId: 'p',
    profileVersion: 1,
    targetPositionId: null,
    careerPathId: null,
    targetBasis: null,
    competencies,
    weightedGap: competencies.reduce((sum, c) => sum + c.weight * c.gap, 0),
    openGaps: competencies.filter((c) => c.gap > 0).length,
    requirements: [],
    targetRequirements: null,
    assessments,
  };
}

/*
 *            regs   crm   care (target only)
 *   ann (s1)  0      2     -
 *   bob (s1)  3      -     -
 *   cid (s2)  1      0     required 0
 *   dan (-)   -      1     -
 */
const documents = [
  employee('bob', 's1', [gap('regs', 3, null, 2)]),
  employee('ann', 's1', [gap('regs', 2, 3), gap('crm', 2, null)]),
  employee('cid', 's2', [gap('regs', 2, 1), gap('crm', 1, 2), gap('care', 0, null)]),
  employee('dan', null, [gap('crm', 1, null)]),
];

describe('skill gap views', () => {
  it('puts one employee per row and one required competency per column, the gap in each cell', () => {
    expect(employeeMatrix(documents)).toEqual({
      rows: 'employee',
      competencyIds: ['crm', 'regs'],
      matrix: [
        { id: 'ann', employees: 1, weightedGap: 2, openGaps: 1, cells: [2, 0] },
        { id: 'bob', employees: 1, weightedGap: 6, openGaps: 1, cells: [null, 3] },
        { id: 'cid', employees: 1, weightedGap: 1, openGaps: 1, cells: [0, 1] },
        { id: 'dan', employees: 1, weightedGap: 1, openGaps: 1, cells: [1, null] },
      ],
    });
  });

  it('puts one section per row, each cell the mean gap of those required the competency, no section last', () => {
    expect(sectionMatrix(documents)).toEqual({
      rows: 'section',
      competencyIds: ['crm', 'regs'],
      matrix: [
        { id: 's1', employees: 2, weightedGap: 8, openGaps: 2, cells: [2, 1.5] },
        { id: 's2', employees: 1, weightedGap: 1, openGaps: 1, cells: [0, 1] },
        { id: null, employees: 1, weightedGap: 1, openGaps: 1, cells: [1, null] },
      ],
    });
  });

  it('is empty without employees', () => {
    expect(employeeMatrix([])).toEqual({ rows: 'employee', competencyIds: [], matrix: [] });
  });

  describe('why a level is what it is', () => {
    const entry = (assessmentId: string, level: number, assessedAt: string, position: string, validated = true): AssessmentEntry => ({
      assessmentId,
      competencyId: 'regs',
      level,
      source: validated ? 'manager' : 'self',
      evidence: null,
      assessorId: 'boss',
      assessedAt,
      validated,
      validatedAt: null,
      validatorId: null,
      eventId: `event-${position}`,
      position,
    });
    const ann = employee('ann', 's1', [gap('regs', 3, 2)], [
      entry('later', 2, '2026-03-01T00:00:00.000Z', '1'),
      entry('backdated', 4, '2026-01-01T00:00:00.000Z', '2'),
      entry('unvalidated', 3, '2026-04-01T00:00:00.000Z', '3', false),
    ]);

    it('lists every assessment in log order and names the one that counts', () => {
      expect(competencyEvidence(ann, 'regs')).toEqual({
        employeeId: 'ann',
        competencyId: 'regs',
        gap: gap('regs', 3, 2),
        countingAssessmentId: 'later',
        assessments: ann.assessments,
      });
    });

    it('knows nothing of a competency neither required nor assessed', () => {
      expect(competencyEvidence(ann, 'crm')).toBeUndefined();
    });
  });
});
