import { createHash } from 'node:crypto';
import { DomainRuleError, NotFoundError, type Decider } from '#kernel';
import { rejectDatedBeforeLastChange } from '../organisation/references.js';
import { dayOf } from '../shared/days.js';
import { actingEmployee } from '../shared/separation-of-duty.js';
import { invalid } from '../shared/validation.js';
import { COMPETENCY_ASSESSED } from './assessment.events.js';
import {
  checkAttemptId,
  validAddress,
  validAnswers,
  validMarks,
  validStandingOf,
  type AttemptAddress,
  type CheckAttemptCommand,
  type MarkCheckAnswers,
  type SaveCheckAnswers,
  type StartCheckAttempt,
  type SubmitCheckAttempt,
} from './check-attempt.commands.js';
import {
  CHECK_ANSWERS_MARKED,
  CHECK_ANSWERS_SAVED,
  CHECK_ATTEMPT_STARTED,
  CHECK_ATTEMPT_SUBMITTED,
  type CheckAnswer,
  type CheckAttemptEvent,
  type ShownQuestion,
} from './check-attempt.events.js';
import { answerKeyAssessor, checkAttemptOutcome } from './check-results.js';
import { rejectLeft } from './competence-record.decider.js';
import { KNOWLEDGE_CHECK_ATTEMPTED } from './competence-record.events.js';
import { activeCheck, type KnowledgeCheckState } from './knowledge-check.decider.js';
import type { CheckQuestion } from './knowledge-check.events.js';
import type { ProficiencyScale } from './proficiency-scale.js';

/** Answered until `submitted`; once every question has its points, the result is recorded and nothing more happens. */
export type CheckAttemptStatus = 'in-progress' | 'submitted';

export type CheckAttemptState =
  | { readonly status: 'absent' }
  | {
      readonly status: CheckAttemptStatus;
      readonly attemptId: string;
      readonly campaignId: string;
      readonly checkId: string;
      readonly employeeId: string;
      readonly answers: ReadonlyMap<string, CheckAnswer>;
      /** The points of each question scored so far. */
      readonly points: ReadonlyMap<string, number>;
      readonly awaitingMarking: ReadonlySet<string>;
      readonly lastChangedAt: string;
    };

type StartedAttempt = Exclude<CheckAttemptState, { status: 'absent' }>;

export type CheckAttemptDecider = Decider<CheckAttemptCommand, CheckAttemptEvent, CheckAttemptState>;

/**
 * An employee's attempt at the check of a campaign they take part in. It shows every question of the
 * check, in an order of its own (the options of a choice question too), without the answer key. The
 * employee saves answers as often as they like, then submits once: choice questions are scored by
 * the key (the question's points for exactly the correct options, nothing otherwise), an open question
 * left unanswered scores nothing, and a trainer marks the open answers. Once every question has its
 * points, the attempt records the result as a trainer's attempt does: `KnowledgeCheckAttempted` and a
 * `CompetencyAssessed` per competency, by the proficiency scale's formula.
 *
 * Rules: the campaign exists (404) and the employee takes part in it (`NOT_A_PARTICIPANT`), from the
 * day it opens (`CAMPAIGN_NOT_OPEN`), while employed (`EMPLOYEE_LEFT`), on a check that is not retired
 * (`KNOWLEDGE_CHECK_RETIRED`); one attempt per employee and campaign (`CHECK_ATTEMPT_EXISTS`). Answers
 * change until the attempt is submitted (`CHECK_ATTEMPT_SUBMITTED`); marks come after it
 * (`CHECK_ATTEMPT_NOT_SUBMITTED`), each open answer marked once (`ANSWER_MARKED`), never by the
 * employee themselves (`SELF_MARKING`). Each change is dated no earlier than the one before it
 * (`DATED_BEFORE_LAST_CHANGE`).
 */
export function checkAttemptDecider(): CheckAttemptDecider {
  return {
    initialState: () => ({ status: 'absent' }),

    decide(command, state) {
      switch (command.type) {
        case 'StartCheckAttempt':
          return start(validStandingOf(validAddress(command)), state);
        case 'SaveCheckAnswers':
          return save(validAddress(command), state);
        case 'SubmitCheckAttempt':
          return submit(validStandingOf(validAddress(command)), state);
        case 'MarkCheckAnswers':
          return mark(validStandingOf(validAddress(command)), state);
      }
    },

    evolve,
  };
}

