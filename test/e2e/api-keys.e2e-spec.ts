import { ProjectionHost } from '#kernel';
import { expectProblem } from '../support/care-cases.js';
import { collect } from '../support/collect.js';
import { asAdmin, bearer, startTestApp, type TestApp } from '../support/test-app.js';

describe('API keys', () => {
  let api: TestApp;

  beforeAll(async () => {
    api = await startTestApp();
  });

  afterAll(async () => {
    await api.destroy();
  });

  async function issue(name: string, roles: string[], employeeId?: string) {
    const response = await api.http().post('/api-keys').set(asAdmin).send({ name, roles, employeeId }).expect(201);
    return response.body as { id: string; key: string; revision: number; position: string; name: string; roles: string[] };
  }

  it("answers any key its own id, name, roles and employee, and the bootstrap key as such", async () => {
    const issued = await issue('care desk', ['care-agent'], 'agent-7');
    const own = await api.http().get('/api-keys/me').set(bearer(issued.key)).expect(200);
    expect(own.body).toEqual({ id: issued.id, name: 'care desk', roles: ['care-agent'], employeeId: 'agent-7' });
    const bootstrap = await api.http().get('/api-keys/me').set(asAdmin).expect(200);
    expect(bootstrap.body).toEqual({ id: null, name: 'bootstrap', roles: ['admin'], employeeId: null });
    expectProblem(await api.http().get('/api-keys/me'), 401);
  });

  it('issues a key whose secret is shown once and that works at once with its roles, for a year unless told otherwise', async () => {
    const before = Date.now();
    const issued = await issue('  council desk ', ['council-chair', 'admin'], 'emp-chair');
    expect(issued).toEqual({
      id: expect.stringMatching(/^[0-9a-f-]{36}$/),
      key: expect.stringMatching(/^ql_[A-Za-z0-9_-]{43}$/),
      name: 'council desk',
      roles: ['council-chair', 'admin'],
      employeeId: 'emp-chair',
      expiresAt: expect.any(String),
      rotatedFrom: null,
      revision: 0,
      position: expect.stringMatching(/^\d+$/),
    });
    const expiresAt = Date.parse((issued as unknown as { expiresAt: string }).expiresAt);
    expect(expiresAt).toBeGreaterThanOrEqual(before + 365 * 864e5);
    expect(expiresAt).toBeLessThanOrEqual(Date.now() + 365 * 864e5);

    await api.http().get('/api-keys').set(bearer(issued.key)).expect(200);
  });

  it('takes an expiry in the future and at most a year ahead', async () => {
    const expiresAt = new Date(Date.now() + 30 * 864e5).toISOString();
    const issued = await api.http().post('/api-keys').set(asAdmin).send({ name: 'a month', roles: ['auditor'], expiresAt }).expect(201);
    expect(issued.body.expiresAt).toBe(expiresAt);
    for (const refused of [new Date(Date.now() + 366 * 864e5).toISOString(), new Date(Date.now() - 1000).toISOString(), 'next week']) {
      expectProblem(await api.http().post('/api-keys').set(asAdmin).send({ name: 'x', roles: ['auditor'], expiresAt: refused }), 400, 'expiresAt');
    }
  });

  it('records the issue as an event by the caller, holding only a hash of the secret', async () => {
    const issued = await issue('hr office', ['hr'], 'emp-hr');
    const [event] = await collect(api.stores.events.readStream(`apiKey-${issued.id}`));
    expect(event).toMatchObject({
      type: 'ApiKeyIssued',
      data: { keyId: issued.id, name: 'hr office', roles: ['hr'], keyHash: expect.stringMatching(/^[0-9a-f]{64}$/), expiresAt: expect.any(String) },
      metadata: { actor: { id: 'apiKey:bootstrap', roles: ['admin'] }, schemaVersion: 2 },
    });
    expect(JSON.stringify([event!.data, event!.metadata])).not.toContain(issued.key);
  });

  it('puts the subject of the calling key into the metadata, whatever the body says', async () => {
    const admin = await issue('second admin', ['admin']);
    const issued = await api.http().post('/api-keys').set(bearer(admin.key)).send({ name: 'trainers', roles: ['trainer'], employeeId: 'emp-t' }).expect(201);
    const [event] = await collect(api.stores.events.readStream(`apiKey-${issued.body.id}`));
    expect(event!.metadata.actor).toEqual({ id: `apiKey:${admin.id}`, roles: ['admin'] });
  });

  it('lists keys without secrets or hashes', async () => {
    const issued = await issue('survey team', ['survey-manager'], 'emp-surveys');
    const response = await api.http().get('/api-keys').set(asAdmin).query({ minPosition: issued.position }).expect(200);
    const listed = response.body.items.find((key: { id: string }) => key.id === issued.id);
    expect(listed).toEqual({
      id: issued.id,
      name: 'survey team',
      roles: ['survey-manager'],
      employeeId: 'emp-surveys',
      issuedAt: expect.any(String),
      expiresAt: expect.any(String),
      revokedAt: null,
      rotatedFrom: null,
      successorKeyId: null,
      status: 'active',
    });
    expect(JSON.stringify(response.body)).not.toMatch(/ql_|keyHash|[0-9a-f]{64}/);
  });

  it('revokes a key: the next request with it gets 401, and the list shows it revoked', async () => {
    const issued = await issue('leaving agent', ['care-agent'], 'emp-leaving');
    await api.http().delete(`/api-keys/${issued.id}`).set(asAdmin).expect(204);

    const refused = await api.http().get('/api-keys').set(bearer(issued.key));
    expect(refused.status).toBe(401);

    const listed = await api.http().get('/api-keys').set(asAdmin).expect(200);
    expect(listed.body.items.find((key: { id: string }) => key.id === issued.id)).toMatchObject({
      status: 'revoked',
      revokedAt: expect.any(String),
    });
  });

  it('replays a revocation retried with the same Idempotency-Key instead of refusing it', async () => {
    const issued = await issue('flaky network', ['auditor']);
    for (let attempt = 0; attempt < 2; attempt++) {
      await api.http().delete(`/api-keys/${issued.id}`).set(asAdmin).set('Idempotency-Key', `revoke-${issued.id}`).expect(204);
    }
    const events = await collect(api.stores.events.readStream(`apiKey-${issued.id}`));
    expect(events.map((event) => event.type)).toEqual(['ApiKeyIssued', 'ApiKeyRevoked']);
    await api.http().delete(`/api-keys/${issued.id}`).set(asAdmin).set('Idempotency-Key', 'another-attempt').expect(409);
  });

  it('binds a key to the employee it belongs to, and requires one with every role of a person', async () => {
    for (const roles of [['employee'], ['care-agent'], ['quality-inspector', 'admin'], ['hr'], ['trainer'], ['council-member'], ['survey-manager']]) {
      expectProblem(await api.http().post('/api-keys').set(asAdmin).send({ name: 'Olga', roles }), 400, 'employeeId');
    }
    for (const roles of [['admin'], ['auditor'], ['service'], ['auditor', 'service']]) {
      await api.http().post('/api-keys').set(asAdmin).send({ name: 'no one person', roles }).expect(201);
    }

    const response = await api.http().post('/api-keys').set(asAdmin).send({ name: 'Olga', roles: ['employee'], employeeId: 'emp-0107' }).expect(201);
    expect(response.body).toMatchObject({ roles: ['employee'], employeeId: 'emp-0107' });
    const listed = await api.http().get('/api-keys').set(asAdmin).expect(200);
    expect(listed.body.items.find((key: { id: string }) => key.id === response.body.id)).toMatchObject({ employeeId: 'emp-0107' });
    const events = await collect(api.stores.events.readStream(`apiKey-${response.body.id}`));
    expect(events[0]).toMatchObject({ type: 'ApiKeyIssued', data: { employeeId: 'emp-0107' } });
  });

  it('lets only admins manage keys', async () => {
    const agent = await issue('care agent', ['care-agent'], 'emp-agent');
    await api.http().post('/api-keys').set(bearer(agent.key)).send({ name: 'mine', roles: ['admin'] }).expect(403);
    await api.http().delete(`/api-keys/${agent.id}`).set(bearer(agent.key)).expect(403);
  });

  it('refuses a revoked key even for the admin that revoked itself', async () => {
    const admin = await issue('short-lived admin', ['admin']);
    await api.http().delete(`/api-keys/${admin.id}`).set(bearer(admin.key)).expect(204);
    await api.http().get('/api-keys').set(bearer(admin.key)).expect(401);
  });

  describe('read-your-writes with minPosition', () => {
    it('refuses a minPosition that is not a position, or lies beyond the log', async () => {
      const garbage = await api.http().get('/api-keys').set(asAdmin).query({ minPosition: '-1' });
      expect(garbage.status).toBe(400);
      expect(garbage.body.errors).toEqual([{ field: 'minPosition', message: expect.any(String) }]);

      const head = (await api.stores.events.headPosition()) ?? 0n;
      const ahead = await api.http().get('/api-keys').set(asAdmin).query({ minPosition: String(head + 1000n) });
      expect(ahead.status).toBe(400);
      expect(ahead.body.errors).toEqual([{ field: 'minPosition', message: expect.any(String) }]);
    });
  });
});

