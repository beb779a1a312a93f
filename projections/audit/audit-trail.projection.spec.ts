import { projectionSpec, recorded } from '#kernel/testing.js';
import { auditKeyOf, auditTrail, referencesOf, whyOf, type AuditTrailEntry } from './audit-trail.projection.js';

const refunded = recorded(
  {
    type: 'RefundIssued',
    data: { caseId: 'case-1', amount: { minor: 900_000, currency: 'RUB' }, reason: 'Half of the course was not delivered' },
  },
  {
    position: 7n,
    streamId: 'careCase-case-1',
    revision: 2,
    metadata: {
      occurredAt: '2026-03-02T09:00:00.000Z',
      recordedAt: '2026-03-04T10:00:00.000Z',
      actor: { id: 'apiKey:agent-7', roles: ['care-agent'] },
      correlationId: 'request-9',
      causationId: 'event-5',
    },
  },
);

const keyIssued = recorded(
  { type: 'ApiKeyIssued', data: { keyId: 'key-1', name: 'desk', roles: ['auditor'], keyHash: 'ab12cd', issuedAt: '2026-03-01T08:00:00.000Z' } },
  { position: 12n, streamId: 'apiKey-key-1' },
);

const refundEntry: AuditTrailEntry = {
  key: '00000000000000000007',
  position: '7',
  eventId: refunded.eventId,
  type: 'RefundIssued',
  streamId: 'careCase-case-1',
  category: 'careCase',
  entityId: 'case-1',
  revision: 2,
  actorId: 'apiKey:agent-7',
  actorRoles: ['care-agent'],
  occurredAt: '2026-03-02T09:00:00.000Z',
  recordedAt: '2026-03-04T10:00:00.000Z',
  why: 'Half of the course was not delivered',
  correlationId: 'request-9',
  causationId: 'event-5',
  references: { caseId: 'case-1' },
};

describe('auditTrail projection', () => {
  it('keeps one entry per event, keyed by its zero-padded position, with who, when, why and which ids', () => {
    projectionSpec(auditTrail).given([refunded]).thenDocuments({ '00000000000000000007': refundEntry });
  });

  it('keeps the entry of an event that names no reason, without copying its data or its key hash', () => {
    const { documents } = projectionSpec(auditTrail).given([keyIssued]);
    const entry = documents.get('00000000000000000012');
    expect(entry).toMatchObject({ type: 'ApiKeyIssued', category: 'apiKey', entityId: 'key-1', why: null, references: { keyId: 'key-1' } });
    expect(JSON.stringify(entry)).not.toContain('ab12cd');
  });

  it('keeps an anonymous answer anonymous, with the anonymous actor and its times to the day, whatever reached it', () => {
    const answered = recorded(
      { type: 'SurveyAnswered', data: { responseId: 'response-1', surveyId: 'survey-1', anonymous: true, respondent: { kind: 'employee', id: 'emp-dana' } } },
      {
        position: 3n,
        streamId: 'surveyResponse-response-1',
        metadata: { actor: { id: 'apiKey:dana', roles: ['employee'] }, occurredAt: '2026-03-02T09:41:07.512Z', recordedAt: '2026-03-02T09:41:07.530Z' },
      },
    );
    const { documents } = projectionSpec(auditTrail).given([answered]);
    expect(documents.get(auditKeyOf(3n))).toMatchObject({
      actorId: 'anonymous',
      actorRoles: [],
      occurredAt: '2026-03-02T00:00:00.000Z',
      recordedAt: '2026-03-02T00:00:00.000Z',
      references: { responseId: 'response-1', surveyId: 'survey-1' },
    });
    expect(JSON.stringify(documents.get(auditKeyOf(3n)))).not.toMatch(/dana|09:41/);
  });

  it('does not change an entry when its event is projected again', () => {
    projectionSpec(auditTrail).given([refunded, refunded]).thenDocuments({ '00000000000000000007': refundEntry });
  });
});

describe('audit trail helpers', () => {
  it('orders keys as text in the order of positions, up to 64-bit ones', () => {
    const keys = [2n ** 64n - 1n, 10n, 9n, 100n].map(auditKeyOf);
    expect([...keys].sort()).toEqual([auditKeyOf(9n), auditKeyOf(10n), auditKeyOf(100n), auditKeyOf(2n ** 64n - 1n)]);
  });

  it('takes the rationale before the reason, the reason before a comment or a note, and skips blank ones', () => {
    expect(whyOf({ reason: 'late delivery', rationale: 'retention below target' })).toBe('retention below target');
    expect(whyOf({ note: 'called back', comment: 'step 4 skipped' })).toBe('step 4 skipped');
    expect(whyOf({ rationale: '  ', note: 'called back' })).toBe('called back');
    expect(whyOf({ reason: 42 })).toBeNull();
    expect(whyOf(['reason'])).toBeNull();
    expect(whyOf(null)).toBeNull();
  });

  it('refers to the top-level ids and id lists only', () => {
    expect(
      referencesOf({ caseId: 'case-1', evidenceIds: ['inspection-1', 'case-2'], mixedIds: ['a', 1], count: 2, nested: { employeeId: 'e-1' } }),
    ).toEqual({ caseId: 'case-1', evidenceIds: ['inspection-1', 'case-2'] });
  });
});
