import {
  SELF_ASSESSMENT_VALIDATED,
  type CompetencyAssessed,
  type SelfAssessmentValidated,
} from '../competence/assessment.events.js';

/** The assessment events of the competence context that the training context reacts to. */
export type AssessmentEvent = CompetencyAssessed | SelfAssessmentValidated;

/** A level that now counts for the employee: a validated assessment, or a self assessment once validated. */
export interface ValidatedLevel {
  readonly employeeId: string;
  readonly competencyId: string;
  readonly level: number;
  /** When it came to count: the assessment, or the validation of a self assessment. */
  readonly at: string;
}

/** The level an assessment event makes count, or undefined for a self assessment still awaiting validation. */
export function validatedLevelOf(event: AssessmentEvent): ValidatedLevel | undefined {
  if (event.type === SELF_ASSESSMENT_VALIDATED) {
    const { employeeId, competencyId, level, validatedAt } = event.data;
    return { employeeId, competencyId, level, at: validatedAt };
  }
  const { employeeId, competencyId, level, assessedAt, validated } = event.data;
  return validated ? { employeeId, competencyId, level, at: assessedAt } : undefined;
}
