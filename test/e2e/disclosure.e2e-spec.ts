import { createHash } from 'node:crypto';
import type { RecordedEvent } from '#kernel';
import { surveyTokenId } from '#domain/surveys/index.js';
import { eventLeaf, hashFromBase64, leafOf, toBase64, verifyInclusion, type Hash } from '#ledger';
import { hashes, storedEventOf } from '../../apps/cli/src/commands/audit.js';
import { keyWith, type Auth } from '../support/care-cases.js';
import { collect } from '../support/collect.js';
import { FeedClient, listenLocally } from '../support/feed.js';
import { readAudit } from '../support/audit.js';
import { seedCatalogue } from '../support/organisation.js';
import { answerWithToken, CSAT, SURVEY_CATALOGUE, surveyDesk } from '../support/surveys.js';
import { until } from '../support/until.js';
import { asAdmin, startTestApp, type TestApp } from '../support/test-app.js';

const sha256 = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');
const dayOf = (instant: string) => `${instant.slice(0, 10)}T00:00:00.000Z`;

interface Shown {
  readonly position: string;
  readonly type: string;
  readonly data: Record<string, unknown>;
  readonly metadata: { readonly occurredAt: string; readonly recordedAt: string; readonly actor: { readonly id: string } };
  readonly redacted?: string[];
}

/*
 * The feed, the raw history and the audit trail show events through one policy: the same event shows
 * the same on each, without the hashes of secrets, and an anonymous answer without anything that
 * points to who gave it or when, beyond its day.
 */
