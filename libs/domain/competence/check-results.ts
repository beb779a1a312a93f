import { COMPETENCY_ASSESSED, derivedAssessmentId, type CompetencyAssessed } from './assessment.events.js';
import { KNOWLEDGE_CHECK_ATTEMPTED, type CheckCompetencyResult, type KnowledgeCheckAttempted } from './competence-record.events.js';
import type { CheckQuestion } from './knowledge-check.events.js';
import { checkLevel, type ProficiencyScale } from './proficiency-scale.js';

/*
 * What a scored attempt of a knowledge check shows of the employee's competencies, however it was
 * scored (a trainer typing in the points, or an attempt the employee took, scored by the answer key and
 * the trainer's marks): the same levels, through the same formula, as the same events.
 */

/** A fully scored attempt: the points of every question of the check, by question id. */
export interface ScoredAttempt {
  readonly attemptId: string;
  readonly checkId: string;
  readonly employeeId: string;
  readonly openBook: boolean;
  readonly questions: readonly CheckQuestion[];
  readonly points: ReadonlyMap<string, number>;
  readonly scale: ProficiencyScale;
  /** Who assessed: the trainer who scored or marked last, or the check's answer key for an attempt it scored alone. */
  readonly assessorId: string;
  readonly at: string;
}

/**
 * `KnowledgeCheckAttempted` with each competency's points, then one `CompetencyAssessed` per
 * competency, in the order the check first asks about them, each at the level its share of the points
 * maps to on the scale.
 */
export function checkAttemptOutcome(attempt: ScoredAttempt): [KnowledgeCheckAttempted, ...CompetencyAssessed[]] {
  const { attemptId, checkId, employeeId, openBook, scale, assessorId, at } = attempt;
  const results = competencyResults(attempt.questions, attempt.points, scale);
  return [
    { type: KNOWLEDGE_CHECK_ATTEMPTED, data: { attemptId, checkId, employeeId, openBook, scaleVersion: scale.version, results, attemptedAt: at } },
    ...results.map(
      ({ competencyId, points, maxPoints, level }): CompetencyAssessed => ({
        type: COMPETENCY_ASSESSED,
        data: {
          assessmentId: derivedAssessmentId(attemptId, competencyId),
          employeeId,
          competencyId,
          level,
          source: 'check',
          evidence: `knowledge check ${checkId}, attempt ${attemptId}: ${points} of ${maxPoints} points`,
          assessorId,
          assessedAt: at,
          validated: true,
        },
      }),
    ),
  ];
}

function competencyResults(questions: readonly CheckQuestion[], points: ReadonlyMap<string, number>, scale: ProficiencyScale): CheckCompetencyResult[] {
  const totals = new Map<string, { points: number; maxPoints: number }>();
  for (const question of questions) {
    const total = totals.get(question.competencyId) ?? { points: 0, maxPoints: 0 };
    totals.set(question.competencyId, { points: total.points + (points.get(question.questionId) ?? 0), maxPoints: total.maxPoints + question.points });
  }
  return [...totals].map(([competencyId, total]) => ({ competencyId, ...total, level: checkLevel(total.points, total.maxPoints, scale) }));
}

/** The assessor recorded for an attempt that the answer key scored without a trainer. */
export function answerKeyAssessor(checkId: string): string {
  return `knowledgeCheck:${checkId}`;
}