function start(command: StartCheckAttempt, state: CheckAttemptState): CheckAttemptEvent[] {
  const { campaign, campaignId, employeeId, at } = command;
  if (campaign.status === 'absent') throw new NotFoundError('knowledge check campaign', campaignId);
  const attemptId = checkAttemptId(command);
  if (state.status !== 'absent') {
    throw new DomainRuleError('CHECK_ATTEMPT_EXISTS', `employee ${employeeId} started attempt ${attemptId} of campaign ${campaignId} already: resume it`, {
      attemptId,
    });
  }
  if (!campaign.participantIds.has(employeeId)) {
    throw new DomainRuleError('NOT_A_PARTICIPANT', `employee ${employeeId} does not take part in campaign ${campaignId}`, { campaignId, employeeId });
  }
  if (dayOf(at) < campaign.opensOn) {
    throw new DomainRuleError('CAMPAIGN_NOT_OPEN', `campaign ${campaignId} opens on ${campaign.opensOn}`, { campaignId, opensOn: campaign.opensOn });
  }
  rejectLeft(employeeId, command.employee);
  const { checkId, questions } = activeCheck(command.check, campaign.checkId);
  return [{ type: CHECK_ATTEMPT_STARTED, data: { attemptId, campaignId, checkId, employeeId, questions: shownOrder(questions, attemptId), startedAt: at } }];
}

function save(command: SaveCheckAnswers, state: CheckAttemptState): CheckAttemptEvent[] {
  const attempt = inProgress(state, command);
  const answers = validAnswers(command.answers, questionsOf(command.check, attempt));
  rejectDatedBeforeLastChange('knowledge check attempt', attempt.attemptId, attempt.lastChangedAt, command.at);
  const { attemptId, campaignId, employeeId } = attempt;
  return [{ type: CHECK_ANSWERS_SAVED, data: { attemptId, campaignId, employeeId, answers, savedAt: command.at } }];
}

function submit(command: SubmitCheckAttempt, state: CheckAttemptState): CheckAttemptEvent[] {
  const attempt = inProgress(state, command);
  const { attemptId, campaignId, employeeId } = attempt;
  rejectLeft(employeeId, command.employee);
  rejectDatedBeforeLastChange('knowledge check attempt', attemptId, attempt.lastChangedAt, command.at);
  const questions = questionsOf(command.check, attempt);
  const awaitingMarking = questions.filter((question) => question.kind === 'open' && attempt.answers.has(question.questionId));
  const scores = questions
    .filter((question) => !awaitingMarking.includes(question))
    .map((question) => ({ questionId: question.questionId, points: keyedPoints(question, attempt.answers.get(question.questionId)) }));
  const submitted: CheckAttemptEvent = {
    type: CHECK_ATTEMPT_SUBMITTED,
    data: { attemptId, campaignId, employeeId, scores, awaitingMarking: awaitingMarking.map(({ questionId }) => questionId), submittedAt: command.at },
  };
  if (awaitingMarking.length > 0) return [submitted];
  const points = new Map(scores.map((score) => [score.questionId, score.points]));
  return [submitted, ...outcome(command, attempt, points, answerKeyAssessor(attempt.checkId))];
}

function mark(command: MarkCheckAnswers, state: CheckAttemptState): CheckAttemptEvent[] {
  const attempt = existing(state, command);
  const { attemptId, campaignId, employeeId } = attempt;
  if (attempt.status === 'in-progress') {
    throw new DomainRuleError('CHECK_ATTEMPT_NOT_SUBMITTED', `attempt ${attemptId} is not submitted yet`, { attemptId });
  }
  const questions = questionsOf(command.check, attempt);
  const marks = validMarks(command.marks);
  marks.forEach(({ questionId, points }, index) => {
    const question = questions.find((candidate) => candidate.questionId === questionId);
    if (question?.kind !== 'open' || !attempt.answers.has(questionId)) throw invalid(`marks.${index}.questionId`, 'is no open question the attempt answered');
    if (points > question.points) throw invalid(`marks.${index}.points`, `must be at most ${question.points}, the question's points`);
    if (!attempt.awaitingMarking.has(questionId)) throw new DomainRuleError('ANSWER_MARKED', `question ${questionId} of attempt ${attemptId} is marked already`, { attemptId, questionId });
  });
  const markerId = actingEmployee(command.marker, 'marking an answer');
  if (markerId === employeeId) throw new DomainRuleError('SELF_MARKING', 'an employee does not mark their own answers', { attemptId, employeeId });
  rejectLeft(employeeId, command.employee);
  rejectDatedBeforeLastChange('knowledge check attempt', attemptId, attempt.lastChangedAt, command.at);
  const marked: CheckAttemptEvent = {
    type: CHECK_ANSWERS_MARKED,
    data: { attemptId, campaignId, employeeId, marks, markerId, markedAt: command.at },
  };
  if (attempt.awaitingMarking.size > marks.length) return [marked];
  const points = new Map([...attempt.points, ...marks.map((entry) => [entry.questionId, entry.points] as const)]);
  return [marked, ...outcome(command, attempt, points, markerId)];
}

