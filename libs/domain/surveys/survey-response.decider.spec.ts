import { DomainRuleError, NotFoundError } from '#kernel';
import { deciderSpec } from '#kernel/testing.js';
import {
  identifiedResponseId,
  type AnswerSurvey,
  type GrantFeedbackBonus,
  type GivenAnswer,
} from './survey-response.commands.js';
import { surveyResponseDecider } from './survey-response.decider.js';
import { surveyDecider, type SurveyState } from './survey.decider.js';
import type {
  FeedbackBonusGranted,
  Respondent,
  SurveyAnswered,
  SurveyCreatedData,
  SurveyEvent,
  SurveyQuestion,
} from './survey.events.js';
import {
  ANSWERED_AT,
  channel,
  CLOSED_AT,
  CREATED_AT,
  effort,
  LAUNCHED_AT,
  missing,
  recommend,
  satisfaction,
  topics,
  WEBINAR_BONUS,
} from './testing.js';

const TOKEN = 'c'.repeat(64);
const OTHER_TOKEN = 'd'.repeat(64);
const RANDOM_ID = '3f2b8c1e-9a4d-4e7f-b5c6-0d1e2f3a4b5c';

const questions: SurveyQuestion[] = [satisfaction, recommend, effort, channel, topics, missing];
const BONUS = WEBINAR_BONUS;

function survey(definition: Partial<SurveyCreatedData>, ...more: SurveyEvent[]): SurveyState {
  const history: SurveyEvent[] = [
    {
      type: 'SurveyCreated',
      data: { surveyId: 'survey-1', title: 'Pulse', audience: 'employees', anonymous: false, questions, createdAt: CREATED_AT, ...definition },
    },
    { type: 'SurveyWaveLaunched', data: { surveyId: 'survey-1', wave: 1, questions, launchedAt: LAUNCHED_AT, ...(definition.bonus && { bonus: definition.bonus }) } },
    ...more,
  ];
  return history.reduce(surveyDecider.evolve, surveyDecider.initialState());
}

const tokensIssued: SurveyEvent = {
  type: 'SurveyTokensIssued',
  data: { surveyId: 'survey-1', wave: 1, tokenHashes: [TOKEN], issuedAt: LAUNCHED_AT },
};
const waveClosed: SurveyEvent = { type: 'SurveyWaveClosed', data: { surveyId: 'survey-1', wave: 1, closedAt: CLOSED_AT } };

const employeeSurvey = survey({ productId: 'course-sales', bonus: BONUS });
const clientSurvey = survey({ audience: 'clients-not-bought', bonus: BONUS });
const anonymousSurvey = survey({ audience: 'all-employees', anonymous: true }, tokensIssued);

const employee: Respondent = { kind: 'employee', id: 'emp-7' };
const client: Respondent = { kind: 'client', id: 'client-42' };

const fullAnswers: GivenAnswer[] = [
  { questionId: 'satisfaction', score: 4 },
  { questionId: 'recommend', score: 9, tags: ['idea', 'objection'] },
  { questionId: 'effort', score: 2 },
  { questionId: 'channel', optionId: 'friend' },
  { questionId: 'topics', optionIds: ['traffic', 'sales'] },
  { questionId: 'missing', text: 'More practice on funnels', tags: ['training-wish'] },
];

function answer(respondent: Respondent | { tokenHash: string }, answers: GivenAnswer[] = fullAnswers, at = ANSWERED_AT): AnswerSurvey {
  if ('tokenHash' in respondent) {
    const { tokenHash } = respondent;
    return { type: 'AnswerSurvey', responseId: RANDOM_ID, surveyId: 'survey-1', wave: 1, tokenHash, answers, at };
  }
  return { type: 'AnswerSurvey', responseId: identifiedResponseId('survey-1', 1, respondent), surveyId: 'survey-1', wave: 1, respondent, answers, at };
}

const recordedAnswers = [
  { questionId: 'satisfaction', kind: 'csat', score: 4 },
  { questionId: 'recommend', kind: 'nps', score: 9, tags: ['objection', 'idea'] },
  { questionId: 'effort', kind: 'ces', score: 2 },
  { questionId: 'channel', kind: 'single-choice', optionId: 'friend' },
  { questionId: 'topics', kind: 'multiple-choice', optionIds: ['traffic', 'sales'] },
  { questionId: 'missing', kind: 'free-text', text: 'More practice on funnels', tags: ['training-wish'] },
] as const;

