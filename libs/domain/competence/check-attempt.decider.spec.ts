import { DomainRuleError, NotFoundError } from '#kernel';
import { deciderSpec } from '#kernel/testing.js';
import { derivedAssessmentId } from './assessment.events.js';
import {
  checkAttemptId,
  type AnswerDraft,
  type CheckAttemptCommand,
  type MarkCheckAnswers,
  type SaveCheckAnswers,
  type StartCheckAttempt,
  type SubmitCheckAttempt,
} from './check-attempt.commands.js';
import { checkAttemptDecider } from './check-attempt.decider.js';
import type { CheckAnswer, CheckAttemptEvent, CheckAttemptStarted } from './check-attempt.events.js';
import type { CheckCampaignState } from './check-campaign.decider.js';
import type { EmployeeStanding } from './competence-record.commands.js';
import type { KnowledgeCheckState } from './knowledge-check.decider.js';
import type { CheckQuestion } from './knowledge-check.events.js';
import { DEFAULT_PROFICIENCY_SCALE } from './proficiency-scale.js';

const MAY = '2026-05-12T09:00:00.000Z';
const LATER = '2026-05-12T10:00:00.000Z';
const MARKED = '2026-05-13T09:00:00.000Z';
const options = [
  { optionId: 'a', text: 'A' },
  { optionId: 'b', text: 'B' },
  { optionId: 'c', text: 'C' },
];
/** regs: s1 (1 point) and m1 (3 points), scored by the key; crm: o1 (4 points), marked by a trainer. */
const questions: CheckQuestion[] = [
  { questionId: 's1', kind: 'single', text: 'Refund window?', competencyId: 'regs', points: 1, options, correctOptionIds: ['a'] },
  { questionId: 'm1', kind: 'multiple', text: 'Refundable?', competencyId: 'regs', points: 3, options, correctOptionIds: ['a', 'b'] },
  { questionId: 'o1', kind: 'open', text: 'Log a call', competencyId: 'crm', points: 4 },
];
const check: KnowledgeCheckState = { status: 'active', checkId: 'chk', openBook: true, questions, lastChangedAt: MAY };
const campaign: CheckCampaignState = {
  status: 'created',
  campaignId: 'q2',
  checkId: 'chk',
  participantIds: new Set(['ann', 'bob']),
  opensOn: '2026-05-01',
  dueOn: '2026-06-30',
};
const employed: EmployeeStanding = { status: 'employed', positionId: 'line-1' };
const address = { campaignId: 'q2', employeeId: 'ann' };
const attemptId = checkAttemptId(address);
const trainer = { actorId: 'apiKey:trainer', employeeId: 'emp-trainer' };

const start = (overrides: Partial<StartCheckAttempt> = {}): StartCheckAttempt => ({ type: 'StartCheckAttempt', ...address, campaign, check, employee: employed, at: MAY, ...overrides });
const save = (answers: readonly AnswerDraft[], at = LATER): SaveCheckAnswers => ({ type: 'SaveCheckAnswers', ...address, check, answers, at });
const submit = (overrides: Partial<SubmitCheckAttempt> = {}): SubmitCheckAttempt => ({
  type: 'SubmitCheckAttempt',
  ...address,
  check,
  employee: employed,
  scale: DEFAULT_PROFICIENCY_SCALE,
  at: LATER,
  ...overrides,
});
const mark = (points: number, overrides: Partial<MarkCheckAnswers> = {}): MarkCheckAnswers => ({
  type: 'MarkCheckAnswers',
  ...address,
  check,
  employee: employed,
  scale: DEFAULT_PROFICIENCY_SCALE,
  marks: [{ questionId: 'o1', points, comment: 'Logs the call, forgets the tag' }],
  marker: trainer,
  at: MARKED,
  ...overrides,
});

const decider = checkAttemptDecider();
const { given } = deciderSpec(decider);

/** The events of these commands, each decided on the state the ones before left. */
function history(...commands: CheckAttemptCommand[]): CheckAttemptEvent[] {
  const events: CheckAttemptEvent[] = [];
  for (const command of commands) events.push(...decider.decide(command, events.reduce(decider.evolve, decider.initialState())));
  return events;
}