/** The result of an attempt whose every question has its points, as a trainer's attempt records it. */
function outcome(
  command: { readonly check: KnowledgeCheckState; readonly scale: ProficiencyScale; readonly at: string },
  attempt: StartedAttempt,
  points: ReadonlyMap<string, number>,
  assessorId: string,
): CheckAttemptEvent[] {
  const { attemptId, checkId, employeeId } = attempt;
  const check = definedCheck(command.check, attempt);
  const { openBook, questions } = check;
  return checkAttemptOutcome({ attemptId, checkId, employeeId, openBook, questions, points, scale: command.scale, assessorId, at: command.at });
}

/** The question's points for exactly its correct options, nothing for any other answer or none. */
function keyedPoints(question: CheckQuestion, answer: CheckAnswer | undefined): number {
  if (question.kind === 'open' || answer === undefined || !('optionIds' in answer)) return 0;
  const chosen = new Set(answer.optionIds);
  const exact = chosen.size === question.correctOptionIds.length && question.correctOptionIds.every((optionId) => chosen.has(optionId));
  return exact ? question.points : 0;
}

/**
 * The questions in an order of the attempt's own, each choice question's options too: sorted by a
 * hash of the attempt id and their ids, so the same attempt always shows the same order, and the
 * order is recorded when it starts.
 */
function shownOrder(questions: readonly CheckQuestion[], attemptId: string): ShownQuestion[] {
  return shuffled(questions, ({ questionId }) => questionId, attemptId).map((question) =>
    question.kind === 'open'
      ? { questionId: question.questionId }
      : { questionId: question.questionId, optionIds: shuffled(question.options, ({ optionId }) => optionId, `${attemptId}\u0000${question.questionId}`).map(({ optionId }) => optionId) },
  );
}

function shuffled<T>(items: readonly T[], idOf: (item: T) => string, seed: string): T[] {
  const rank = (item: T) => createHash('sha256').update(`${seed}\u0000${idOf(item)}`).digest('hex');
  return items.map((item) => ({ item, rank: rank(item) })).sort((a, b) => (a.rank < b.rank ? -1 : 1)).map(({ item }) => item);
}

function existing(state: CheckAttemptState, address: AttemptAddress): StartedAttempt {
  if (state.status === 'absent') throw new NotFoundError('knowledge check attempt', checkAttemptId(address));
  return state;
}

function inProgress(state: CheckAttemptState, address: AttemptAddress): StartedAttempt {
  const attempt = existing(state, address);
  if (attempt.status !== 'in-progress') {
    throw new DomainRuleError('CHECK_ATTEMPT_SUBMITTED', `attempt ${attempt.attemptId} is submitted: it changes no more`, { attemptId: attempt.attemptId });
  }
  return attempt;
}

/** The attempt's check, as defined: a check retired since the attempt started still scores it. */
function definedCheck(check: KnowledgeCheckState, attempt: StartedAttempt): Exclude<KnowledgeCheckState, { status: 'absent' }> {
  if (check.status === 'absent') throw new NotFoundError('knowledge check', attempt.checkId);
  return check;
}

function questionsOf(check: KnowledgeCheckState, attempt: StartedAttempt): readonly CheckQuestion[] {
  return definedCheck(check, attempt).questions;
}

function evolve(state: CheckAttemptState, event: CheckAttemptEvent): CheckAttemptState {
  if (event.type === CHECK_ATTEMPT_STARTED) {
    const { attemptId, campaignId, checkId, employeeId, startedAt } = event.data;
    return { status: 'in-progress', attemptId, campaignId, checkId, employeeId, answers: new Map(), points: new Map(), awaitingMarking: new Set(), lastChangedAt: startedAt };
  }
  if (state.status === 'absent') return state;
  switch (event.type) {
    case CHECK_ANSWERS_SAVED:
      return { ...state, answers: new Map([...state.answers, ...event.data.answers.map((answer) => [answer.questionId, answer] as const)]), lastChangedAt: event.data.savedAt };
    case CHECK_ATTEMPT_SUBMITTED: {
      const { scores, awaitingMarking, submittedAt } = event.data;
      return { ...state, status: 'submitted', points: new Map(scores.map((score) => [score.questionId, score.points])), awaitingMarking: new Set(awaitingMarking), lastChangedAt: submittedAt };
    }
    case CHECK_ANSWERS_MARKED: {
      const { marks, markedAt } = event.data;
      const awaitingMarking = new Set([...state.awaitingMarking].filter((questionId) => !marks.some((entry) => entry.questionId === questionId)));
      return { ...state, points: new Map([...state.points, ...marks.map((entry) => [entry.questionId, entry.points] as const)]), awaitingMarking, lastChangedAt: markedAt };
    }
    case KNOWLEDGE_CHECK_ATTEMPTED:
    case COMPETENCY_ASSESSED:
      return state;
  }
}
