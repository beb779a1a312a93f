import type { AnswerTag, CreateSurvey, GivenAnswer } from '#domain/surveys/index.js';
import { DEMO_STAFF, jobAt, soleActor } from './demo-company.js';
import {
  DAY,
  HOUR,
  iso,
  MINUTE,
  recordedInOrder,
  workingDayFrom,
  workingTime,
  type DemoPeriod,
  type PlannedBase,
  type Random,
  type Recorded,
  type Weighted,
} from './planning.js';

/**
 * The surveys of the demo company, all run by its survey manager: buyers of the main products are
 * asked for CSAT and NPS in monthly or quarterly waves (the mentoring buyers for a bonus, which is
 * granted to most who answer), clients who did not buy are asked for their objections, and every
 * quarter all employees answer an anonymous eNPS survey with tokens the survey manager issues. Scores
 * improve slowly over the period and differ by product.
 */

interface SurveyBase extends PlannedBase {
  readonly context: 'surveys';
  readonly surveyId: string;
}

/** What a survey asks, of whom, and what it offers for an answer. */
type SurveyDefinition = Omit<CreateSurvey, 'type' | 'surveyId' | 'at'>;

export interface CreateSurveyStep extends SurveyBase, SurveyDefinition {
  readonly type: 'create-survey';
}

interface WaveBase extends SurveyBase {
  /** The number the app gives the wave when it is launched: waves of a survey are numbered 1, 2, ... */
  readonly wave: number;
}

export interface LaunchWaveStep extends WaveBase {
  readonly type: 'launch-wave';
  readonly invited: number;
}

/** Dated by the app's clock when it runs, like every anonymous answer: its business time is its recording time. */
export interface IssueTokensStep extends WaveBase {
  readonly type: 'issue-tokens';
  readonly count: number;
}

/** A client's answers, recorded by the survey manager. */
export interface AnswerStep extends WaveBase {
  readonly type: 'answer';
  readonly clientId: string;
  readonly answers: readonly GivenAnswer[];
}

/** Answered with one of the wave's tokens: nobody is named, not even as the actor. */
export interface AnonymousAnswerStep {
  readonly context: 'surveys';
  readonly type: 'answer-anonymously';
  readonly surveyId: string;
  readonly wave: number;
  readonly occurredAt: string;
  readonly answers: readonly GivenAnswer[];
}

export interface GrantBonusStep extends WaveBase {
  readonly type: 'grant-bonus';
  readonly clientId: string;
}

export interface CloseWaveStep extends WaveBase {
  readonly type: 'close-wave';
}

type WaveStep = LaunchWaveStep | IssueTokensStep | AnswerStep | AnonymousAnswerStep | GrantBonusStep | CloseWaveStep;
export type SurveyStep = Recorded<CreateSurveyStep | WaveStep>;

interface DemoSurvey extends SurveyDefinition {
  readonly id: string;
  /** Run in every month, or in every third month from this one (0: January, April...). */
  readonly cadence: 'monthly' | { readonly quarterlyFrom: 0 | 1 | 2 };
  /** How many are asked to answer a wave; `employees` is the headcount at the launch. */
  readonly invited: (random: Random, employees: number) => number;
  /** Share of those asked who answer. */
  readonly responseRate: readonly [number, number];
  /** Share of the answers whose respondent is granted the bonus offered. */
  readonly bonusGranted?: number;
  readonly answers: (random: Random, progress: number) => GivenAnswer[];
}

const SATISFACTION = { questionId: 'satisfaction', kind: 'csat', text: 'How satisfied are you with what you bought?', required: true } as const;
const RECOMMEND = {
  questionId: 'recommend',
  kind: 'nps',
  text: 'How likely are you to recommend it to a friend or colleague?',
  required: true,
} as const;
const START_EFFORT = { questionId: 'start-effort', kind: 'ces', text: 'How easy was it to get started on the learning platform?' } as const;
const HELPED_MOST = {
  questionId: 'helped-most',
  kind: 'single-choice',
  text: 'What helped you most?',
  options: [
    { optionId: 'lessons', text: 'The lessons' },
    { optionId: 'practice', text: 'The practical tasks' },
    { optionId: 'reviews', text: 'The reviews of my homework' },
    { optionId: 'community', text: 'The other students' },
  ],
} as const;
const IMPROVE = { questionId: 'improve', kind: 'free-text', text: 'What should we improve?' } as const;

