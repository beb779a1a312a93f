import { withoutAbsent } from '../shared/objects.js';
import {
  optionalId,
  optionalText,
  requireId,
  requireList,
  requireNumber,
  requireOneOf,
  requireRecord,
  requireText,
  requireUtcInstant,
  withoutEmailAddress,
} from '../shared/validation.js';
import type { Assessor } from './assessment.events.js';
import type { CareerPathState } from './career-path.decider.js';
import type { CompetencyCatalogue } from './competency-catalogue.decider.js';
import type { KnowledgeCheckState } from './knowledge-check.decider.js';
import { MAX_QUESTIONS } from './knowledge-check.commands.js';
import { requireLevel, type ProficiencyScale } from './proficiency-scale.js';

export const EMPLOYEE_STATUSES = ['employed', 'left'] as const;

/** The employee as the organisation catalogue knows them now, as the command service found them. */
export interface EmployeeStanding {
  readonly status: (typeof EMPLOYEE_STATUSES)[number];
  readonly positionId: string;
}

/** The points an attempt scored on one question of the check. */
export interface QuestionScore {
  readonly questionId: string;
  readonly points: number;
}

export interface RecordCheckAttempt {
  readonly type: 'RecordCheckAttempt';
  readonly employeeId: string;
  readonly employee: EmployeeStanding;
  readonly attemptId: string;
  readonly checkId: string;
  /** The check as the command service folded it from its stream. */
  readonly check: KnowledgeCheckState;
  readonly scale: ProficiencyScale;
  readonly answers: readonly QuestionScore[];
  readonly assessor: Assessor;
  readonly at: string;
}

export interface AssessCompetency {
  readonly type: 'AssessCompetency';
  readonly employeeId: string;
  readonly employee: EmployeeStanding;
  readonly assessmentId: string;
  readonly competencyId: string;
  readonly level: number;
  readonly evidence: string;
  readonly assessor: Assessor;
  readonly catalogue: CompetencyCatalogue;
  readonly at: string;
}

export interface SelfAssessCompetency {
  readonly type: 'SelfAssessCompetency';
  readonly employeeId: string;
  readonly employee: EmployeeStanding;
  readonly assessmentId: string;
  readonly competencyId: string;
  readonly level: number;
  readonly evidence?: string;
  readonly catalogue: CompetencyCatalogue;
  readonly at: string;
}

export interface ValidateSelfAssessment {
  readonly type: 'ValidateSelfAssessment';
  readonly employeeId: string;
  readonly employee: EmployeeStanding;
  readonly assessmentId: string;
  readonly validator: Assessor;
  readonly at: string;
}

/** Sets the career path the employee works along, or clears it (`careerPathId` absent). */
export interface SetCareerTarget {
  readonly type: 'SetCareerTarget';
  readonly employeeId: string;
  readonly employee: EmployeeStanding;
  readonly careerPathId?: string;
  /** The path as the command service folded it from its stream; absent when clearing. */
  readonly path?: CareerPathState;
  readonly at: string;
}

export type CompetenceRecordCommand = RecordCheckAttempt | AssessCompetency | SelfAssessCompetency | ValidateSelfAssessment | SetCareerTarget;

export const MAX_EVIDENCE_LENGTH = 2000;

export function validRecordCheckAttempt(command: RecordCheckAttempt): RecordCheckAttempt {
  return {
    type: command.type,
    employeeId: requireId(command.employeeId, 'employeeId'),
    employee: validStanding(command.employee),
    attemptId: requireId(command.attemptId, 'attemptId'),
    checkId: requireId(command.checkId, 'checkId'),
    check: command.check,
    scale: command.scale,
    answers: requireList(command.answers, 'answers', 1, MAX_QUESTIONS).map((answer, index) => validQuestionScore(answer, `answers.${index}`)),
    assessor: command.assessor,
    at: requireUtcInstant(command.at, 'at'),
  };
}

export function validAssessCompetency(command: AssessCompetency): AssessCompetency {
  return {
    type: command.type,
    employeeId: requireId(command.employeeId, 'employeeId'),
    employee: validStanding(command.employee),
    assessmentId: requireId(command.assessmentId, 'assessmentId'),
    competencyId: requireId(command.competencyId, 'competencyId'),
    level: requireLevel(command.level, 'level', command.catalogue.scale),
    evidence: withoutEmailAddress(requireText(command.evidence, 'evidence', MAX_EVIDENCE_LENGTH), 'evidence'),
    assessor: command.assessor,
    catalogue: command.catalogue,
    at: requireUtcInstant(command.at, 'at'),
  };
}

export function validSelfAssessCompetency(command: SelfAssessCompetency): SelfAssessCompetency {
  return withoutAbsent({
    type: command.type,
    employeeId: requireId(command.employeeId, 'employeeId'),
    employee: validStanding(command.employee),
    assessmentId: requireId(command.assessmentId, 'assessmentId'),
    competencyId: requireId(command.competencyId, 'competencyId'),
    level: requireLevel(command.level, 'level', command.catalogue.scale),
    evidence: withoutEmailAddress(optionalText(command.evidence, 'evidence', MAX_EVIDENCE_LENGTH), 'evidence'),
    catalogue: command.catalogue,
    at: requireUtcInstant(command.at, 'at'),
  });
}

export function validValidateSelfAssessment(command: ValidateSelfAssessment): ValidateSelfAssessment {
  return {
    type: command.type,
    employeeId: requireId(command.employeeId, 'employeeId'),
    employee: validStanding(command.employee),
    assessmentId: requireId(command.assessmentId, 'assessmentId'),
    validator: command.validator,
    at: requireUtcInstant(command.at, 'at'),
  };
}

export function validSetCareerTarget(command: SetCareerTarget): SetCareerTarget {
  return withoutAbsent({
    type: command.type,
    employeeId: requireId(command.employeeId, 'employeeId'),
    employee: validStanding(command.employee),
    careerPathId: optionalId(command.careerPathId, 'careerPathId'),
    path: command.path,
    at: requireUtcInstant(command.at, 'at'),
  });
}

export function validStanding(value: unknown): EmployeeStanding {
  const employee = requireRecord(value, 'employee', '{ status, positionId }');
  return {
    status: requireOneOf(employee.status, 'employee.status', EMPLOYEE_STATUSES),
    positionId: requireId(employee.positionId, 'employee.positionId'),
  };
}

/** Whole points for one question of a check; their upper bound, the question's points, is the decider's to check, for it has the check. */
export function validQuestionScore(value: unknown, field: string): QuestionScore {
  const score = requireRecord(value, field, '{ questionId, points }');
  return {
    questionId: requireId(score.questionId, `${field}.questionId`),
    points: requireNumber(score.points, `${field}.points`, { whole: true, atLeast: 0 }),
  };
}
