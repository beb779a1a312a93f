import type { JsonSchema, RecordedEvent } from '#kernel';
import { DOMAIN_EVENT_SCHEMAS } from './domain.schemas.js';
import { disclosed, disclosedParts, eventsVisibleTo } from './event-visibility.js';

function recorded(streamId: string, type: string, data: unknown, actorId = 'apiKey:k-1'): RecordedEvent {
  return {
    eventId: `event-${type}`,
    type,
    streamId,
    revision: 0,
    position: 7n,
    data,
    metadata: {
      occurredAt: '2026-03-01T10:00:00.000Z',
      recordedAt: '2026-03-01T10:00:01.000Z',
      actor: { id: actorId, roles: ['admin'] },
      correlationId: 'request-1',
      causationId: null,
      schemaVersion: 1,
    },
  };
}

const keyIssued = recorded('apiKey-k-2', 'ApiKeyIssued', { keyId: 'k-2', name: 'CRM', roles: ['service'], keyHash: 'ab12', issuedAt: '2026-03-01T10:00:00.000Z' });
const keyRevoked = recorded('apiKey-k-2', 'ApiKeyRevoked', { keyId: 'k-2', keyHash: 'ab12', revokedAt: '2026-03-02T10:00:00.000Z' });
const keyRotated = recorded('apiKey-k-2', 'ApiKeyRotated', {
  keyId: 'k-2',
  keyHash: 'ab12',
  successorKeyId: 'k-3',
  expiresAt: '2026-03-02T11:00:00.000Z',
  rotatedAt: '2026-03-02T10:00:00.000Z',
});
const refund = recorded('careCase-c-1', 'RefundIssued', { caseId: 'c-1', amount: { minor: 1500, currency: 'RUB' } });
const tokensIssued = recorded('survey-s-1', 'SurveyTokensIssued', { surveyId: 's-1', wave: 1, tokenHashes: ['h1', 'h2'], issuedAt: '2026-03-01T10:00:00.000Z' });
const tokenRedeemed = recorded('survey-s-1', 'SurveyTokenRedeemed', { surveyId: 's-1', wave: 1, tokenHash: 'h1' }, 'anonymous');
const leakyAnswer = recorded(
  'surveyResponse-r-1',
  'SurveyAnswered',
  { responseId: 'r-1', surveyId: 's-1', wave: 1, anonymous: true, respondent: { kind: 'employee', id: 'emp-dana' }, answers: [], answeredAt: '2026-03-01T09:59:58.123Z' },
  'apiKey:dana',
);