const BUYER_COMMENTS: Readonly<Record<Exclude<AnswerTag, 'objection'>, readonly string[]>> = {
  problem: [
    'Homework reviews took more than a week',
    'The platform logged me out in the middle of a lesson',
    'The recordings of the live sessions came two days late',
    'The curator answered only in the evenings',
  ],
  idea: ['Add short summaries after each lesson', 'A chat with the other students of my group', 'More examples from small businesses'],
  'training-wish': ['A module on writing for social networks', 'A lesson on analysing ad campaigns'],
};
const BUYER_TAGS: Weighted<Exclude<AnswerTag, 'objection'>> = [
  ['problem', 55],
  ['idea', 35],
  ['training-wish', 10],
];

const OBJECTIONS = [
  { optionId: 'price', text: 'Too expensive for me now', weight: 34 },
  { optionId: 'no-time', text: 'No time to study', weight: 24 },
  { optionId: 'unsure-result', text: 'Not sure it would work for me', weight: 18 },
  { optionId: 'other-school', text: 'Chose another school', weight: 10 },
  { optionId: 'trust', text: 'Did not trust the promises', weight: 8 },
  { optionId: 'later', text: 'Will buy later', weight: 6 },
] as const;
const CONVINCING = [
  'Instalments without interest',
  'A free first module',
  'Reviews from graduates in my field',
  'A guarantee of a refund in the first two weeks',
  'A shorter course',
];

const EMPLOYEE_COMMENTS: Readonly<Record<Exclude<AnswerTag, 'objection'>, readonly string[]>> = {
  problem: ['Too many meetings in the afternoon', 'Tasks come from three managers at once', 'The laptop is too slow for video'],
  idea: ['A shared calendar of launches', 'One channel for urgent questions', 'Monthly demo days between sections'],
  'training-wish': ['Training on negotiation', 'A course on analytics', 'Time management for remote work'],
};
const EMPLOYEE_TAGS: Weighted<Exclude<AnswerTag, 'objection'>> = [
  ['idea', 40],
  ['problem', 35],
  ['training-wish', 25],
];

/** How the buyers of each product feel, relative to the others: added to the share of promoters and of the satisfied. */
function buyersSurvey(productId: string, title: string, mood: number, cadence: DemoSurvey['cadence'], invited: [number, number]): DemoSurvey {
  const isCourse = productId.startsWith('course-');
  return {
    id: `survey-buyers-${productId}`,
    title,
    audience: 'clients-bought',
    anonymous: false,
    productId,
    // Course buyers are asked how easy it was to get started on the learning platform too.
    questions: isCourse ? [SATISFACTION, RECOMMEND, START_EFFORT, HELPED_MOST, IMPROVE] : [SATISFACTION, RECOMMEND, HELPED_MOST, IMPROVE],
    cadence,
    invited: (random) => random.int(...invited),
    responseRate: [0.12, 0.2],
    answers: (random, progress) => {
      const trend = progress - 0.5;
      const answers: GivenAnswer[] = [
        { questionId: SATISFACTION.questionId, score: csatScore(random, 0.82 + mood + 0.06 * trend) },
        { questionId: RECOMMEND.questionId, score: npsScore(random, 0.5 + mood + 0.08 * trend, 0.18 - mood / 2 - 0.04 * trend) },
        { questionId: HELPED_MOST.questionId, optionId: random.weighted([['lessons', 30], ['practice', 35], ['reviews', 25], ['community', 10]]) },
      ];
      if (isCourse && random.chance(0.8)) answers.push({ questionId: START_EFFORT.questionId, score: cesScore(random) });
      if (random.chance(0.35)) answers.push(taggedComment(IMPROVE.questionId, random, BUYER_TAGS, BUYER_COMMENTS));
      return answers;
    },
  };
}

