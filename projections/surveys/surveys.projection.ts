import type { FactInput, Projection, RecordedOf } from '#kernel';
import {
  ANSWER_TAGS,
  FEEDBACK_BONUS_GRANTED,
  SURVEY_ANSWERED,
  SURVEY_CREATED,
  SURVEY_EVENT_TYPES,
  SURVEY_RESPONSE_EVENT_TYPES,
  SURVEY_REVISED,
  SURVEY_TOKENS_ISSUED,
  SURVEY_WAVE_CLOSED,
  SURVEY_WAVE_LAUNCHED,
  type AnswerTag,
  type BonusOffer,
  type SurveyAnswer,
  type SurveyAudience,
  type SurveyEvent,
  type SurveyQuestion,
  type SurveyResponseEvent,
} from '#domain/surveys/index.js';

/** One fact per response (and one per launched wave with an invited count): the survey scores and response rate. */
export const SURVEY_RESPONSES_METRIC = 'survey.responses';
/** One fact per tag a response carries, counting its answers with that tag. */
export const SURVEY_TAGS_METRIC = 'survey.tags';

/** Promoters answer 9-10 on the NPS scale, detractors 0-6; satisfied CSAT answers are 4-5. */
const NPS_PROMOTER_FROM = 9;
const NPS_DETRACTOR_UNTIL = 6;
const CSAT_SATISFIED_FROM = 4;

export const SURVEY_RESPONSE_MEASURES = [
  'responses',
  'invited',
  'invitedResponses',
  'csatAnswers',
  'csatSatisfied',
  'npsAnswers',
  'npsPromoters',
  'npsPassives',
  'npsDetractors',
  'cesAnswers',
  'cesScoreSum',
] as const;
export type SurveyResponseMeasure = (typeof SURVEY_RESPONSE_MEASURES)[number];

export type SurveyStatus = 'draft' | 'open' | 'closed';

export interface WaveDocument {
  readonly wave: number;
  readonly launchedAt: string;
  readonly closedAt: string | null;
  readonly invited: number | null;
  readonly bonus: BonusOffer | null;
  readonly questions: readonly SurveyQuestion[];
  readonly tokensIssued: number;
  readonly responses: number;
  readonly bonusesGranted: number;
}

/** A survey as the API shows it: the definition in force and every wave with its counts. */
export interface SurveyDocument {
  readonly id: string;
  readonly title: string;
  readonly audience: SurveyAudience;
  readonly anonymous: boolean;
  readonly productId: string | null;
  readonly bonus: BonusOffer | null;
  readonly questions: readonly SurveyQuestion[];
  /** `draft` until the first wave, `open` while a wave runs, `closed` between waves. */
  readonly status: SurveyStatus;
  readonly openWave: number | null;
  readonly createdAt: string;
  readonly revisedAt: string | null;
  readonly responses: number;
  readonly waves: readonly WaveDocument[];
}

type SurveyRecord = RecordedOf<SurveyEvent | SurveyResponseEvent>;

/**
 * Surveys: one document per survey, which the responses and bonuses count into, and the facts of the
 * survey metrics. A response's fact takes the invited count of its wave from the survey document, so
 * that the response rate only sets responses against invitations of the waves that had some. A spent
 * token changes nothing shown; handling it would only version the document at the moment it was spent.
 */
export const surveys: Projection<SurveyDocument, SurveyEvent | SurveyResponseEvent> = {
  name: 'surveys',
  version: 2,
  handles: [...SURVEY_EVENT_TYPES, ...SURVEY_RESPONSE_EVENT_TYPES],
  indexes: [{ fields: ['createdAt'] }],
  documentId: (event) => event.data.surveyId,
  evolve: (document, event) => evolveSurvey(document, event),
  facts: (event, { before }) => surveyFacts(event, before),
};