describe('event visibility', () => {
  describe('eventsVisibleTo', () => {
    it('lets the envelope through with its position as a decimal string', () => {
      expect(eventsVisibleTo(['service'])(refund)).toEqual({ ...refund, position: '7' });
    });

    it('never lets API key events through to a service, and lets them through to auditors and admins without the key hash', () => {
      for (const event of [keyIssued, keyRevoked, keyRotated]) expect(eventsVisibleTo(['service'])(event)).toBeUndefined();
      for (const role of ['auditor', 'admin'] as const) {
        expect(eventsVisibleTo([role])(keyIssued)).toMatchObject({
          data: { keyId: 'k-2', name: 'CRM', roles: ['service'], issuedAt: '2026-03-01T10:00:00.000Z' },
          redacted: ['keyHash'],
        });
        expect(eventsVisibleTo([role])(keyRevoked)?.data).toEqual({ keyId: 'k-2', revokedAt: '2026-03-02T10:00:00.000Z' });
        expect(eventsVisibleTo([role])(keyRotated)?.data).not.toHaveProperty('keyHash');
      }
    });

    it('keeps thanks and complaints, words about named employees, from services, and shows them to auditors and admins', () => {
      const subject = { kind: 'employee', id: 'agent-7' };
      const thanks = recorded('thanks-t-1', 'ThanksRecorded', { thanksId: 't-1', subject, text: 'Anna was great' });
      const complaint = recorded('complaint-c-1', 'ComplaintRecorded', { complaintId: 'c-1', subject, text: 'Anna was rude' });
      for (const event of [thanks, complaint]) {
        expect(eventsVisibleTo(['service'])(event)).toBeUndefined();
        for (const role of ['auditor', 'admin'] as const) expect(eventsVisibleTo([role])(event)?.data).toEqual(event.data);
      }
    });

    it('keeps motivation statements, what each employee is paid, from services, and shows them to auditors and admins', () => {
      const statement = recorded('motivationLedger-company', 'MotivationStatementIssued', { month: '2026-03', employeeId: 'agent-7', coefficient: 1.2 });
      expect(eventsVisibleTo(['service'])(statement)).toBeUndefined();
      for (const role of ['auditor', 'admin'] as const) expect(eventsVisibleTo([role])(statement)?.data).toEqual(statement.data);
    });

    it('keeps the answer keys of knowledge checks from services, in the question banks and the scored attempts, and lets the results through', () => {
      const question = { questionId: 'q-1', kind: 'single', text: 'Refund window?', competencyId: 'regs', points: 1, options: [], correctOptionIds: ['a'] };
      const defined = recorded('knowledgeCheck-kc-1', 'KnowledgeCheckDefined', { checkId: 'kc-1', title: 'Regulations', openBook: true, questions: [question] });
      const answered = recorded('checkAttempt-a-1', 'KnowledgeCheckAnswersSaved', { attemptId: 'a-1', employeeId: 'agent-7', answers: [{ questionId: 'q-1', optionIds: ['a'] }] });
      const scored = recorded('checkAttempt-a-1', 'KnowledgeCheckAttemptSubmitted', { attemptId: 'a-1', employeeId: 'agent-7', scores: [{ questionId: 'q-1', points: 1 }] });
      for (const event of [defined, answered, scored]) {
        expect(eventsVisibleTo(['service'])(event)).toBeUndefined();
        for (const role of ['auditor', 'admin'] as const) expect(eventsVisibleTo([role])(event)?.data).toEqual(event.data);
      }
      const result = recorded('competenceRecord-agent-7', 'KnowledgeCheckAttempted', { attemptId: 'a-1', checkId: 'kc-1', employeeId: 'agent-7', results: [] });
      expect(eventsVisibleTo(['service'])(result)?.type).toBe('KnowledgeCheckAttempted');
    });

    it('shows what the widest of several feed roles sees, and nothing without a feed role', () => {
      expect(eventsVisibleTo(['service', 'auditor'])(keyIssued)?.type).toBe('ApiKeyIssued');
      expect(eventsVisibleTo(['care-agent'])(refund)).toBeUndefined();
      expect(eventsVisibleTo([])(refund)).toBeUndefined();
    });
  });

  describe('disclosed', () => {
    it('leaves the token hashes out of issued and spent survey tokens, naming them', () => {
      expect(disclosed(tokensIssued)).toMatchObject({ data: { surveyId: 's-1', wave: 1, issuedAt: '2026-03-01T10:00:00.000Z' }, redacted: ['tokenHashes'] });
      expect(disclosed(tokensIssued).data).not.toHaveProperty('tokenHashes');
      expect(disclosed(tokenRedeemed)).toMatchObject({ data: { surveyId: 's-1', wave: 1 }, redacted: ['tokenHash'] });
    });

    it('shows an anonymous answer with no respondent, the anonymous actor and its times to the day, whatever reached it', () => {
      const shown = disclosed(leakyAnswer);
      expect(shown.data).toEqual({ responseId: 'r-1', surveyId: 's-1', wave: 1, anonymous: true, answers: [], answeredAt: '2026-03-01T00:00:00.000Z' });
      expect(shown.metadata).toMatchObject({
        actor: { id: 'anonymous', roles: [] },
        occurredAt: '2026-03-01T00:00:00.000Z',
        recordedAt: '2026-03-01T00:00:00.000Z',
      });
      expect(shown).not.toHaveProperty('redacted');
      expect(JSON.stringify(shown)).not.toMatch(/dana|09:59|10:00/);
    });

    it('tells the time a token was spent to the day only', () => {
      expect(disclosed(tokenRedeemed).metadata).toMatchObject({ occurredAt: '2026-03-01T00:00:00.000Z', recordedAt: '2026-03-01T00:00:00.000Z' });
    });

    it('keeps the respondent and the times of an identified answer', () => {
      const identified = recorded('surveyResponse-r-2', 'SurveyAnswered', { responseId: 'r-2', anonymous: false, respondent: { kind: 'client', id: 'client-9' }, answeredAt: '2026-03-01T09:59:58.123Z' });
      expect(disclosed(identified)).toMatchObject({ data: { respondent: { kind: 'client', id: 'client-9' }, answeredAt: '2026-03-01T09:59:58.123Z' }, metadata: identified.metadata });
    });

    it('leaves out every field that holds a SHA-256 hash, in every version of every event type', () => {
      const sha256Fields = DOMAIN_EVENT_SCHEMAS.flatMap((definition) =>
        definition.versions.flatMap(({ schema }) =>
          Object.entries((schema.properties ?? {}) as Record<string, JsonSchema>)
            .filter(([, property]) => JSON.stringify(property).includes('^[0-9a-f]{64}$'))
            .map(([field]) => ({ type: definition.type, field })),
        ),
      );
      expect(sha256Fields.length).toBeGreaterThanOrEqual(5);
      for (const { type, field } of sha256Fields) expect(disclosedParts(type, { [field]: '0'.repeat(64) }, {}).redacted).toEqual([field]);
    });
  });

  describe('disclosedParts', () => {
    it('says whether what is shown differs from what was recorded', () => {
      expect(disclosedParts('RefundIssued', refund.data, refund.metadata)).toMatchObject({ data: refund.data, changed: false });
      expect(disclosedParts('ApiKeyRevoked', keyRevoked.data, keyRevoked.metadata).changed).toBe(true);
      expect(disclosedParts('SurveyAnswered', leakyAnswer.data, { occurredAt: '2026-03-01T09:59:58.123Z' })).toMatchObject({
        metadata: { occurredAt: '2026-03-01T00:00:00.000Z' },
        changed: true,
      });
    });
  });
});
