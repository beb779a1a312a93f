import type { DomainEvent, FactInput, RecordedEvent } from '#kernel';
import { projectionSpec, recorded } from '#kernel/testing.js';
import type { CompetencyAssessedData, CompetencyRequirement, JobProfileContent } from '#domain/competence/index.js';
import { GAP_COVERAGE_METRIC, skillGaps, type SkillGapDocument } from './skill-gaps.projection.js';

const EMPTY: JobProfileContent = { generalKnowledge: [], subjectKnowledge: [], skills: [], personalQualities: [], values: [], duties: [], responsibilities: [] };
const req = (competencyId: string, requiredLevel: number, weight = 1): CompetencyRequirement => ({ competencyId, requiredLevel, weight });

/** Each event at its business date; positions 1, 2, 3... in the order given. */
function history(...steps: readonly [at: string, event: DomainEvent][]): RecordedEvent[] {
  return steps.map(([at, event], index) =>
    recorded(event, { position: BigInt(index + 1), eventId: `event-${index + 1}`, metadata: { occurredAt: at } }),
  );
}

const hired = (employeeId: string, positionId: string, sectionId = 'support'): DomainEvent => ({
  type: 'EmployeeHired',
  data: { employeeId, name: employeeId, positionId, sectionId, hiredAt: 'x' },
});
const moved = (employeeId: string, from: [string, string], to: [string, string]): DomainEvent => ({
  type: 'EmployeeMoved',
  data: { employeeId, positionId: to[0], sectionId: to[1], previousPositionId: from[0], previousSectionId: from[1], movedAt: 'x' },
});
const left = (employeeId: string): DomainEvent => ({ type: 'EmployeeLeft', data: { employeeId, leftAt: 'x' } });
const approved = (positionId: string, version: number, content: Partial<JobProfileContent>): DomainEvent => ({
  type: 'JobProfileApproved',
  data: { positionId, version, content: { ...EMPTY, ...content }, effectiveFrom: 'x' },
});
const assessed = (employeeId: string, competencyId: string, level: number, assessedAt: string, extra: Partial<CompetencyAssessedData> = {}): DomainEvent => ({
  type: 'CompetencyAssessed',
  data: { assessmentId: `${employeeId}-${competencyId}-${assessedAt}`, employeeId, competencyId, level, source: 'manager', assessorId: 'boss', assessedAt, validated: true, ...extra },
});
const pathDefined = (pathId: string, toPositionId: string, basis: 'minimum' | 'target-profile', requirements?: CompetencyRequirement[]): DomainEvent => ({
  type: 'CareerPathDefined',
  data: { pathId, fromPositionId: 'line-1', toPositionId, basis, ...(requirements && { requirements }), definedAt: 'x' },
});
const targetSet = (employeeId: string, careerPathId: string, toPositionId: string, basis: 'minimum' | 'target-profile'): DomainEvent => ({
  type: 'CareerTargetSet',
  data: { employeeId, careerPathId, fromPositionId: 'line-1', toPositionId, basis, setAt: 'x' },
});

const JAN = '2026-01-10T09:00:00.000Z';
const FEB = '2026-02-10T09:00:00.000Z';
const MAR = '2026-03-10T09:00:00.000Z';

/** Line 1 v1: regs 3 (w2), crm 2; line 2 v1: regs 4 (w2). */
const line1 = approved('line-1', 1, { subjectKnowledge: [req('regs', 3, 2)], skills: [req('crm', 2)] });
const line2 = approved('line-2', 1, { subjectKnowledge: [req('regs', 4, 2)] });

/** Bob holds line 1 and aims at line 2, along a path that follows line 2's profile. */
const bobAimsAtLine2: [string, DomainEvent][] = [
  [JAN, line1],
  [JAN, line2],
  [JAN, hired('bob', 'line-1')],
  [JAN, pathDefined('up', 'line-2', 'target-profile')],
  [JAN, targetSet('bob', 'up', 'line-2', 'target-profile')],
];

/** The employee's document at the end of a spec. */
function employeeIn(spec: { readonly documents: ReadonlyMap<string, unknown> }, employeeId: string): SkillGapDocument {
  return spec.documents.get(employeeId) as SkillGapDocument;
}

const coverageFact = (occurredAt: string, dims: Record<string, string>, required: number, met: number): FactInput => ({
  metric: GAP_COVERAGE_METRIC,
  occurredAt,
  dims,
  measures: { required, met },
});