const SURVEYS: readonly DemoSurvey[] = [
  buyersSurvey('course-copywriting', 'Copywriting course: buyers', 0.03, 'monthly', [130, 200]),
  buyersSurvey('course-targeted-ads', 'Targeted advertising course: buyers', -0.02, 'monthly', [110, 180]),
  buyersSurvey('webinar-sales-funnels', 'Sales funnels webinar: buyers', 0, { quarterlyFrom: 0 }, [300, 420]),
  {
    ...buyersSurvey('mentoring-marketing-pro', 'Marketing Pro mentoring: participants', 0.06, { quarterlyFrom: 1 }, [35, 50]),
    bonus: { description: 'A voucher for the next course', amount: { minor: 1_000_00, currency: 'RUB' } },
    responseRate: [0.3, 0.45],
    bonusGranted: 0.6,
  },
  {
    id: 'survey-did-not-buy',
    title: 'Why clients did not buy',
    audience: 'clients-not-bought',
    anonymous: false,
    questions: [
      {
        questionId: 'reasons',
        kind: 'multiple-choice',
        text: 'What stopped you from buying?',
        required: true,
        options: OBJECTIONS.map(({ optionId, text }) => ({ optionId, text })),
      },
      { questionId: 'convince', kind: 'free-text', text: 'What would have convinced you?' },
    ],
    cadence: { quarterlyFrom: 2 },
    invited: (random) => random.int(420, 560),
    responseRate: [0.06, 0.09],
    answers: (random) => {
      const weighted = OBJECTIONS.map((objection) => [objection.optionId, objection.weight] as const);
      const first = random.weighted(weighted);
      const second = random.chance(0.35) ? random.weighted(weighted) : first;
      const answers: GivenAnswer[] = [
        { questionId: 'reasons', optionIds: second === first ? [first] : [first, second], tags: ['objection'] },
      ];
      if (random.chance(0.45)) {
        answers.push({ questionId: 'convince', text: random.pick(CONVINCING), tags: random.chance(0.3) ? ['objection', 'idea'] : ['objection'] });
      }
      return answers;
    },
  },
  {
    id: 'survey-enps',
    title: 'Employee NPS',
    audience: 'all-employees',
    anonymous: true,
    questions: [
      { questionId: 'recommend-employer', kind: 'nps', text: 'How likely are you to recommend the school as a place to work?', required: true },
      { questionId: 'work-better', kind: 'free-text', text: 'What would make your work better?' },
    ],
    cadence: { quarterlyFrom: 1 },
    invited: (_random, employees) => employees,
    responseRate: [0.65, 0.85],
    answers: (random, progress) => {
      const trend = progress - 0.5;
      const answers: GivenAnswer[] = [
        { questionId: 'recommend-employer', score: npsScore(random, 0.36 + 0.08 * trend, 0.24 - 0.06 * trend) },
      ];
      if (random.chance(0.5)) answers.push(taggedComment('work-better', random, EMPLOYEE_TAGS, EMPLOYEE_COMMENTS));
      return answers;
    },
  },
];

/** Waves stay open for two weeks; most answers come in the first days. */
const WAVE_DAYS = 14;
const ANSWERING_DAYS = 12;
const CLIENTS = 40_000;

export function planSurveys(period: DemoPeriod, random: Random): SurveyStep[] {
  const manager = soleActor('survey-manager');
  // Created in the first days of the period, after the catalogue and the standards.
  const createdAt = workingTime(period.start.getTime() + 2 * DAY, random);
  const created = recordedInOrder(
    SURVEYS.map(
      ({ id, title, audience, anonymous, productId, bonus, questions }): CreateSurveyStep => ({
        context: 'surveys',
        type: 'create-survey',
        occurredAt: iso(createdAt),
        actor: manager,
        surveyId: id,
        title,
        audience,
        anonymous,
        ...(productId !== undefined ? { productId } : {}),
        ...(bonus !== undefined ? { bonus } : {}),
        questions,
      }),
    ),
    random,
    period.end,
  );
  const firstLaunch = Math.max(...created.map((step) => Date.parse(step.recordedAt))) + DAY;
  const waves = SURVEYS.flatMap((survey) => {
    const launches = period
      .months()
      .filter((month) => runsIn(survey, month))
      .map((month) => workingTime(workingDayFrom(month.getTime()), random))
      .filter((launch) => launch >= firstLaunch);
    return launches.flatMap((launch, index) => wave(survey, index + 1, launch, { period, random }));
  });
  return [...created, ...waves];
}

function runsIn(survey: DemoSurvey, month: Date): boolean {
  return survey.cadence === 'monthly' || month.getUTCMonth() % 3 === survey.cadence.quarterlyFrom;
}

interface WaveContext {
  readonly period: DemoPeriod;
  readonly random: Random;
}

