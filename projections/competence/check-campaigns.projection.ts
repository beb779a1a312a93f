import type { EvolveContext, Projection, RecordedOf } from '#kernel';
import {
  CHECK_ANSWERS_MARKED,
  CHECK_ANSWERS_SAVED,
  CHECK_ATTEMPT_EVENT_TYPES,
  CHECK_ATTEMPT_STARTED,
  CHECK_ATTEMPT_SUBMITTED,
  CHECK_CAMPAIGN_CREATED,
  CHECK_CAMPAIGN_EVENT_TYPES,
  checkAttemptId,
  type AnswerMark,
  type CheckAnswer,
  type CheckAnswersMarked,
  type CheckAnswersSaved,
  type CheckAttemptStarted,
  type CheckAttemptSubmitted,
  type CheckCampaignCreated,
  type CheckCampaignCreatedData,
  type ShownQuestion,
} from '#domain/competence/index.js';

export const CHECK_CAMPAIGNS = 'checkCampaigns';

/*
 * The knowledge-check campaigns, one document each; one document per participant of a campaign with
 * where they stand, which the participation report and an employee's list of campaigns read; and
 * one per attempt started, with the questions in the attempt's order, the answers and the points,
 * which only the view of that attempt reads. Lists filter on `entity`.
 */

export interface CampaignDocument extends Omit<CheckCampaignCreatedData, 'campaignId'> {
  readonly entity: 'campaign';
  readonly id: string;
}

/** What a participant's list of campaigns shows of each. */
type CampaignHead = Pick<CheckCampaignCreatedData, 'checkId' | 'title' | 'opensOn' | 'dueOn' | 'createdAt'>;

/** `awaiting-marking`: submitted, with open answers a trainer has yet to mark; `completed`: every question has its points. */
export const PARTICIPATION_STATUSES = ['not-started', 'in-progress', 'awaiting-marking', 'completed'] as const;
export type ParticipationStatus = (typeof PARTICIPATION_STATUSES)[number];

/** Where one participant of a campaign stands, with what of the campaign their list of campaigns shows. */
export interface ParticipantDocument extends CampaignHead {
  readonly entity: 'participant';
  readonly campaignId: string;
  readonly employeeId: string;
  /** The id the participant's attempt has, or will have once started. */
  readonly attemptId: string;
  readonly status: ParticipationStatus;
  readonly startedAt: string | null;
  readonly submittedAt: string | null;
  readonly completedAt: string | null;
  /** The open answers a trainer has yet to mark. */
  readonly awaitingMarking: readonly string[];
}

/** A question's points, and for a marked open answer who marked it and why. */
export interface QuestionPoints extends AnswerMark {
  readonly markerId: string | null;
}

export interface AttemptDocument {
  readonly entity: 'attempt';
  readonly id: string;
  readonly campaignId: string;
  readonly employeeId: string;
  readonly checkId: string;
  /** Every question of the check, in the order the attempt shows them. */
  readonly questions: readonly ShownQuestion[];
  /** The answers saved last, in the order of `questions`. */
  readonly answers: readonly CheckAnswer[];
  /** The points of each question scored so far, in the order of `questions`. */
  readonly points: readonly QuestionPoints[];
  readonly startedAt: string;
  readonly lastChangedAt: string;
}

export type CheckCampaignsDocument = CampaignDocument | ParticipantDocument | AttemptDocument;

type CheckCampaignsEvent = CheckCampaignCreated | CheckAttemptStarted | CheckAnswersSaved | CheckAttemptSubmitted | CheckAnswersMarked;
type CheckCampaignsRecord = RecordedOf<CheckCampaignsEvent>;

const PARTICIPANT_PREFIX = 'participant:';

export const campaignDocumentId = (campaignId: string) => `campaign:${campaignId}`;
export const attemptDocumentId = (attemptId: string) => `attempt:${attemptId}`;
/** The campaign and the employee, as JSON so that ids holding `:` cannot run into each other. */
export const participantDocumentId = (campaignId: string, employeeId: string) => `${PARTICIPANT_PREFIX}${JSON.stringify([campaignId, employeeId])}`;

function participantOf(id: string): { readonly campaignId: string; readonly employeeId: string } {
  const [campaignId, employeeId] = JSON.parse(id.slice(PARTICIPANT_PREFIX.length)) as [string, string];
  return { campaignId, employeeId };
}

export const checkCampaigns: Projection<CheckCampaignsDocument, CheckCampaignsEvent> = {
  name: CHECK_CAMPAIGNS,
  version: 1,
  indexes: [{ fields: ['entity', 'createdAt'] }, { fields: ['entity', 'campaignId', 'employeeId'] }, { fields: ['entity', 'employeeId', 'createdAt'] }],
  handles: [...CHECK_CAMPAIGN_EVENT_TYPES, ...CHECK_ATTEMPT_EVENT_TYPES],
  documentIds: (event) => documentsOf(event),
  evolve: (document, event, context) => evolveDocument(document, event, context),
};

