import { ManualClock, ProjectionHost } from '#kernel';
import { legacyKeyWith } from '../support/api-keys.js';
import { expectProblem, type Auth } from '../support/care-cases.js';
import { collect } from '../support/collect.js';
import { FeedClient, listenLocally } from '../support/feed.js';
import { asAdmin, bearer, startTestApp, type TestApp } from '../support/test-app.js';

interface Issued {
  readonly id: string;
  readonly key: string;
  readonly position: string;
}

async function issue(api: TestApp, body: object): Promise<Issued> {
  return (await api.http().post('/api-keys').set(asAdmin).send(body).expect(201)).body as Issued;
}

const sleep = (milliseconds: number) => new Promise((resolve) => setTimeout(resolve, milliseconds));

/** Whether the feed ends within `milliseconds`. */
async function endsWithin(feed: FeedClient, milliseconds: number): Promise<boolean> {
  const ended = feed.until(() => false).then(
    () => true,
    () => true,
  );
  return Promise.race([ended, sleep(milliseconds).then(() => false)]);
}

/** The open-feed check runs every second: a feed must end within two seconds of its key's end. */
const FEED_END_BOUND_MS = 2000;

describe('rotating an API key', () => {
  let api: TestApp;
  const feeds: FeedClient[] = [];

  beforeAll(async () => {
    api = await startTestApp();
  });

  afterEach(() => {
    for (const feed of feeds.splice(0)) feed.close();
  });

  afterAll(async () => {
    await api.destroy();
  });

  const rotate = (id: string, body: object = {}, headers: Record<string, string> = {}) =>
    api.http().post(`/api-keys/${id}/rotation`).set(asAdmin).set(headers).send(body);

  it('issues a successor with the same name, roles and employee, and leaves the old key an hour by default', async () => {
    const old = await issue(api, { name: 'care desk', roles: ['care-agent'], employeeId: 'emp-0107' });
    const before = Date.now();
    const rotated = await rotate(old.id).expect(201);
    expect(rotated.body).toEqual({
      id: expect.stringMatching(/^[0-9a-f-]{36}$/),
      key: expect.stringMatching(/^ql_[A-Za-z0-9_-]{43}$/),
      name: 'care desk',
      roles: ['care-agent'],
      employeeId: 'emp-0107',
      expiresAt: expect.any(String),
      rotatedFrom: old.id,
      predecessorExpiresAt: expect.any(String),
      revision: 0,
      position: expect.stringMatching(/^\d+$/),
    });
    const graceEnd = Date.parse(rotated.body.predecessorExpiresAt);
    expect(graceEnd).toBeGreaterThanOrEqual(before + 3_600_000);
    expect(graceEnd).toBeLessThanOrEqual(Date.now() + 3_600_000);

    // Within the grace period both work, so that the new secret can be deployed first.
    await api.http().get('/api-keys').set(bearer(old.key)).expect(403);
    await api.http().get('/api-keys').set(bearer(rotated.body.key)).expect(403);

    const [issuedOld, handedOver] = await collect(api.stores.events.readStream(`apiKey-${old.id}`));
    expect(issuedOld!.type).toBe('ApiKeyIssued');
    expect(handedOver).toMatchObject({
      type: 'ApiKeyRotated',
      data: { keyId: old.id, successorKeyId: rotated.body.id, expiresAt: rotated.body.predecessorExpiresAt },
    });
    const [successor] = await collect(api.stores.events.readStream(`apiKey-${rotated.body.id}`));
    expect(successor).toMatchObject({ type: 'ApiKeyIssued', data: { rotatedFrom: old.id, employeeId: 'emp-0107', roles: ['care-agent'] } });
    expect(JSON.stringify([handedOver!.data, successor!.data, successor!.metadata])).not.toContain(rotated.body.key);

    const listed = (await api.http().get('/api-keys').set(asAdmin).expect(200)).body.items as { id: string }[];
    expect(listed.find((key) => key.id === old.id)).toMatchObject({ successorKeyId: rotated.body.id, expiresAt: rotated.body.predecessorExpiresAt, status: 'active' });
    expect(listed.find((key) => key.id === rotated.body.id)).toMatchObject({ rotatedFrom: old.id, status: 'active' });
  });

  it('ends the old key at once with no grace, and its open feed with it', async () => {
    const base = await listenLocally(api);
    const old = await issue(api, { name: 'CRM', roles: ['service'] });
    const bystander = await issue(api, { name: 'BI', roles: ['service'] });
    const feed = await FeedClient.open(base, { auth: bearer(old.key) });
    const unaffected = await FeedClient.open(base, { auth: bearer(bystander.key) });
    feeds.push(feed, unaffected);
    expect([feed.status, unaffected.status]).toEqual([200, 200]);

    const rotated = await rotate(old.id, { graceSeconds: 0, expiresAt: new Date(Date.now() + 7 * 864e5).toISOString() }).expect(201);
    expectProblem(await api.http().get('/events/catalogue').set(bearer(old.key)), 401);
    await api.http().get('/events/catalogue').set(bearer(rotated.body.key)).expect(200);
    expect(await endsWithin(feed, FEED_END_BOUND_MS)).toBe(true);
    expect(unaffected.ended).toBe(false);
  });

  it('hands a key over once, and never a revoked one, an unknown one or one whose roles need an employee it does not name', async () => {
    const old = await issue(api, { name: 'auditors', roles: ['auditor'] });
    await rotate(old.id).expect(201);
    expect((await rotate(old.id)).body).toMatchObject({ status: 409, code: 'API_KEY_ALREADY_ROTATED' });

    const revoked = await issue(api, { name: 'gone', roles: ['auditor'] });
    await api.http().delete(`/api-keys/${revoked.id}`).set(asAdmin).expect(204);
    expect((await rotate(revoked.id)).body).toMatchObject({ status: 409, code: 'API_KEY_REVOKED' });

    expectProblem(await rotate('0190f5c2-7b1e-7c3a-9d2f-5a4b3c2d1e0f'), 404);

    const legacyDesk = await legacyKeyWith(api, ['care-agent']);
    await api.http().get('/events/catalogue').set(legacyDesk.auth).expect(403);
    const head = await api.stores.events.headPosition();
    expect((await rotate(legacyDesk.keyId)).body).toMatchObject({ status: 409, code: 'API_KEY_WITHOUT_EMPLOYEE' });
    expect(await api.stores.events.headPosition()).toBe(head);
  });

  it('refuses an Idempotency-Key, a grace over a week and a successor expiry over a year, appending nothing', async () => {
    const old = await issue(api, { name: 'trainers', roles: ['trainer'], employeeId: 'emp-t' });
    const head = await api.stores.events.headPosition();
    expectProblem(await rotate(old.id, {}, { 'Idempotency-Key': 'rotate-1' }), 400, 'Idempotency-Key');
    expectProblem(await rotate(old.id, { graceSeconds: 604_801 }), 400, 'graceSeconds');
    expectProblem(await rotate(old.id, { graceSeconds: -1 }), 400, 'graceSeconds');
    expectProblem(await rotate(old.id, { expiresAt: new Date(Date.now() + 366 * 864e5).toISOString() }), 400, 'expiresAt');
    expect(await api.stores.events.headPosition()).toBe(head);
  });
});

