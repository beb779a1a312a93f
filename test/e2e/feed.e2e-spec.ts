import { createHash } from 'node:crypto';
import type { EventFilter, RecordedEvent } from '#kernel';
import { FeedStreams } from '../../apps/api/src/feed/feed-streams.service.js';
import { careDesk, expectProblem, keyWith, type Auth } from '../support/care-cases.js';
import { collect } from '../support/collect.js';
import { eventually, FeedClient, idsOf, listenLocally, type FeedOptions } from '../support/feed.js';
import { seedCatalogue } from '../support/organisation.js';
import { answerWithToken, CSAT, SURVEY_CATALOGUE, surveyDesk } from '../support/surveys.js';
import { asAdmin, bearer, startTestApp, type TestApp } from '../support/test-app.js';

const sha256 = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');

describe('the event feed over Server-Sent Events', () => {
  let api: TestApp;
  let base: string;
  let service: Auth;
  let auditor: Auth;
  let desk: ReturnType<typeof careDesk>;
  const clients: FeedClient[] = [];

  beforeAll(async () => {
    api = await startTestApp({ env: { FEED_HEARTBEAT_MS: '100' } });
    base = await listenLocally(api);
    [service, auditor] = await Promise.all([keyWith(api, 'service'), keyWith(api, 'auditor')]);
    desk = careDesk(api, await keyWith(api, 'care-agent'));
  });

  afterEach(() => {
    for (const client of clients.splice(0)) client.close();
  });

  afterAll(async () => {
    await api.destroy();
  });

  async function follow(options: FeedOptions): Promise<FeedClient> {
    const client = await FeedClient.open(base, options);
    clients.push(client);
    return client;
  }

  const logged = (filter?: EventFilter) => collect(api.stores.events.readAll({ filter }));
  const positionsOf = (events: readonly RecordedEvent[]) => events.map((event) => event.position.toString());
  const head = async () => (await api.stores.events.headPosition())!.toString();
  const openCase = async (): Promise<string> => (await desk.open().expect(201)).body.position;

  it('catches up from the log, then streams live: id the position, event the type, data the envelope', async () => {
    await openCase();
    const feed = await follow({ auth: auditor, query: 'category=careCase' });
    expect(feed.status).toBe(200);
    expect(feed.headers).toMatchObject({ 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-store', 'x-accel-buffering': 'no' });

    const live = await openCase();
    await feed.untilId(live);

    const stored = await logged({ categories: ['careCase'] });
    expect(feed.frames).toEqual(
      stored.map((event) => ({ id: event.position.toString(), event: event.type, data: { ...event, position: event.position.toString() } })),
    );
  });

  it('starts after fromPosition, and after Last-Event-ID when the client sends both', async () => {
    const first = await openCase();
    const second = await openCase();
    const third = await openCase();
    const query = `category=careCase&fromPosition=${first}`;

    const fresh = await follow({ auth: service, query });
    const resumed = await follow({ auth: service, query, lastEventId: second });
    await Promise.all([fresh.untilId(third), resumed.untilId(third)]);

    expect(idsOf(fresh.frames)).toEqual([second, third]);
    expect(idsOf(resumed.frames)).toEqual([third]);
  });

  it('filters by event type and by category, each repeatable', async () => {
    const from = await head();
    const refunded = (await desk.open().expect(201)).body.id;
    await desk.refund(refunded).expect(200);
    const retained = (await desk.open().expect(201)).body.id;
    await desk.retain(retained).expect(200);
    await keyWith(api, 'trainer');
    const after = (event: RecordedEvent) => event.position > BigInt(from);

    const byType = await follow({ auth: service, query: `fromPosition=${from}&type=RefundIssued&type=ClientRetained` });
    const byCategory = await follow({ auth: auditor, query: `fromPosition=${from}&category=careCase&category=apiKey` });
    const both = await follow({ auth: service, query: `fromPosition=${from}&category=careCase&type=RefundIssued&type=ApiKeyIssued` });
    const typed = (await logged({ types: ['RefundIssued', 'ClientRetained'] })).filter(after);
    const categorised = (await logged({ categories: ['careCase', 'apiKey'] })).filter(after);
    const refund = typed.find((event) => event.type === 'RefundIssued')!;
    await Promise.all([byType.untilId(typed.at(-1)!.position), byCategory.untilId(categorised.at(-1)!.position), both.untilId(refund.position)]);

    expect(byType.frames.map((frame) => frame.event)).toEqual(['RefundIssued', 'ClientRetained']);
    expect(idsOf(byType.frames)).toEqual(positionsOf(typed));
    expect(idsOf(byCategory.frames)).toEqual(positionsOf(categorised));
    expect(new Set(byCategory.frames.map((frame) => frame.event))).toEqual(new Set(['CareCaseOpened', 'RefundIssued', 'ClientRetained', 'ApiKeyIssued']));
    expect(idsOf(both.frames)).toEqual([refund.position.toString()]);
  });

  it('keeps an idle connection open with heartbeat comments', async () => {
    const feed = await follow({ auth: service, query: 'type=NeverRecorded' });

    await feed.until((client) => client.comments.length >= 2);

    expect(feed.comments.slice(0, 2)).toEqual(['heartbeat', 'heartbeat']);
    expect(feed.frames).toEqual([]);
    expect(feed.ended).toBe(false);
  });

  it('resumes with Last-Event-ID: every later event exactly once, while commands keep arriving', async () => {
    const writing = (async () => {
      for (let index = 0; index < 40; index++) await openCase();
    })();
    const received: string[] = [];
    let lastEventId: string | undefined;
    for (let round = 0; round < 4; round++) {
      const feed = await follow({ auth: service, query: 'category=careCase', lastEventId });
      await feed.until((client) => client.frames.length >= 5);
      feed.close();
      received.push(...idsOf(feed.frames));
      lastEventId = feed.lastId;
    }
    await writing;
    const expected = positionsOf(await logged({ categories: ['careCase'] }));
    const last = await follow({ auth: service, query: 'category=careCase', lastEventId });
    await last.untilId(expected.at(-1)!);
    received.push(...idsOf(last.frames));

    expect(received).toEqual(expected);
  });

  it('sends a service no API key event, and nobody a key hash', async () => {
    const from = await head();
    const serviceFeed = await follow({ auth: service, query: `fromPosition=${from}` });
    const auditorFeed = await follow({ auth: auditor, query: `fromPosition=${from}` });
    const issued = await api.http().post('/api-keys').set(asAdmin).send({ name: 'CRM', roles: ['service'] }).expect(201);
    await api.http().delete(`/api-keys/${issued.body.id}`).set(asAdmin).expect(204);
    const sentinel = await openCase();
    await Promise.all([serviceFeed.untilId(sentinel), auditorFeed.untilId(sentinel)]);

    expect(serviceFeed.frames.map((frame) => frame.event)).toEqual(['CareCaseOpened']);
    expect(auditorFeed.frames.map((frame) => frame.event)).toEqual(['ApiKeyIssued', 'ApiKeyRevoked', 'CareCaseOpened']);
    const keyEvents = auditorFeed.frames.slice(0, 2).map((frame) => frame.data);
    expect(keyEvents).toEqual([
      expect.objectContaining({ data: expect.objectContaining({ keyId: issued.body.id, name: 'CRM' }), redacted: ['keyHash'] }),
      expect.objectContaining({ data: expect.objectContaining({ keyId: issued.body.id }), redacted: ['keyHash'] }),
    ]);
    const keyHash = sha256(issued.body.key);
    expect(JSON.stringify(keyEvents)).not.toContain(keyHash);
    const [storedIssue] = await collect(api.stores.events.readStream(`apiKey-${issued.body.id}`));
    expect(storedIssue!.data).toMatchObject({ keyHash });
  });

  it('sends an anonymous answer with no respondent and the anonymous actor, and no survey token hash', async () => {
    await seedCatalogue(api, SURVEY_CATALOGUE);
    const manager = surveyDesk(api, await keyWith(api, 'survey-manager'));
    const from = await head();
    const feed = await follow({ auth: service, query: `fromPosition=${from}&category=survey&category=surveyResponse` });
    const survey = (await manager.create({ audience: 'all-employees', anonymous: true, productId: undefined, questions: [CSAT] }).expect(201)).body.id;
    await manager.launch(survey).expect(201);
    const [token] = (await manager.issueTokens(survey, 1, 1).expect(201)).body.tokens;
    const answered = await answerWithToken(api, survey, 1, token, { answers: [{ questionId: 'satisfaction', score: 4 }] }).expect(201);
    await feed.untilId(answered.body.position);

    const answer = feed.frames.find((frame) => frame.event === 'SurveyAnswered')!.data;
    expect(answer).toMatchObject({ data: { surveyId: survey, anonymous: true }, metadata: { actor: { id: 'anonymous', roles: [] } } });
    expect(answer.data).not.toHaveProperty('respondent');
    const tokens = feed.frames.find((frame) => frame.event === 'SurveyTokensIssued')!.data;
    expect(tokens).toMatchObject({ data: { surveyId: survey, wave: 1 }, redacted: ['tokenHashes'] });
    expect(JSON.stringify(feed.frames)).not.toContain(sha256(token));
  });

  it('refuses a caller without a key, with an unknown key, or without a feed role', async () => {
    expectProblem(await api.http().get('/feed'), 401);
    expectProblem(await api.http().get('/feed').set(bearer('ql_not-a-key-anyone-issued')), 401);
    expectProblem(await api.http().get('/feed').set(await keyWith(api, 'care-agent', 'survey-manager')), 403);
  });

  it('refuses a bad position, a bad Last-Event-ID, a bad filter and unknown parameters as problems naming them', async () => {
    const get = (query: string, headers: Record<string, string> = {}) => api.http().get(`/feed?${query}`).set(service).set(headers);
    expectProblem(await get('fromPosition=-3'), 400, 'fromPosition');
    expectProblem(await get('fromPosition=18446744073709551616'), 400, 'fromPosition');
    expectProblem(await get('fromPosition=3', { 'Last-Event-ID': 'yesterday' }), 400, 'Last-Event-ID');
    expectProblem(await get('type=Refund-Issued'), 400, 'type');
    expectProblem(await get('category=care case'), 400, 'category');
    expectProblem(await get('limit=10'), 400, 'limit');
  });

  it('closes the subscription when the client leaves, and counts the open connections in /metrics', async () => {
    const streams = api.app.get(FeedStreams);
    const openGauge = async () => /^feed_connections_open (\d+)$/m.exec((await api.http().get('/metrics').expect(200)).text)?.[1];
    const feed = await follow({ auth: service });
    await eventually(() => streams.connections().length === 1);
    expect(await openGauge()).toBe('1');

    feed.close();
    await eventually(() => streams.connections().length === 0);
    expect(await openGauge()).toBe('0');
  });

  it('documents GET /feed in /docs-json as an event stream with its roles', async () => {
    const { body: document } = await api.http().get('/docs-json').expect(200);
    const operation = document.paths['/feed'].get;

    expect(operation).toMatchObject({ security: [{ bearer: [] }], description: expect.stringMatching(/^Roles: service, auditor, admin\./) });
    expect(Object.keys(operation.responses)).toEqual(expect.arrayContaining(['200', '400', '401', '403', '503']));
    expect(operation.responses['200'].content['text/event-stream'].schema.$ref).toBe('#/components/schemas/FeedEventFrame');
    expect(operation.parameters.map((parameter: { name: string }) => parameter.name)).toEqual(
      expect.arrayContaining(['fromPosition', 'type', 'category', 'Last-Event-ID']),
    );
  });
});

describe('the event feed when the api stops', () => {
  it('ends the open connections rather than waiting for their clients to leave', async () => {
    const api = await startTestApp();
    const feed = await FeedClient.open(await listenLocally(api), { auth: asAdmin });
    await eventually(() => api.app.get(FeedStreams).connections().length === 1);

    await api.destroy();

    await feed.until((client) => client.ended);
    expect(feed.status).toBe(200);
  });
});

describe('the limits on open feeds', () => {
  it('refuses a connection past the cap per key, and past the cap in all, with 503 and Retry-After, until one closes', async () => {
    const api = await startTestApp({ env: { FEED_MAX_CONNECTIONS: '3', FEED_MAX_CONNECTIONS_PER_KEY: '2' } });
    const opened: FeedClient[] = [];
    try {
      const base = await listenLocally(api);
      const [first, second, third] = await Promise.all([keyWith(api, 'service'), keyWith(api, 'service'), keyWith(api, 'auditor')]);
      const follow = async (auth: Auth) => {
        const client = await FeedClient.open(base, { auth });
        opened.push(client);
        return client;
      };
      const refusedWith = async (client: FeedClient, limit: string) => {
        await client.until((feed) => feed.ended);
        expect(client.status).toBe(503);
        expect(client.headers['content-type']).toMatch(/^application\/problem\+json/);
        expect(client.headers['retry-after']).toBe('1');
        expect(JSON.parse(client.body)).toMatchObject({ status: 503, code: 'FEED_FULL', detail: expect.stringContaining(limit) });
      };

      const firstOfKey = await follow(first!);
      await follow(first!);
      await refusedWith(await follow(first!), 'FEED_MAX_CONNECTIONS_PER_KEY');
      expect((await follow(second!)).status).toBe(200);
      await refusedWith(await follow(third!), 'FEED_MAX_CONNECTIONS');
      expect(api.app.get(FeedStreams).connections()).toHaveLength(3);

      firstOfKey.close();
      await eventually(() => api.app.get(FeedStreams).connections().length === 2);
      expect((await follow(third!)).status).toBe(200);
    } finally {
      for (const client of opened) client.close();
      await api.destroy();
    }
  });
});
