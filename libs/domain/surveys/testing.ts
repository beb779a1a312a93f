import type { BonusOffer, SurveyQuestion } from './survey.events.js';

/*
 * Fixtures the survey specs share: the dates of one survey's life, questions of every kind, and a
 * bonus offered for feedback.
 */

export const CREATED_AT = '2026-03-02T09:00:00.000Z';
export const LAUNCHED_AT = '2026-03-03T09:00:00.000Z';
export const ANSWERED_AT = '2026-03-04T10:00:00.000Z';
export const CLOSED_AT = '2026-03-10T18:00:00.000Z';

export const satisfaction: SurveyQuestion = { questionId: 'satisfaction', kind: 'csat', text: 'How satisfied are you?', required: true };
export const recommend: SurveyQuestion = { questionId: 'recommend', kind: 'nps', text: 'Would you recommend us?', required: false };
export const effort: SurveyQuestion = { questionId: 'effort', kind: 'ces', text: 'How easy was it?', required: false };
export const channel: SurveyQuestion = {
  questionId: 'channel',
  kind: 'single-choice',
  text: 'Where did you hear of us?',
  required: false,
  options: [
    { optionId: 'webinar', text: 'A webinar' },
    { optionId: 'friend', text: 'A friend' },
  ],
};
export const topics: SurveyQuestion = {
  questionId: 'topics',
  kind: 'multiple-choice',
  text: 'Which topics helped?',
  required: false,
  options: [
    { optionId: 'sales', text: 'Sales' },
    { optionId: 'traffic', text: 'Traffic' },
    { optionId: 'design', text: 'Design' },
  ],
};
export const missing: SurveyQuestion = { questionId: 'missing', kind: 'free-text', text: 'What was missing?', required: false };

export const WEBINAR_BONUS: BonusOffer = { description: 'A webinar recording', amount: { minor: 50_000, currency: 'RUB' } };
