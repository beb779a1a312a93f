import { DomainRuleError, NotFoundError } from '#kernel';
import { deciderSpec } from '#kernel/testing.js';
import type { CitableMaterial, DefineKnowledgeCheck, KnowledgeCheckCommand, QuestionDraft } from './knowledge-check.commands.js';
import { knowledgeCheckDecider } from './knowledge-check.decider.js';
import type { CheckQuestion, KnowledgeCheckEvent } from './knowledge-check.events.js';
import { catalogue } from './testing.js';

const JAN = '2026-01-10T09:00:00.000Z';
const open: QuestionDraft = { questionId: 'q1', text: 'Refund window?', competencyId: 'regs', points: 2 };
const options = [
  { optionId: 'd14', text: '14 days' },
  { optionId: 'd30', text: '30 days' },
  { optionId: 'never', text: 'Never' },
];
const single: QuestionDraft = { questionId: 'q2', kind: 'single', text: 'Refund window?', competencyId: 'regs', points: 1, options, correctOptionIds: ['d14'], cites: { materialId: 'refunds', version: 2 } };
const multiple: QuestionDraft = { questionId: 'q3', kind: 'multiple', text: 'Which are refundable?', competencyId: 'crm', points: 3, options, correctOptionIds: ['d14', 'd30'] };
const materials = new Map<string, CitableMaterial>([
  ['refunds', { status: 'current', version: 2 }],
  ['old-rules', { status: 'retired', version: 1 }],
]);
const define = (questions: readonly QuestionDraft[]): DefineKnowledgeCheck => ({
  type: 'DefineKnowledgeCheck',
  checkId: 'chk',
  title: 'Quarterly',
  openBook: true,
  questions,
  catalogue,
  materials,
  at: JAN,
});
const defined = (questions: readonly CheckQuestion[]): KnowledgeCheckEvent => ({
  type: 'KnowledgeCheckDefined',
  data: { checkId: 'chk', title: 'Quarterly', openBook: true, questions, definedAt: JAN },
});
const openDefined = defined([{ ...open, kind: 'open' }]);
const retire: KnowledgeCheckCommand = { type: 'RetireKnowledgeCheck', checkId: 'chk', at: JAN };
const retired: KnowledgeCheckEvent = { type: 'KnowledgeCheckRetired', data: { checkId: 'chk', retiredAt: JAN } };

const { given } = deciderSpec(knowledgeCheckDecider());

describe('knowledge check decider', () => {
  it('defines a check once and retires it once', () => {
    given([]).when(define([open])).then([openDefined]);
    given([openDefined]).when(define([open])).thenThrows(DomainRuleError, 'KNOWLEDGE_CHECK_EXISTS');
    given([openDefined]).when(retire).then([retired]);
    given([openDefined, retired]).when(retire).thenThrows(DomainRuleError, 'KNOWLEDGE_CHECK_RETIRED');
    given([]).when(retire).thenThrows(NotFoundError);
    given([openDefined]).when({ ...retire, at: '2026-01-09T09:00:00.000Z' }).thenThrows(DomainRuleError, 'DATED_BEFORE_LAST_CHANGE');
  });

  it('keeps a bank of the three kinds: choice questions with their key and cited material version, open ones without options', () => {
    given([])
      .when(define([single, multiple, open]))
      .then([defined([single as CheckQuestion, multiple as CheckQuestion, { ...open, kind: 'open' }])]);
  });

  it('asks only about active competencies and cites only materials that are not retired', () => {
    given([]).when(define([{ ...open, competencyId: 'gone' }])).thenThrows(DomainRuleError, 'COMPETENCY_RETIRED');
    given([]).when(define([{ ...single, cites: { materialId: 'old-rules', version: 1 } }])).thenThrows(DomainRuleError, 'MATERIAL_RETIRED');
  });

  it.each<[string, KnowledgeCheckCommand, string]>([
    ['no question', define([]), 'questions'],
    ['a question id twice', define([open, open]), 'questions.1.questionId'],
    ['no points', define([{ ...open, points: 0 }]), 'questions.0.points'],
    ['fractional points', define([{ ...open, points: 1.5 }]), 'questions.0.points'],
    ['an unknown competency', define([{ ...open, competencyId: 'juggling' }]), 'questions.0.competencyId'],
    ['an open-book flag that is no flag', { ...define([open]), openBook: 'yes' as unknown as boolean }, 'openBook'],
    ['an unknown kind', define([{ ...open, kind: 'essay' as 'open' }]), 'questions.0.kind'],
    ['an open question with options', define([{ ...open, options }]), 'questions.0.options'],
    ['an open question with a key', define([{ ...open, correctOptionIds: ['d14'] }]), 'questions.0.correctOptionIds'],
    ['a choice question of one option', define([{ ...single, options: options.slice(0, 1), correctOptionIds: ['d14'] }]), 'questions.0.options'],
    ['an option id twice', define([{ ...single, options: [...options, options[0]!] }]), 'questions.0.options.3.optionId'],
    ['a choice question without a key', define([{ ...multiple, correctOptionIds: undefined }]), 'questions.0.correctOptionIds'],
    ['a single-choice question with two correct options', define([{ ...single, correctOptionIds: ['d14', 'd30'] }]), 'questions.0.correctOptionIds'],
    ['a key naming no option', define([{ ...multiple, correctOptionIds: ['d14', 'd90'] }]), 'questions.0.correctOptionIds.1'],
    ['a material the knowledge base does not have', define([{ ...single, cites: { materialId: 'nothing', version: 1 } }]), 'questions.0.cites.materialId'],
    ['a version the material never had', define([{ ...single, cites: { materialId: 'refunds', version: 3 } }]), 'questions.0.cites.version'],
  ])('rejects %s, naming the field', (_name, command, field) => {
    given([]).when(command).thenRejects([field]);
  });
});
