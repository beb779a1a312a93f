import { EMPTY_CONTENT, requirement } from '#domain/competence/testing.js';
import { employeeKey, keyWith, type Auth } from './care-cases.js';
import { orgDesk } from './organisation.js';
import { asAdmin, type TestApp } from './test-app.js';

type Headers = Record<string, string>;
type Body = Record<string, unknown>;

/** The domain specs' requirement fixture, for request bodies. */
export { requirement };

/** The competence routes, called with one key; each answers the raw response. */
export function competenceDesk(api: TestApp, auth: Auth) {
  const post = (path: string, body: Body, headers: Headers) => api.http().post(path).set(auth).set(headers).send(body);
  return {
    defineCompetency: (id: string, kind: string, body: Body = {}, headers: Headers = {}) =>
      post('/competencies', { id, kind, name: `Competency ${id}`, ...body }, headers),
    reviseCompetency: (id: string, body: Body, headers: Headers = {}) => post(`/competencies/${id}/revision`, body, headers),
    retireCompetency: (id: string, body: Body = {}, headers: Headers = {}) => post(`/competencies/${id}/retirement`, body, headers),
    defineScale: (body: Body, headers: Headers = {}) => post('/proficiency-scale', body, headers),
    draftProfile: (positionId: string, body: Body = {}, headers: Headers = {}) =>
      post(`/job-profiles/${positionId}/draft`, { ...EMPTY_CONTENT, ...body }, headers),
    approveProfile: (positionId: string, body: Body = {}, headers: Headers = {}) => post(`/job-profiles/${positionId}/approval`, body, headers),
    definePath: (body: Body, headers: Headers = {}) => post('/career-paths', body, headers),
    revisePath: (id: string, body: Body, headers: Headers = {}) => post(`/career-paths/${id}/revision`, body, headers),
    retirePath: (id: string, body: Body = {}, headers: Headers = {}) => post(`/career-paths/${id}/retirement`, body, headers),
    defineCheck: (body: Body, headers: Headers = {}) => post('/knowledge-checks', body, headers),
    retireCheck: (id: string, body: Body = {}, headers: Headers = {}) => post(`/knowledge-checks/${id}/retirement`, body, headers),
    attempt: (checkId: string, body: Body, headers: Headers = {}) => post(`/knowledge-checks/${checkId}/attempts`, body, headers),
    formCommission: (body: Body, headers: Headers = {}) => post('/attestations', body, headers),
    recordResults: (id: string, body: Body, headers: Headers = {}) => post(`/attestations/${id}/results`, body, headers),
    assess: (employeeId: string, body: Body, headers: Headers = {}) =>
      post(`/competence-records/${employeeId}/assessments`, { evidence: 'Observed at work', ...body }, headers),
    selfAssess: (employeeId: string, body: Body, headers: Headers = {}) => post(`/competence-records/${employeeId}/self-assessments`, body, headers),
    validate: (employeeId: string, assessmentId: string, body: Body = {}, headers: Headers = {}) =>
      post(`/competence-records/${employeeId}/self-assessments/${assessmentId}/validation`, body, headers),
    setTarget: (employeeId: string, careerPathId: string | null, body: Body = {}, headers: Headers = {}) =>
      post(`/competence-records/${employeeId}/career-target`, { careerPathId, ...body }, headers),
    read: (path: string, query: Record<string, string> = {}) => api.http().get(path).set(auth).query(query),
  };
}

export type CompetenceDesk = ReturnType<typeof competenceDesk>;

/** Where the employees of a competence test work: positions by id, each in a section, and who holds which. */
export interface CompetenceOrganisation {
  /** Section id, and the ids of its positions. */
  readonly sections: Readonly<Record<string, readonly string[]>>;
  /** Employee id, and the position they are hired into (in its section). */
  readonly employees: Readonly<Record<string, string>>;
}

/** Creates, with the admin key, the sections, positions and employees named, all dated `at`. */
export async function seedOrganisation(api: TestApp, organisation: CompetenceOrganisation, at: string): Promise<void> {
  const admin = orgDesk(api, asAdmin);
  const sectionOf = new Map<string, string>();
  for (const [sectionId, positions] of Object.entries(organisation.sections)) {
    await admin.createSection({ id: sectionId, name: `Section ${sectionId}`, occurredAt: at }).expect(201);
    for (const positionId of positions) {
      await admin.createPosition({ id: positionId, title: `Position ${positionId}`, sectionId, occurredAt: at }).expect(201);
      sectionOf.set(positionId, sectionId);
    }
  }
  for (const [employeeId, positionId] of Object.entries(organisation.employees)) {
    await admin.hire(positionId, sectionOf.get(positionId)!, {
      id: employeeId,
      name: `Employee ${employeeId}`,
      occurredAt: at,
    }).expect(201);
  }
}