function evolveSurvey(document: SurveyDocument | null, event: SurveyRecord): SurveyDocument | null {
  if (event.type === SURVEY_CREATED) {
    const { surveyId, title, audience, anonymous, productId, bonus, questions, createdAt } = event.data;
    return {
      id: surveyId,
      title,
      audience,
      anonymous,
      productId: productId ?? null,
      bonus: bonus ?? null,
      questions,
      status: 'draft',
      openWave: null,
      createdAt,
      revisedAt: null,
      responses: 0,
      waves: [],
    };
  }
  if (document === null) return null;
  switch (event.type) {
    case SURVEY_REVISED: {
      const { title, bonus, questions, revisedAt } = event.data;
      return { ...document, title, bonus: bonus ?? null, questions, revisedAt };
    }
    case SURVEY_WAVE_LAUNCHED: {
      const { wave, invited, bonus, questions, launchedAt } = event.data;
      const launched: WaveDocument = {
        wave,
        launchedAt,
        closedAt: null,
        invited: invited ?? null,
        bonus: bonus ?? null,
        questions,
        tokensIssued: 0,
        responses: 0,
        bonusesGranted: 0,
      };
      return { ...document, status: 'open', openWave: wave, waves: [...document.waves, launched] };
    }
    case SURVEY_WAVE_CLOSED:
      return { ...changeWave(document, event.data.wave, (wave) => ({ ...wave, closedAt: event.data.closedAt })), status: 'closed', openWave: null };
    case SURVEY_TOKENS_ISSUED:
      return changeWave(document, event.data.wave, (wave) => ({ ...wave, tokensIssued: wave.tokensIssued + event.data.tokenHashes.length }));
    case SURVEY_ANSWERED:
      return { ...changeWave(document, event.data.wave, (wave) => ({ ...wave, responses: wave.responses + 1 })), responses: document.responses + 1 };
    case FEEDBACK_BONUS_GRANTED:
      return changeWave(document, event.data.wave, (wave) => ({ ...wave, bonusesGranted: wave.bonusesGranted + 1 }));
  }
}

function changeWave(document: SurveyDocument, number: number, change: (wave: WaveDocument) => WaveDocument): SurveyDocument {
  return { ...document, waves: document.waves.map((wave) => (wave.wave === number ? change(wave) : wave)) };
}

function surveyFacts(event: SurveyRecord, survey: SurveyDocument | null): FactInput[] {
  if (survey === null) return [];
  if (event.type === SURVEY_WAVE_LAUNCHED && event.data.invited !== undefined) {
    const dims = factDims(survey.id, event.data.wave, survey.audience, survey.productId);
    return [responsesFact(event.data.launchedAt, dims, { invited: event.data.invited })];
  }
  if (event.type === SURVEY_ANSWERED) {
    const { surveyId, wave, audience, productId, answers, answeredAt } = event.data;
    const dims = factDims(surveyId, wave, audience, productId ?? null);
    const invited = survey.waves.find((known) => known.wave === wave)?.invited ?? null;
    return [
      responsesFact(answeredAt, dims, { responses: 1, invitedResponses: invited === null ? 0 : 1, ...scoreMeasures(answers) }),
      ...tagFacts(answeredAt, dims, answers),
    ];
  }
  return [];
}

function factDims(surveyId: string, wave: number, audience: SurveyAudience, productId: string | null): Record<string, string> {
  return { surveyId, wave: String(wave), audience, ...(productId !== null && { productId }) };
}

/** Every measure is written, zero when it does not apply, so that each one sums over any set of facts. */
function responsesFact(occurredAt: string, dims: Record<string, string>, measures: Partial<Record<SurveyResponseMeasure, number>>): FactInput {
  const all = Object.fromEntries(SURVEY_RESPONSE_MEASURES.map((measure) => [measure, measures[measure] ?? 0]));
  return { metric: SURVEY_RESPONSES_METRIC, occurredAt, dims, measures: all };
}

function scoreMeasures(answers: readonly SurveyAnswer[]): Partial<Record<SurveyResponseMeasure, number>> {
  const scores = (kind: SurveyAnswer['kind']) => answers.flatMap((answer) => (answer.kind === kind && 'score' in answer ? [answer.score] : []));
  const csat = scores('csat');
  const nps = scores('nps');
  const ces = scores('ces');
  return {
    csatAnswers: csat.length,
    csatSatisfied: csat.filter((score) => score >= CSAT_SATISFIED_FROM).length,
    npsAnswers: nps.length,
    npsPromoters: nps.filter((score) => score >= NPS_PROMOTER_FROM).length,
    npsPassives: nps.filter((score) => score > NPS_DETRACTOR_UNTIL && score < NPS_PROMOTER_FROM).length,
    npsDetractors: nps.filter((score) => score <= NPS_DETRACTOR_UNTIL).length,
    cesAnswers: ces.length,
    cesScoreSum: ces.reduce((sum, score) => sum + score, 0),
  };
}

function tagFacts(occurredAt: string, dims: Record<string, string>, answers: readonly SurveyAnswer[]): FactInput[] {
  const tagged = (tag: AnswerTag) => answers.filter((answer) => answer.tags?.includes(tag)).length;
  return ANSWER_TAGS.filter((tag) => tagged(tag) > 0).map((tag) => ({
    metric: SURVEY_TAGS_METRIC,
    occurredAt,
    dims: { ...dims, tag },
    measures: { answers: tagged(tag) },
  }));
}
