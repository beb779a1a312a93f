import { projectionSpec, recorded } from '#kernel/testing.js';
import type { SurveyAnswer, SurveyResponseEvent } from '#domain/surveys/index.js';
import { ANSWERED_AT } from '#domain/surveys/testing.js';
import { freeTextKey, matchingFreeTexts, surveyResponses, type SurveyResponseDocument } from './survey-responses.projection.js';


const answers: SurveyAnswer[] = [
  { questionId: 'pulse', kind: 'nps', score: 8, tags: ['problem'] },
  { questionId: 'worst', kind: 'free-text', text: 'Too many meetings', tags: ['problem'] },
  { questionId: 'learn', kind: 'free-text', text: 'Negotiation', tags: ['idea', 'training-wish'] },
  { questionId: 'else', kind: 'free-text', text: 'Nothing' },
];

const anonymous: SurveyResponseEvent = {
  type: 'SurveyAnswered',
  data: { responseId: 'r-anon', surveyId: 'survey-1', wave: 2, audience: 'all-employees', anonymous: true, answers, answeredAt: ANSWERED_AT },
};

const identified: SurveyResponseEvent = {
  type: 'SurveyAnswered',
  data: {
    responseId: 'r-emp',
    surveyId: 'survey-2',
    wave: 1,
    audience: 'employees',
    productId: 'course-sales',
    anonymous: false,
    respondent: { kind: 'employee', id: 'emp-7' },
    answers: [answers[0]!],
    answeredAt: ANSWERED_AT,
  },
};

const hex = (text: string) => Buffer.from(text, 'utf8').toString('hex');

describe('surveyResponses projection', () => {
  it('keeps an anonymous response without any respondent, indexed by its free-text questions and tags', () => {
    projectionSpec(surveyResponses)
      .given([recorded(anonymous)])
      .thenDocument('r-anon', {
        id: 'r-anon',
        surveyId: 'survey-1',
        wave: 2,
        audience: 'all-employees',
        productId: null,
        anonymous: true,
        respondent: null,
        answers,
        answeredAt: ANSWERED_AT,
        bonus: null,
        freeTextKeys: {
          any: true,
          [`question_${hex('worst')}`]: true,
          tag_problem: true,
          [`question_${hex('worst')}_tag_problem`]: true,
          [`question_${hex('learn')}`]: true,
          tag_idea: true,
          [`question_${hex('learn')}_tag_idea`]: true,
          tag_training_wish: true,
          [`question_${hex('learn')}_tag_training_wish`]: true,
          [`question_${hex('else')}`]: true,
        },
      });
  });

  it('keeps an identified response with its respondent, and the bonus granted for it', () => {
    const spec = projectionSpec(surveyResponses).given([
      recorded(identified),
      recorded({
        type: 'FeedbackBonusGranted',
        data: {
          responseId: 'r-emp',
          surveyId: 'survey-2',
          wave: 1,
          respondent: { kind: 'employee', id: 'emp-7' },
          bonus: { description: 'A day off' },
          grantedAt: '2026-03-05T10:00:00.000Z',
        },
      }),
    ]);
    const document = spec.documents.get('r-emp') as SurveyResponseDocument;
    expect(document).toMatchObject({
      respondent: { kind: 'employee', id: 'emp-7' },
      productId: 'course-sales',
      bonus: { description: 'A day off', amount: null, grantedAt: '2026-03-05T10:00:00.000Z' },
      freeTextKeys: {},
    });
  });

  it('names the index keys after the question and the tag', () => {
    expect(freeTextKey({})).toBe('any');
    expect(freeTextKey({ tag: 'training-wish' })).toBe('tag_training_wish');
    expect(freeTextKey({ questionId: 'q.1' })).toBe('question_712e31');
    expect(freeTextKey({ questionId: 'q.1', tag: 'objection' })).toBe('question_712e31_tag_objection');
  });

  it('lists the free-text answers that match a question and a tag', () => {
    const texts = (filter: Parameters<typeof matchingFreeTexts>[1]) => matchingFreeTexts(answers, filter).map((answer) => answer.text);
    expect(texts({})).toEqual(['Too many meetings', 'Negotiation', 'Nothing']);
    expect(texts({ tag: 'problem' })).toEqual(['Too many meetings']);
    expect(texts({ tag: 'training-wish' })).toEqual(['Negotiation']);
    expect(texts({ questionId: 'learn', tag: 'problem' })).toEqual([]);
    expect(texts({ questionId: 'else' })).toEqual(['Nothing']);
  });
});
