import type { Response } from 'supertest';
import { legacyKeyWith } from '../support/api-keys.js';
import { collect } from '../support/collect.js';
import { employeeKey, expectInvalid, expectProblem, keyWith, type Auth } from '../support/care-cases.js';
import { seedCatalogue } from '../support/organisation.js';
import { CES, CHANNEL, CSAT, MISSING, NPS, SURVEY_CATALOGUE, surveyDesk } from '../support/surveys.js';
import { asAdmin, startTestApp, type TestApp } from '../support/test-app.js';

const UUID_V7 = /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
const UUID_V5 = /^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
const POSITION = /^\d+$/;

describe('surveys over HTTP', () => {
  let api: TestApp;
  let manager: Auth;
  let ann: Auth;
  let bob: Auth;
  let auditor: Auth;
  let desk: ReturnType<typeof surveyDesk>;

  beforeAll(async () => {
    api = await startTestApp();
    await seedCatalogue(api, SURVEY_CATALOGUE, { products: { 'list-product': 'section-courses' }, employees: ['emp-ann', 'emp-bob'] });
    [manager, ann, bob, auditor] = await Promise.all([
      keyWith(api, 'survey-manager'),
      employeeKey(api, 'emp-ann'),
      employeeKey(api, 'emp-bob'),
      keyWith(api, 'auditor'),
    ]);
    desk = surveyDesk(api, manager);
  });

  afterAll(async () => {
    await api.destroy();
  });

  const head = () => api.stores.events.headPosition();

  async function createdSurvey(body: object = {}): Promise<string> {
    return (await desk.create(body).expect(201)).body.id;
  }

  /** A survey of employees with an open first wave. */
  async function openEmployeeSurvey(body: object = {}): Promise<string> {
    const id = await createdSurvey({ audience: 'employees', productId: undefined, questions: [CSAT, NPS, MISSING], ...body });
    await desk.launch(id).expect(201);
    return id;
  }

  async function eventsOf(stream: string) {
    return collect(api.stores.events.readStream(stream));
  }

  describe('design and waves', () => {
    it('creates a draft survey under a new UUIDv7, recording the caller as the actor', async () => {
      const response = await desk.create({}, { 'X-Request-Id': 'create-1' }).expect(201);
      expect(response.body).toEqual({ id: expect.stringMatching(UUID_V7), revision: 0, position: expect.stringMatching(POSITION) });

      const [event] = await eventsOf(`survey-${response.body.id}`);
      expect(event).toMatchObject({
        type: 'SurveyCreated',
        data: { surveyId: response.body.id, audience: 'clients-bought', anonymous: false, productId: 'course-sales' },
        metadata: { actor: { id: expect.stringMatching(/^apiKey:/), roles: ['survey-manager'] }, correlationId: 'create-1' },
      });

      const view = await desk.read(`/surveys/${response.body.id}`, { minPosition: response.body.position }).expect(200);
      expect(view.body).toMatchObject({
        id: response.body.id,
        title: 'Course buyers',
        status: 'draft',
        openWave: null,
        anonymous: false,
        bonus: { description: 'A webinar recording', amount: { minor: 50_000, currency: 'RUB' } },
        questions: [{ ...CSAT }, { ...NPS, required: false }, { ...CES, required: false }, { ...CHANNEL, required: false }, { ...MISSING, required: false }],
        responses: 0,
        waves: [],
        position: response.body.position,
      });
    });

    it('creates a survey under the id the client chose, once', async () => {
      await desk.create({ id: 'survey-chosen' }).expect(201);
      const again = await desk.create({ id: 'survey-chosen' });
      expectProblem(again, 409);
      expect(again.body.code).toBe('SURVEY_EXISTS');
    });

    it('runs waves one at a time, each with the questions of its launch, revising the questions in between', async () => {
      const id = await createdSurvey({ occurredAt: '2025-04-30T09:00:00Z' });
      const first = await desk.launch(id, { invited: 30, occurredAt: '2025-05-01T09:00:00Z' }).expect(201);
      expect(first.body).toEqual({ id, revision: 1, position: expect.stringMatching(POSITION), wave: 1 });
      expect((await desk.launch(id)).body).toMatchObject({ status: 409, code: 'WAVE_ALREADY_OPEN' });
      expect((await desk.revise(id, { title: 'Too late', questions: [CSAT] })).body).toMatchObject({ status: 409, code: 'WAVE_OPEN' });

      await desk.close(id, 1, { occurredAt: '2025-05-20T18:00:00Z' }).expect(200);
      expect((await desk.close(id, 1)).body).toMatchObject({ status: 409, code: 'WAVE_CLOSED' });

      const revision = { title: 'Course buyers, again', questions: [CSAT, NPS] };
      await desk.revise(id, revision).expect(200);
      const unchanged = await desk.revise(id, revision).expect(200);
      expect(unchanged.body).toEqual({ id, revision: 3, position: null });

      const second = await desk.launch(id).expect(201);
      expect(second.body.wave).toBe(2);

      const view = await desk.read(`/surveys/${id}`, { minPosition: second.body.position }).expect(200);
      expect(view.body).toMatchObject({ title: 'Course buyers, again', status: 'open', openWave: 2, bonus: null });
      expect(view.body.waves).toEqual([
        expect.objectContaining({ wave: 1, invited: 30, launchedAt: '2025-05-01T09:00:00.000Z', closedAt: '2025-05-20T18:00:00.000Z' }),
        expect.objectContaining({ wave: 2, invited: null, closedAt: null, bonus: null }),
      ]);
      expect(view.body.waves[0].questions.map((question: { questionId: string }) => question.questionId)).toEqual([
        'satisfaction',
        'recommend',
        'effort',
        'channel',
        'missing',
      ]);
      expect(view.body.waves[1].questions.map((question: { questionId: string }) => question.questionId)).toEqual(['satisfaction', 'recommend']);
    });

    it('refuses to change the kind of a question that ran', async () => {
      const id = await createdSurvey();
      await desk.launch(id).expect(201);
      await desk.close(id, 1).expect(200);
      const changed = await desk.revise(id, { title: 'Buyers', questions: [{ ...CSAT, kind: 'nps' }] });
      expectProblem(changed, 409);
      expect(changed.body.code).toBe('QUESTION_KIND_CHANGED');
    });

    it('refuses a step dated before the one it follows, appending nothing', async () => {
      const id = await createdSurvey({ occurredAt: '2025-06-01T09:00:00Z' });
      await desk.launch(id, { occurredAt: '2025-06-02T09:00:00Z' }).expect(201);
      const before = await head();
      expect((await desk.close(id, 1, { occurredAt: '2025-06-01T12:00:00Z' })).body).toMatchObject({ status: 409, code: 'DATED_TOO_EARLY' });
      expect(await head()).toBe(before);
    });

    it('pins the revision with If-Match: a stale one gets 412', async () => {
      const created = await desk.create().expect(201);
      const launched = await desk.launch(created.body.id, {}, { 'If-Match': String(created.body.revision) }).expect(201);
      const stale = await desk.close(created.body.id, 1, {}, { 'If-Match': String(created.body.revision) });
      expectProblem(stale, 412);
      expect(stale.body).toMatchObject({ code: 'REVISION_MISMATCH', currentRevision: launched.body.revision });
    });

    it('replays a create retried with the same Idempotency-Key, appending nothing', async () => {
      const first = await desk.create({}, { 'Idempotency-Key': 'survey-once' }).expect(201);
      const before = await head();
      expect((await desk.create({}, { 'Idempotency-Key': 'survey-once' }).expect(201)).body).toEqual(first.body);
      expect(await head()).toBe(before);
    });
  });

  describe('identified answers', () => {
    it("records an employee's own answers under the response id of their key's employee and the wave, once", async () => {
      const id = await openEmployeeSurvey();
      const answers = [
        { questionId: 'satisfaction', score: 4 },
        { questionId: 'missing', text: 'A mentor in the first week', tags: ['idea', 'training-wish'] },
      ];
      const answered = await surveyDesk(api, ann).answer(id, 1, { answers }).expect(201);
      expect(answered.body).toEqual({ id: expect.stringMatching(UUID_V5), revision: 0, position: expect.stringMatching(POSITION) });

      const [event] = await eventsOf(`surveyResponse-${answered.body.id}`);
      expect(event).toMatchObject({
        type: 'SurveyAnswered',
        data: {
          responseId: answered.body.id,
          surveyId: id,
          wave: 1,
          audience: 'employees',
          anonymous: false,
          respondent: { kind: 'employee', id: 'emp-ann' },
          answers: [
            { questionId: 'satisfaction', kind: 'csat', score: 4 },
            { questionId: 'missing', kind: 'free-text', text: 'A mentor in the first week', tags: ['idea', 'training-wish'] },
          ],
        },
        metadata: { actor: { id: expect.stringMatching(/^apiKey:/), roles: ['employee'] } },
      });

      const again = await surveyDesk(api, ann).answer(id, 1, { answers });
      expectProblem(again, 409);
      expect(again.body.code).toBe('ALREADY_ANSWERED');
      await surveyDesk(api, bob).answer(id, 1, { answers }).expect(201);

      const view = await desk.read(`/surveys/${id}`, { minPosition: (await head())!.toString() }).expect(200);
      expect(view.body).toMatchObject({ responses: 2, waves: [expect.objectContaining({ responses: 2 })] });
    });

    it("lets the survey manager record a client's answers by client id", async () => {
      const id = await createdSurvey();
      await desk.launch(id).expect(201);
      const answered = await desk.answer(id, 1, { clientId: 'client-4711', answers: [{ questionId: 'satisfaction', score: 2, tags: ['objection'] }] }).expect(201);
      const [event] = await eventsOf(`surveyResponse-${answered.body.id}`);
      expect(event!.data).toMatchObject({ respondent: { kind: 'client', id: 'client-4711' }, productId: 'course-sales', audience: 'clients-bought' });
    });

    it('lets exactly one of ten simultaneous answers of one employee through; the others get 409', async () => {
      const id = await openEmployeeSurvey();
      const responses = await Promise.all(
        Array.from({ length: 10 }, () => surveyDesk(api, ann).answer(id, 1, { answers: [{ questionId: 'satisfaction', score: 5 }] })),
      );
      expect(responses.filter((response) => response.status === 201)).toHaveLength(1);
      for (const response of responses.filter((r) => r.status !== 201)) {
        expectProblem(response, 409);
        expect(response.body.code).toBe('ALREADY_ANSWERED');
      }
      const responseId = responses.find((response) => response.status === 201)!.body.id;
      expect((await eventsOf(`surveyResponse-${responseId}`)).map((event) => event.type)).toEqual(['SurveyAnswered']);
    });

    it('replays an answer retried with the same Idempotency-Key, appending nothing', async () => {
      const id = await openEmployeeSurvey();
      const body = { answers: [{ questionId: 'satisfaction', score: 3 }] };
      const first = await surveyDesk(api, bob).answer(id, 1, body, { 'Idempotency-Key': `answer-${id}` }).expect(201);
      const before = await head();
      expect((await surveyDesk(api, bob).answer(id, 1, body, { 'Idempotency-Key': `answer-${id}` }).expect(201)).body).toEqual(first.body);
      expect(await head()).toBe(before);
    });

    it.each<[string, () => Promise<[Auth, object]>, string]>([
      ['an employee answering a client survey', async () => [ann, {}], 'RESPONDENT_NOT_IN_AUDIENCE'],
      ['a client recorded on an employee survey', async () => [manager, { clientId: 'client-1', audience: 'employees' }], 'RESPONDENT_NOT_IN_AUDIENCE'],
    ])('refuses %s with 409, appending nothing', async (_name, who, code) => {
      const [auth, { audience, ...body }] = (await who()) as [Auth, { audience?: string }];
      const id = await createdSurvey({ audience: audience ?? 'clients-bought', questions: [CSAT] });
      await desk.launch(id).expect(201);
      const before = await head();
      const refused = await surveyDesk(api, auth).answer(id, 1, { ...body, answers: [{ questionId: 'satisfaction', score: 5 }] });
      expectProblem(refused, 409);
      expect(refused.body.code).toBe(code);
      expect(await head()).toBe(before);
    });

    it('refuses an answer to a closed wave', async () => {
      const id = await openEmployeeSurvey();
      await desk.close(id, 1).expect(200);
      expect((await surveyDesk(api, ann).answer(id, 1, { answers: [{ questionId: 'satisfaction', score: 5 }] })).body).toMatchObject({
        status: 409,
        code: 'WAVE_CLOSED',
      });
    });

    it('takes client answers from the survey manager only: an employee recording one gets 403', async () => {
      const id = await createdSurvey();
      await desk.launch(id).expect(201);
      expectProblem(await surveyDesk(api, ann).answer(id, 1, { clientId: 'client-1', answers: [{ questionId: 'satisfaction', score: 5 }] }), 403);
    });

    it('asks a key of no employee for the client it records', async () => {
      const id = await openEmployeeSurvey();
      const keyOfNobody = surveyDesk(api, (await legacyKeyWith(api, ['survey-manager'])).auth);
      expectProblem(await keyOfNobody.answer(id, 1, { answers: [{ questionId: 'satisfaction', score: 5 }] }), 400, 'clientId');
    });

    it('refuses the answer of an employee the organisation catalogue does not know with a 400 naming employeeId, appending nothing', async () => {
      const id = await openEmployeeSurvey();
      const stranger = await employeeKey(api, 'emp-stranger');
      await expectInvalid(api, () => surveyDesk(api, stranger).answer(id, 1, { answers: [{ questionId: 'satisfaction', score: 5 }] }), 'employeeId');
    });
  });

  describe('feedback bonus', () => {
    it('grants the bonus of the wave once, and shows it on the response', async () => {
      const id = await createdSurvey();
      await desk.launch(id).expect(201);
      const answered = await desk.answer(id, 1, { clientId: 'client-bonus', answers: [{ questionId: 'satisfaction', score: 5 }] }).expect(201);
      const granted = await desk.grantBonus(id, answered.body.id).expect(200);
      expect(granted.body).toEqual({ id: answered.body.id, revision: 1, position: expect.stringMatching(POSITION) });
      const [, event] = await eventsOf(`surveyResponse-${answered.body.id}`);
      expect(event).toMatchObject({
        type: 'FeedbackBonusGranted',
        data: {
          surveyId: id,
          wave: 1,
          respondent: { kind: 'client', id: 'client-bonus' },
          bonus: { description: 'A webinar recording', amount: { minor: 50_000, currency: 'RUB' } },
        },
      });
      expect((await desk.grantBonus(id, answered.body.id)).body).toMatchObject({ status: 409, code: 'BONUS_ALREADY_GRANTED' });

      const responses = await desk.read(`/surveys/${id}/responses`, { minPosition: granted.body.position }).expect(200);
      expect(responses.body.items).toEqual([
        expect.objectContaining({ id: answered.body.id, bonus: expect.objectContaining({ description: 'A webinar recording' }) }),
      ]);
      const view = await desk.read(`/surveys/${id}`).expect(200);
      expect(view.body.waves[0].bonusesGranted).toBe(1);
    });

    it('grants nothing when the wave offered no bonus', async () => {
      const id = await openEmployeeSurvey({ bonus: undefined });
      const answered = await surveyDesk(api, ann).answer(id, 1, { answers: [{ questionId: 'satisfaction', score: 5 }] }).expect(201);
      expect((await desk.grantBonus(id, answered.body.id)).body).toMatchObject({ status: 409, code: 'NO_BONUS_OFFERED' });
    });

    it('refuses a bonus dated before the answer', async () => {
      const id = await createdSurvey({ occurredAt: '2025-07-01T09:00:00Z' });
      await desk.launch(id, { occurredAt: '2025-07-01T10:00:00Z' }).expect(201);
      const answered = await desk.answer(id, 1, { clientId: 'client-1', answers: [{ questionId: 'satisfaction', score: 5 }], occurredAt: '2025-07-03T10:00:00Z' });
      expect((await desk.grantBonus(id, answered.body.id, { occurredAt: '2025-07-02T10:00:00Z' })).body).toMatchObject({
        status: 409,
        code: 'DATED_TOO_EARLY',
      });
    });
  });

  describe('unknown surveys, waves and responses', () => {
    it('answers 404, appending nothing', async () => {
      const id = await openEmployeeSurvey();
      const before = await head();
      const answers = { answers: [{ questionId: 'satisfaction', score: 5 }] };
      for (const response of [
        await desk.read('/surveys/no-such-survey'),
        await desk.read('/surveys/no-such-survey/responses'),
        await desk.read('/surveys/no-such-survey/free-text'),
        await desk.revise('no-such-survey', { title: 'x', questions: [CSAT] }),
        await desk.launch('no-such-survey'),
        await desk.close('no-such-survey', 1),
        await desk.close(id, 2),
        await surveyDesk(api, ann).answer('no-such-survey', 1, answers),
        await surveyDesk(api, ann).answer(id, 2, answers),
        await desk.grantBonus(id, 'no-such-response'),
      ]) {
        expectProblem(response, 404);
        expect(response.body.code).toBe('NOT_FOUND');
      }
      expect(await head()).toBe(before);
    });
  });

  describe('reads', () => {
    const product = 'list-product';
    let listed: string[];
    let identified: string;
    let minPosition: string;

    beforeAll(async () => {
      listed = [];
      for (const [audience, occurredAt] of [
        ['clients-bought', '2025-08-02T10:00:00Z'],
        ['employees', '2025-08-01T10:00:00Z'],
        ['clients-not-bought', '2025-08-03T10:00:00Z'],
      ]) {
        listed.push((await desk.create({ productId: product, audience, questions: [CSAT, MISSING], occurredAt }).expect(201)).body.id);
      }
      identified = listed[1]!;
      await desk.launch(identified, { occurredAt: '2025-08-04T10:00:00Z' }).expect(201);
      const texts: [Auth, string, string[]][] = [
        [ann, 'Onboarding is chaotic', ['problem']],
        [bob, 'Shadow a senior agent', ['idea', 'training-wish']],
      ];
      for (const [auth, text, tags] of texts) {
        const answers = [{ questionId: 'satisfaction', score: 3 }, { questionId: 'missing', text, tags }];
        minPosition = (await surveyDesk(api, auth).answer(identified, 1, { answers }).expect(201)).body.position;
      }
    });

    it('pages through the surveys by creation time, filtered by product, audience and status', async () => {
      const page = (query: Record<string, string | number>) => desk.read('/surveys', { productId: product, minPosition, ...query }).expect(200);
      const first = await page({ limit: 2 });
      const second = await page({ limit: 2, cursor: first.body.nextCursor });
      expect([...first.body.items, ...second.body.items].map((item: { id: string }) => item.id)).toEqual([listed[1], listed[0], listed[2]]);
      expect(second.body.nextCursor).toBeNull();
      expect(first.body.items[0].questions).toBeUndefined();

      expect((await page({ status: 'open' })).body.items.map((item: { id: string }) => item.id)).toEqual([identified]);
      expect((await page({ audience: 'clients-not-bought' })).body.items.map((item: { id: string }) => item.id)).toEqual([listed[2]]);
    });

    it('lists the responses of an identified survey with their respondents', async () => {
      const responses = await desk.read(`/surveys/${identified}/responses`, { wave: 1 }).expect(200);
      expect(responses.body.nextCursor).toBeNull();
      expect(responses.body.items.map((item: { respondent: object }) => item.respondent)).toEqual([
        { kind: 'employee', id: 'emp-ann' },
        { kind: 'employee', id: 'emp-bob' },
      ]);
      expect((await desk.read(`/surveys/${identified}/responses`, { wave: 2 }).expect(200)).body.items).toEqual([]);
      await surveyDesk(api, auditor).read(`/surveys/${identified}/responses`).expect(200);
    });

    it('lists the free-text answers by tag and question, with who gave them on an identified survey', async () => {
      const freeText = (query: Record<string, string | number>) => desk.read(`/surveys/${identified}/free-text`, query).expect(200);
      expect((await freeText({ tag: 'training-wish' })).body.items).toEqual([
        {
          wave: 1,
          questionId: 'missing',
          text: 'Shadow a senior agent',
          tags: ['idea', 'training-wish'],
          answeredAt: expect.any(String),
          responseId: expect.stringMatching(UUID_V5),
          respondent: { kind: 'employee', id: 'emp-bob' },
        },
      ]);
      expect((await freeText({ questionId: 'missing' })).body.items.map((item: { text: string }) => item.text)).toEqual([
        'Onboarding is chaotic',
        'Shadow a senior agent',
      ]);
      expect((await freeText({ questionId: 'satisfaction' })).body.items).toEqual([]);
      expect((await freeText({ tag: 'objection' })).body.items).toEqual([]);
      expect((await freeText({ tag: 'problem', wave: 2 })).body.items).toEqual([]);
      const paged = await freeText({ limit: 1 });
      expect(paged.body.items.map((item: { text: string }) => item.text)).toEqual(['Onboarding is chaotic']);
      expect((await freeText({ limit: 1, cursor: paged.body.nextCursor })).body.items.map((item: { text: string }) => item.text)).toEqual([
        'Shadow a senior agent',
      ]);
    });

    it('answers as of a position: the survey before its wave, and nothing before it existed', async () => {
      const [created, launched] = await eventsOf(`survey-${identified}`);
      const asCreated = await desk.read(`/surveys/${identified}`, { asOf: String(launched!.position - 1n) }).expect(200);
      expect(asCreated.body).toMatchObject({ status: 'draft', waves: [], responses: 0, position: String(created!.position) });
      const asLaunched = await desk.read(`/surveys/${identified}/responses`, { asOf: String(launched!.position) }).expect(200);
      expect(asLaunched.body.items).toEqual([]);
      expectProblem(await desk.read(`/surveys/${identified}`, { asOf: String(created!.position - 1n) }), 404);
      expectProblem(await desk.read(`/surveys/${identified}`, { asOf: '2001-01-01T00:00:00Z' }), 404);
    });
  });

  describe('roles', () => {
    it('answers 401 without a key or with an unknown one', async () => {
      const id = await openEmployeeSurvey();
      for (const response of [
        await api.http().post('/surveys').send({}),
        await api.http().post(`/surveys/${id}/waves/1/responses`).set('Authorization', 'Bearer ql_unknown').send({}),
        await api.http().get(`/surveys/${id}`),
        await api.http().get('/metrics/surveys'),
      ]) {
        expectProblem(response, 401);
      }
    });

    it('keeps the design to survey managers, responses to managers and auditors, results away from employees', async () => {
      const id = await openEmployeeSurvey();
      const council = await keyWith(api, 'council-member');
      await surveyDesk(api, ann).read('/surveys').expect(200);
      await surveyDesk(api, ann).read(`/surveys/${id}`).expect(200);
      await surveyDesk(api, council).read(`/surveys/${id}/free-text`).expect(200);
      await surveyDesk(api, asAdmin).read(`/surveys/${id}/responses`).expect(200);

      const before = await head();
      for (const response of [
        await surveyDesk(api, ann).create(),
        await surveyDesk(api, asAdmin).launch(id),
        await surveyDesk(api, auditor).close(id, 1),
        await surveyDesk(api, ann).issueTokens(id, 1, 1),
        await surveyDesk(api, auditor).answer(id, 1, { answers: [{ questionId: 'satisfaction', score: 5 }] }),
        await surveyDesk(api, ann).grantBonus(id, 'any-response'),
        await surveyDesk(api, ann).read(`/surveys/${id}/responses`),
        await surveyDesk(api, council).read(`/surveys/${id}/responses`),
        await surveyDesk(api, ann).read(`/surveys/${id}/free-text`),
      ]) {
        expectProblem(response, 403);
      }
      expect(await head()).toBe(before);
    });
  });

  describe('bad input', () => {
    let openSurvey: string;

    beforeAll(async () => {
      openSurvey = await openEmployeeSurvey({ questions: [CSAT, NPS, CHANNEL, MISSING] });
    });

    const future = () => new Date(Date.now() + 3_600_000).toISOString();
    const answer = (answers: object[], more: object = {}) => surveyDesk(api, ann).answer(openSurvey, 1, { answers, ...more });
    const withQuestion = (question: object) => desk.create({ questions: [question] });

    it.each<[string, () => Promise<Response>, string]>([
      ['an unknown field', () => desk.create({ owner: 'me' }), 'owner'],
      ['a product the organisation catalogue does not know', () => desk.create({ productId: 'no-such-product' }), 'productId'],
      ['a section as the product', () => desk.create({ productId: 'section-courses' }), 'productId'],
      ['an unknown field of a question', () => withQuestion({ ...CSAT, weight: 2 }), 'questions.0.weight'],
      ['a missing title', () => desk.create({ title: undefined }), 'title'],
      ['a blank title', () => desk.create({ title: '  ' }), 'title'],
      ['an unknown audience', () => desk.create({ audience: 'partners' }), 'audience'],
      ['an anonymity flag that is no boolean', () => desk.create({ anonymous: 'yes' }), 'anonymous'],
      ['questions that are no list', () => desk.create({ questions: CSAT }), 'questions'],
      ['no questions', () => desk.create({ questions: [] }), 'questions'],
      ['an unknown question kind', () => withQuestion({ ...CSAT, kind: 'stars' }), 'questions.0.kind'],
      ['a choice without options', () => withQuestion({ ...CHANNEL, options: undefined }), 'questions.0.options'],
      ['options on a scored question', () => withQuestion({ ...CSAT, options: CHANNEL.options }), 'questions.0.options'],
      ['a repeated question id', () => desk.create({ questions: [CSAT, { ...NPS, questionId: 'satisfaction' }] }), 'questions.1.questionId'],
      ['a bonus of nothing', () => desk.create({ bonus: { description: 'Cash', amount: { minor: 0, currency: 'RUB' } } }), 'bonus.amount.minor'],
      ['a future occurredAt', () => desk.create({ occurredAt: future() }), 'occurredAt'],
      ['an invited count of none', () => desk.launch(openSurvey, { invited: 0 }), 'invited'],
      ['an invited count that is no number', () => desk.launch(openSurvey, { invited: 'ten' }), 'invited'],
      ['a wave that is no number', () => desk.close(openSurvey, 'first'), 'wave'],
      ['a wave of 0', () => desk.close(openSurvey, 0), 'wave'],
      ['no token count', () => desk.issueTokens(openSurvey, 1, undefined), 'count'],
      ['a token count over 1000', () => desk.issueTokens(openSurvey, 1, 1001), 'count'],
      ['a survey id that is no id', () => desk.launch('bad%20id'), 'id'],
      ['no answers', () => answer([]), 'answers'],
      ['a missing required answer', () => answer([{ questionId: 'recommend', score: 9 }]), 'answers'],
      ['an unknown question', () => answer([{ questionId: 'mood', score: 3 }]), 'answers.0.questionId'],
      ['a CSAT of 6', () => answer([{ questionId: 'satisfaction', score: 6 }]), 'answers.0.score'],
      ['an NPS of 11', () => answer([{ questionId: 'satisfaction', score: 5 }, { questionId: 'recommend', score: 11 }]), 'answers.1.score'],
      ['a score that is no number', () => answer([{ questionId: 'satisfaction', score: 'five' }]), 'answers.0.score'],
      ['an option the question lacks', () => answer([{ questionId: 'satisfaction', score: 5 }, { questionId: 'channel', optionId: 'radio' }]), 'answers.1.optionId'],
      ['a text for a score', () => answer([{ questionId: 'satisfaction', text: 'fine' }]), 'answers.0.text'],
      ['an e-mail address in a free text', () => answer([{ questionId: 'satisfaction', score: 5 }, { questionId: 'missing', text: 'ann@example.com' }]), 'answers.1.text'],
      ['an unknown tag', () => answer([{ questionId: 'satisfaction', score: 5, tags: ['rant'] }]), 'answers.0.tags'],
      ['an unknown field of an answer', () => answer([{ questionId: 'satisfaction', score: 5, weight: 1 }]), 'answers.0.weight'],
      ['a client id that is no id', () => desk.answer(openSurvey, 1, { clientId: 'ann@example.com', answers: [] }), 'clientId'],
      ['a future answer', () => answer([{ questionId: 'satisfaction', score: 5 }], { occurredAt: future() }), 'occurredAt'],
      ['a garbled If-Match', () => desk.launch(openSurvey, {}, { 'If-Match': 'W/"x"' }), 'If-Match'],
      ['an Idempotency-Key on a token issue', () => desk.issueTokens(openSurvey, 1, 1, { 'Idempotency-Key': 'tokens-1' }), 'Idempotency-Key'],
      ['an unknown list parameter', () => desk.read('/surveys', { owner: 'me' }), 'owner'],
      ['an unknown status', () => desk.read('/surveys', { status: 'running' }), 'status'],
      ['a response wave of 0', () => desk.read(`/surveys/${openSurvey}/responses`, { wave: 0 }), 'wave'],
      ['an unknown free-text tag', () => desk.read(`/surveys/${openSurvey}/free-text`, { tag: 'rant' }), 'tag'],
      ['an asOf that is neither a position nor a time', () => desk.read(`/surveys/${openSurvey}`, { asOf: 'yesterday' }), 'asOf'],
    ])('answers %s with a 400 naming the field, appending nothing', (_name, send, field) => expectInvalid(api, send, field));
  });

  it('documents every survey route in /docs-json with its roles', async () => {
    const { body: document } = await api.http().get('/docs-json').expect(200);
    const operations: [string, string, RegExp][] = [
      ['/surveys', 'post', /^Roles: survey-manager\./],
      ['/surveys', 'get', /^Roles: survey-manager, council-member, council-chair, auditor, admin, employee\./],
      ['/surveys/{id}', 'get', /^Roles: /],
      ['/surveys/{id}/revision', 'post', /^Roles: survey-manager\./],
      ['/surveys/{id}/waves', 'post', /^Roles: survey-manager\./],
      ['/surveys/{id}/waves/{wave}/closing', 'post', /^Roles: survey-manager\./],
      ['/surveys/{id}/waves/{wave}/tokens', 'post', /^Roles: survey-manager\./],
      ['/surveys/{id}/waves/{wave}/responses', 'post', /^Roles: employee, survey-manager\./],
      ['/surveys/{id}/responses/{responseId}/bonus', 'post', /^Roles: survey-manager\./],
      ['/surveys/{id}/responses', 'get', /^Roles: survey-manager, auditor, admin\./],
      ['/surveys/{id}/free-text', 'get', /^Roles: survey-manager, council-member, council-chair, auditor, admin\./],
      ['/metrics/surveys', 'get', /^Roles: survey-manager, council-member, council-chair, auditor, admin\./],
      ['/metrics/surveys/tags', 'get', /^Roles: survey-manager, council-member, council-chair, auditor, admin\./],
    ];
    for (const [path, method, roles] of operations) {
      expect(document.paths[path]?.[method]).toMatchObject({ security: [{ bearer: [] }], description: expect.stringMatching(roles), tags: expect.any(Array) });
    }
    const anonymous = document.paths['/surveys/{id}/waves/{wave}/anonymous-responses'].post;
    expect(anonymous.security).toBeUndefined();
    expect(anonymous.parameters).toEqual(expect.arrayContaining([expect.objectContaining({ name: 'X-Survey-Token', in: 'header', required: true })]));
    expect(document.paths['/surveys/{id}/waves/{wave}/tokens'].post.responses['201'].content['application/json'].schema.$ref).toBe(
      '#/components/schemas/IssuedTokensResponse',
    );
  });
});
