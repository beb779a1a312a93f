import { EventSchemaRegistry, EventSchemaViolation, UpcasterRegistry } from '#kernel';
import { SURVEYS_SCHEMAS } from './surveys.schemas.js';

const schemas = new EventSchemaRegistry(SURVEYS_SCHEMAS);
const upcasters = new UpcasterRegistry(schemas.upcasters());

const anonymous = {
  responseId: '3f2b8c1e-9a4d-4e7f-b5c6-0d1e2f3a4b5c',
  surveyId: 'survey-1',
  wave: 1,
  audience: 'all-employees',
  anonymous: true,
  answers: [{ questionId: 'satisfaction', kind: 'csat', score: 4 }],
  answeredAt: '2026-03-04T00:00:00.000Z',
};

function recordedV1(data: object) {
  const metadata = { occurredAt: '', recordedAt: '', actor: { id: 'anonymous', roles: [] }, correlationId: 'c', causationId: null, schemaVersion: 1 };
  return { eventId: 'e', type: 'SurveyAnswered', streamId: 'surveyResponse-r', revision: 0, position: 1n, data, metadata };
}

describe('the SurveyAnswered schema', () => {
  it('takes an anonymous answer of version 2 only without a respondent and told to the day', () => {
    expect(() => schemas.validate('SurveyAnswered', 2, anonymous)).not.toThrow();
    expect(() => schemas.validate('SurveyAnswered', 2, { ...anonymous, answeredAt: '2026-03-04T10:17:42.318Z' })).toThrow(EventSchemaViolation);
    expect(() => schemas.validate('SurveyAnswered', 2, { ...anonymous, respondent: { kind: 'employee', id: 'emp-7' } })).toThrow(EventSchemaViolation);
    const identified = { ...anonymous, anonymous: false, respondent: { kind: 'employee', id: 'emp-7' }, answeredAt: '2026-03-04T10:17:42.318Z' };
    expect(() => schemas.validate('SurveyAnswered', 2, identified)).not.toThrow();
  });

  it('reads an anonymous answer of version 1 told to the day, and an identified one as it was', () => {
    const precise = { ...anonymous, answeredAt: '2026-03-04T10:17:42.318Z' };
    expect(upcasters.upcast(recordedV1(precise)).data).toEqual(anonymous);
    const identified = { ...precise, anonymous: false, respondent: { kind: 'employee', id: 'emp-7' } };
    expect(upcasters.upcast(recordedV1(identified)).data).toEqual(identified);
  });
});
