import { DomainRuleError, NotFoundError } from '#kernel';
import { deciderSpec } from '#kernel/testing.js';
import type { CreateSurvey, IssueSurveyTokens, ReviseSurvey, SurveyCommand } from './survey.commands.js';
import { surveyDecider } from './survey.decider.js';
import type { SurveyCreated, SurveyQuestion, SurveyRevised, SurveyWaveClosed, SurveyWaveLaunched } from './survey.events.js';
import { channel, CLOSED_AT, CREATED_AT, LAUNCHED_AT, missing, recommend, satisfaction, WEBINAR_BONUS } from './testing.js';

const HASH_A = 'a'.repeat(64);
const HASH_B = 'b'.repeat(64);

const questions: SurveyQuestion[] = [satisfaction, { ...recommend, required: true }, channel, missing];

const definition = {
  surveyId: 'survey-1',
  title: 'Course buyers, spring',
  audience: 'clients-bought',
  anonymous: false,
  productId: 'course-sales',
  bonus: WEBINAR_BONUS,
  questions,
} as const;

const create: CreateSurvey = { type: 'CreateSurvey', ...definition, at: CREATED_AT };
const created: SurveyCreated = { type: 'SurveyCreated', data: { ...definition, createdAt: CREATED_AT } };

const anonymousCreated: SurveyCreated = {
  type: 'SurveyCreated',
  data: { surveyId: 'survey-1', title: 'Everyone, anonymously', audience: 'all-employees', anonymous: true, questions, createdAt: CREATED_AT },
};

const launched = (wave: number, at = LAUNCHED_AT, waveQuestions = questions, extra: Partial<SurveyWaveLaunched['data']> = {}): SurveyWaveLaunched => ({
  type: 'SurveyWaveLaunched',
  data: { surveyId: 'survey-1', wave, bonus: created.data.bonus, questions: waveQuestions, launchedAt: at, ...extra },
});

const closed = (wave: number, at = CLOSED_AT): SurveyWaveClosed => ({ type: 'SurveyWaveClosed', data: { surveyId: 'survey-1', wave, closedAt: at } });

const revisedQuestions: SurveyQuestion[] = [
  ...questions.slice(0, 2),
  { questionId: 'effort', kind: 'ces', text: 'How easy was it to buy?', required: true },
];

const revise: ReviseSurvey = { type: 'ReviseSurvey', surveyId: 'survey-1', title: 'Course buyers, summer', questions: revisedQuestions, at: '2026-03-11T09:00:00.000Z' };

const revised: SurveyRevised = {
  type: 'SurveyRevised',
  data: { surveyId: 'survey-1', title: 'Course buyers, summer', questions: revisedQuestions, revisedAt: '2026-03-11T09:00:00.000Z' },
};

const issue = (wave: number, tokenHashes: string[], at = '2026-03-04T09:00:00.000Z'): IssueSurveyTokens => ({
  type: 'IssueSurveyTokens',
  surveyId: 'survey-1',
  wave,
  tokenHashes,
  at,
});

const { given } = deciderSpec(surveyDecider);

