import { employeeKey, expectProblem, keyWith, type Auth } from '../support/care-cases.js';
import { CES, CSAT, MISSING, NPS, surveyDesk } from '../support/surveys.js';
import { seedCatalogue } from '../support/organisation.js';
import { momentAfter, type RecordedMoment } from '../support/moments.js';
import { asAdmin, startTestApp, type TestApp } from '../support/test-app.js';

/*
 * Two surveys in spring 2025, computed by hand:
 *
 * metrics-a: clients who bought metrics-product; wave 1 launched 2025-03-03, 10 invited. Client answers:
 *   c1 2025-03-05  CSAT 5  NPS 10        CES 2  free text tagged objection
 *   c2 2025-03-06  CSAT 4  NPS 9 (idea)
 *   c3 2025-03-12  CSAT 2  NPS 6 (objection, problem)
 *   c4 2025-04-02  CSAT 3  NPS 8         CES 5
 * metrics-b: employees, no product; wave 1 launched 2025-03-01, 4 invited. Employee answers:
 *   e1 2025-03-10  NPS 9
 *   e2 2025-03-11  NPS 3   free text tagged training-wish
 *   e3 2025-04-03  NPS 10
 *
 * Overall: 7 responses of 14 invited (0.5); CSAT 2 of 4 satisfied (0.5); NPS 10,9,6,8,9,3,10: 4 promoters,
 * 1 passive, 2 detractors -> (4 - 2) / 7 = 28.57; eNPS 9,3,10: 2 promoters, 1 detractor -> 33.33;
 * CES 2 and 5 -> 3.5. Tags: objection 2, problem 1, idea 1, training-wish 1.
 */
