import { DomainRuleError, NotFoundError, type Decider } from '#kernel';
import { isBefore } from '../organisation/references.js';
import { invalid } from '../shared/validation.js';
import { withoutAbsent } from '../shared/objects.js';
import { actingEmployee } from '../shared/separation-of-duty.js';
import { assessorIdOf, COMPETENCY_ASSESSED, SELF_ASSESSMENT_VALIDATED, type AssessmentSource } from './assessment.events.js';
import { checkAttemptOutcome } from './check-results.js';
import {
  validAssessCompetency,
  validRecordCheckAttempt,
  validSelfAssessCompetency,
  validSetCareerTarget,
  validValidateSelfAssessment,
  type AssessCompetency,
  type CompetenceRecordCommand,
  type EmployeeStanding,
  type QuestionScore,
  type RecordCheckAttempt,
  type SelfAssessCompetency,
  type SetCareerTarget,
  type ValidateSelfAssessment,
} from './competence-record.commands.js';
import { CAREER_TARGET_CLEARED, CAREER_TARGET_SET, KNOWLEDGE_CHECK_ATTEMPTED, type CompetenceRecordEvent } from './competence-record.events.js';
import { activeCheck } from './knowledge-check.decider.js';
import type { CheckQuestion } from './knowledge-check.events.js';
import { activeCompetency } from './requirements.js';

export interface RecordedAssessment {
  readonly source: AssessmentSource;
  readonly competencyId: string;
  readonly level: number;
  readonly assessedAt: string;
  readonly validated: boolean;
}

export interface CompetenceRecordState {
  readonly assessments: ReadonlyMap<string, RecordedAssessment>;
  readonly attempts: ReadonlySet<string>;
  readonly careerPathId?: string;
}

export type CompetenceRecordDecider = Decider<CompetenceRecordCommand, CompetenceRecordEvent, CompetenceRecordState>;

/**
 * An employee's competence record: levels assessed by knowledge checks, by a manager (hr or a
 * trainer), and by the employee themselves, which count only once someone else validates them; and
 * the career path they work along. Every assessment is a `CompetencyAssessed` event.
 *
 * Rules: nothing new for an employee who left (`EMPLOYEE_LEFT`); ids of assessments and attempts are
 * used once (`ASSESSMENT_EXISTS`, `CHECK_ATTEMPT_EXISTS`); nobody assesses themselves as a manager
 * (`SELF_AS_MANAGER`) or validates their own self assessment (`SELF_VALIDATION`); only a self
 * assessment is validated (`NOT_A_SELF_ASSESSMENT`), once (`SELF_ASSESSMENT_VALIDATED`), not before
 * it was made (`DATED_BEFORE_ASSESSMENT`); a career path starts at the position held
 * (`PATH_NOT_FROM_CURRENT_POSITION`) and is not retired (`CAREER_PATH_RETIRED`); clearing needs a
 * target (`NO_CAREER_TARGET`). Competencies are active (`COMPETENCY_RETIRED`) and checks too
 * (`KNOWLEDGE_CHECK_RETIRED`). Setting the path already set appends nothing.
 */
export function competenceRecordDecider(): CompetenceRecordDecider {
  return {
    initialState: () => ({ assessments: new Map(), attempts: new Set() }),

    decide(command, state) {
      switch (command.type) {
        case 'RecordCheckAttempt':
          return recordAttempt(validRecordCheckAttempt(command), state);
        case 'AssessCompetency':
          return assess(validAssessCompetency(command), state);
        case 'SelfAssessCompetency':
          return selfAssess(validSelfAssessCompetency(command), state);
        case 'ValidateSelfAssessment':
          return validate(validValidateSelfAssessment(command), state);
        case 'SetCareerTarget':
          return setTarget(validSetCareerTarget(command), state);
      }
    },

    evolve,
  };
}