describe('an API key that expires', () => {
  let api: TestApp;
  let clock: ManualClock;

  beforeAll(async () => {
    clock = new ManualClock(new Date());
    api = await startTestApp({ clock });
  });

  afterAll(async () => {
    await api.destroy();
  });

  it('works until its expiry, then gets 401, and its open feed ends within two seconds', async () => {
    const base = await listenLocally(api);
    const expiresAt = new Date(clock.now().getTime() + 3_600_000).toISOString();
    const issued = await issue(api, { name: 'a trial', roles: ['service'], expiresAt });
    const lasting = await issue(api, { name: 'lasting', roles: ['service'] });
    const feed = await FeedClient.open(base, { auth: bearer(issued.key) });
    const unaffected = await FeedClient.open(base, { auth: bearer(lasting.key) });
    try {
      expect(feed.status).toBe(200);
      clock.advance(3_599_999);
      await api.http().get('/events/catalogue').set(bearer(issued.key)).expect(200);
      expect(await endsWithin(feed, 1500)).toBe(false);

      clock.advance(1);
      const refused = await api.http().get('/events/catalogue').set(bearer(issued.key));
      expectProblem(refused, 401);
      expect(refused.body.detail).toBe('the API key has expired');
      expect(await endsWithin(feed, FEED_END_BOUND_MS)).toBe(true);
      expect(unaffected.ended).toBe(false);

      const listed = (await api.http().get('/api-keys').set(asAdmin).expect(200)).body.items as { id: string }[];
      expect(listed.find((key) => key.id === issued.id)).toMatchObject({ status: 'expired', expiresAt });
    } finally {
      feed.close();
      unaffected.close();
    }
  });

  it('keeps a key issued before keys expired working', async () => {
    const legacy = await legacyKeyWith(api, ['auditor']);
    clock.advance(400 * 864e5);
    await api.http().get('/events').set(legacy.auth).expect(200);
  });
});