/**
 * The skill-gap scenario of the e2e tests: the support section has line 1 (ann, bob) and line 2
 * (nobody); sales has cid as sales rep.
 *
 *   line-1  v1 (Jan 10): regs 3 (w2), crm 2 (w1), care 2 (w1);  v2 (Feb 10): crm raised to 3 (w2)
 *   line-2  v1 (Jan 10): regs 4 (w2), products 2 (w1), crm 3 (w1);  v2 (Feb 15): products 3
 *   sales   v1 (Jan 10): products 3 (w2), calm 2 (w1)
 *
 * Check q1 (Jan 20): regs 4 points, products 4 points. A share maps to min(3, floor(share × 4)):
 *   ann  regs 3/4 -> 3, products 1/4 -> 1;  bob  regs 1/4 -> 1, products 4/4 -> 3 (capped at proficient).
 * ann: crm 2 by a trainer (Jan 21); care 3 by herself (Jan 22), validated by hr (Jan 25).
 * cid: products 3 and calm 1 by a trainer (Jan 21).
 * bob aims at line 2 along a path that follows line 2's profile (Feb 1).
 *
 * After everything:
 *   ann  regs 3/3 gap 0, crm 2/3 gap 1 (w2), care 3/2 gap 0          -> weighted 2, open 1
 *   bob  regs 1/3 gap 2 (w2), crm -/3 gap 3 (w2), care -/2 gap 2     -> weighted 4 + 6 + 2 = 12, open 3
 *        target: regs 4 -> 3, crm 3 -> 3, care 0 -> 0, products 3 (level 3) -> 0
 *   cid  products 3/3 gap 0, calm 1/2 gap 1 (w1)                     -> weighted 1, open 1
 *
 * Coverage (competencies required, met), changing at these business dates:
 *   Jan 10  ann (3, 0), bob (3, 0), cid (2, 0)       Jan 21  ann (3, 2), cid (2, 1)
 *   Jan 20  ann (3, 1); bob unchanged                Jan 25  ann (3, 3)
 *   Feb 10  ann (3, 2): crm now needs 3; bob unchanged (crm unassessed either way)
 * so: end of January (8, 4) = 0.5; end of February (8, 3) = 0.375; support (6, 2), sales (2, 1).
 */
