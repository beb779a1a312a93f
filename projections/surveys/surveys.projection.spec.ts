import type { RecordedEvent } from '#kernel';
import { projectionSpec, recorded } from '#kernel/testing.js';
import type { SurveyEvent, SurveyQuestion, SurveyResponseEvent } from '#domain/surveys/index.js';
import { ANSWERED_AT, CLOSED_AT, CREATED_AT, LAUNCHED_AT } from '#domain/surveys/testing.js';
import { SURVEY_RESPONSES_METRIC, SURVEY_TAGS_METRIC, surveys, type SurveyDocument } from './surveys.projection.js';


const questions: SurveyQuestion[] = [
  { questionId: 'course', kind: 'csat', text: 'The course?', required: true },
  { questionId: 'support', kind: 'csat', text: 'The support?', required: false },
  { questionId: 'recommend', kind: 'nps', text: 'Recommend us?', required: false },
  { questionId: 'effort', kind: 'ces', text: 'Easy to buy?', required: false },
  { questionId: 'missing', kind: 'free-text', text: 'What was missing?', required: false },
];
const BONUS = { description: 'A webinar recording' };

/** Recorded as the store would, positions counted from 1; the projection reads business times from the data. */
function history(...events: (SurveyEvent | SurveyResponseEvent)[]): RecordedEvent[] {
  return events.map((event, index) => recorded(event, { position: BigInt(index + 1) }));
}

const created: SurveyEvent = {
  type: 'SurveyCreated',
  data: { surveyId: 'survey-1', title: 'Buyers', audience: 'clients-bought', anonymous: false, productId: 'course-sales', bonus: BONUS, questions, createdAt: CREATED_AT },
};
const launched = (wave: number, invited?: number): SurveyEvent => ({
  type: 'SurveyWaveLaunched',
  data: { surveyId: 'survey-1', wave, ...(invited !== undefined && { invited }), bonus: BONUS, questions, launchedAt: LAUNCHED_AT },
});
const closed: SurveyEvent = { type: 'SurveyWaveClosed', data: { surveyId: 'survey-1', wave: 1, closedAt: CLOSED_AT } };

/** CSAT 5 and 3, NPS 6, CES 3, a free text tagged as a problem and an idea; the NPS answer tagged as a problem too. */
const answered = (responseId: string, wave = 1): SurveyResponseEvent => ({
  type: 'SurveyAnswered',
  data: {
    responseId,
    surveyId: 'survey-1',
    wave,
    audience: 'clients-bought',
    productId: 'course-sales',
    anonymous: false,
    respondent: { kind: 'client', id: `client-of-${responseId}` },
    answers: [
      { questionId: 'course', kind: 'csat', score: 5 },
      { questionId: 'support', kind: 'csat', score: 3 },
      { questionId: 'recommend', kind: 'nps', score: 6, tags: ['problem'] },
      { questionId: 'effort', kind: 'ces', score: 3 },
      { questionId: 'missing', kind: 'free-text', text: 'Homework reviews', tags: ['problem', 'idea'] },
    ],
    answeredAt: ANSWERED_AT,
  },
});

const draft: SurveyDocument = {
  id: 'survey-1',
  title: 'Buyers',
  audience: 'clients-bought',
  anonymous: false,
  productId: 'course-sales',
  bonus: BONUS,
  questions,
  status: 'draft',
  openWave: null,
  createdAt: CREATED_AT,
  revisedAt: null,
  responses: 0,
  waves: [],
};

const wave1 = {
  wave: 1,
  launchedAt: LAUNCHED_AT,
  closedAt: null,
  invited: 20,
  bonus: BONUS,
  questions,
  tokensIssued: 0,
  responses: 0,
  bonusesGranted: 0,
};

const zeroMeasures = {
  responses: 0,
  invited: 0,
  invitedResponses: 0,
  csatAnswers: 0,
  csatSatisfied: 0,
  npsAnswers: 0,
  npsPromoters: 0,
  npsPassives: 0,
  npsDetractors: 0,
  cesAnswers: 0,
  cesScoreSum: 0,
};
const dims = { surveyId: 'survey-1', wave: '1', audience: 'clients-bought', productId: 'course-sales' };

