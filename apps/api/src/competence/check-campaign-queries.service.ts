import { Inject, Injectable } from '@nestjs/common';
import { checkAttemptId, type CheckAnswer } from '#domain/competence/index.js';
import { dayOf } from '#domain/shared/days.js';
import { NotFoundError, type Clock } from '#kernel';
import { CLOCK, STORES, type Stores } from '#persistence';
import {
  attemptDocumentId,
  campaignDocumentId,
  CHECK_CAMPAIGNS,
  COMPETENCE_CATALOGUE,
  competenceDocumentId,
  participantDocumentId,
  participationOn,
  participationReport,
  type AttemptDocument,
  type CampaignDocument,
  type KnowledgeCheckDocument,
  type ParticipantDocument,
  type QuestionPoints,
} from '#projections/competence/index.js';
import { ownRecordsOnly, requireOwnOrReader, type Principal } from '../auth/principal.js';
import { asOfView, readAsOf, type ResolvedAsOf } from '../platform/as-of.js';
import { readPage } from '../platform/keyset-pages.js';
import { ProjectionProgress } from '../platform/projection-progress.service.js';
import { withoutAnswerKey } from './answer-keys.js';
import type {
  AttemptQuestionView,
  AttemptView,
  CampaignListQuery,
  CampaignPage,
  CampaignSummaryView,
  CampaignView,
  ParticipationQuery,
  ParticipationReportView,
} from './check-campaigns.dto.js';
import { CAMPAIGN_READERS } from './competence-roles.js';

/** Reads of the campaigns, their participation and the attempts, from the `checkCampaigns` read model. */
@Injectable()
export class CheckCampaignQueries {
  constructor(
    @Inject(STORES) private readonly stores: Stores,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly progress: ProjectionProgress,
  ) {}

  async campaign(campaignId: string, moment: ResolvedAsOf): Promise<CampaignView> {
    const { document, position } = await this.campaignDocument(campaignId, moment);
    const { entity: _entity, ...campaign } = document;
    return { ...campaign, position: position.toString() };
  }

  /**
   * Every campaign, or, with `employeeId`, those the employee takes part in with where they stand.
   * A caller who reads no one else's campaigns (an `employee` key) reads their own.
   */
  async list(query: CampaignListQuery, moment: ResolvedAsOf, caller: Principal): Promise<CampaignPage> {
    const employeeId = query.employeeId ?? ownRecordsOnly(caller, CAMPAIGN_READERS);
    if (employeeId === undefined) {
      return readPage<CampaignDocument, CampaignSummaryView>(this.stores.reads, { projection: CHECK_CAMPAIGNS, filter: { entity: 'campaign' }, orderBy: 'createdAt', moment }, query, summaryOf);
    }
    requireOwnOrReader(caller, employeeId, CAMPAIGN_READERS, "another employee's campaigns");
    const today = this.today();
    return readPage<ParticipantDocument, CampaignSummaryView>(
      this.stores.reads,
      { projection: CHECK_CAMPAIGNS, filter: { entity: 'participant', employeeId }, orderBy: 'createdAt', moment },
      query,
      (participant) => {
        const { campaignId: id, checkId, title, opensOn, dueOn, createdAt } = participant;
        return { id, checkId, title, opensOn, dueOn, createdAt, participation: participationOn(participant, today) };
      },
    );
  }

  /** Who took the check and who did not, judged on the day `at` (default today). */
  async participation(campaignId: string, query: ParticipationQuery, moment: ResolvedAsOf): Promise<ParticipationReportView> {
    const { document } = await this.campaignDocument(campaignId, moment);
    const participants = await this.stores.reads.find<ParticipantDocument>(CHECK_CAMPAIGNS, { entity: 'participant', campaignId }, {
      ...readAsOf(moment),
      sort: [{ field: 'employeeId', direction: 'asc' }],
    });
    const report = participationReport(document, participants.map(({ data }) => data), query.at ?? this.today());
    return { ...report, asOf: asOfView(moment) };
  }

