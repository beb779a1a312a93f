import type { RecordedEvent } from '#libs/eventsourcing/src/index.js';
import { feedVisibility } from './feed-visibility.js';

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
const refund = recorded('careCase-c-1', 'RefundIssued', { caseId: 'c-1', amount: { minor: 1500, currency: 'RUB' } });

describe('feedVisibility', () => {
  it('sends the envelope with its position as a decimal string', () => {
    expect(feedVisibility(['service'])(refund)).toEqual({ ...refund, position: '7' });
  });

  it('never sends API key events to a service, and sends them to auditors and admins without the key hash', () => {
    expect(feedVisibility(['service'])(keyIssued)).toBeUndefined();
    expect(feedVisibility(['service'])(keyRevoked)).toBeUndefined();
    for (const role of ['auditor', 'admin'] as const) {
      expect(feedVisibility([role])(keyIssued)).toMatchObject({
        data: { keyId: 'k-2', name: 'CRM', roles: ['service'], issuedAt: '2026-03-01T10:00:00.000Z' },
        redacted: ['keyHash'],
      });
      expect(feedVisibility([role])(keyRevoked)?.data).toEqual({ keyId: 'k-2', revokedAt: '2026-03-02T10:00:00.000Z' });
    }
  });

  it('sees what the widest of several feed roles sees, and nothing without a feed role', () => {
    expect(feedVisibility(['service', 'auditor'])(keyIssued)?.type).toBe('ApiKeyIssued');
    expect(feedVisibility(['care-agent'])(refund)).toBeUndefined();
    expect(feedVisibility([])(refund)).toBeUndefined();
  });

  it('leaves the token hashes out of issued survey tokens, for everyone', () => {
    const issued = recorded('survey-s-1', 'SurveyTokensIssued', { surveyId: 's-1', wave: 1, tokenHashes: ['h1', 'h2'], issuedAt: '2026-03-01T10:00:00.000Z' });
    expect(feedVisibility(['admin'])(issued)).toMatchObject({ data: { surveyId: 's-1', wave: 1, issuedAt: '2026-03-01T10:00:00.000Z' }, redacted: ['tokenHashes'] });
    expect(feedVisibility(['admin'])(issued)?.data).not.toHaveProperty('tokenHashes');
  });

  it('sends an anonymous answer with no respondent and the anonymous actor, whatever reached it', () => {
    const leaky = recorded(
      'surveyResponse-r-1',
      'SurveyAnswered',
      { responseId: 'r-1', surveyId: 's-1', wave: 1, anonymous: true, respondent: { kind: 'employee', id: 'emp-dana' }, answers: [] },
      'apiKey:dana',
    );
    const sent = feedVisibility(['auditor'])(leaky)!;
    expect(sent.data).toEqual({ responseId: 'r-1', surveyId: 's-1', wave: 1, anonymous: true, answers: [] });
    expect(sent.metadata.actor).toEqual({ id: 'anonymous', roles: [] });
    expect(sent).not.toHaveProperty('redacted');
    expect(JSON.stringify(sent)).not.toContain('dana');
  });

  it('keeps the respondent of an identified answer', () => {
    const identified = recorded('surveyResponse-r-2', 'SurveyAnswered', { responseId: 'r-2', anonymous: false, respondent: { kind: 'client', id: 'client-9' } });
    expect(feedVisibility(['service'])(identified)?.data).toMatchObject({ respondent: { kind: 'client', id: 'client-9' } });
  });
});
