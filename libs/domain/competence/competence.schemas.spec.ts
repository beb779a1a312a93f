import { EventSchemaRegistry, EventSchemaViolation, UpcasterRegistry } from '#kernel';
import { recorded } from '#kernel/testing.js';
import { COMPETENCE_SCHEMAS } from './competence.schemas.js';

const schemas = new EventSchemaRegistry(COMPETENCE_SCHEMAS);
const upcasters = new UpcasterRegistry(schemas.upcasters());

const v1 = {
  checkId: 'chk',
  title: 'Quarterly',
  openBook: true,
  questions: [{ questionId: 'q1', text: 'Refund window?', competencyId: 'regs', points: 2 }],
  definedAt: '2025-01-15T09:00:00.000Z',
};

describe('the KnowledgeCheckDefined schema', () => {
  it('keeps version 1, whose questions have no kind, and requires a kind from version 2 on', () => {
    expect(schemas.currentVersion('KnowledgeCheckDefined')).toBe(2);
    expect(() => schemas.validate('KnowledgeCheckDefined', 1, v1)).not.toThrow();
    expect(() => schemas.validate('KnowledgeCheckDefined', 2, v1)).toThrow(EventSchemaViolation);
  });

  it('reads a version 1 check as one of open questions, which a trainer scores', () => {
    const upcast = upcasters.upcast(recorded({ type: 'KnowledgeCheckDefined', data: v1 }));
    expect(upcast.metadata.schemaVersion).toBe(2);
    expect(upcast.data).toEqual({ ...v1, questions: [{ ...v1.questions[0], kind: 'open' }] });
    expect(() => schemas.validate('KnowledgeCheckDefined', 2, upcast.data)).not.toThrow();
  });

  it('takes a choice question only with its options and key, and an open one without them', () => {
    const choice = { questionId: 'q2', text: 'Refund window?', competencyId: 'regs', points: 1, kind: 'single', options: [{ optionId: 'a', text: '14 days' }, { optionId: 'b', text: '30 days' }], correctOptionIds: ['a'] };
    const withQuestion = (question: object) => ({ ...v1, questions: [question] });
    expect(() => schemas.validate('KnowledgeCheckDefined', 2, withQuestion(choice))).not.toThrow();
    expect(() => schemas.validate('KnowledgeCheckDefined', 2, withQuestion({ ...choice, correctOptionIds: undefined }))).toThrow(EventSchemaViolation);
    expect(() => schemas.validate('KnowledgeCheckDefined', 2, withQuestion({ ...choice, kind: 'open' }))).toThrow(EventSchemaViolation);
  });
});