/** A wave from its launch to its closing, cut at the end of the period. */
function wave(survey: DemoSurvey, number: number, launchedAt: number, { period, random }: WaveContext): SurveyStep[] {
  const manager = soleActor('survey-manager');
  const base = { context: 'surveys', surveyId: survey.id, wave: number } as const;
  const progress = period.progressAt(launchedAt);
  const invited = survey.invited(random, DEMO_STAFF.filter((member) => jobAt(member, progress) !== undefined).length);
  const responses = Math.round(invited * (survey.responseRate[0] + random.float() * (survey.responseRate[1] - survey.responseRate[0])));
  const answeredAt = Array.from({ length: responses }, () => launchedAt + HOUR + random.float() ** 1.6 * ANSWERING_DAYS * DAY).sort((a, b) => a - b);
  const clients = survey.anonymous ? [] : distinctClients(responses, random);

  const answering: WaveStep[] = answeredAt.flatMap((time, index): WaveStep[] => {
    const answers = survey.answers(random, period.progressAt(time));
    if (survey.anonymous) {
      return [{ context: 'surveys', type: 'answer-anonymously', surveyId: survey.id, wave: number, occurredAt: iso(time), answers }];
    }
    const clientId = clients[index]!;
    const answer: AnswerStep = { ...base, type: 'answer', occurredAt: iso(time), actor: manager, clientId, answers };
    if (survey.bonusGranted === undefined || !random.chance(survey.bonusGranted)) return [answer];
    const grantedAt = workingTime(time + random.int(1, 5) * DAY, random);
    return [answer, { ...base, type: 'grant-bonus', occurredAt: iso(grantedAt), actor: manager, clientId }];
  });
  const launch: LaunchWaveStep = { ...base, type: 'launch-wave', occurredAt: iso(launchedAt), actor: manager, invited };
  const tokens: IssueTokensStep = { ...base, type: 'issue-tokens', occurredAt: iso(launchedAt + 5 * MINUTE), actor: manager, count: invited };
  const close: CloseWaveStep = { ...base, type: 'close-wave', occurredAt: iso(workingTime(launchedAt + WAVE_DAYS * DAY, random)), actor: manager };
  const planned = [launch, ...(survey.anonymous ? [tokens] : []), ...answering, close].sort(
    (a, b) => Date.parse(a.occurredAt) - Date.parse(b.occurredAt),
  );
  return recordedInOrder(planned, random, period.end).map((step) => (datedByTheClock(step) ? { ...step, occurredAt: step.recordedAt } : step));
}

function datedByTheClock(step: SurveyStep): boolean {
  return step.type === 'issue-tokens' || step.type === 'answer-anonymously';
}

function distinctClients(count: number, random: Random): string[] {
  const clients = new Set<string>();
  while (clients.size < count) clients.add(`client-${String(random.int(1, CLIENTS)).padStart(6, '0')}`);
  return [...clients];
}

function taggedComment(
  questionId: string,
  random: Random,
  tags: Weighted<Exclude<AnswerTag, 'objection'>>,
  comments: Readonly<Record<Exclude<AnswerTag, 'objection'>, readonly string[]>>,
): GivenAnswer {
  const tag = random.weighted(tags);
  return { questionId, text: random.pick(comments[tag]), tags: [tag] };
}

/** 9-10 for promoters, 7-8 for passives, mostly 5-6 for detractors. */
function npsScore(random: Random, promoters: number, detractors: number): number {
  const roll = random.float();
  if (roll < promoters) return random.chance(0.55) ? 10 : 9;
  if (roll < 1 - detractors) return random.chance(0.5) ? 8 : 7;
  return random.weighted([
    [6, 40],
    [5, 25],
    [4, 12],
    [3, 10],
    [2, 6],
    [1, 4],
    [0, 3],
  ]);
}

/** 4-5 for the satisfied share, 1-3 for the others. */
function csatScore(random: Random, satisfied: number): number {
  if (random.chance(satisfied)) return random.chance(0.55) ? 5 : 4;
  return random.weighted([
    [3, 60],
    [2, 25],
    [1, 15],
  ]);
}

/** 7: very easy. */
function cesScore(random: Random): number {
  return random.weighted([
    [7, 25],
    [6, 30],
    [5, 22],
    [4, 12],
    [3, 6],
    [2, 3],
    [1, 2],
  ]);
}
