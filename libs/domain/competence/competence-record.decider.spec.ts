import { DomainRuleError, NotFoundError, ValidationError } from '#kernel';
import { deciderSpec } from '#kernel/testing.js';
import { derivedAssessmentId, type Assessor, type CompetencyAssessed } from './assessment.events.js';
import type { CareerPathState } from './career-path.decider.js';
import type { AssessCompetency, CompetenceRecordCommand, EmployeeStanding, RecordCheckAttempt, SetCareerTarget } from './competence-record.commands.js';
import { competenceRecordDecider } from './competence-record.decider.js';
import type { CompetenceRecordEvent } from './competence-record.events.js';
import type { KnowledgeCheckState } from './knowledge-check.decider.js';
import { DEFAULT_PROFICIENCY_SCALE } from './proficiency-scale.js';
import { catalogue } from './testing.js';

const JAN = '2026-01-20T09:00:00.000Z';
const FEB = '2026-02-20T09:00:00.000Z';
const employed: EmployeeStanding = { status: 'employed', positionId: 'line-1' };
const trainer = { actorId: 'apiKey:trainer', employeeId: 'emp-trainer' };

/** regs: two questions of 2 points; crm: one of 4. */
const check: KnowledgeCheckState = {
  status: 'active',
  checkId: 'chk',
  openBook: true,
  lastChangedAt: JAN,
  questions: [
    { questionId: 'r1', kind: 'open', text: 'Refund window?', competencyId: 'regs', points: 2 },
    { questionId: 'c1', kind: 'open', text: 'Log a call', competencyId: 'crm', points: 4 },
    { questionId: 'r2', kind: 'open', text: 'Escalation order?', competencyId: 'regs', points: 2 },
  ],
};
const attempt = (r1: number, c1: number, r2: number, overrides: Partial<RecordCheckAttempt> = {}): RecordCheckAttempt => ({
  type: 'RecordCheckAttempt',
  employeeId: 'ann',
  employee: employed,
  attemptId: 'att-1',
  checkId: 'chk',
  check,
  scale: DEFAULT_PROFICIENCY_SCALE,
  answers: [
    { questionId: 'r1', points: r1 },
    { questionId: 'c1', points: c1 },
    { questionId: 'r2', points: r2 },
  ],
  assessor: { actorId: 'apiKey:trainer' },
  at: JAN,
  ...overrides,
});
const assessed = (data: Partial<CompetencyAssessed['data']>): CompetencyAssessed => ({
  type: 'CompetencyAssessed',
  data: {
    assessmentId: 'a-1',
    employeeId: 'ann',
    competencyId: 'crm',
    level: 2,
    source: 'manager',
    evidence: 'Logs every call',
    assessorId: 'emp-trainer',
    assessedAt: JAN,
    validated: true,
    ...data,
  },
});
const assess: AssessCompetency = {
  type: 'AssessCompetency',
  employeeId: 'ann',
  employee: employed,
  assessmentId: 'a-1',
  competencyId: 'crm',
  level: 2,
  evidence: 'Logs every call',
  assessor: trainer,
  catalogue,
  at: JAN,
};
const selfAssess: CompetenceRecordCommand = {
  type: 'SelfAssessCompetency',
  employeeId: 'ann',
  employee: employed,
  assessmentId: 's-1',
  competencyId: 'care',
  level: 3,
  catalogue,
  at: JAN,
};
const selfAssessed = assessed({ assessmentId: 's-1', competencyId: 'care', level: 3, source: 'self', evidence: undefined, assessorId: 'ann', validated: false });
const { evidence: _none, ...selfAssessedData } = selfAssessed.data;
const selfAssessedEvent: CompetencyAssessed = { type: 'CompetencyAssessed', data: selfAssessedData };
const validate = (validator: Assessor = trainer, at = FEB): CompetenceRecordCommand => ({ type: 'ValidateSelfAssessment', employeeId: 'ann', employee: employed, assessmentId: 's-1', validator, at });
const path = (overrides: Partial<Exclude<CareerPathState, { status: 'absent' }>> = {}): CareerPathState => ({
  status: 'active',
  pathId: 'up',
  fromPositionId: 'line-1',
  toPositionId: 'line-2',
  basis: 'target-profile',
  lastChangedAt: JAN,
  ...overrides,
});
const setTarget = (state: CareerPathState = path()): SetCareerTarget => ({
  type: 'SetCareerTarget',
  employeeId: 'ann',
  employee: employed,
  careerPathId: 'up',
  path: state,
  at: FEB,
});
const clearTarget: SetCareerTarget = { type: 'SetCareerTarget', employeeId: 'ann', employee: employed, at: FEB };
const targetSet: CompetenceRecordEvent = {
  type: 'CareerTargetSet',
  data: { employeeId: 'ann', careerPathId: 'up', fromPositionId: 'line-1', toPositionId: 'line-2', basis: 'target-profile', setAt: FEB },
};