const allCorrect: CheckAnswer[] = [
  { questionId: 's1', optionIds: ['a'] },
  { questionId: 'm1', optionIds: ['b', 'a'] },
];

describe('knowledge-check attempt decider', () => {
  describe('starting', () => {
    it('shows every question once and every option of a choice question once, without the key, in an order of the attempt', () => {
      const [started] = history(start()) as [CheckAttemptStarted];
      expect(started.data).toEqual({ attemptId, campaignId: 'q2', checkId: 'chk', employeeId: 'ann', questions: expect.any(Array), startedAt: MAY });
      expect(started.data.questions.map(({ questionId }) => questionId).sort()).toEqual(['m1', 'o1', 's1']);
      for (const shown of started.data.questions) {
        if (shown.questionId === 'o1') expect(shown).toEqual({ questionId: 'o1' });
        else expect([...shown.optionIds!].sort()).toEqual(['a', 'b', 'c']);
      }
      expect(JSON.stringify(started)).not.toContain('correctOptionIds');
    });

    it('orders the questions of each attempt its own way, and the same way whenever it is decided', () => {
      const many: CheckQuestion[] = Array.from({ length: 20 }, (_, index) => ({ questionId: `q${index}`, kind: 'open', text: `Question ${index}?`, competencyId: 'regs', points: 1 }));
      const manyCheck: KnowledgeCheckState = { ...check, questions: many } as KnowledgeCheckState;
      const order = (employeeId: string) => {
        const [started] = decider.decide(start({ employeeId, check: manyCheck }), decider.initialState()) as [CheckAttemptStarted];
        return started.data.questions.map(({ questionId }) => questionId);
      };
      const defined = many.map(({ questionId }) => questionId);
      expect(order('ann')).toEqual(order('ann'));
      expect(order('ann')).not.toEqual(order('bob'));
      expect(order('ann')).not.toEqual(defined);
      expect([...order('bob')].sort()).toEqual([...defined].sort());
    });

    it('is for participants, once each, from the day the campaign opens, while employed, on a check not retired', () => {
      given(history(start())).when(start()).thenThrows(DomainRuleError, 'CHECK_ATTEMPT_EXISTS');
      given([]).when(start({ employeeId: 'cid' })).thenThrows(DomainRuleError, 'NOT_A_PARTICIPANT');
      given([]).when(start({ at: '2026-04-30T23:59:00.000Z' })).thenThrows(DomainRuleError, 'CAMPAIGN_NOT_OPEN');
      given([]).when(start({ employee: { ...employed, status: 'left' } })).thenThrows(DomainRuleError, 'EMPLOYEE_LEFT');
      given([]).when(start({ check: { ...check, status: 'retired' } as KnowledgeCheckState })).thenThrows(DomainRuleError, 'KNOWLEDGE_CHECK_RETIRED');
      given([]).when(start({ campaign: { status: 'absent' } })).thenThrows(NotFoundError);
    });

    it('may start after the due day: the attempt is late, not refused', () => {
      expect(history(start({ at: '2026-07-15T09:00:00.000Z' }))).toHaveLength(1);
    });
  });

  describe('saving answers', () => {
    it('records the options chosen and the open answer, each replacing the one saved before', () => {
      const answers: CheckAnswer[] = [...allCorrect, { questionId: 'o1', text: 'Log it in the CRM with a tag' }];
      given(history(start()))
        .when(save(answers))
        .then([{ type: 'KnowledgeCheckAnswersSaved', data: { attemptId, campaignId: 'q2', employeeId: 'ann', answers, savedAt: LATER } }]);
    });

    it('takes answers only while the attempt is in progress, dated after the last change', () => {
      given([]).when(save(allCorrect)).thenThrows(NotFoundError);
      given(history(start(), submit())).when(save(allCorrect)).thenThrows(DomainRuleError, 'CHECK_ATTEMPT_SUBMITTED');
      given(history(start())).when(save(allCorrect, '2026-05-12T08:00:00.000Z')).thenThrows(DomainRuleError, 'DATED_BEFORE_LAST_CHANGE');
    });

    it.each<[string, AnswerDraft[], string]>([
      ['no answer', [], 'answers'],
      ['a question the check does not ask', [{ questionId: 'x9', optionIds: ['a'] }], 'answers.0.questionId'],
      ['a question answered twice', [...allCorrect, { questionId: 's1', optionIds: ['b'] }], 'answers.2.questionId'],
      ['two options for a single-choice question', [{ questionId: 's1', optionIds: ['a', 'b'] }], 'answers.0.optionIds'],
      ['an option the question does not have', [{ questionId: 'm1', optionIds: ['a', 'z'] }], 'answers.0.optionIds.1'],
      ['an option twice', [{ questionId: 'm1', optionIds: ['a', 'a'] }], 'answers.0.optionIds.1'],
      ['a text for a choice question', [{ questionId: 's1', text: 'A' }], 'answers.0.text'],
      ['options for an open question', [{ questionId: 'o1', optionIds: ['a'] }], 'answers.0.optionIds'],
      ['a blank open answer', [{ questionId: 'o1', text: '  ' }], 'answers.0.text'],
      ['an e-mail address in an open answer', [{ questionId: 'o1', text: 'Ask anna@example.org' }], 'answers.0.text'],
    ])('rejects %s, naming the field', (_name, answers, field) => {
      given(history(start())).when(save(answers)).thenRejects([field]);
    });
  });

  describe('submitting', () => {
    it('scores choice questions by the key: the points for exactly the correct options, nothing for more, fewer or none', () => {
      const scoresOf = (answers: AnswerDraft[]) => {
        const events = history(start(), save([...answers, { questionId: 'o1', text: 'Log it' }]), submit());
        return events.find((event) => event.type === 'KnowledgeCheckAttemptSubmitted')!.data;
      };
      expect(scoresOf(allCorrect)).toMatchObject({ scores: [{ questionId: 's1', points: 1 }, { questionId: 'm1', points: 3 }], awaitingMarking: ['o1'] });
      expect(scoresOf([{ questionId: 's1', optionIds: ['b'] }, { questionId: 'm1', optionIds: ['a'] }]).scores).toEqual([
        { questionId: 's1', points: 0 },
        { questionId: 'm1', points: 0 },
      ]);
      expect(scoresOf([{ questionId: 'm1', optionIds: ['a', 'b', 'c'] }]).scores).toEqual([
        { questionId: 's1', points: 0 },
        { questionId: 'm1', points: 0 },
      ]);
    });

    it('leaves the open answers to a trainer, and changes no more', () => {
      const events = history(start(), save([...allCorrect, { questionId: 'o1', text: 'Log it' }]));
      given(events)
        .when(submit())
        .then([
          {
            type: 'KnowledgeCheckAttemptSubmitted',
            data: { attemptId, campaignId: 'q2', employeeId: 'ann', scores: [{ questionId: 's1', points: 1 }, { questionId: 'm1', points: 3 }], awaitingMarking: ['o1'], submittedAt: LATER },
          },
        ]);
      given(history(start(), submit())).when(submit()).thenThrows(DomainRuleError, 'CHECK_ATTEMPT_SUBMITTED');
      given(history(start())).when(submit({ employee: { ...employed, status: 'left' } })).thenThrows(DomainRuleError, 'EMPLOYEE_LEFT');
    });

    it('records the result at once when no open answer waits, through the formula of the scale, assessed by the answer key', () => {
      given(history(start(), save(allCorrect)))
        .when(submit())
        .then([
          {
            type: 'KnowledgeCheckAttemptSubmitted',
            data: {
              attemptId,
              campaignId: 'q2',
              employeeId: 'ann',
              scores: [{ questionId: 's1', points: 1 }, { questionId: 'm1', points: 3 }, { questionId: 'o1', points: 0 }],
              awaitingMarking: [],
              submittedAt: LATER,
            },
          },
          ...outcome(0, 'knowledgeCheck:chk', LATER),
        ]);
    });
  });

  describe('marking', () => {
    const submitting = () => [start(), save([...allCorrect, { questionId: 'o1', text: 'Log it' }]), submit()];
    const submitted = () => history(...submitting());

    it("records a trainer's points for the open answer, then the result, with the trainer as assessor", () => {
      given(submitted())
        .when(mark(2))
        .then([
          {
            type: 'KnowledgeCheckAnswersMarked',
            data: { attemptId, campaignId: 'q2', employeeId: 'ann', marks: [{ questionId: 'o1', points: 2, comment: 'Logs the call, forgets the tag' }], markerId: 'emp-trainer', markedAt: MARKED },
          },
          ...outcome(2, 'emp-trainer', MARKED),
        ]);
    });

    it('marks a submitted attempt, each open answer once, never by the employee, dated after the submission', () => {
      given(history(start())).when(mark(2)).thenThrows(DomainRuleError, 'CHECK_ATTEMPT_NOT_SUBMITTED');
      given([]).when(mark(2)).thenThrows(NotFoundError);
      given(history(...submitting(), mark(2))).when(mark(3)).thenThrows(DomainRuleError, 'ANSWER_MARKED');
      given(submitted()).when(mark(2, { marker: { actorId: 'apiKey:ann', employeeId: 'ann' } })).thenThrows(DomainRuleError, 'SELF_MARKING');
      given(submitted()).when(mark(2, { marker: { actorId: 'apiKey:legacy' } })).thenThrows(DomainRuleError, 'ACTOR_NOT_AN_EMPLOYEE');
      given(submitted()).when(mark(2, { at: MAY })).thenThrows(DomainRuleError, 'DATED_BEFORE_LAST_CHANGE');
      given(submitted()).when(mark(2, { employee: { ...employed, status: 'left' } })).thenThrows(DomainRuleError, 'EMPLOYEE_LEFT');
    });

    it.each<[string, MarkCheckAnswers['marks'], string]>([
      ['no mark', [], 'marks'],
      ['a choice question', [{ questionId: 's1', points: 1 }], 'marks.0.questionId'],
      ['a question the check does not ask', [{ questionId: 'x9', points: 1 }], 'marks.0.questionId'],
      ['more points than the question has', [{ questionId: 'o1', points: 5 }], 'marks.0.points'],
      ['fractional points', [{ questionId: 'o1', points: 1.5 }], 'marks.0.points'],
      ['a question marked twice', [{ questionId: 'o1', points: 1 }, { questionId: 'o1', points: 2 }], 'marks.1.questionId'],
      ['a mark that is no object', [['o1', 1]] as unknown as MarkCheckAnswers['marks'], 'marks.0'],
    ])('rejects %s, naming the field', (_name, marks, field) => {
      given(submitted()).when(mark(0, { marks })).thenRejects([field]);
    });

    it('refuses to mark an open question left unanswered: it scored nothing on submission', () => {
      given(history(start(), save(allCorrect), submit())).when(mark(1)).thenRejects(['marks.0.questionId']);
    });
  });
});

/**
 * The result of ann's attempt with every choice question right and `crm` points for the open one:
 * regs 4 of 4, crm `crm` of 4; on the default scale, n of 4 points is level n, up to 3.
 */
function outcome(crm: number, assessorId: string, at: string): CheckAttemptEvent[] {
  const results = [
    { competencyId: 'regs', points: 4, maxPoints: 4, level: 3 },
    { competencyId: 'crm', points: crm, maxPoints: 4, level: crm },
  ];
  return [
    { type: 'KnowledgeCheckAttempted', data: { attemptId, checkId: 'chk', employeeId: 'ann', openBook: true, scaleVersion: 0, results, attemptedAt: at } },
    ...results.map(({ competencyId, points, level }): CheckAttemptEvent => ({
      type: 'CompetencyAssessed',
      data: {
        assessmentId: derivedAssessmentId(attemptId, competencyId),
        employeeId: 'ann',
        competencyId,
        level,
        source: 'check',
        evidence: `knowledge check chk, attempt ${attemptId}: ${points} of 4 points`,
        assessorId,
        assessedAt: at,
        validated: true,
      },
    })),
  ];
}