function recordAttempt(command: RecordCheckAttempt, state: CompetenceRecordState): CompetenceRecordEvent[] {
  const { employeeId, attemptId, checkId, scale, at } = command;
  const check = activeCheck(command.check, checkId);
  const points = scoredQuestions(check.questions, command.answers);
  rejectLeft(employeeId, command.employee);
  if (state.attempts.has(attemptId)) {
    throw new DomainRuleError('CHECK_ATTEMPT_EXISTS', `attempt ${attemptId} is recorded already`, { employeeId, attemptId });
  }
  const { openBook, questions } = check;
  return checkAttemptOutcome({ attemptId, checkId, employeeId, openBook, questions, points, scale, assessorId: assessorIdOf(command.assessor), at });
}

/** Every question of the check scored once, within its points, by question id. */
function scoredQuestions(questions: readonly CheckQuestion[], answers: readonly QuestionScore[]): Map<string, number> {
  const scored = new Map<string, number>();
  answers.forEach(({ questionId, points }, index) => {
    const question = questions.find((candidate) => candidate.questionId === questionId);
    if (question === undefined) throw invalid(`answers.${index}.questionId`, 'no such question in the check');
    if (scored.has(questionId)) throw invalid(`answers.${index}.questionId`, 'scores a question scored already');
    if (points > question.points) throw invalid(`answers.${index}.points`, `must be at most ${question.points}, the question's points`);
    scored.set(questionId, points);
  });
  const unscored = questions.filter(({ questionId }) => !scored.has(questionId)).map(({ questionId }) => questionId);
  if (unscored.length > 0) throw invalid('answers', `must score every question of the check; missing: ${unscored.join(', ')}`);
  return scored;
}

function assess(command: AssessCompetency, state: CompetenceRecordState): CompetenceRecordEvent[] {
  const { employeeId, assessmentId, competencyId, level, evidence, assessor, at } = command;
  activeCompetency(command.catalogue, competencyId, 'competencyId');
  rejectLeft(employeeId, command.employee);
  rejectUsedAssessmentId(state, employeeId, assessmentId);
  if (actingEmployee(assessor, 'assessing as a manager') === employeeId) {
    throw new DomainRuleError('SELF_AS_MANAGER', 'an employee does not assess themselves as a manager: record a self assessment', { employeeId });
  }
  return [
    {
      type: COMPETENCY_ASSESSED,
      data: {
        assessmentId,
        employeeId,
        competencyId,
        level,
        source: 'manager',
        evidence,
        assessorId: assessorIdOf(assessor),
        assessedAt: at,
        validated: true,
      },
    },
  ];
}

function selfAssess(command: SelfAssessCompetency, state: CompetenceRecordState): CompetenceRecordEvent[] {
  const { employeeId, assessmentId, competencyId, level, evidence, at } = command;
  activeCompetency(command.catalogue, competencyId, 'competencyId');
  rejectLeft(employeeId, command.employee);
  rejectUsedAssessmentId(state, employeeId, assessmentId);
  return [
    {
      type: COMPETENCY_ASSESSED,
      data: withoutAbsent({
        assessmentId,
        employeeId,
        competencyId,
        level,
        source: 'self' as const,
        evidence,
        assessorId: employeeId,
        assessedAt: at,
        validated: false,
      }),
    },
  ];
}