describe('what the feed, the history and the audit trail disclose', () => {
  let api: TestApp;
  let auditor: Auth;
  let base: string;
  /** The events of one API key's life and one anonymous answer, as stored. */
  let stored: RecordedEvent[];
  let secrets: string[];

  beforeAll(async () => {
    api = await startTestApp({ env: { LEDGER_CHECKPOINT_INTERVAL_MS: '100' } });
    base = await listenLocally(api);
    auditor = await keyWith(api, 'auditor');
    await seedCatalogue(api, SURVEY_CATALOGUE);

    const key = (await api.http().post('/api-keys').set(asAdmin).send({ name: 'CRM', roles: ['service'] }).expect(201)).body;
    const successor = (await api.http().post(`/api-keys/${key.id}/rotation`).set(asAdmin).send({}).expect(201)).body;
    await api.http().delete(`/api-keys/${key.id}`).set(asAdmin).expect(204);

    const manager = surveyDesk(api, await keyWith(api, 'survey-manager'));
    const survey = (await manager.create({ audience: 'all-employees', anonymous: true, productId: undefined, questions: [CSAT] }).expect(201)).body.id;
    await manager.launch(survey).expect(201);
    const [token] = (await manager.issueTokens(survey, 1, 1).expect(201)).body.tokens as string[];
    const answered = await answerWithToken(api, survey, 1, token!, { answers: [{ questionId: 'satisfaction', score: 5 }] }).expect(201);

    stored = [
      ...(await collect(api.stores.events.readStream(`apiKey-${key.id}`))),
      ...(await collect(api.stores.events.readStream(`survey-${survey}`))).filter((event) => event.type === 'SurveyTokensIssued'),
      ...(await collect(api.stores.events.readStream(`surveyToken-${surveyTokenId(survey, 1, sha256(token!))}`))),
      ...(await collect(api.stores.events.readStream(`surveyResponse-${answered.body.id}`))),
    ];
    secrets = [key.key, successor.key, token!, sha256(key.key), sha256(token!)];
    expect(stored.map((event) => event.type)).toEqual(['ApiKeyIssued', 'ApiKeyRotated', 'ApiKeyRevoked', 'SurveyTokensIssued', 'SurveyTokenRedeemed', 'SurveyAnswered']);
    // The log itself keeps the hashes and the exact times: only what is shown leaves them out.
    expect(JSON.stringify(stored, (_key, value: unknown) => (typeof value === 'bigint' ? value.toString() : value))).toContain(sha256(key.key));
  });

  afterAll(async () => {
    await api.destroy();
  });

  const positions = () => stored.map((event) => event.position.toString());
  const storedAt = (position: string) => stored.find((event) => event.position.toString() === position)!;

  async function fromEvents(): Promise<Shown[]> {
    const pages = await Promise.all(
      ['apiKey', 'survey', 'surveyToken', 'surveyResponse'].map((category) => api.http().get('/events').set(auditor).query({ category, limit: 1000 }).expect(200)),
    );
    return pages.flatMap((page) => page.body.items as Shown[]).filter((event) => positions().includes(event.position));
  }

  async function fromStreams(): Promise<Shown[]> {
    const streams = [...new Set(stored.map((event) => event.streamId))];
    const pages = await Promise.all(streams.map((stream) => api.http().get(`/streams/${stream}`).set(auditor).expect(200)));
    return pages.flatMap((page) => page.body.items as Shown[]).filter((event) => positions().includes(event.position));
  }

  async function fromAudit(): Promise<Shown[]> {
    const last = positions().at(-1)!;
    const page = (await readAudit(api, auditor, { order: 'oldest', limit: 500, minPosition: last }).expect(200)).body;
    return (page.items as (Shown & { occurredAt: string; recordedAt: string; actor: { id: string } })[])
      .filter((entry) => positions().includes(entry.position))
      .map((entry) => ({ ...entry, metadata: { occurredAt: entry.occurredAt, recordedAt: entry.recordedAt, actor: entry.actor } }));
  }

  async function fromFeed(): Promise<Shown[]> {
    const feed = await FeedClient.open(base, { auth: auditor });
    try {
      await feed.untilId(positions().at(-1)!);
      return feed.frames.map((frame) => frame.data as Shown).filter((event) => positions().includes(event.position));
    } finally {
      feed.close();
    }
  }

  it('shows every such event on every route, with the same data, the hashes of secrets left out and named', async () => {
    const routes = { events: await fromEvents(), streams: await fromStreams(), audit: await fromAudit(), feed: await fromFeed() };
    for (const [route, shown] of Object.entries(routes)) {
      expect({ route, positions: shown.map((event) => event.position).sort() }).toEqual({ route, positions: [...positions()].sort() });
      const byType = Object.fromEntries(shown.map((event) => [event.type, event]));
      for (const type of ['ApiKeyIssued', 'ApiKeyRotated', 'ApiKeyRevoked']) expect({ route, type, redacted: byType[type]!.redacted }).toEqual({ route, type, redacted: ['keyHash'] });
      expect(byType.SurveyTokensIssued!.redacted).toEqual(['tokenHashes']);
      expect(byType.SurveyTokenRedeemed!.redacted).toEqual(['tokenHash']);
      expect(byType.SurveyAnswered).not.toHaveProperty('redacted');
      for (const secret of secrets) expect({ route, leaks: JSON.stringify(shown).includes(secret) }).toEqual({ route, leaks: false });
    }
    const dataOf = (shown: Shown[]) => Object.fromEntries(shown.map((event) => [event.position, event.data]));
    expect(dataOf(routes.streams)).toEqual(dataOf(routes.events));
    expect(dataOf(routes.audit)).toEqual(dataOf(routes.events));
    expect(dataOf(routes.feed)).toEqual(dataOf(routes.events));
  });

  it('tells the times of anonymous answering to the day only, on every route, and keeps the others exact', async () => {
    for (const shown of [await fromEvents(), await fromStreams(), await fromAudit(), await fromFeed()]) {
      for (const event of shown) {
        const original = storedAt(event.position);
        const anonymous = event.type === 'SurveyTokenRedeemed' || event.type === 'SurveyAnswered';
        const expected = anonymous
          ? { occurredAt: dayOf(original.metadata.occurredAt), recordedAt: dayOf(original.metadata.recordedAt), actor: 'anonymous' }
          : { occurredAt: original.metadata.occurredAt, recordedAt: original.metadata.recordedAt, actor: original.metadata.actor.id };
        const { occurredAt, recordedAt, actor } = event.metadata;
        expect({ type: event.type, occurredAt, recordedAt, actor: actor.id }).toEqual({ type: event.type, ...expected });
      }
    }
    const answer = storedAt(positions().at(-1)!);
    expect(answer.metadata.recordedAt).not.toBe(dayOf(answer.metadata.recordedAt));
  });

  describe('GET /events/{position}', () => {
    async function ledgered(event: RecordedEvent) {
      const position = event.position.toString();
      await until(`the ledger holds position ${position}`, async () => ((await api.stores.ledger.latestCheckpoint())?.treeSize ?? 0) >= Number(position));
      return (await api.http().get(`/events/${position}`).set(auditor).expect(200)).body;
    }

    async function proves(leafIndex: number, leaf: Hash): Promise<boolean> {
      const checkpoint = (await api.http().get('/ledger/checkpoint').set(auditor).expect(200)).body as { treeSize: number; rootHash: string };
      const proof = (await api.http().get('/ledger/proofs/inclusion').query({ position: leafIndex + 1, treeSize: checkpoint.treeSize }).set(auditor).expect(200)).body;
      return verifyInclusion(leafIndex, checkpoint.treeSize, leaf, hashes(proof.proof), hashFromBase64(checkpoint.rootHash)!) === undefined;
    }

    it('shows the stored bytes of a redacted event redacted alike, so that its leaf is proven as given, not recomputed from them', async () => {
      for (const event of stored) {
        const shown = await ledgered(event);
        expect({ type: event.type, recomputable: shown.ledger.recomputable }).toEqual({ type: event.type, recomputable: false });
        for (const secret of secrets) expect(JSON.stringify(shown)).not.toContain(secret);
        expect(JSON.parse(shown.ledger.storedPayload)).toEqual(shown.data);
        expect(toBase64(eventLeaf(storedEventOf(shown)).leafHash)).not.toBe(shown.ledger.leafHash);
        expect(await proves(shown.ledger.leafIndex, hashFromBase64(shown.ledger.leafHash)!)).toBe(true);
      }
    });

    it("proves the leaf of an event whose times are shown exact from the envelope and the two digests", async () => {
      const shown = await ledgered(stored[0]!);
      const leaf = leafOf({
        position: BigInt(shown.position),
        eventId: shown.eventId,
        streamId: shown.streamId,
        revision: shown.revision,
        type: shown.type,
        recordedAt: shown.metadata.recordedAt,
        payloadHash: hashFromBase64(shown.ledger.payloadHash)!,
        metadataHash: hashFromBase64(shown.ledger.metadataHash)!,
      }).leafHash;
      expect(toBase64(leaf)).toBe(shown.ledger.leafHash);
    });

    it('shows an anonymous answer without its time of day in the stored metadata either', async () => {
      const answer = stored.at(-1)!;
      const shown = await ledgered(answer);
      expect(JSON.parse(shown.ledger.storedMetadata)).toMatchObject({ occurredAt: dayOf(answer.metadata.recordedAt), actor: { id: 'anonymous', roles: [] } });
      expect(shown.ledger.storedMetadata).not.toContain(answer.metadata.recordedAt.slice(11, 19));
    });

    it('shows every other event exactly as stored', async () => {
      const section = await api.http().post('/sections').set(asAdmin).send({ name: 'Quality', valuableFinalProduct: 'Answers' }).expect(201);
      const [event] = await collect(api.stores.events.readAll({ after: BigInt(section.body.position) - 1n, to: BigInt(section.body.position) }));
      const shown = await ledgered(event!);
      expect(shown.ledger.recomputable).toBe(true);
      expect(toBase64(eventLeaf(storedEventOf(shown)).leafHash)).toBe(shown.ledger.leafHash);
    });
  });
});