describe('survey decider', () => {
  describe('creation', () => {
    it('creates a draft survey with its audience, product, bonus offer and questions', () => {
      given([]).when(create).then([created]);
    });

    it('makes questions optional by default and leaves out what was not given', () => {
      given([])
        .when({
          type: 'CreateSurvey',
          surveyId: 'survey-2',
          title: 'Staff pulse',
          audience: 'all-employees',
          anonymous: true,
          questions: [{ questionId: 'enps', kind: 'nps', text: 'Would you recommend working here?' }],
          at: '2026-03-02T09:00:00Z',
        })
        .then([
          {
            type: 'SurveyCreated',
            data: {
              surveyId: 'survey-2',
              title: 'Staff pulse',
              audience: 'all-employees',
              anonymous: true,
              questions: [{ questionId: 'enps', kind: 'nps', text: 'Would you recommend working here?', required: false }],
              createdAt: CREATED_AT,
            },
          },
        ]);
    });

    it('refuses to create a survey twice', () => {
      given([created]).when(create).thenThrows(DomainRuleError, 'SURVEY_EXISTS');
    });

    it.each<[string, Partial<CreateSurvey>, string]>([
      ['a blank title', { title: '  ' }, 'title'],
      ['an unknown audience', { audience: 'partners' as CreateSurvey['audience'] }, 'audience'],
      ['an anonymity flag that is no boolean', { anonymous: 'yes' as unknown as boolean }, 'anonymous'],
      ['a product that is no id', { productId: 'course sales' }, 'productId'],
      ['no questions', { questions: [] }, 'questions'],
      ['a question of an unknown kind', { questions: [{ questionId: 'q', kind: 'rating' as 'csat', text: 'Rate' }] }, 'questions.0.kind'],
      ['a question without text', { questions: [{ questionId: 'q', kind: 'csat', text: '' }] }, 'questions.0.text'],
      ['a question id that is no id', { questions: [{ questionId: 'q 1', kind: 'csat', text: 'Rate' }] }, 'questions.0.questionId'],
      [
        'a repeated question id',
        { questions: [questions[0]!, { ...questions[1]!, questionId: 'satisfaction' }] },
        'questions.1.questionId',
      ],
      ['a choice without options', { questions: [{ questionId: 'q', kind: 'single-choice', text: 'Pick' }] }, 'questions.0.options'],
      [
        'a choice of one option',
        { questions: [{ questionId: 'q', kind: 'multiple-choice', text: 'Pick', options: [{ optionId: 'a', text: 'A' }] }] },
        'questions.0.options',
      ],
      [
        'a repeated option id',
        {
          questions: [
            { questionId: 'q', kind: 'single-choice', text: 'Pick', options: [{ optionId: 'a', text: 'A' }, { optionId: 'a', text: 'B' }] },
          ],
        },
        'questions.0.options.1.optionId',
      ],
      [
        'options on a scored question',
        { questions: [{ questionId: 'q', kind: 'csat', text: 'Rate', options: [{ optionId: 'a', text: 'A' }, { optionId: 'b', text: 'B' }] }] },
        'questions.0.options',
      ],
      ['a required flag that is no boolean', { questions: [{ questionId: 'q', kind: 'csat', text: 'Rate', required: 1 as unknown as boolean }] }, 'questions.0.required'],
      ['a bonus without description', { bonus: { description: '' } }, 'bonus.description'],
      ['a bonus of nothing', { bonus: { description: 'Cash', amount: { minor: 0, currency: 'RUB' } } }, 'bonus.amount.minor'],
      ['a bonus in an unknown currency', { bonus: { description: 'Cash', amount: { minor: 100, currency: 'RUR' } } }, 'bonus.amount.currency'],
      ['a business time without a zone', { at: '2026-03-02T09:00:00' }, 'at'],
    ])('rejects %s, naming the field', (_name, change, field) => {
      given([]).when({ ...create, ...change }).thenRejects([field]);
    });
  });

  describe('a survey that does not exist', () => {
    it.each<[string, SurveyCommand]>([
      ['revision', revise],
      ['launch', { type: 'LaunchSurveyWave', surveyId: 'survey-1', at: LAUNCHED_AT }],
      ['closing', { type: 'CloseSurveyWave', surveyId: 'survey-1', wave: 1, at: CLOSED_AT }],
      ['token issue', issue(1, [HASH_A])],
    ])('is not found for a %s', (_name, command) => {
      given([]).when(command).thenThrows(NotFoundError);
    });
  });

  describe('revision', () => {
    it('replaces the questions of a draft, even their kinds, and drops a bonus no longer offered', () => {
      const kindChanged = [{ ...questions[0]!, kind: 'ces' as const }];
      given([created])
        .when({ ...revise, questions: kindChanged })
        .then([{ type: 'SurveyRevised', data: { ...revised.data, questions: kindChanged } }]);
    });

    it('revises the questions between waves, keeping the ids that ran', () => {
      given([created, launched(1), closed(1)]).when(revise).then([revised]);
    });

    it('appends nothing when the definition does not change', () => {
      given([created])
        .when({ ...revise, title: create.title, bonus: create.bonus, questions })
        .then([]);
    });

    it('refuses while a wave is open', () => {
      given([created, launched(1)]).when(revise).thenThrows(DomainRuleError, 'WAVE_OPEN');
    });

    it('refuses to change the kind of a question that ran in a wave', () => {
      given([created, launched(1), closed(1)])
        .when({ ...revise, questions: [{ ...questions[0]!, kind: 'nps' }] })
        .thenThrows(DomainRuleError, 'QUESTION_KIND_CHANGED');
    });

    it('is not dated before the step before it', () => {
      given([created, launched(1), closed(1)])
        .when({ ...revise, at: '2026-03-10T17:59:59.999Z' })
        .thenThrows(DomainRuleError, 'DATED_TOO_EARLY');
    });
  });

  describe('waves', () => {
    it('launches wave 1 with the questions, the bonus offer and the invited count of the moment', () => {
      given([created])
        .when({ type: 'LaunchSurveyWave', surveyId: 'survey-1', invited: 40, at: LAUNCHED_AT })
        .then([launched(1, LAUNCHED_AT, questions, { invited: 40 })]);
    });

    it('runs the survey again as wave 2, with the revised questions and no bonus', () => {
      given([created, launched(1), closed(1), revised])
        .when({ type: 'LaunchSurveyWave', surveyId: 'survey-1', at: '2026-04-01T09:00:00.000Z' })
        .then([{ type: 'SurveyWaveLaunched', data: { surveyId: 'survey-1', wave: 2, questions: revisedQuestions, launchedAt: '2026-04-01T09:00:00.000Z' } }]);
    });

    it('keeps at most one wave open', () => {
      given([created, launched(1)])
        .when({ type: 'LaunchSurveyWave', surveyId: 'survey-1', at: '2026-03-04T09:00:00.000Z' })
        .thenThrows(DomainRuleError, 'WAVE_ALREADY_OPEN');
    });

    it('does not launch a wave dated before the previous wave closed', () => {
      given([created, launched(1), closed(1)])
        .when({ type: 'LaunchSurveyWave', surveyId: 'survey-1', at: '2026-03-09T09:00:00.000Z' })
        .thenThrows(DomainRuleError, 'DATED_TOO_EARLY');
    });

    it.each<[string, unknown]>([
      ['none', 0],
      ['a fraction', 2.5],
      ['a text', '40'],
    ])('refuses an invited count of %s', (_name, invited) => {
      given([created]).when({ type: 'LaunchSurveyWave', surveyId: 'survey-1', invited: invited as number, at: LAUNCHED_AT }).thenRejects(['invited']);
    });

    it('closes the open wave', () => {
      given([created, launched(1)]).when({ type: 'CloseSurveyWave', surveyId: 'survey-1', wave: 1, at: CLOSED_AT }).then([closed(1)]);
    });

    it('does not close a wave twice', () => {
      given([created, launched(1), closed(1)])
        .when({ type: 'CloseSurveyWave', surveyId: 'survey-1', wave: 1, at: '2026-03-12T09:00:00.000Z' })
        .thenThrows(DomainRuleError, 'WAVE_CLOSED');
    });

    it('does not know a wave that was never launched', () => {
      given([created, launched(1)]).when({ type: 'CloseSurveyWave', surveyId: 'survey-1', wave: 2, at: CLOSED_AT }).thenThrows(NotFoundError);
    });

    it('does not close a wave before it was launched', () => {
      given([created, launched(1)])
        .when({ type: 'CloseSurveyWave', surveyId: 'survey-1', wave: 1, at: '2026-03-03T08:59:59.999Z' })
        .thenThrows(DomainRuleError, 'DATED_TOO_EARLY');
    });

    it('refuses a wave number that is no whole number from 1', () => {
      given([created]).when({ type: 'CloseSurveyWave', surveyId: 'survey-1', wave: 0, at: CLOSED_AT }).thenRejects(['wave']);
    });
  });

  describe('tokens for anonymous answers', () => {
    const anonymousLaunched = launched(1, LAUNCHED_AT, questions, { bonus: undefined });
    const { bonus: _bonus, ...anonymousWave } = anonymousLaunched.data;
    const anonymousOpen = [anonymousCreated, { type: 'SurveyWaveLaunched' as const, data: anonymousWave }];

    it('records the hashes of the tokens issued for an open wave', () => {
      given(anonymousOpen)
        .when(issue(1, [HASH_A, HASH_B]))
        .then([{ type: 'SurveyTokensIssued', data: { surveyId: 'survey-1', wave: 1, tokenHashes: [HASH_A, HASH_B], issuedAt: '2026-03-04T09:00:00.000Z' } }]);
    });

    it('issues none for an identified survey', () => {
      given([created, launched(1)]).when(issue(1, [HASH_A])).thenThrows(DomainRuleError, 'SURVEY_NOT_ANONYMOUS');
    });

    it('issues none for a closed wave', () => {
      given([...anonymousOpen, closed(1)]).when(issue(1, [HASH_A], '2026-03-11T09:00:00.000Z')).thenThrows(DomainRuleError, 'WAVE_CLOSED');
    });

    it('issues none for a wave that was never launched', () => {
      given([anonymousCreated]).when(issue(1, [HASH_A])).thenThrows(NotFoundError);
    });

    it('never issues the same token twice', () => {
      const first = { type: 'SurveyTokensIssued' as const, data: { surveyId: 'survey-1', wave: 1, tokenHashes: [HASH_A], issuedAt: '2026-03-04T09:00:00.000Z' } };
      given([...anonymousOpen, first]).when(issue(1, [HASH_B, HASH_A])).thenThrows(DomainRuleError, 'TOKEN_ALREADY_ISSUED');
    });

    it.each<[string, string[], string]>([
      ['no tokens', [], 'tokenHashes'],
      ['a hash in upper case', ['A'.repeat(64)], 'tokenHashes.0'],
      ['a secret instead of a hash', ['ql_secret'], 'tokenHashes.0'],
      ['a repeated hash', [HASH_A, HASH_B, HASH_A], 'tokenHashes.2'],
    ])('refuses %s, naming the field', (_name, hashes, field) => {
      given(anonymousOpen).when(issue(1, hashes)).thenRejects([field]);
    });
  });
});
