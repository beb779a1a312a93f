import { createHash, randomUUID } from 'node:crypto';
import { surveyTokenId } from '#domain/surveys/index.js';
import { v5 as uuidv5 } from 'uuid';
import { allProjections } from '#projections/index.js';
import { AUDIT_TRAIL } from '#projections/audit/index.js';
import { SURVEY_RESPONSES_METRIC, SURVEY_TAGS_METRIC } from '#projections/surveys/surveys.projection.js';
import { EVENT_ACTIVITY_METRIC } from '#projections/event-activity/event-activity.projection.js';
import { collect } from '../support/collect.js';
import { employeeKey, expectProblem, keyWith, type Auth } from '../support/care-cases.js';
import { seedCatalogue } from '../support/organisation.js';
import { answerWithToken, CSAT, keyIdOf, MISSING, NPS, SURVEY_CATALOGUE, surveyDesk } from '../support/surveys.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

const sha256 = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');

/** JSON of anything the stores hand out, positions included. */
const json = (value: unknown) => JSON.stringify(value, (_key, field) => (typeof field === 'bigint' ? field.toString() : field));

describe('anonymous surveys over HTTP', () => {
  let api: TestApp;
  let manager: Auth;
  /** Dana is in no catalogue and answers nothing identified: nothing stored may name her. */
  let dana: Auth;
  let danaKeyId: string;
  /** Erin is an employee of the catalogue. */
  let erin: Auth;
  let desk: ReturnType<typeof surveyDesk>;

  beforeAll(async () => {
    api = await startTestApp();
    manager = await keyWith(api, 'survey-manager');
    dana = await employeeKey(api, 'emp-dana');
    danaKeyId = await keyIdOf(api, 'emp-dana');
    await seedCatalogue(api, SURVEY_CATALOGUE, { employees: ['emp-erin'] });
    erin = await employeeKey(api, 'emp-erin');
    desk = surveyDesk(api, manager);
  });

  afterAll(async () => {
    await api.destroy();
  });

  const head = () => api.stores.events.headPosition();
  const answers = [
    { questionId: 'satisfaction', score: 2 },
    { questionId: 'missing', text: 'Nobody listens to the support team', tags: ['problem'] },
  ];

  /** An anonymous survey of all employees, with a bonus offer, its first wave open, and tokens for it. */
  async function anonymousWave(count = 3): Promise<{ id: string; tokens: string[] }> {
    const created = await desk
      .create({ audience: 'all-employees', anonymous: true, productId: undefined, questions: [CSAT, NPS, MISSING] })
      .expect(201);
    await desk.launch(created.body.id, { invited: 120 }).expect(201);
    const issued = await desk.issueTokens(created.body.id, 1, count).expect(201);
    return { id: created.body.id, tokens: issued.body.tokens };
  }

  describe('tokens', () => {
    it('issues single-use secrets once, recording only their SHA-256 hashes', async () => {
      const { id } = await anonymousWave(1);
      const issued = await desk.issueTokens(id, 1, 4).expect(201);
      expect(issued.body).toEqual({ id, revision: 3, position: expect.stringMatching(/^\d+$/), wave: 1, tokens: expect.any(Array) });
      const tokens: string[] = issued.body.tokens;
      expect(new Set(tokens).size).toBe(4);

      const event = (await collect(api.stores.events.readStream(`survey-${id}`))).at(-1)!;
      expect(event).toMatchObject({ type: 'SurveyTokensIssued', data: { wave: 1, tokenHashes: tokens.map(sha256) } });
      for (const token of tokens) expect(json(event)).not.toContain(token);

      const view = await desk.read(`/surveys/${id}`, { minPosition: issued.body.position }).expect(200);
      expect(view.body.waves[0].tokensIssued).toBe(5);
    });

    it('issues none for an identified survey or a closed wave', async () => {
      const identified = (await desk.create().expect(201)).body.id;
      await desk.launch(identified).expect(201);
      expect((await desk.issueTokens(identified, 1, 1)).body).toMatchObject({ status: 409, code: 'SURVEY_NOT_ANONYMOUS' });

      const { id } = await anonymousWave();
      await desk.close(id, 1).expect(200);
      expect((await desk.issueTokens(id, 1, 1)).body).toMatchObject({ status: 409, code: 'WAVE_CLOSED' });
      expectProblem(await desk.issueTokens(id, 2, 1), 404);
    });
  });

  describe('answers with a token', () => {
    it('records a response that carries nothing about who gave it, in the event or any read model', async () => {
      const { id, tokens } = await anonymousWave();
      const answered = await answerWithToken(api, id, 1, tokens[0], { answers }, { 'X-Request-Id': 'request-of-emp-dana' }).expect(201);
      expect(answered.body).toEqual({ id: expect.any(String), revision: 0, position: expect.stringMatching(/^\d+$/) });

      const [event] = await collect(api.stores.events.readStream(`surveyResponse-${answered.body.id}`));
      expect(event).toMatchObject({
        type: 'SurveyAnswered',
        data: { surveyId: id, wave: 1, anonymous: true, audience: 'all-employees' },
        metadata: { actor: { id: 'anonymous', roles: [] }, causationId: null },
      });
      expect(event!.data).not.toHaveProperty('respondent');
      expect(event!.metadata.correlationId).not.toBe('request-of-emp-dana');

      // Dana also read the survey with her key: that must not link her to the answer either.
      await surveyDesk(api, dana).read(`/surveys/${id}`, { minPosition: answered.body.position }).expect(200);

      const identities = [danaKeyId, 'emp-dana', 'request-of-emp-dana', tokens[0]!, sha256(tokens[0]!)];
      const answerEvents = await collect(api.stores.events.readAll({ filter: { categories: ['surveyResponse'] } }));
      for (const identity of identities) expect(json(answerEvents)).not.toContain(identity);

      // The audit trail mirrors the log, key issues included: like the log, its entries of answers must name nobody.
      for (const projection of allProjections.filter((each) => each.name !== 'apiKeys')) {
        const documents = await api.stores.reads.find(projection.name, projection.name === AUDIT_TRAIL ? { category: 'surveyResponse' } : {});
        for (const identity of identities) expect(json(documents)).not.toContain(identity);
      }
      const factDims = [
        ['surveyId', 'wave', 'audience', 'productId'],
        ['surveyId', 'wave', 'audience', 'productId', 'tag'],
      ];
      const facts = [
        await api.stores.reads.aggregateFacts({ metric: SURVEY_RESPONSES_METRIC, where: { surveyId: id }, groupBy: { dims: factDims[0]! }, measures: ['responses'] }),
        await api.stores.reads.aggregateFacts({ metric: SURVEY_TAGS_METRIC, where: { surveyId: id }, groupBy: { dims: factDims[1]! }, measures: ['answers'] }),
        await api.stores.reads.aggregateFacts({
          metric: EVENT_ACTIVITY_METRIC,
          where: { category: 'surveyResponse' },
          groupBy: { dims: ['actor'] },
          measures: ['count'],
        }),
      ];
      expect(facts[0]).toEqual([expect.objectContaining({ sums: { responses: 1 } })]);
      expect(facts[2]).toEqual([expect.objectContaining({ dims: { actor: 'anonymous' } })]);
      for (const identity of identities) expect(json(facts)).not.toContain(identity);
    });

    it('takes one answer per token', async () => {
      const { id, tokens } = await anonymousWave();
      await answerWithToken(api, id, 1, tokens[0], { answers }).expect(201);
      const again = await answerWithToken(api, id, 1, tokens[0], { answers });
      expectProblem(again, 409);
      expect(again.body.code).toBe('TOKEN_USED');
      await answerWithToken(api, id, 1, tokens[1], { answers }).expect(201);
    });

    it('lets exactly one of ten simultaneous answers with one token through; the others get 409', async () => {
      const { id, tokens } = await anonymousWave();
      const responses = await Promise.all(Array.from({ length: 10 }, () => answerWithToken(api, id, 1, tokens[0], { answers })));
      expect(responses.filter((response) => response.status === 201)).toHaveLength(1);
      for (const response of responses.filter((r) => r.status !== 201)) {
        expectProblem(response, 409);
        expect(response.body.code).toBe('TOKEN_USED');
      }
    });

    it('takes no second answer from a token that answered before tokens were spent in streams of their own', async () => {
      const { id, tokens } = await anonymousWave();
      // Version 1 recorded a token's answer under an id derived from the token, and nothing else spent it.
      const answeredOfOld = surveyTokenId(id, 1, sha256(tokens[0]!));
      const day = new Date().toISOString().slice(0, 10);
      await api.stores.events.append(
        `surveyResponse-${answeredOfOld}`,
        [
          {
            eventId: randomUUID(),
            type: 'SurveyAnswered',
            data: { responseId: answeredOfOld, surveyId: id, wave: 1, audience: 'all-employees', anonymous: true, answers: [{ questionId: 'satisfaction', score: 3 }], answeredAt: `${day}T08:00:00.000Z` },
            metadata: { occurredAt: `${day}T08:00:00.000Z`, actor: { id: 'anonymous', roles: [] }, correlationId: randomUUID(), causationId: null, schemaVersion: 1 },
          },
        ],
        'no_stream',
      );
      const before = await head();
      const again = await answerWithToken(api, id, 1, tokens[0], { answers });
      expectProblem(again, 409);
      expect(again.body.code).toBe('TOKEN_USED');
      expect(await head()).toBe(before);
      await answerWithToken(api, id, 1, tokens[1], { answers }).expect(201);
    });

    it('checks answers against the survey as folded before plus what came since, never replaying its stream per answer', async () => {
      const { id, tokens } = await anonymousWave(4);
      await answerWithToken(api, id, 1, tokens[0], { answers }).expect(201);
      const events = api.stores.events;
      const readStream = events.readStream.bind(events);
      let surveyEventsRead = 0;
      events.readStream = async function* (streamId, options) {
        for await (const event of readStream(streamId, options)) {
          if (streamId === `survey-${id}`) surveyEventsRead += 1;
          yield event;
        }
      };
      try {
        for (const token of tokens.slice(1)) await answerWithToken(api, id, 1, token, { answers }).expect(201);
        expect(surveyEventsRead).toBe(0);
        await desk.issueTokens(id, 1, 1).expect(201);
        const [late] = (await desk.issueTokens(id, 1, 1).expect(201)).body.tokens as string[];
        surveyEventsRead = 0;
        await answerWithToken(api, id, 1, late!, { answers }).expect(201);
        expect(surveyEventsRead).toBe(2);
      } finally {
        events.readStream = readStream;
      }
    });

    it('refuses an employee key on an anonymous survey, on either answer route, appending nothing', async () => {
      const { id, tokens } = await anonymousWave();
      const before = await head();
      const keyAlongside = await answerWithToken(api, id, 1, tokens[0], { answers }, dana);
      expectProblem(keyAlongside, 400, 'Authorization');
      const keyInstead = await surveyDesk(api, erin).answer(id, 1, { answers });
      expectProblem(keyInstead, 409);
      expect(keyInstead.body.code).toBe('ANONYMOUS_SURVEY');
      expect(await head()).toBe(before);
      await answerWithToken(api, id, 1, tokens[0], { answers }).expect(201);
    });

    it('answers 401 without a token, or with one not issued for this wave of this survey', async () => {
      const { id, tokens } = await anonymousWave();
      const other = await anonymousWave();
      const before = await head();
      for (const response of [
        await answerWithToken(api, id, 1, undefined, { answers }),
        await answerWithToken(api, id, 1, 'not a token', { answers }),
        await answerWithToken(api, id, 1, 'ql_never-issued', { answers }),
        await answerWithToken(api, id, 1, other.tokens[0], { answers }),
      ]) {
        expectProblem(response, 401);
      }
      expect(await head()).toBe(before);

      await desk.close(id, 1).expect(200);
      await desk.launch(id).expect(201);
      expectProblem(await answerWithToken(api, id, 2, tokens[0], { answers }), 401);
    });

    it('refuses tokens on an identified survey, answers to a closed wave, an unknown survey and bad answers', async () => {
      const identified = (await desk.create({ audience: 'employees', questions: [CSAT] }).expect(201)).body.id;
      await desk.launch(identified).expect(201);
      expect((await answerWithToken(api, identified, 1, 'ql_any', { answers: [{ questionId: 'satisfaction', score: 5 }] })).body).toMatchObject({
        status: 409,
        code: 'SURVEY_NOT_ANONYMOUS',
      });

      const { id, tokens } = await anonymousWave();
      expectProblem(await answerWithToken(api, id, 1, tokens[0], { answers: [{ questionId: 'satisfaction', score: 9 }] }), 400, 'answers.0.score');
      expectProblem(await answerWithToken(api, id, 1, tokens[0], { answers, occurredAt: '2025-01-01T00:00:00Z' }), 400, 'occurredAt');
      expectProblem(await answerWithToken(api, 'no-such-survey', 1, tokens[0], { answers }), 404);
      await desk.close(id, 1).expect(200);
      expect((await answerWithToken(api, id, 1, tokens[0], { answers })).body).toMatchObject({ status: 409, code: 'WAVE_CLOSED' });
    });
  });

  describe('reading anonymous results', () => {
    let id: string;
    let responseId: string;
    let minPosition: string;

    beforeAll(async () => {
      const wave = await anonymousWave();
      id = wave.id;
      const texts: [string, string[]][] = [
        ['The CRM is slow', ['problem']],
        ['Pair new agents with veterans', ['idea', 'training-wish']],
      ];
      for (const [index, [text, tags]] of texts.entries()) {
        const body = { answers: [{ questionId: 'satisfaction', score: 4 }, { questionId: 'missing', text, tags }] };
        const answered = await answerWithToken(api, id, 1, wave.tokens[index], body).expect(201);
        responseId = answered.body.id;
        minPosition = answered.body.position;
      }
    });

    it('lists the free-text answers by tag, without anything that points to a response', async () => {
      const { body } = await desk.read(`/surveys/${id}/free-text`, { tag: 'idea', minPosition }).expect(200);
      expect(body.items).toEqual([
        { wave: 1, questionId: 'missing', text: 'Pair new agents with veterans', tags: ['idea', 'training-wish'], answeredAt: expect.any(String) },
      ]);
      expect((await desk.read(`/surveys/${id}/free-text`).expect(200)).body.items).toHaveLength(2);
    });

    it('never lists the responses of an anonymous survey', async () => {
      const listed = await desk.read(`/surveys/${id}/responses`);
      expectProblem(listed, 409);
      expect(listed.body.code).toBe('ANONYMOUS_SURVEY');
    });

    it('grants no bonus for an anonymous response: there is nobody to pay', async () => {
      const granted = await desk.grantBonus(id, responseId);
      expectProblem(granted, 409);
      expect(granted.body.code).toBe('BONUS_FOR_ANONYMOUS_RESPONSE');
    });

    it('counts the responses on the wave', async () => {
      const view = await desk.read(`/surveys/${id}`, { minPosition }).expect(200);
      expect(view.body).toMatchObject({ anonymous: true, responses: 2, waves: [expect.objectContaining({ responses: 2, tokensIssued: 3, invited: 120 })] });
    });
  });

  describe('nothing that links an answer to its token or its moment', () => {
    const RANDOM_UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
    /** How version 1 derived an anonymous response's id from its token's hash, which anyone knowing the hash could repeat. */
    const derivedFromToken = (surveyId: string, token: string) => uuidv5(`${surveyId}\u0000${1}\u0000${sha256(token)}`, 'a3c9e7d1-6b2f-4f08-8e5a-71d4c0b9e2f6');

    it('gives a response a random id, which no token leads to', async () => {
      const { id, tokens } = await anonymousWave(2);
      const answered = await Promise.all(tokens.map((token) => answerWithToken(api, id, 1, token, { answers }).expect(201)));
      const ids = answered.map((response) => response.body.id as string);
      for (const responseId of ids) expect(responseId).toMatch(RANDOM_UUID);
      expect(ids).not.toContain(derivedFromToken(id, tokens[0]!));
      expect(ids).not.toContain(derivedFromToken(id, tokens[1]!));
      const events = await collect(api.stores.events.readAll({ filter: { categories: ['surveyResponse'] } }));
      expect(json(events.filter((event) => ids.includes((event.data as { responseId: string }).responseId)))).not.toMatch(new RegExp(tokens.map(sha256).join('|')));
    });

    it('records the answer, its token spent and what the read models hold of them to the day only', async () => {
      const { id, tokens } = await anonymousWave(1);
      const answered = await answerWithToken(api, id, 1, tokens[0], { answers }).expect(201);
      const [answer] = await collect(api.stores.events.readStream(`surveyResponse-${answered.body.id}`));
      const day = `${answer!.metadata.recordedAt.slice(0, 10)}T00:00:00.000Z`;
      expect(answer).toMatchObject({ data: { answeredAt: day }, metadata: { occurredAt: day, schemaVersion: 2 } });
      const [spent] = await collect(api.stores.events.readStream(`surveyToken-${surveyTokenId(id, 1, sha256(tokens[0]!))}`));
      expect(spent!).toMatchObject({ type: 'SurveyTokenRedeemed', data: { surveyId: id, wave: 1, tokenHash: sha256(tokens[0]!) }, metadata: { occurredAt: day } });
      expect(spent!.data).not.toHaveProperty('responseId');

      const texts = await desk.read(`/surveys/${id}/free-text`, { minPosition: answered.body.position }).expect(200);
      expect(texts.body.items).toEqual([expect.objectContaining({ text: 'Nobody listens to the support team', answeredAt: day })]);
      const response = await api.stores.reads.get<{ answeredAt: string }>('surveyResponses', answered.body.id);
      expect(response?.data.answeredAt).toBe(day);
    });

    it('pages the free text of an anonymous survey with cursors that only count, naming no response and no time', async () => {
      const { id, tokens } = await anonymousWave(3);
      let minPosition = '0';
      for (const [index, token] of tokens.entries()) {
        const body = { answers: [{ questionId: 'satisfaction', score: 3 }, { questionId: 'missing', text: `Answer number ${index}` }] };
        minPosition = (await answerWithToken(api, id, 1, token, body).expect(201)).body.position;
      }
      const responseIds = (await api.stores.reads.find<{ id: string; answeredAt: string }>('surveyResponses', { surveyId: id })).map((document) => document.data);
      const seen: string[] = [];
      let cursor: string | undefined;
      for (let page = 1; page <= 3; page++) {
        const { body } = await desk.read(`/surveys/${id}/free-text`, { limit: 1, minPosition, ...(cursor && { cursor }) }).expect(200);
        seen.push(...body.items.map((item: { text: string }) => item.text));
        if (page < 3) {
          const decoded = Buffer.from(body.nextCursor, 'base64url').toString('utf8');
          expect(JSON.parse(decoded)).toEqual({ skip: page });
          for (const { id: responseId, answeredAt } of responseIds) expect(decoded).not.toMatch(new RegExp(`${responseId}|${answeredAt.slice(0, 10)}`));
        } else {
          expect(body.nextCursor).toBeNull();
        }
        cursor = body.nextCursor ?? undefined;
      }
      expect(seen.sort()).toEqual(['Answer number 0', 'Answer number 1', 'Answer number 2']);
      expectProblem(await desk.read(`/surveys/${id}/free-text`, { cursor: Buffer.from('["2026-03-04T00:00:00.000Z","x"]').toString('base64url') }), 400, 'cursor');
    });
  });
});
