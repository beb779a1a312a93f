import { DomainRuleError, NotFoundError } from '#kernel';
import { deciderSpec } from '#kernel/testing.js';
import type { DefineKnowledgeCheck, KnowledgeCheckCommand } from './knowledge-check.commands.js';
import { knowledgeCheckDecider } from './knowledge-check.decider.js';
import type { CheckQuestion, KnowledgeCheckEvent } from './knowledge-check.events.js';
import { catalogue } from './testing.js';

const JAN = '2026-01-10T09:00:00.000Z';
const question: CheckQuestion = { questionId: 'q1', text: 'Refund window?', competencyId: 'regs', points: 2 };
const define: DefineKnowledgeCheck = { type: 'DefineKnowledgeCheck', checkId: 'chk', title: 'Quarterly', openBook: true, questions: [question], catalogue, at: JAN };
const defined: KnowledgeCheckEvent = { type: 'KnowledgeCheckDefined', data: { checkId: 'chk', title: 'Quarterly', openBook: true, questions: [question], definedAt: JAN } };
const retire: KnowledgeCheckCommand = { type: 'RetireKnowledgeCheck', checkId: 'chk', at: JAN };
const retired: KnowledgeCheckEvent = { type: 'KnowledgeCheckRetired', data: { checkId: 'chk', retiredAt: JAN } };

const { given } = deciderSpec(knowledgeCheckDecider());


describe('knowledge check decider', () => {
  it('defines a check once and retires it once', () => {
    given([]).when(define).then([defined]);
    given([defined]).when(define).thenThrows(DomainRuleError, 'KNOWLEDGE_CHECK_EXISTS');
    given([defined]).when(retire).then([retired]);
    given([defined, retired]).when(retire).thenThrows(DomainRuleError, 'KNOWLEDGE_CHECK_RETIRED');
    given([]).when(retire).thenThrows(NotFoundError);
    given([defined]).when({ ...retire, at: '2026-01-09T09:00:00.000Z' }).thenThrows(DomainRuleError, 'DATED_BEFORE_LAST_CHANGE');
  });

  it('asks only about active competencies', () => {
    given([]).when({ ...define, questions: [{ ...question, competencyId: 'gone' }] }).thenThrows(DomainRuleError, 'COMPETENCY_RETIRED');
  });

  it.each<[string, KnowledgeCheckCommand, string]>([
    ['no question', { ...define, questions: [] }, 'questions'],
    ['a question id twice', { ...define, questions: [question, question] }, 'questions.1.questionId'],
    ['no points', { ...define, questions: [{ ...question, points: 0 }] }, 'questions.0.points'],
    ['fractional points', { ...define, questions: [{ ...question, points: 1.5 }] }, 'questions.0.points'],
    ['an unknown competency', { ...define, questions: [{ ...question, competencyId: 'juggling' }] }, 'questions.0.competencyId'],
    ['an open-book flag that is no flag', { ...define, openBook: 'yes' as unknown as boolean }, 'openBook'],
  ])('rejects %s, naming the field', (_name, command, field) => {
    given([]).when(command).thenRejects([field]);
  });
});