export async function seedGapScenario(api: TestApp) {
  const hr = competenceDesk(api, await keyWith(api, 'hr'));
  const trainer = competenceDesk(api, await keyWith(api, 'trainer'));
  const annKey = await employeeKey(api, 'ann');
  const ann = competenceDesk(api, annKey);

  await seedOrganisation(
    api,
    { sections: { 'sec-support': ['line-1', 'line-2'], 'sec-sales': ['sales-rep'] }, employees: { ann: 'line-1', bob: 'line-1', cid: 'sales-rep' } },
    '2025-01-01T09:00:00Z',
  );
  const kinds = { regs: 'knowledge', products: 'knowledge', crm: 'skill', calm: 'personal-quality', care: 'value' };
  for (const [id, kind] of Object.entries(kinds)) await trainer.defineCompetency(id, kind, { occurredAt: '2025-01-02T09:00:00Z' }).expect(201);
  const jan10 = { occurredAt: '2025-01-10T09:00:00Z' };
  await hr.draftProfile('line-1', {
    subjectKnowledge: [requirement('regs', 3, 2)],
    skills: [requirement('crm', 2)],
    values: [requirement('care', 2)],
    ...jan10,
  }).expect(200);
  await hr.draftProfile('line-2', {
    subjectKnowledge: [requirement('regs', 4, 2), requirement('products', 2)],
    skills: [requirement('crm', 3)],
    ...jan10,
  }).expect(200);
  await hr.draftProfile('sales-rep', {
    subjectKnowledge: [requirement('products', 3, 2)],
    personalQualities: [requirement('calm', 2)],
    ...jan10,
  }).expect(200);
  for (const position of ['line-1', 'line-2', 'sales-rep']) await hr.approveProfile(position, jan10).expect(200);

  const questions = [
    { questionId: 'r1', text: 'Refund window?', competencyId: 'regs', points: 2 },
    { questionId: 'r2', text: 'Escalation order?', competencyId: 'regs', points: 2 },
    { questionId: 'p1', text: 'What does the spring course include?', competencyId: 'products', points: 4 },
  ];
  await trainer.defineCheck({
    id: 'q1',
    title: 'Quarterly check',
    openBook: true,
    questions,
    occurredAt: '2025-01-15T09:00:00Z',
  }).expect(201);
  const jan20 = '2025-01-20T09:00:00Z';
  const scores = (r1: number, r2: number, p1: number) => [
    { questionId: 'r1', points: r1 },
    { questionId: 'r2', points: r2 },
    { questionId: 'p1', points: p1 },
  ];
  await trainer.attempt('q1', { employeeId: 'ann', answers: scores(2, 1, 1), occurredAt: jan20 }).expect(201);
  await trainer.attempt('q1', { employeeId: 'bob', answers: scores(1, 0, 4), occurredAt: jan20 }).expect(201);
  const jan21 = { occurredAt: '2025-01-21T09:00:00Z' };
  await trainer.assess('ann', { competencyId: 'crm', level: 2, ...jan21 }).expect(201);
  await trainer.assess('cid', { competencyId: 'products', level: 3, ...jan21 }).expect(201);
  await trainer.assess('cid', { competencyId: 'calm', level: 1, ...jan21 }).expect(201);
  const annSelfAssessment: string = (await ann.selfAssess('ann', {
    competencyId: 'care',
    level: 3,
    occurredAt: '2025-01-22T09:00:00Z',
  }).expect(201)).body.id;
  await hr.validate('ann', annSelfAssessment, { occurredAt: '2025-01-25T09:00:00Z' }).expect(200);

  await hr.definePath({
    id: 'line-1-to-2',
    fromPositionId: 'line-1',
    toPositionId: 'line-2',
    basis: 'target-profile',
    occurredAt: '2025-01-30T09:00:00Z',
  }).expect(201);
  const beforeRaise: string = (await hr.setTarget('bob', 'line-1-to-2', { occurredAt: '2025-02-01T09:00:00Z' }).expect(200)).body.position;

  await hr.draftProfile('line-1', {
    subjectKnowledge: [requirement('regs', 3, 2)],
    skills: [requirement('crm', 3, 2)],
    values: [requirement('care', 2)],
    occurredAt: '2025-02-09T09:00:00Z',
  }).expect(200);
  await hr.approveProfile('line-1', { occurredAt: '2025-02-10T09:00:00Z' }).expect(200);
  const feb15 = { occurredAt: '2025-02-15T09:00:00Z' };
  await hr.draftProfile('line-2', {
    subjectKnowledge: [requirement('regs', 4, 2), requirement('products', 3)],
    skills: [requirement('crm', 3)],
    ...feb15,
  }).expect(200);
  const last: string = (await hr.approveProfile('line-2', feb15).expect(200)).body.position;
  return { hr, trainer, annKey, annSelfAssessment, beforeRaise, last };
}

/** The routes of knowledge-check campaigns and the attempts taken in them, called with one key; each answers the raw response. */
export function campaignDesk(api: TestApp, auth: Auth) {
  const post = (path: string, body: Body, headers: Headers) => api.http().post(path).set(auth).set(headers).send(body);
  const attempt = (campaignId: string, employeeId: string) => `/knowledge-check-campaigns/${campaignId}/attempts/${employeeId}`;
  return {
    create: (body: Body, headers: Headers = {}) => post('/knowledge-check-campaigns', body, headers),
    start: (campaignId: string, body: Body = {}, headers: Headers = {}) => post(`/knowledge-check-campaigns/${campaignId}/attempts`, body, headers),
    save: (campaignId: string, employeeId: string, answers: unknown[], headers: Headers = {}) => post(`${attempt(campaignId, employeeId)}/answers`, { answers }, headers),
    submit: (campaignId: string, employeeId: string, body: Body = {}, headers: Headers = {}) => post(`${attempt(campaignId, employeeId)}/submission`, body, headers),
    mark: (campaignId: string, employeeId: string, marks: unknown[], headers: Headers = {}) => post(`${attempt(campaignId, employeeId)}/marks`, { marks }, headers),
    attempt: (campaignId: string, employeeId: string, query: Record<string, string> = {}) => api.http().get(attempt(campaignId, employeeId)).set(auth).query(query),
    read: (path: string, query: Record<string, string> = {}) => api.http().get(path).set(auth).query(query),
  };
}