describe('skillGaps projection', () => {
  it('measures an employee against the profile in force: gap = max(0, required - level), weighted', () => {
    const spec = projectionSpec(skillGaps).given(history([JAN, line1], [JAN, hired('ann', 'line-1')], [FEB, assessed('ann', 'regs', 1, FEB)]));
    expect(spec.documents.get('ann')).toMatchObject({
      employeeId: 'ann',
      sectionId: 'support',
      positionId: 'line-1',
      profileVersion: 1,
      competencies: [
        { competencyId: 'regs', required: 3, targetRequired: null, level: 1, gap: 2, targetGap: null, weight: 2, assessedAt: FEB, assessmentIds: [`ann-regs-${FEB}`] },
        { competencyId: 'crm', required: 2, targetRequired: null, level: null, gap: 2, targetGap: null, weight: 1, assessedAt: null, assessmentIds: [] },
      ],
      weightedGap: 6,
      openGaps: 2,
    });
    expect(spec.facts).toEqual([coverageFact(JAN, { sectionId: 'support', positionId: 'line-1' }, 2, 0)]);
  });

  it('reaches every holder of a position when a new version is approved, and counts the change in coverage', () => {
    const raised = approved('line-1', 2, { subjectKnowledge: [req('regs', 3, 2)], skills: [req('crm', 3)] });
    const spec = projectionSpec(skillGaps).given(
      history([JAN, hired('ann', 'line-1')], [JAN, hired('bob', 'line-1')], [JAN, line1], [JAN, assessed('ann', 'crm', 2, JAN)], [FEB, raised]),
    );
    expect(spec.documents.get('ann')).toMatchObject({ profileVersion: 2, weightedGap: 7, openGaps: 2 });
    expect(spec.documents.get('bob')).toMatchObject({ profileVersion: 2, weightedGap: 9, openGaps: 2 });
    const dims = { sectionId: 'support', positionId: 'line-1' };
    expect(spec.facts).toEqual([
      coverageFact(JAN, dims, 2, 0),
      coverageFact(JAN, dims, 2, 0),
      coverageFact(JAN, dims, -2, 0),
      coverageFact(JAN, dims, 2, 1),
      coverageFact(FEB, dims, -2, -1),
      coverageFact(FEB, dims, 2, 0),
    ]);
  });

  it('takes the latest validated level by business date: a backdated assessment does not override a later one', () => {
    const spec = projectionSpec(skillGaps).given(
      history([JAN, line1], [JAN, hired('ann', 'line-1')], [MAR, assessed('ann', 'crm', 3, MAR)], [MAR, assessed('ann', 'crm', 1, FEB)]),
    );
    const crm = employeeIn(spec, 'ann').competencies;
    expect(crm[1]).toMatchObject({ level: 3, gap: 0, assessedAt: MAR, assessmentIds: [`ann-crm-${FEB}`, `ann-crm-${MAR}`] });
  });

  it('counts a self assessment from its validation only', () => {
    const self = assessed('ann', 'crm', 2, JAN, { assessmentId: 'self-1', source: 'self', assessorId: 'ann', validated: false });
    const validated: DomainEvent = {
      type: 'SelfAssessmentValidated',
      data: { assessmentId: 'self-1', employeeId: 'ann', competencyId: 'crm', level: 2, validatorId: 'boss', validatedAt: MAR },
    };
    const before = projectionSpec(skillGaps).given(history([JAN, line1], [JAN, hired('ann', 'line-1')], [JAN, self], [FEB, assessed('ann', 'crm', 1, FEB)]));
    expect(employeeIn(before, 'ann').competencies[1]).toMatchObject({ level: 1, assessmentIds: [`ann-crm-${FEB}`] });
    const after = projectionSpec(skillGaps).given(history([JAN, line1], [JAN, hired('ann', 'line-1')], [JAN, self], [FEB, assessed('ann', 'crm', 1, FEB)], [MAR, validated]));
    expect(employeeIn(after, 'ann').competencies[1]).toMatchObject({ level: 2, gap: 0, assessmentIds: [`ann-crm-${FEB}`, 'self-1'] });
    expect(employeeIn(after, 'ann').assessments.map((entry) => [entry.assessmentId, entry.validatedAt, entry.position])).toEqual([
      ['self-1', MAR, '3'],
      [`ann-crm-${FEB}`, null, '4'],
    ]);
  });

  it("measures the career target against the target's profile, and reaches the aspirants when that profile changes", () => {
    const spec = projectionSpec(skillGaps).given(
      history(
        ...bobAimsAtLine2,
        [FEB, assessed('bob', 'regs', 2, FEB)],
        [MAR, approved('line-2', 2, { subjectKnowledge: [req('regs', 4, 2)], skills: [req('calm', 2, 3)] })],
      ),
    );
    expect(spec.documents.get('bob')).toMatchObject({
      targetPositionId: 'line-2',
      careerPathId: 'up',
      competencies: [
        { competencyId: 'regs', required: 3, targetRequired: 4, level: 2, gap: 1, targetGap: 2, weight: 2, assessedAt: FEB, assessmentIds: [`bob-regs-${FEB}`] },
        { competencyId: 'crm', required: 2, targetRequired: 0, level: null, gap: 2, targetGap: 0, weight: 1, assessedAt: null, assessmentIds: [] },
        { competencyId: 'calm', required: 0, targetRequired: 2, level: null, gap: 0, targetGap: 2, weight: 3, assessedAt: null, assessmentIds: [] },
      ],
      weightedGap: 4,
      openGaps: 2,
    });
  });

  it("measures a target of a path's own minimum, follows its revisions, and drops it when the path retires", () => {
    const steps: [string, DomainEvent][] = [
      [JAN, line1],
      [JAN, hired('bob', 'line-1')],
      [JAN, pathDefined('up', 'lead', 'minimum', [req('regs', 4)])],
      [JAN, targetSet('bob', 'up', 'lead', 'minimum')],
      [FEB, { type: 'CareerPathRevised', data: { pathId: 'up', requirements: [req('regs', 5)], revisedAt: 'x' } }],
    ];
    const revised = projectionSpec(skillGaps).given(history(...steps));
    expect(employeeIn(revised, 'bob').competencies[0]).toMatchObject({ targetRequired: 5, targetGap: 5 });
    const retired = projectionSpec(skillGaps).given(history(...steps, [MAR, { type: 'CareerPathRetired', data: { pathId: 'up', retiredAt: 'x' } }]));
    expect(retired.documents.get('bob')).toMatchObject({ targetPositionId: null, careerPathId: null });
    expect(employeeIn(retired, 'bob').competencies[0]).toMatchObject({ targetRequired: null, targetGap: null });
    expect(retired.documents.get('@careerPath:up')).toMatchObject({ followers: [] });
  });

  it('moves an employee: the new position’s profile applies, the target ends, coverage moves to the new dims', () => {
    const spec = projectionSpec(skillGaps).given(
      history(
        ...bobAimsAtLine2,
        [FEB, assessed('bob', 'regs', 4, FEB)],
        [MAR, moved('bob', ['line-1', 'support'], ['line-2', 'support-2'])],
      ),
    );
    expect(spec.documents.get('bob')).toMatchObject({ positionId: 'line-2', sectionId: 'support-2', targetPositionId: null, weightedGap: 0, openGaps: 0 });
    expect(spec.documents.get('@position:line-1')).toMatchObject({ holders: [] });
    expect(spec.documents.get('@position:line-2')).toMatchObject({ holders: ['bob'] });
    expect(spec.facts.slice(-2)).toEqual([
      coverageFact(MAR, { sectionId: 'support', positionId: 'line-1' }, -2, -1),
      coverageFact(MAR, { sectionId: 'support-2', positionId: 'line-2' }, 1, 1),
    ]);
  });

  it('keeps the profile on a move within the position to another section, and forgets an employee who left', () => {
    const steps: [string, DomainEvent][] = [
      [JAN, line1],
      [JAN, hired('ann', 'line-1')],
      [FEB, moved('ann', ['line-1', 'support'], ['line-1', 'support-2'])],
    ];
    const movedSpec = projectionSpec(skillGaps).given(history(...steps));
    expect(movedSpec.documents.get('ann')).toMatchObject({ sectionId: 'support-2', positionId: 'line-1', profileVersion: 1 });
    expect(movedSpec.facts.slice(-2)).toEqual([
      coverageFact(FEB, { sectionId: 'support', positionId: 'line-1' }, -2, 0),
      coverageFact(FEB, { sectionId: 'support-2', positionId: 'line-1' }, 2, 0),
    ]);
    const leftSpec = projectionSpec(skillGaps).given(history(...steps, [MAR, left('ann')]));
    leftSpec.thenDocument('ann', null);
    expect(leftSpec.documents.get('@position:line-1')).toMatchObject({ holders: [] });
    expect(leftSpec.facts.at(-1)).toEqual(coverageFact(MAR, { sectionId: 'support-2', positionId: 'line-1' }, -2, 0));
  });

  it('measures someone hired before any profile against nothing, and counts no coverage for them', () => {
    const spec = projectionSpec(skillGaps).given(history([JAN, hired('ann', 'line-9')], [FEB, assessed('ann', 'crm', 2, FEB)]));
    expect(spec.documents.get('ann')).toMatchObject({ profileVersion: null, competencies: [], weightedGap: 0, openGaps: 0 });
    expect(spec.facts).toEqual([]);
  });
});