const { given } = deciderSpec(competenceRecordDecider());


describe('competence record decider', () => {
  describe('knowledge check attempts', () => {
    it('scores each competency over its questions and maps the share of points to a level: regs 3/4 -> 3, crm 1/4 -> 1', () => {
      given([])
        .when(attempt(2, 1, 1))
        .then([
          {
            type: 'KnowledgeCheckAttempted',
            data: {
              attemptId: 'att-1',
              checkId: 'chk',
              employeeId: 'ann',
              openBook: true,
              scaleVersion: 0,
              results: [
                { competencyId: 'regs', points: 3, maxPoints: 4, level: 3 },
                { competencyId: 'crm', points: 1, maxPoints: 4, level: 1 },
              ],
              attemptedAt: JAN,
            },
          },
          assessed({
            assessmentId: derivedAssessmentId('att-1', 'regs'),
            competencyId: 'regs',
            level: 3,
            source: 'check',
            evidence: 'knowledge check chk, attempt att-1: 3 of 4 points',
            assessorId: 'apiKey:trainer',
          }),
          assessed({
            assessmentId: derivedAssessmentId('att-1', 'crm'),
            competencyId: 'crm',
            level: 1,
            source: 'check',
            evidence: 'knowledge check chk, attempt att-1: 1 of 4 points',
            assessorId: 'apiKey:trainer',
          }),
        ]);
    });

    it('never shows more than proficient from a check, however full the score', () => {
      const decider = competenceRecordDecider();
      const events = decider.decide(attempt(2, 4, 2), decider.initialState());
      expect(events.flatMap((event) => (event.type === 'CompetencyAssessed' ? [event.data.level] : []))).toEqual([3, 3]);
    });

    it('refuses an attempt id twice, a retired or unknown check, an employee who left', () => {
      const recorded = competenceRecordDecider().decide(attempt(1, 1, 1), competenceRecordDecider().initialState());
      given(recorded).when(attempt(2, 2, 2)).thenThrows(DomainRuleError, 'CHECK_ATTEMPT_EXISTS');
      given([]).when(attempt(1, 1, 1, { check: { ...check, status: 'retired' } })).thenThrows(DomainRuleError, 'KNOWLEDGE_CHECK_RETIRED');
      given([]).when(attempt(1, 1, 1, { check: { status: 'absent' } })).thenThrows(NotFoundError);
      given([]).when(attempt(1, 1, 1, { employee: { ...employed, status: 'left' } })).thenThrows(DomainRuleError, 'EMPLOYEE_LEFT');
    });

    it.each<[string, RecordCheckAttempt, string]>([
      ['a question left out', attempt(1, 1, 1, { answers: [{ questionId: 'r1', points: 1 }] }), 'answers'],
      ['a question scored twice', attempt(1, 1, 1, { answers: [...attempt(1, 1, 1).answers, { questionId: 'r1', points: 0 }] }), 'answers.3.questionId'],
      ['a question the check does not ask', attempt(1, 1, 1, { answers: [{ questionId: 'x9', points: 0 }] }), 'answers.0.questionId'],
      ['more points than the question has', attempt(3, 1, 1), 'answers.0.points'],
      ['negative points', attempt(-1, 1, 1), 'answers.0.points'],
      ['no answers', attempt(1, 1, 1, { answers: [] }), 'answers'],
      ['an answer that is no object', attempt(1, 1, 1, { answers: [null] as unknown as RecordCheckAttempt['answers'] }), 'answers.0'],
    ])('rejects %s, naming the field', (_name, command, field) => {
      given([]).when(command).thenRejects([field]);
    });
  });

  describe("a manager's assessment", () => {
    it('counts at once, the assessing employee named', () => {
      given([]).when(assess).then([assessed({})]);
    });

    it('refuses an assessor whose key names no employee: it could be the employee assessed', () => {
      given([]).when({ ...assess, assessor: { actorId: 'apiKey:hr' } }).thenThrows(DomainRuleError, 'ACTOR_NOT_AN_EMPLOYEE');
    });

    it('refuses an assessment id twice, oneself as manager, a retired competency, an employee who left', () => {
      given([assessed({})]).when(assess).thenThrows(DomainRuleError, 'ASSESSMENT_EXISTS');
      given([]).when({ ...assess, assessor: { actorId: 'apiKey:ann', employeeId: 'ann' } }).thenThrows(DomainRuleError, 'SELF_AS_MANAGER');
      given([]).when({ ...assess, competencyId: 'gone' }).thenThrows(DomainRuleError, 'COMPETENCY_RETIRED');
      given([]).when({ ...assess, employee: { ...employed, status: 'left' } }).thenThrows(DomainRuleError, 'EMPLOYEE_LEFT');
    });

    it.each<[string, AssessCompetency, string]>([
      ['a level above the scale', { ...assess, level: 5 }, 'level'],
      ['an unknown competency', { ...assess, competencyId: 'juggling' }, 'competencyId'],
      ['no evidence', { ...assess, evidence: '' }, 'evidence'],
      ['an e-mail address in the evidence', { ...assess, evidence: 'ask ann@example.com' }, 'evidence'],
    ])('rejects %s, naming the field', (_name, command, field) => {
      given([]).when(command).thenRejects([field]);
    });
  });

  describe('self assessments', () => {
    it('are recorded unvalidated, the employee as assessor', () => {
      given([]).when(selfAssess).then([selfAssessedEvent]);
      given([selfAssessedEvent]).when(selfAssess).thenThrows(DomainRuleError, 'ASSESSMENT_EXISTS');
    });

    it('are validated once, by someone else, not before they were made', () => {
      given([selfAssessedEvent])
        .when(validate())
        .then([
          {
            type: 'SelfAssessmentValidated',
            data: { assessmentId: 's-1', employeeId: 'ann', competencyId: 'care', level: 3, validatorId: 'emp-trainer', validatedAt: FEB },
          },
        ]);
      const validated: CompetenceRecordEvent = {
        type: 'SelfAssessmentValidated',
        data: { assessmentId: 's-1', employeeId: 'ann', competencyId: 'care', level: 3, validatorId: 'emp-trainer', validatedAt: FEB },
      };
      given([selfAssessedEvent, validated]).when(validate()).thenThrows(DomainRuleError, 'SELF_ASSESSMENT_VALIDATED');
      given([selfAssessedEvent]).when(validate({ actorId: 'apiKey:ann', employeeId: 'ann' })).thenThrows(DomainRuleError, 'SELF_VALIDATION');
      given([selfAssessedEvent]).when(validate({ actorId: 'apiKey:ann' })).thenThrows(DomainRuleError, 'ACTOR_NOT_AN_EMPLOYEE');
      given([selfAssessedEvent]).when(validate(trainer, '2026-01-19T09:00:00.000Z')).thenThrows(DomainRuleError, 'DATED_BEFORE_ASSESSMENT');
    });

    it('only a self assessment is validated, and only one that exists', () => {
      given([assessed({ assessmentId: 's-1' })]).when(validate()).thenThrows(DomainRuleError, 'NOT_A_SELF_ASSESSMENT');
      given([]).when(validate()).thenThrows(NotFoundError);
    });
  });

  describe('career targets', () => {
    it('sets a path from the position held, appends nothing for the same one, and clears it', () => {
      given([]).when(setTarget()).then([targetSet]);
      given([targetSet]).when(setTarget()).then([]);
      given([targetSet]).when(clearTarget).then([{ type: 'CareerTargetCleared', data: { employeeId: 'ann', careerPathId: 'up', clearedAt: FEB } }]);
    });

    it('refuses a path from elsewhere, a retired or unknown path, nothing to clear, an employee who left', () => {
      given([]).when(setTarget(path({ fromPositionId: 'line-2' }))).thenThrows(DomainRuleError, 'PATH_NOT_FROM_CURRENT_POSITION');
      given([]).when(setTarget(path({ status: 'retired' }))).thenThrows(DomainRuleError, 'CAREER_PATH_RETIRED');
      given([]).when(setTarget({ status: 'absent' })).thenThrows(ValidationError);
      given([]).when(clearTarget).thenThrows(DomainRuleError, 'NO_CAREER_TARGET');
      given([]).when({ ...setTarget(), employee: { ...employed, status: 'left' } }).thenThrows(DomainRuleError, 'EMPLOYEE_LEFT');
    });
  });
});
