import type { CheckQuestion } from '#domain/competence/index.js';
import type { Principal } from '../auth/principal.js';
import { ANSWER_KEY_READERS } from './competence-roles.js';
import type { CheckQuestionView } from './knowledge-checks.dto.js';

/** A question without its answer key, as those who take the check see it. */
export function withoutAnswerKey(question: CheckQuestion): CheckQuestionView {
  if (question.kind === 'open') return question;
  const { correctOptionIds: _key, ...shown } = question;
  return shown;
}

/** The questions as the caller may see them: with their answer keys only for the roles that keep or audit the checks. */
export function questionsShownTo(caller: Principal, questions: readonly CheckQuestion[]): readonly CheckQuestionView[] {
  return caller.roles.some((role) => ANSWER_KEY_READERS.includes(role)) ? questions : questions.map(withoutAnswerKey);
}