describe('surveys projection', () => {
  it('keeps a draft document per created survey', () => {
    projectionSpec(surveys).given(history(created)).thenDocuments({ 'survey-1': draft }).thenFacts([]);
  });

  it('opens a wave with the questions it runs with, and counts its invitations on the launch date', () => {
    projectionSpec(surveys)
      .given(history(created, launched(1, 20)))
      .thenDocument('survey-1', { ...draft, status: 'open', openWave: 1, waves: [wave1] })
      .thenFacts([{ metric: SURVEY_RESPONSES_METRIC, occurredAt: LAUNCHED_AT, dims, measures: { ...zeroMeasures, invited: 20 } }]);
  });

  it('counts no invitations for a wave launched without an invited count', () => {
    projectionSpec(surveys).given(history(created, launched(1))).thenFacts([]);
  });

  it('scores a response: two CSAT answers of which one satisfied, an NPS detractor, a CES of 3, and its tags', () => {
    projectionSpec(surveys)
      .given(history(created, launched(1, 20), answered('r-1')))
      .thenFacts([
        { metric: SURVEY_RESPONSES_METRIC, occurredAt: LAUNCHED_AT, dims, measures: { ...zeroMeasures, invited: 20 } },
        {
          metric: SURVEY_RESPONSES_METRIC,
          occurredAt: ANSWERED_AT,
          dims,
          measures: {
            ...zeroMeasures,
            responses: 1,
            invitedResponses: 1,
            csatAnswers: 2,
            csatSatisfied: 1,
            npsAnswers: 1,
            npsDetractors: 1,
            cesAnswers: 1,
            cesScoreSum: 3,
          },
        },
        { metric: SURVEY_TAGS_METRIC, occurredAt: ANSWERED_AT, dims: { ...dims, tag: 'problem' }, measures: { answers: 2 } },
        { metric: SURVEY_TAGS_METRIC, occurredAt: ANSWERED_AT, dims: { ...dims, tag: 'idea' }, measures: { answers: 1 } },
      ]);
  });

  it('tells NPS promoters (9-10), passives (7-8) and detractors (0-6) apart, and CSAT 4-5 from 1-3', () => {
    const withScores = (responseId: string, csat: number, nps: number): SurveyResponseEvent => {
      const event = answered(responseId) as Extract<SurveyResponseEvent, { type: 'SurveyAnswered' }>;
      const answers = [
        { questionId: 'course', kind: 'csat' as const, score: csat },
        { questionId: 'recommend', kind: 'nps' as const, score: nps },
      ];
      return { ...event, data: { ...event.data, answers } };
    };
    const facts = projectionSpec(surveys).given(
      history(created, launched(1), withScores('a', 4, 9), withScores('b', 3, 8), withScores('c', 1, 7), withScores('d', 5, 10), withScores('e', 2, 0)),
    ).facts;
    const measures = facts.map((fact) => fact.measures);
    expect(measures.map((m) => [m.csatSatisfied, m.npsPromoters, m.npsPassives, m.npsDetractors])).toEqual([
      [1, 1, 0, 0],
      [0, 0, 1, 0],
      [0, 0, 1, 0],
      [1, 1, 0, 0],
      [0, 0, 0, 1],
    ]);
  });

  it('does not count a response of a wave without invitations toward the response rate', () => {
    const facts = projectionSpec(surveys).given(history(created, launched(1), answered('r-1'))).facts;
    expect(facts[0]!.measures).toMatchObject({ responses: 1, invitedResponses: 0 });
  });

  it('counts responses, tokens and bonuses per wave, closes it and takes a revision', () => {
    const revisedQuestions = questions.slice(0, 2);
    const spec = projectionSpec(surveys).given(
      history(
        created,
        launched(1, 20),
        { type: 'SurveyTokensIssued', data: { surveyId: 'survey-1', wave: 1, tokenHashes: ['a'.repeat(64), 'b'.repeat(64)], issuedAt: LAUNCHED_AT } },
        answered('r-1'),
        answered('r-2'),
        {
          type: 'FeedbackBonusGranted',
          data: { responseId: 'r-1', surveyId: 'survey-1', wave: 1, respondent: { kind: 'client', id: 'c' }, bonus: BONUS, grantedAt: ANSWERED_AT },
        },
        closed,
        { type: 'SurveyRevised', data: { surveyId: 'survey-1', title: 'Buyers, again', questions: revisedQuestions, revisedAt: '2026-03-11T09:00:00.000Z' } },
      ),
    );
    spec.thenDocument('survey-1', {
      ...draft,
      title: 'Buyers, again',
      bonus: null,
      questions: revisedQuestions,
      revisedAt: '2026-03-11T09:00:00.000Z',
      status: 'closed',
      responses: 2,
      waves: [{ ...wave1, closedAt: '2026-03-10T18:00:00.000Z', tokensIssued: 2, responses: 2, bonusesGranted: 1 }],
    });
  });

  it('leaves the product out of the dims of a survey about no product', () => {
    const { productId: _productId, ...withoutProduct } = (created as Extract<SurveyEvent, { type: 'SurveyCreated' }>).data;
    const facts = projectionSpec(surveys).given(history({ type: 'SurveyCreated', data: withoutProduct }, launched(1, 5))).facts;
    expect(facts[0]!.dims).toEqual({ surveyId: 'survey-1', wave: '1', audience: 'clients-bought' });
  });
});