describe('revoking an API key with two api processes on one store, their read models stalled', () => {
  let writer: TestApp;
  let reader: TestApp;
  let readerBase: string;
  const feeds: FeedClient[] = [];

  beforeAll(async () => {
    writer = await startTestApp({ env: { READ_YOUR_WRITES_TIMEOUT_MS: '50' } });
    reader = await startTestApp({ dataDir: writer.dataDir, env: { PROJECTIONS: 'off', READ_YOUR_WRITES_TIMEOUT_MS: '50' } });
    readerBase = await listenLocally(reader);
    // From here on the `apiKeys` read model learns nothing: every key change below exists in the log only.
    await writer.app.get(ProjectionHost).stop();
  });

  afterEach(() => {
    for (const feed of feeds.splice(0)) feed.close();
  });

  afterAll(async () => {
    await reader.close();
    await writer.destroy();
  });

  async function follow(auth: Auth): Promise<FeedClient> {
    const feed = await FeedClient.open(readerBase, { auth });
    feeds.push(feed);
    expect(feed.status).toBe(200);
    return feed;
  }

  it('takes a key issued through the one on the other at once', async () => {
    const issued = await issue(writer, { name: 'roaming', roles: ['service'] });
    const listed = (await reader.http().get('/api-keys').set(asAdmin).expect(200)).body.items as { id: string }[];
    expect(listed.map((key) => key.id)).not.toContain(issued.id);
    await reader.http().get('/events/catalogue').set(bearer(issued.key)).expect(200);
  });

  it('refuses a key revoked through the one on the other from the moment the revocation is answered, and ends its feed there', async () => {
    const revoked = await issue(writer, { name: 'leaving service', roles: ['service'] });
    const staying = await issue(writer, { name: 'staying service', roles: ['service'] });
    const feed = await follow(bearer(revoked.key));
    const unaffected = await follow(bearer(staying.key));

    await writer.http().delete(`/api-keys/${revoked.id}`).set(asAdmin).expect(204);
    const refused = await reader.http().get('/events/catalogue').set(bearer(revoked.key));
    expectProblem(refused, 401);
    expect(refused.body.detail).toBe('the API key was revoked');
    expect(await endsWithin(feed, FEED_END_BOUND_MS)).toBe(true);
    expect(unaffected.ended).toBe(false);
    await reader.http().get('/events/catalogue').set(bearer(staying.key)).expect(200);
  });

  it('ends a rotated key on the other at the end of its grace, and takes its successor there at once', async () => {
    const old = await issue(writer, { name: 'nightly export', roles: ['service'] });
    const feed = await follow(bearer(old.key));
    const rotated = await writer.http().post(`/api-keys/${old.id}/rotation`).set(asAdmin).send({ graceSeconds: 0 }).expect(201);
    expectProblem(await reader.http().get('/events/catalogue').set(bearer(old.key)), 401);
    await reader.http().get('/events/catalogue').set(bearer(rotated.body.key)).expect(200);
    expect(await endsWithin(feed, FEED_END_BOUND_MS)).toBe(true);
  });
});