describe('API keys while the read models are stalled', () => {
  let api: TestApp;

  beforeAll(async () => {
    api = await startTestApp({ env: { READ_YOUR_WRITES_TIMEOUT_MS: '50' } });
  });

  afterAll(async () => {
    await api.destroy();
  });

  it('answers a minPosition the read models do not reach in time with 503 READ_MODEL_BEHIND', async () => {
    await api.app.get(ProjectionHost).stop();
    const issued = await api.http().post('/api-keys').set(asAdmin).send({ name: 'late', roles: ['auditor'] }).expect(201);

    const response = await api.http().get('/api-keys').set(asAdmin).query({ minPosition: issued.body.position });
    expect(response.status).toBe(503);
    expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(response.headers['retry-after']).toBe('1');
    expect(response.body).toMatchObject({ status: 503, code: 'READ_MODEL_BEHIND' });
  });

  it('takes a key issued, and refuses one revoked, at once, though the read model has neither', async () => {
    const issued = await api.http().post('/api-keys').set(asAdmin).send({ name: 'to revoke', roles: ['auditor'] }).expect(201);
    await api.http().get('/api-keys').set(bearer(issued.body.key)).expect(403);

    await api.http().delete(`/api-keys/${issued.body.id}`).set(asAdmin).expect(204);
    await api.http().get('/api-keys').set(bearer(issued.body.key)).expect(401);
  });
});