function documentsOf(event: CheckCampaignsRecord): string[] {
  if (event.type === CHECK_CAMPAIGN_CREATED) {
    const { campaignId, participantIds } = event.data;
    return [campaignDocumentId(campaignId), ...participantIds.map((employeeId) => participantDocumentId(campaignId, employeeId))];
  }
  const { attemptId, campaignId, employeeId } = event.data;
  const attempt = attemptDocumentId(attemptId);
  return event.type === CHECK_ANSWERS_SAVED ? [attempt] : [participantDocumentId(campaignId, employeeId), attempt];
}

function evolveDocument(
  document: CheckCampaignsDocument | null,
  event: CheckCampaignsRecord,
  { id }: EvolveContext<CheckCampaignsDocument>,
): CheckCampaignsDocument | null {
  if (event.type === CHECK_CAMPAIGN_CREATED) {
    return id.startsWith(PARTICIPANT_PREFIX) ? newParticipant(event, participantOf(id).employeeId) : newCampaign(event);
  }
  if (id.startsWith(PARTICIPANT_PREFIX)) return document?.entity === 'participant' ? evolveParticipant(document, event) : document;
  if (event.type === CHECK_ATTEMPT_STARTED) return newAttempt(event);
  return document?.entity === 'attempt' ? evolveAttempt(document, event) : document;
}

function newCampaign({ data }: RecordedOf<CheckCampaignCreated>): CampaignDocument {
  const { campaignId, ...campaign } = data;
  return { entity: 'campaign', id: campaignId, ...campaign };
}

function newParticipant({ data }: RecordedOf<CheckCampaignCreated>, employeeId: string): ParticipantDocument {
  const { campaignId, checkId, title, opensOn, dueOn, createdAt } = data;
  return {
    entity: 'participant',
    campaignId,
    employeeId,
    attemptId: checkAttemptId({ campaignId, employeeId }),
    checkId,
    title,
    opensOn,
    dueOn,
    createdAt,
    status: 'not-started',
    startedAt: null,
    submittedAt: null,
    completedAt: null,
    awaitingMarking: [],
  };
}

function evolveParticipant(participant: ParticipantDocument, event: CheckCampaignsRecord): ParticipantDocument {
  switch (event.type) {
    case CHECK_ATTEMPT_STARTED:
      return { ...participant, status: 'in-progress', startedAt: event.data.startedAt };
    case CHECK_ATTEMPT_SUBMITTED: {
      const { awaitingMarking, submittedAt } = event.data;
      return awaited({ ...participant, submittedAt, awaitingMarking }, submittedAt);
    }
    case CHECK_ANSWERS_MARKED: {
      const { marks, markedAt } = event.data;
      const awaitingMarking = participant.awaitingMarking.filter((questionId) => !marks.some((mark) => mark.questionId === questionId));
      return awaited({ ...participant, awaitingMarking }, markedAt);
    }
    default:
      return participant;
  }
}

/** Completed once nothing awaits a mark: that is when the attempt records its result. */
function awaited(participant: ParticipantDocument, at: string): ParticipantDocument {
  return participant.awaitingMarking.length > 0
    ? { ...participant, status: 'awaiting-marking' }
    : { ...participant, status: 'completed', completedAt: at };
}

function newAttempt({ data }: RecordedOf<CheckAttemptStarted>): AttemptDocument {
  const { attemptId, campaignId, employeeId, checkId, questions, startedAt } = data;
  return { entity: 'attempt', id: attemptId, campaignId, employeeId, checkId, questions, answers: [], points: [], startedAt, lastChangedAt: startedAt };
}

function evolveAttempt(attempt: AttemptDocument, event: CheckCampaignsRecord): AttemptDocument {
  switch (event.type) {
    case CHECK_ANSWERS_SAVED:
      return { ...attempt, answers: inQuestionOrder(attempt, attempt.answers, event.data.answers), lastChangedAt: event.data.savedAt };
    case CHECK_ATTEMPT_SUBMITTED: {
      const scored = event.data.scores.map(({ questionId, points }) => ({ questionId, points, markerId: null }));
      return { ...attempt, points: inQuestionOrder(attempt, attempt.points, scored), lastChangedAt: event.data.submittedAt };
    }
    case CHECK_ANSWERS_MARKED: {
      const { marks, markerId, markedAt } = event.data;
      return { ...attempt, points: inQuestionOrder(attempt, attempt.points, marks.map((mark) => ({ ...mark, markerId }))), lastChangedAt: markedAt };
    }
    default:
      return attempt;
  }
}

/** The entries with the new ones replacing those of their questions, in the order the attempt shows the questions. */
function inQuestionOrder<T extends { readonly questionId: string }>(attempt: AttemptDocument, entries: readonly T[], news: readonly T[]): T[] {
  const byQuestion = new Map([...entries, ...news].map((entry) => [entry.questionId, entry]));
  return attempt.questions.flatMap(({ questionId }) => byQuestion.get(questionId) ?? []);
}