  /**
   * An employee's attempt: the questions in its order with the texts and options of the check, never
   * its answer key, with the answers saved and the points scored so far. The employee reads their
   * own; the campaign readers everyone's.
   */
  async attempt(campaignId: string, employeeId: string, moment: ResolvedAsOf, caller: Principal): Promise<AttemptView> {
    requireOwnOrReader(caller, employeeId, CAMPAIGN_READERS, "another employee's attempt");
    const attemptId = checkAttemptId({ campaignId, employeeId });
    const [participant, attempt] = await Promise.all([
      this.stores.reads.get<ParticipantDocument>(CHECK_CAMPAIGNS, participantDocumentId(campaignId, employeeId), readAsOf(moment)),
      this.stores.reads.get<AttemptDocument>(CHECK_CAMPAIGNS, attemptDocumentId(attemptId), readAsOf(moment)),
    ]);
    if (participant === undefined || attempt === undefined) throw new NotFoundError('knowledge check attempt', attemptId);
    await this.progress.requireReached(moment.position, [COMPETENCE_CATALOGUE]);
    const check = await this.stores.reads.get<KnowledgeCheckDocument>(COMPETENCE_CATALOGUE, competenceDocumentId('knowledgeCheck', attempt.data.checkId), readAsOf(moment));
    if (check === undefined) throw new NotFoundError('knowledge check', attempt.data.checkId);
    const { checkId, title, opensOn, dueOn } = participant.data;
    const questions = attempt.data.questions.map((shown) => questionView(shown, check.data, attempt.data));
    return {
      ...participationOn(participant.data, this.today()),
      campaignId,
      checkId,
      title,
      opensOn,
      dueOn,
      questions,
      scoredPoints: sum(questions.map((question) => question.awarded?.points ?? 0)),
      maxPoints: sum(questions.map((question) => question.points)),
      lastChangedAt: attempt.data.lastChangedAt,
      asOf: asOfView(moment),
    };
  }

  private async campaignDocument(campaignId: string, moment: ResolvedAsOf): Promise<{ document: CampaignDocument; position: bigint }> {
    const found = await this.stores.reads.get<CampaignDocument>(CHECK_CAMPAIGNS, campaignDocumentId(campaignId), readAsOf(moment));
    if (found === undefined) throw new NotFoundError('knowledge check campaign', campaignId);
    return { document: found.data, position: found.position };
  }

  private today(): string {
    return dayOf(this.clock.now().toISOString());
  }
}

function summaryOf({ id, checkId, title, opensOn, dueOn, createdAt }: CampaignDocument): CampaignSummaryView {
  return { id, checkId, title, opensOn, dueOn, createdAt };
}

/** A question of the check as the attempt shows it: its options in the attempt's order, with the answer and the points. */
function questionView(shown: AttemptDocument['questions'][number], check: KnowledgeCheckDocument, attempt: AttemptDocument): AttemptQuestionView {
  const question = withoutAnswerKey(check.questions.find((candidate) => candidate.questionId === shown.questionId)!);
  const { options, ...rest } = question;
  return {
    ...rest,
    ...(options !== undefined && { options: (shown.optionIds ?? []).map((optionId) => options.find((option) => option.optionId === optionId)!) }),
    answer: answerOf(attempt.answers.find((answer) => answer.questionId === shown.questionId)),
    awarded: awardedOf(attempt.points.find((points) => points.questionId === shown.questionId)),
  };
}

function answerOf(answer: CheckAnswer | undefined): AttemptQuestionView['answer'] {
  if (answer === undefined) return null;
  const { questionId: _questionId, ...given } = answer;
  return given;
}

function awardedOf(points: QuestionPoints | undefined): AttemptQuestionView['awarded'] {
  if (points === undefined) return null;
  const { questionId: _questionId, ...awarded } = points;
  return awarded;
}

function sum(values: readonly number[]): number {
  return values.reduce((total, value) => total + value, 0);
}