describe('API keys across two api processes sharing one store', () => {
  let projecting: TestApp;
  let other: TestApp;

  beforeAll(async () => {
    projecting = await startTestApp();
    other = await startTestApp({ dataDir: projecting.dataDir, env: { PROJECTIONS: 'off' } });
  });

  afterAll(async () => {
    await other.close();
    await projecting.destroy();
  });

  it('a key issued through one works on the other, and a revocation through one holds on the other at once', async () => {
    const issued = await other.http().post('/api-keys').set(asAdmin).send({ name: 'roaming', roles: ['admin'] }).expect(201);
    await projecting.http().get('/api-keys').set(bearer(issued.body.key)).expect(200);
    await other.http().get('/api-keys').set(bearer(issued.body.key)).expect(200);

    await projecting.http().delete(`/api-keys/${issued.body.id}`).set(asAdmin).expect(204);
    await other.http().get('/api-keys').set(bearer(issued.body.key)).expect(401);
  });

  it('reports the projections and process managers of the other process as run elsewhere, with the checkpoints committed', async () => {
    const head = (await projecting.stores.events.headPosition())?.toString() ?? null;
    // Past events that call for nothing, a manager commits its checkpoint up to a second later.
    let health: { body: { projections: unknown[]; processManagers: { checkpoint: string | null }[] } };
    do {
      await new Promise((resolve) => setTimeout(resolve, 20));
      health = await other.http().get('/health').expect(200);
    } while (health.body.processManagers.some((manager) => manager.checkpoint !== head));

    expect(health.body.projections).toContainEqual(expect.objectContaining({ name: 'apiKeys', state: 'external' }));
    expect(health.body.processManagers).toEqual([
      { name: 'trainingPlanProposer', state: 'external', checkpoint: head, lag: '0' },
      { name: 'trainingNeedPlanner', state: 'external', checkpoint: head, lag: '0' },
    ]);
  });
});