describe('GET /metrics/surveys', () => {
  let api: TestApp;
  let manager: Auth;
  /** The position after e2: what the council saw before the April answers. */
  let beforeApril: RecordedMoment;
  let lastPosition: string;

  beforeAll(async () => {
    api = await startTestApp();
    await seedCatalogue(api, { sections: ['section-metrics'], products: { 'metrics-product': 'section-metrics' }, employees: ['e1', 'e2', 'e3'] });
    manager = await keyWith(api, 'survey-manager');
    const desk = surveyDesk(api, manager);
    const clientQuestions = [CSAT, NPS, CES, MISSING];
    await desk.create({ id: 'metrics-a', productId: 'metrics-product', questions: clientQuestions, occurredAt: '2025-02-20T09:00:00Z' }).expect(201);
    await desk.create({ id: 'metrics-b', audience: 'employees', productId: undefined, questions: [NPS, MISSING], occurredAt: '2025-02-20T09:00:00Z' }).expect(201);
    await desk.launch('metrics-b', { invited: 4, occurredAt: '2025-03-01T09:00:00Z' }).expect(201);
    await desk.launch('metrics-a', { invited: 10, occurredAt: '2025-03-03T09:00:00Z' }).expect(201);

    const client = (clientId: string, occurredAt: string, answers: object[]) =>
      desk.answer('metrics-a', 1, { clientId, answers, occurredAt }).expect(201);
    const employee = async (employeeId: string, occurredAt: string, answers: object[]) =>
      surveyDesk(api, await employeeKey(api, employeeId)).answer('metrics-b', 1, { answers, occurredAt }).expect(201);

    await client('c1', '2025-03-05T10:00:00Z', [
      { questionId: 'satisfaction', score: 5 },
      { questionId: 'recommend', score: 10 },
      { questionId: 'effort', score: 2 },
      { questionId: 'missing', text: 'The price', tags: ['objection'] },
    ]);
    await client('c2', '2025-03-06T10:00:00Z', [
      { questionId: 'satisfaction', score: 4 },
      { questionId: 'recommend', score: 9, tags: ['idea'] },
    ]);
    await client('c3', '2025-03-12T10:00:00Z', [
      { questionId: 'satisfaction', score: 2 },
      { questionId: 'recommend', score: 6, tags: ['objection', 'problem'] },
    ]);
    await employee('e1', '2025-03-10T10:00:00Z', [{ questionId: 'recommend', score: 9 }]);
    const e2 = await employee('e2', '2025-03-11T10:00:00Z', [
      { questionId: 'recommend', score: 3 },
      { questionId: 'missing', text: 'Objection handling', tags: ['training-wish'] },
    ]);

    // The April answers are recorded after this moment.
    beforeApril = await momentAfter(api, e2.body.position);

    await client('c4', '2025-04-02T10:00:00Z', [
      { questionId: 'satisfaction', score: 3 },
      { questionId: 'recommend', score: 8 },
      { questionId: 'effort', score: 5 },
    ]);
    lastPosition = (await employee('e3', '2025-04-03T10:00:00Z', [{ questionId: 'recommend', score: 10 }])).body.position;
  });

  afterAll(async () => {
    await api.destroy();
  });

  function scores(query: Record<string, string | number>, auth: Auth = manager) {
    return api.http().get('/metrics/surveys').set(auth).query({ minPosition: lastPosition, ...query });
  }

  function tags(query: Record<string, string | number>, auth: Auth = manager) {
    return api.http().get('/metrics/surveys/tags').set(auth).query({ minPosition: lastPosition, ...query });
  }

  const noAnswers = { answers: 0, promoters: 0, passives: 0, detractors: 0, score: null };

  const march = {
    group: { period: '2025-03-01' },
    responses: 5,
    invited: 14,
    responseRate: 5 / 14,
    csat: { answers: 3, satisfied: 2, share: 2 / 3 },
    nps: { answers: 5, promoters: 3, passives: 0, detractors: 2, score: 20 },
    enps: { answers: 2, promoters: 1, passives: 0, detractors: 1, score: 0 },
    ces: { answers: 1, mean: 2 },
  };

  it('computes CSAT, NPS, eNPS, CES and the response rate over everything', async () => {
    const response = await scores({}).expect(200);
    expect(response.body.rows).toEqual([
      {
        group: {},
        responses: 7,
        invited: 14,
        responseRate: 0.5,
        csat: { answers: 4, satisfied: 2, share: 0.5 },
        nps: { answers: 7, promoters: 4, passives: 1, detractors: 2, score: 200 / 7 },
        enps: { answers: 3, promoters: 2, passives: 0, detractors: 1, score: 100 / 3 },
        ces: { answers: 2, mean: 3.5 },
      },
    ]);
  });

  it('counts each answer in the month of its business date, and the invitations in the month of the launch', async () => {
    const response = await scores({ groupBy: 'month' }).expect(200);
    expect(response.body.rows).toEqual([
      march,
      {
        group: { period: '2025-04-01' },
        responses: 2,
        invited: null,
        responseRate: null,
        csat: { answers: 1, satisfied: 0, share: 0 },
        nps: { answers: 2, promoters: 1, passives: 1, detractors: 0, score: 50 },
        enps: { answers: 1, promoters: 1, passives: 0, detractors: 0, score: 100 },
        ces: { answers: 1, mean: 5 },
      },
    ]);
  });

  it('gives the response rate of each wave', async () => {
    const response = await scores({ groupBy: 'wave' }).expect(200);
    expect(response.body.rows).toEqual([
      {
        group: { surveyId: 'metrics-a', wave: 1 },
        responses: 4,
        invited: 10,
        responseRate: 0.4,
        csat: { answers: 4, satisfied: 2, share: 0.5 },
        nps: { answers: 4, promoters: 2, passives: 1, detractors: 1, score: 25 },
        enps: noAnswers,
        ces: { answers: 2, mean: 3.5 },
      },
      {
        group: { surveyId: 'metrics-b', wave: 1 },
        responses: 3,
        invited: 4,
        responseRate: 0.75,
        csat: { answers: 0, satisfied: 0, share: null },
        nps: { answers: 3, promoters: 2, passives: 0, detractors: 1, score: 100 / 3 },
        enps: { answers: 3, promoters: 2, passives: 0, detractors: 1, score: 100 / 3 },
        ces: { answers: 0, mean: null },
      },
    ]);
  });

  it('groups by survey, audience, product, day and week, and filters by survey, wave, audience, product and dates', async () => {
    const groups = async (query: Record<string, string | number>) =>
      (await scores(query).expect(200)).body.rows.map((row: { group: object; responses: number }) => [row.group, row.responses]);
    expect(await groups({ groupBy: 'survey' })).toEqual([
      [{ surveyId: 'metrics-a' }, 4],
      [{ surveyId: 'metrics-b' }, 3],
    ]);
    expect(await groups({ groupBy: 'audience' })).toEqual([
      [{ audience: 'clients-bought' }, 4],
      [{ audience: 'employees' }, 3],
    ]);
    expect(await groups({ groupBy: 'product' })).toEqual([
      [{ productId: 'metrics-product' }, 4],
      [{ productId: null }, 3],
    ]);
    expect(await groups({ groupBy: 'week', surveyId: 'metrics-a' })).toEqual([
      [{ period: '2025-03-03' }, 2],
      [{ period: '2025-03-10' }, 1],
      [{ period: '2025-03-31' }, 1],
    ]);
    expect(await groups({ groupBy: 'day', audience: 'employees', from: '2025-03-11', to: '2025-04-03' })).toEqual([[{ period: '2025-03-11' }, 1]]);
    expect(await groups({ productId: 'metrics-product', wave: 1, from: '2025-04-01' })).toEqual([[{}, 1]]);
    expect(await groups({ surveyId: 'metrics-a', wave: 2 })).toEqual([]);
  });

  it('counts the tags of the answers', async () => {
    expect((await tags({}).expect(200)).body.rows).toEqual([
      { group: {}, tags: { objection: 2, problem: 1, idea: 1, 'training-wish': 1 }, total: 5 },
    ]);
    expect((await tags({ groupBy: 'survey' }).expect(200)).body.rows).toEqual([
      { group: { surveyId: 'metrics-a' }, tags: { objection: 2, problem: 1, idea: 1, 'training-wish': 0 }, total: 4 },
      { group: { surveyId: 'metrics-b' }, tags: { objection: 0, problem: 0, idea: 0, 'training-wish': 1 }, total: 1 },
    ]);
    expect((await tags({ from: '2025-04-01' }).expect(200)).body.rows).toEqual([]);
  });

  it('reproduces the numbers as known before the April answers, as of a position and as of a time', async () => {
    const atPosition = await scores({ groupBy: 'month', asOf: beforeApril.position }).expect(200);
    expect(atPosition.body).toEqual({ asOf: { position: beforeApril.position }, rows: [march] });

    const atTime = await scores({ groupBy: 'month', asOf: beforeApril.time }).expect(200);
    expect(atTime.body).toEqual({ asOf: { position: beforeApril.position, time: beforeApril.time }, rows: [march] });

    const tagsThen = await tags({ asOf: beforeApril.position }).expect(200);
    expect(tagsThen.body.asOf).toEqual({ position: beforeApril.position });
  });

  it('answers as of nothing for a time before anything was recorded, and states the position it reflects otherwise', async () => {
    expect((await scores({ asOf: '2000-01-01T00:00:00Z' }).expect(200)).body).toEqual({
      asOf: { position: null, time: '2000-01-01T00:00:00.000Z' },
      rows: [],
    });
    const now = await scores({}).expect(200);
    expect(BigInt(now.body.asOf.position)).toBeGreaterThanOrEqual(BigInt(lastPosition));
    expect((await scores({ asOf: now.body.asOf.position }).expect(200)).body).toEqual(now.body);
  });

  it.each<[string, Record<string, string>, string]>([
    ['an unknown grouping', { groupBy: 'year' }, 'groupBy'],
    ['a wave of 0', { wave: '0' }, 'wave'],
    ['a wave that is no number', { wave: 'first' }, 'wave'],
    ['an unknown audience', { audience: 'partners' }, 'audience'],
    ['a survey that is no id', { surveyId: 'a survey' }, 'surveyId'],
    ['a from that is no date', { from: '2025-3-1' }, 'from'],
    ['a to that is not after from', { from: '2025-03-01', to: '2025-03-01' }, 'to'],
    ['an asOf that is neither a position nor a time', { asOf: 'last-week' }, 'asOf'],
    ['an asOf beyond the log', { asOf: '99999999999999999999' }, 'asOf'],
    ['an unknown parameter', { period: 'month' }, 'period'],
  ])('answers %s with a 400 naming the parameter, on both routes', async (_name, query, field) => {
    expectProblem(await scores(query), 400, field);
    expectProblem(await tags(query), 400, field);
  });

  describe('roles', () => {
    it('serves survey managers, the council, auditors and admins', async () => {
      for (const roles of [['council-member'], ['council-chair'], ['auditor']]) {
        const auth = await keyWith(api, ...roles);
        await scores({}, auth).expect(200);
        await tags({}, auth).expect(200);
      }
      await scores({}, asAdmin).expect(200);
    });

    it('answers 401 without a key and 403 to employees and other roles', async () => {
      expectProblem(await api.http().get('/metrics/surveys'), 401);
      expectProblem(await api.http().get('/metrics/surveys/tags'), 401);
      expectProblem(await scores({}, await employeeKey(api, 'emp-curious')), 403);
      expectProblem(await tags({}, await keyWith(api, 'care-agent')), 403);
    });
  });
});
