import { newId } from '#kernel';
import { asAdmin, bearer, startTestApp, type TestApp } from '../support/test-app.js';

describe('GET /health', () => {
  let api: TestApp;

  beforeAll(async () => {
    api = await startTestApp();
  });

  afterAll(async () => {
    await api.destroy();
  });

  it('is public and reports the store up and each projection and process manager caught up with the log', async () => {
    const appended = await appendAnEvent(api);

    type Progress = { name: string; checkpoint: string; lag: string };
    let body: { status: string; eventStore: { headPosition: string }; projections: Progress[]; processManagers: Progress[] };
    do {
      await new Promise((resolve) => setTimeout(resolve, 20));
      const response = await api.http().get('/health').expect(200);
      body = response.body;
    } while ([...body.projections, ...body.processManagers].some((p) => p.checkpoint !== appended.position.toString()));

    expect(body.status).toBe('ok');
    expect(body.eventStore.headPosition).toBe(appended.position.toString());
    expect(body.projections).toContainEqual(expect.objectContaining({ name: 'eventActivity', lag: '0' }));
    expect(body.projections).toContainEqual(expect.objectContaining({ name: 'apiKeys', lag: '0' }));
    expect(body.processManagers).toEqual([
      { name: 'trainingPlanProposer', state: 'live', checkpoint: appended.position.toString(), lag: '0' },
      { name: 'trainingNeedPlanner', state: 'live', checkpoint: appended.position.toString(), lag: '0' },
    ]);
  });

  it('shows error texts to an admin key only: anyone else, with a key or without, gets the public answer', async () => {
    await appendAnEvent(api, 'EmployeeHired', { hired: 'with nothing a projection needs' });
    type Progress = { name: string; state: string; lastError?: string | null };
    let failing: Progress | undefined;
    do {
      await new Promise((resolve) => setTimeout(resolve, 20));
      failing = (await api.http().get('/health').set(asAdmin).expect(200)).body.projections.find((p: Progress) => typeof p.lastError === 'string');
    } while (failing === undefined);
    expect(failing.state).toBe('retrying');

    const auditor = (await api.http().post('/api-keys').set(asAdmin).send({ name: 'health reader', roles: ['auditor'] }).expect(201)).body.key;
    for (const headers of [{}, bearer(auditor), bearer('ql_no-such-key'), { Authorization: 'Basic YWRtaW46YWRtaW4=' }]) {
      const body = (await api.http().get('/health').set(headers).expect(200)).body;
      const failingThere = body.projections.find((p: Progress) => p.name === failing!.name);
      expect(failingThere).toMatchObject({ state: 'retrying' });
      expect(JSON.stringify(body)).not.toMatch(/lastError|"error"/);
    }
  });

  it('answers 503 when the event store is unreachable', async () => {
    await api.stores.events.close();
    const response = await api.http().get('/health').expect(503);
    expect(response.body).toEqual({ status: 'down', eventStore: { status: 'down' }, readStore: { status: 'up' } });
  });
});

describe('GET /health without the read store', () => {
  let api: TestApp;

  beforeAll(async () => {
    api = await startTestApp();
  });

  afterAll(async () => {
    await api.destroy();
  });

  it('answers 503 when the read store is unreachable', async () => {
    await api.http().get('/health').expect(200);
    await api.stores.reads.close();
    const response = await api.http().get('/health').expect(503);
    expect(response.body).toEqual({ status: 'down', eventStore: { status: 'up' }, readStore: { status: 'down' } });
  });
});

/** Any event: the runners follow the whole log, whatever they handle. */
function appendAnEvent(api: TestApp, type = 'CareCaseOpened', data: Record<string, unknown> = {}) {
  return api.stores.events.append(`careCase-${newId()}`, [
    {
      eventId: newId(),
      type,
      data,
      metadata: {
        occurredAt: new Date().toISOString(),
        actor: { id: 'e2e', roles: [] },
        correlationId: 'e2e',
        causationId: null,
        schemaVersion: 1,
      },
    },
  ]);
}