const employeeAnswered: SurveyAnswered = {
  type: 'SurveyAnswered',
  data: {
    responseId: identifiedResponseId('survey-1', 1, employee),
    surveyId: 'survey-1',
    wave: 1,
    audience: 'employees',
    productId: 'course-sales',
    anonymous: false,
    respondent: employee,
    answers: recordedAnswers,
    answeredAt: ANSWERED_AT,
  },
};

const anonymousAnswered: SurveyAnswered = {
  type: 'SurveyAnswered',
  data: {
    responseId: RANDOM_ID,
    surveyId: 'survey-1',
    wave: 1,
    audience: 'all-employees',
    anonymous: true,
    answers: recordedAnswers,
    answeredAt: '2026-03-04T00:00:00.000Z',
  },
};

const grant = (at = '2026-03-05T10:00:00.000Z', responseId = employeeAnswered.data.responseId): GrantFeedbackBonus => ({
  type: 'GrantFeedbackBonus',
  responseId,
  surveyId: 'survey-1',
  at,
});

const granted: FeedbackBonusGranted = {
  type: 'FeedbackBonusGranted',
  data: { responseId: employeeAnswered.data.responseId, surveyId: 'survey-1', wave: 1, respondent: employee, bonus: BONUS, grantedAt: '2026-03-05T10:00:00.000Z' },
};

