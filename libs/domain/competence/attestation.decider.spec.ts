import { DomainRuleError, NotFoundError } from '#kernel';
import { deciderSpec } from '#kernel/testing.js';
import { derivedAssessmentId } from './assessment.events.js';
import type { AttestationCommand, FormAttestationCommission, RecordAttestationResults } from './attestation.commands.js';
import { attestationDecider } from './attestation.decider.js';
import type { AttestationEvent } from './attestation.events.js';
import type { ApprovedProfile } from './job-profile.decider.js';
import { DEFAULT_PROFICIENCY_SCALE } from './proficiency-scale.js';
import { EMPTY_CONTENT, requirement } from './testing.js';

const FORMED = '2026-03-01T09:00:00.000Z';
const SITTING = '2026-03-10T09:00:00.000Z';
const employed = { status: 'employed' as const, positionId: 'line-1' };
const profile: ApprovedProfile = {
  version: 2,
  effectiveFrom: '2026-02-01T09:00:00.000Z',
  content: { ...EMPTY_CONTENT, subjectKnowledge: [requirement('regs', 3, 2)], skills: [requirement('crm', 2)] },
};
const form: FormAttestationCommission = {
  type: 'FormAttestationCommission',
  attestationId: 'att-1',
  employeeId: 'ann',
  employee: employed,
  profile,
  members: ['m1', 'm2', 'm3'],
  chairId: 'm1',
  sittingAt: SITTING,
  at: FORMED,
};
const formed: AttestationEvent = {
  type: 'AttestationCommissionFormed',
  data: {
    attestationId: 'att-1',
    employeeId: 'ann',
    positionId: 'line-1',
    profileVersion: 2,
    requirements: [
      { competencyId: 'regs', requiredLevel: 3 },
      { competencyId: 'crm', requiredLevel: 2 },
    ],
    members: ['m1', 'm2', 'm3'],
    chairId: 'm1',
    sittingAt: SITTING,
    formedAt: FORMED,
  },
};
const results = (overrides: Partial<RecordAttestationResults> = {}): RecordAttestationResults => ({
  type: 'RecordAttestationResults',
  attestationId: 'att-1',
  employee: employed,
  results: [
    { competencyId: 'regs', level: 3 },
    { competencyId: 'crm', level: 1 },
  ],
  minutes: 'Present: m1 (chair), m2, m3. Unanimous.',
  scale: DEFAULT_PROFICIENCY_SCALE,
  at: SITTING,
  ...overrides,
});

const { given } = deciderSpec(attestationDecider());


describe('attestation decider', () => {
  it('forms a commission against the profile in force, keeping its required levels', () => {
    given([]).when(form).then([formed]);
    given([formed]).when(form).thenThrows(DomainRuleError, 'ATTESTATION_EXISTS');
  });

  it('finds each competency conforming or short of the required level, each finding also an assessment by the chair', () => {
    const assessedAs = (competencyId: string, level: number, result: string, requiredLevel: number) => ({
      type: 'CompetencyAssessed' as const,
      data: {
        assessmentId: derivedAssessmentId('att-1', competencyId),
        employeeId: 'ann',
        competencyId,
        level,
        source: 'attestation' as const,
        evidence: `attestation att-1, commission sitting ${SITTING}: ${result} (required level ${requiredLevel})`,
        assessorId: 'm1',
        assessedAt: SITTING,
        validated: true,
      },
    });
    given([formed])
      .when(results())
      .then([
        {
          type: 'AttestationCompleted',
          data: {
            attestationId: 'att-1',
            employeeId: 'ann',
            findings: [
              { competencyId: 'regs', level: 3, requiredLevel: 3, result: 'conforms' },
              { competencyId: 'crm', level: 1, requiredLevel: 2, result: 'gap' },
            ],
            minutes: 'Present: m1 (chair), m2, m3. Unanimous.',
            completedAt: SITTING,
          },
        },
        assessedAs('regs', 3, 'conforms', 3),
        assessedAs('crm', 1, 'gap', 2),
      ]);
  });

  it('refuses a profile-less position, an employee on their own commission, an employee who left', () => {
    given([]).when({ ...form, profile: undefined }).thenThrows(DomainRuleError, 'NO_APPROVED_PROFILE');
    given([]).when({ ...form, members: ['m1', 'ann'] }).thenThrows(DomainRuleError, 'EMPLOYEE_ON_OWN_COMMISSION');
    given([]).when({ ...form, employee: { ...employed, status: 'left' } }).thenThrows(DomainRuleError, 'EMPLOYEE_LEFT');
  });

  it('records results once, not before the sitting, only for required competencies, for an employee still here', () => {
    const completed = attestationDecider().decide(results(), attestationDecider().evolve(attestationDecider().initialState(), formed));
    given([formed, ...completed]).when(results()).thenThrows(DomainRuleError, 'ATTESTATION_COMPLETED');
    given([formed]).when(results({ at: '2026-03-09T09:00:00.000Z' })).thenThrows(DomainRuleError, 'DATED_BEFORE_SITTING');
    given([formed]).when(results({ results: [{ competencyId: 'care', level: 3 }] })).thenThrows(DomainRuleError, 'COMPETENCY_NOT_IN_PROFILE');
    given([formed]).when(results({ employee: { ...employed, status: 'left' } })).thenThrows(DomainRuleError, 'EMPLOYEE_LEFT');
    given([]).when(results()).thenThrows(NotFoundError);
  });

  it.each<[string, AttestationCommand, string]>([
    ['a chair who is no member', { ...form, chairId: 'm9' }, 'chairId'],
    ['a member twice', { ...form, members: ['m1', 'm1'] }, 'members.1'],
    ['a commission of one', { ...form, members: ['m1'] }, 'members'],
    ['a sitting without a zone', { ...form, sittingAt: '2026-03-10T09:00:00' }, 'sittingAt'],
  ])('rejects %s, naming the field', (_name, command, field) => {
    given([]).when(command).thenRejects([field]);
  });

  it.each<[string, RecordAttestationResults, string]>([
    ['no result', results({ results: [] }), 'results'],
    ['a competency found twice', results({ results: [{ competencyId: 'regs', level: 1 }, { competencyId: 'regs', level: 2 }] }), 'results.1.competencyId'],
    ['a level above the scale', results({ results: [{ competencyId: 'regs', level: 5 }] }), 'results.0.level'],
    ['no minutes', results({ minutes: '' }), 'minutes'],
  ])('rejects results with %s, naming the field', (_name, command, field) => {
    given([formed]).when(command).thenRejects([field]);
  });
});