function validate(command: ValidateSelfAssessment, state: CompetenceRecordState): CompetenceRecordEvent[] {
  const { employeeId, assessmentId, validator, at } = command;
  const assessment = state.assessments.get(assessmentId);
  if (assessment === undefined) throw new NotFoundError('assessment', assessmentId);
  rejectLeft(employeeId, command.employee);
  if (assessment.source !== 'self') {
    throw new DomainRuleError('NOT_A_SELF_ASSESSMENT', `assessment ${assessmentId} is not a self assessment`, { assessmentId });
  }
  if (assessment.validated) {
    throw new DomainRuleError('SELF_ASSESSMENT_VALIDATED', `self assessment ${assessmentId} is validated already`, { assessmentId });
  }
  if (actingEmployee(validator, 'validating a self assessment') === employeeId) {
    throw new DomainRuleError('SELF_VALIDATION', 'an employee does not validate their own self assessment', { employeeId, assessmentId });
  }
  if (isBefore(at, assessment.assessedAt)) {
    throw new DomainRuleError('DATED_BEFORE_ASSESSMENT', `self assessment ${assessmentId} was made after ${at}`, {
      assessmentId,
      assessedAt: assessment.assessedAt,
      at,
    });
  }
  const { competencyId, level } = assessment;
  return [
    {
      type: SELF_ASSESSMENT_VALIDATED,
      data: { assessmentId, employeeId, competencyId, level, validatorId: assessorIdOf(validator), validatedAt: at },
    },
  ];
}

function setTarget(command: SetCareerTarget, state: CompetenceRecordState): CompetenceRecordEvent[] {
  const { employeeId, careerPathId, path, at } = command;
  if (careerPathId === undefined) {
    if (state.careerPathId === undefined) {
      throw new DomainRuleError('NO_CAREER_TARGET', `employee ${employeeId} has no career target to clear`, { employeeId });
    }
    return [{ type: CAREER_TARGET_CLEARED, data: { employeeId, careerPathId: state.careerPathId, clearedAt: at } }];
  }
  if (path === undefined || path.status === 'absent') throw invalid('careerPathId', 'no such career path');
  rejectLeft(employeeId, command.employee);
  if (path.status === 'retired') {
    throw new DomainRuleError('CAREER_PATH_RETIRED', `career path ${careerPathId} is retired`, { pathId: careerPathId });
  }
  if (path.fromPositionId !== command.employee.positionId) {
    throw new DomainRuleError('PATH_NOT_FROM_CURRENT_POSITION', `career path ${careerPathId} starts at position ${path.fromPositionId}`, {
      pathId: careerPathId,
      fromPositionId: path.fromPositionId,
      positionId: command.employee.positionId,
    });
  }
  if (state.careerPathId === careerPathId) return [];
  const { fromPositionId, toPositionId, basis } = path;
  return [{ type: CAREER_TARGET_SET, data: { employeeId, careerPathId, fromPositionId, toPositionId, basis, setAt: at } }];
}

export function rejectLeft(employeeId: string, employee: EmployeeStanding): void {
  if (employee.status === 'left') throw new DomainRuleError('EMPLOYEE_LEFT', `employee ${employeeId} has left`, { employeeId });
}

function rejectUsedAssessmentId(state: CompetenceRecordState, employeeId: string, assessmentId: string): void {
  if (state.assessments.has(assessmentId)) {
    throw new DomainRuleError('ASSESSMENT_EXISTS', `assessment ${assessmentId} is recorded already`, { employeeId, assessmentId });
  }
}

function evolve(state: CompetenceRecordState, event: CompetenceRecordEvent): CompetenceRecordState {
  switch (event.type) {
    case COMPETENCY_ASSESSED: {
      const { assessmentId, source, competencyId, level, assessedAt, validated } = event.data;
      return { ...state, assessments: new Map(state.assessments).set(assessmentId, {
        source,
        competencyId,
        level,
        assessedAt,
        validated,
      }) };
    }
    case SELF_ASSESSMENT_VALIDATED: {
      const assessment = state.assessments.get(event.data.assessmentId)!;
      return { ...state, assessments: new Map(state.assessments).set(event.data.assessmentId, { ...assessment, validated: true }) };
    }
    case KNOWLEDGE_CHECK_ATTEMPTED:
      return { ...state, attempts: new Set(state.attempts).add(event.data.attemptId) };
    case CAREER_TARGET_SET:
      return { ...state, careerPathId: event.data.careerPathId };
    case CAREER_TARGET_CLEARED: {
      const { careerPathId: _cleared, ...rest } = state;
      return rest;
    }
  }
}