describe('survey response decider', () => {
  describe('identified answers', () => {
    it('records an employee response with every kind of answer, tags in their canonical order', () => {
      deciderSpec(surveyResponseDecider(employeeSurvey)).given([]).when(answer(employee)).then([employeeAnswered]);
    });

    it("records a client's answers, skipping the optional questions", () => {
      deciderSpec(surveyResponseDecider(clientSurvey))
        .given([])
        .when(answer(client, [{ questionId: 'satisfaction', score: 2, tags: ['objection'] }]))
        .then([
          {
            type: 'SurveyAnswered',
            data: {
              responseId: identifiedResponseId('survey-1', 1, client),
              surveyId: 'survey-1',
              wave: 1,
              audience: 'clients-not-bought',
              anonymous: false,
              respondent: client,
              answers: [{ questionId: 'satisfaction', kind: 'csat', score: 2, tags: ['objection'] }],
              answeredAt: ANSWERED_AT,
            },
          },
        ]);
    });

    it('derives one response id per survey, wave and respondent', () => {
      expect(identifiedResponseId('survey-1', 1, employee)).toBe(identifiedResponseId('survey-1', 1, { kind: 'employee', id: 'emp-7' }));
      expect(
        new Set([
          identifiedResponseId('survey-1', 1, employee),
          identifiedResponseId('survey-1', 2, employee),
          identifiedResponseId('survey-2', 1, employee),
          identifiedResponseId('survey-1', 1, { kind: 'client', id: 'emp-7' }),
          identifiedResponseId('survey-1', 1, { kind: 'employee', id: 'emp-8' }),
        ]).size,
      ).toBe(5);
    });

    it('takes one response per respondent and wave', () => {
      deciderSpec(surveyResponseDecider(employeeSurvey)).given([employeeAnswered]).when(answer(employee)).thenThrows(DomainRuleError, 'ALREADY_ANSWERED');
    });

    it('refuses a respondent outside the audience', () => {
      deciderSpec(surveyResponseDecider(employeeSurvey)).given([]).when(answer(client)).thenThrows(DomainRuleError, 'RESPONDENT_NOT_IN_AUDIENCE');
      deciderSpec(surveyResponseDecider(clientSurvey)).given([]).when(answer(employee)).thenThrows(DomainRuleError, 'RESPONDENT_NOT_IN_AUDIENCE');
    });

    it('refuses a known respondent on an anonymous survey', () => {
      deciderSpec(surveyResponseDecider(anonymousSurvey, TOKEN)).given([]).when(answer(employee)).thenThrows(DomainRuleError, 'ANONYMOUS_SURVEY');
    });
  });

  describe('anonymous answers', () => {
    it('records a response without any respondent, under its random id, on its day only', () => {
      deciderSpec(surveyResponseDecider(anonymousSurvey, TOKEN)).given([]).when(answer({ tokenHash: TOKEN })).then([anonymousAnswered]);
    });

    it('still refuses an answer given before its wave was launched, to the millisecond', () => {
      deciderSpec(surveyResponseDecider(anonymousSurvey, TOKEN))
        .given([])
        .when(answer({ tokenHash: TOKEN }, fullAnswers, '2026-03-03T08:59:59.999Z'))
        .thenThrows(DomainRuleError, 'DATED_TOO_EARLY');
    });

    it('takes an answer only with its own token spent first', () => {
      deciderSpec(surveyResponseDecider(anonymousSurvey)).given([]).when(answer({ tokenHash: TOKEN })).thenThrows(DomainRuleError, 'TOKEN_NOT_REDEEMED');
      deciderSpec(surveyResponseDecider(anonymousSurvey, TOKEN)).given([]).when(answer({ tokenHash: OTHER_TOKEN })).thenThrows(DomainRuleError, 'TOKEN_NOT_REDEEMED');
    });

    it('refuses a response id that is derived or carries the time: only a random one', () => {
      const { given } = deciderSpec(surveyResponseDecider(anonymousSurvey, TOKEN));
      given([]).when({ ...answer({ tokenHash: TOKEN }), responseId: identifiedResponseId('survey-1', 1, employee) }).thenRejects(['responseId']);
      given([]).when({ ...answer({ tokenHash: TOKEN }), responseId: '0196f3c1-2b3c-7d4e-9f50-6a7b8c9d0e1f' }).thenRejects(['responseId']);
    });

    it('refuses a token on an identified survey', () => {
      deciderSpec(surveyResponseDecider(employeeSurvey)).given([]).when(answer({ tokenHash: TOKEN })).thenThrows(DomainRuleError, 'SURVEY_NOT_ANONYMOUS');
    });
  });

  describe('the wave', () => {
    it('must exist', () => {
      const decider = surveyResponseDecider(surveyDecider.initialState());
      deciderSpec(decider).given([]).when(answer(employee)).thenThrows(NotFoundError);
      const secondWave = { ...answer(employee), wave: 2, responseId: identifiedResponseId('survey-1', 2, employee) };
      deciderSpec(surveyResponseDecider(employeeSurvey)).given([]).when(secondWave).thenThrows(NotFoundError);
    });

    it('must be open', () => {
      deciderSpec(surveyResponseDecider(survey({}, waveClosed))).given([]).when(answer(employee)).thenThrows(DomainRuleError, 'WAVE_CLOSED');
    });

    it('takes no answer dated before its launch', () => {
      deciderSpec(surveyResponseDecider(employeeSurvey))
        .given([])
        .when(answer(employee, fullAnswers, '2026-03-03T08:59:59.999Z'))
        .thenThrows(DomainRuleError, 'DATED_TOO_EARLY');
    });
  });

  describe('answers checked against the questions of the wave', () => {
    const { given } = deciderSpec(surveyResponseDecider(employeeSurvey));

    const only = (...answers: GivenAnswer[]) => answer(employee, [{ questionId: 'satisfaction', score: 5 }, ...answers]);

    it.each<[string, AnswerSurvey, string]>([
      ['no answers', answer(employee, []), 'answers'],
      ['a missing required answer', answer(employee, [{ questionId: 'recommend', score: 10 }]), 'answers'],
      ['an unknown question', only({ questionId: 'mood', score: 3 }), 'answers.1.questionId'],
      ['a question answered twice', only({ questionId: 'satisfaction', score: 4 }), 'answers.1.questionId'],
      ['a CSAT of 0', answer(employee, [{ questionId: 'satisfaction', score: 0 }]), 'answers.0.score'],
      ['a CSAT of 6', answer(employee, [{ questionId: 'satisfaction', score: 6 }]), 'answers.0.score'],
      ['an NPS of 11', only({ questionId: 'recommend', score: 11 }), 'answers.1.score'],
      ['an NPS of -1', only({ questionId: 'recommend', score: -1 }), 'answers.1.score'],
      ['a CES of 8', only({ questionId: 'effort', score: 8 }), 'answers.1.score'],
      ['a fractional score', answer(employee, [{ questionId: 'satisfaction', score: 4.5 }]), 'answers.0.score'],
      ['a score as text', answer(employee, [{ questionId: 'satisfaction', score: '4' as unknown as number }]), 'answers.0.score'],
      ['a scored question answered with text', answer(employee, [{ questionId: 'satisfaction', text: 'good' }]), 'answers.0.text'],
      ['a choice answered with a score', only({ questionId: 'channel', score: 1 }), 'answers.1.score'],
      ['an option the question does not have', only({ questionId: 'channel', optionId: 'radio' }), 'answers.1.optionId'],
      ['no options chosen', only({ questionId: 'topics', optionIds: [] }), 'answers.1.optionIds'],
      ['an option chosen twice', only({ questionId: 'topics', optionIds: ['sales', 'sales'] }), 'answers.1.optionIds.1'],
      ['an unknown option among several', only({ questionId: 'topics', optionIds: ['sales', 'radio'] }), 'answers.1.optionIds.1'],
      ['a blank free text', only({ questionId: 'missing', text: '  ' }), 'answers.1.text'],
      ['an e-mail address in a free text', only({ questionId: 'missing', text: 'write to ann@example.com' }), 'answers.1.text'],
      ['a free text over 4000 characters', only({ questionId: 'missing', text: 'x'.repeat(4001) }), 'answers.1.text'],
      ['an unknown tag', only({ questionId: 'missing', text: 'Slow', tags: ['complaint' as 'problem'] }), 'answers.1.tags.0'],
      ['a repeated tag', only({ questionId: 'missing', text: 'Slow', tags: ['problem', 'problem'] }), 'answers.1.tags.1'],
      ['an answer that is no object', answer(employee, ['5' as unknown as GivenAnswer]), 'answers.0'],
    ])('refuses %s, naming the field', (_name, command, field) => {
      given([]).when(command).thenRejects([field]);
    });

    it('refuses a response id that is not the one derived from the respondent', () => {
      const foreignId = identifiedResponseId('survey-1', 1, { kind: 'employee', id: 'emp-8' });
      given([]).when({ ...answer(employee), responseId: foreignId }).thenRejects(['responseId']);
    });

    it('refuses an answer that is both identified and anonymous, or neither', () => {
      given([]).when({ ...answer(employee), tokenHash: TOKEN }).thenRejects(['tokenHash']);
      const { respondent: _respondent, ...nobody } = answer(employee);
      given([]).when(nobody).thenRejects(['respondent']);
    });

    it('treats an empty tag list as no tags', () => {
      const [event] = surveyResponseDecider(employeeSurvey).decide(only({ questionId: 'missing', text: 'Slow', tags: [] }), { status: 'absent' });
      expect((event as SurveyAnswered).data.answers[1]).toEqual({ questionId: 'missing', kind: 'free-text', text: 'Slow' });
    });
  });

  describe('feedback bonus', () => {
    const { given } = deciderSpec(surveyResponseDecider(employeeSurvey));

    it('grants the bonus the wave offered to the respondent', () => {
      given([employeeAnswered]).when(grant()).then([granted]);
    });

    it('grants it once', () => {
      given([employeeAnswered, granted]).when(grant('2026-03-06T10:00:00.000Z')).thenThrows(DomainRuleError, 'BONUS_ALREADY_GRANTED');
    });

    it('has nobody to pay for an anonymous response', () => {
      const anonymousWithBonus = survey({ audience: 'all-employees', anonymous: true, bonus: BONUS }, tokensIssued);
      deciderSpec(surveyResponseDecider(anonymousWithBonus))
        .given([anonymousAnswered])
        .when(grant(undefined, anonymousAnswered.data.responseId))
        .thenThrows(DomainRuleError, 'BONUS_FOR_ANONYMOUS_RESPONSE');
    });

    it('grants nothing when the wave offered no bonus', () => {
      const withoutBonus = survey({});
      deciderSpec(surveyResponseDecider(withoutBonus)).given([employeeAnswered]).when(grant()).thenThrows(DomainRuleError, 'NO_BONUS_OFFERED');
    });

    it('is not dated before the response', () => {
      given([employeeAnswered]).when(grant('2026-03-04T09:59:59.999Z')).thenThrows(DomainRuleError, 'DATED_TOO_EARLY');
    });

    it('does not find a response that does not exist, or belongs to another survey', () => {
      given([]).when(grant()).thenThrows(NotFoundError);
      given([employeeAnswered]).when({ ...grant(), surveyId: 'survey-2' }).thenThrows(NotFoundError);
    });
  });
});
