import { asAdmin, bearer, startTestApp, type TestApp } from '../support/test-app.js';
import { PlatformProbeController } from '../support/probe.controllers.js';

const PROBLEM_JSON = /^application\/problem\+json/;

describe('errors as problem details (RFC 9457)', () => {
  let api: TestApp;

  beforeAll(async () => {
    api = await startTestApp({ env: { BODY_LIMIT: '2048' }, controllers: [PlatformProbeController] });
  });

  afterAll(async () => {
    await api.destroy();
  });

  async function headPosition() {
    return api.stores.events.headPosition();
  }

  it('answers malformed JSON with 400 MALFORMED_JSON', async () => {
    const response = await api.http().post('/api-keys').set(asAdmin).set('content-type', 'application/json').send('{"name":');
    expect(response.status).toBe(400);
    expect(response.headers['content-type']).toMatch(PROBLEM_JSON);
    expect(response.body).toMatchObject({
      type: 'tag:quality-ledger,2026:problem:malformed-json',
      title: 'Malformed JSON',
      status: 400,
      code: 'MALFORMED_JSON',
    });
    expect(typeof response.body.detail).toBe('string');
  });

  it('answers a body over BODY_LIMIT with 413', async () => {
    const response = await api.http().post('/api-keys').set(asAdmin).send({ name: 'x'.repeat(4096), roles: ['admin'] });
    expect(response.status).toBe(413);
    expect(response.headers['content-type']).toMatch(PROBLEM_JSON);
    expect(response.body).toMatchObject({ status: 413, code: 'PAYLOAD_TOO_LARGE' });
  });

  it('answers an unknown route with 404 ROUTE_NOT_FOUND', async () => {
    const response = await api.http().get('/no-such-thing').set(asAdmin);
    expect(response.status).toBe(404);
    expect(response.headers['content-type']).toMatch(PROBLEM_JSON);
    expect(response.body).toMatchObject({ status: 404, code: 'ROUTE_NOT_FOUND' });
  });

  it('answers a body that is not JSON with 415', async () => {
    const response = await api.http().post('/api-keys').set(asAdmin).set('content-type', 'text/plain').send('name=ops');
    expect(response.status).toBe(415);
    expect(response.headers['content-type']).toMatch(PROBLEM_JSON);
    expect(response.body).toMatchObject({ status: 415, code: 'UNSUPPORTED_MEDIA_TYPE' });
  });

  it('refuses an unknown field, naming it', async () => {
    const response = await api.http().post('/api-keys').set(asAdmin).send({ name: 'ops', roles: ['auditor'], admin: true });
    expect(response.status).toBe(400);
    expect(response.headers['content-type']).toMatch(PROBLEM_JSON);
    expect(response.body).toMatchObject({ code: 'VALIDATION_FAILED', errors: [{ field: 'admin', message: expect.any(String) }] });
  });

  it('refuses wrong types, naming every offending field once', async () => {
    const response = await api.http().post('/api-keys').set(asAdmin).send({ name: 42, roles: 'admin' });
    expect(response.status).toBe(400);
    expect(response.body.errors).toEqual([
      { field: 'name', message: 'name must be a string' },
      { field: 'roles', message: 'roles must be an array' },
    ]);
  });

  it('names nested fields by their path, and converts nested values into their DTO', async () => {
    const bad = await api.http().post('/probe/refund').send({ amount: { minor: 1.5, currency: 'RUB', cents: 3 } });
    expect(bad.status).toBe(400);
    expect(bad.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(['amount.cents', 'amount.minor']);

    const good = await api.http().post('/probe/refund').send({ amount: { minor: 150, currency: 'RUB' } }).expect(201);
    expect(good.body).toEqual({ minor: 150, isDto: true });
  });

  it('refuses a body that is not a JSON object', async () => {
    const response = await api.http().post('/api-keys').set(asAdmin).send([{ name: 'ops' }]);
    expect(response.status).toBe(400);
    expect(response.body.errors).toEqual([{ field: 'body', message: 'must be a JSON object' }]);
  });

  it('refuses garbage in If-Match and Idempotency-Key with 400, naming the headers', async () => {
    const response = await api
      .http()
      .delete('/api-keys/0190f5c2-7b1e-7c3a-9d2f-5a4b3c2d1e0f')
      .set(asAdmin)
      .set('If-Match', 'latest')
      .set('Idempotency-Key', 'has spaces');
    expect(response.status).toBe(400);
    expect(response.body.errors.map((e: { field: string }) => e.field)).toEqual(['Idempotency-Key', 'If-Match']);
  });

  it('answers 401 with a Bearer challenge without a key, with an unknown key and with a malformed header', async () => {
    for (const headers of [{}, bearer('ql_unknown-key'), { Authorization: 'Basic YWRtaW46YWRtaW4=' }]) {
      const response = await api.http().get('/api-keys').set(headers);
      expect(response.status).toBe(401);
      expect(response.headers['content-type']).toMatch(PROBLEM_JSON);
      expect(response.headers['www-authenticate']).toMatch(/^Bearer/);
      expect(response.body).toMatchObject({ status: 401, code: 'UNAUTHENTICATED' });
    }
  });

  it('answers 403 for a key whose roles may not use the route', async () => {
    const issued = await api.http().post('/api-keys').set(asAdmin).send({ name: 'auditors', roles: ['auditor'] }).expect(201);
    const response = await api.http().get('/api-keys').set(bearer(issued.body.key));
    expect(response.status).toBe(403);
    expect(response.headers['content-type']).toMatch(PROBLEM_JSON);
    expect(response.body).toMatchObject({ status: 403, code: 'FORBIDDEN' });
  });

  it('answers 404 NOT_FOUND for an unknown entity', async () => {
    const response = await api.http().delete('/api-keys/0190f5c2-7b1e-7c3a-9d2f-5a4b3c2d1e0f').set(asAdmin);
    expect(response.status).toBe(404);
    expect(response.headers['content-type']).toMatch(PROBLEM_JSON);
    expect(response.body).toMatchObject({ status: 404, code: 'NOT_FOUND', type: 'tag:quality-ledger,2026:problem:not-found' });
  });

  it('answers a broken domain rule with 409 and the rule as code, and a stale If-Match with 412', async () => {
    const issued = await api.http().post('/api-keys').set(asAdmin).send({ name: 'temp', roles: ['trainer'] }).expect(201);
    const stale = await api.http().delete(`/api-keys/${issued.body.id}`).set(asAdmin).set('If-Match', '"7"');
    expect(stale.status).toBe(412);
    expect(stale.headers['content-type']).toMatch(PROBLEM_JSON);
    expect(stale.body).toMatchObject({ status: 412, code: 'REVISION_MISMATCH', currentRevision: 0 });

    await api.http().delete(`/api-keys/${issued.body.id}`).set(asAdmin).set('If-Match', String(issued.body.revision)).expect(204);
    const twice = await api.http().delete(`/api-keys/${issued.body.id}`).set(asAdmin);
    expect(twice.status).toBe(409);
    expect(twice.headers['content-type']).toMatch(PROBLEM_JSON);
    expect(twice.body).toMatchObject({
      status: 409,
      code: 'API_KEY_ALREADY_REVOKED',
      type: 'tag:quality-ledger,2026:problem:domain-rule-violated',
    });
  });

  it('answers an unforeseen failure with 500 and a generic detail that leaks nothing', async () => {
    const response = await api.http().get('/probe/crash').set('X-Request-Id', 'crash-1');
    expect(response.status).toBe(500);
    expect(response.headers['content-type']).toMatch(PROBLEM_JSON);
    expect(response.body).toMatchObject({ status: 500, code: 'INTERNAL_ERROR', requestId: 'crash-1' });
    expect(JSON.stringify(response.body)).not.toMatch(/hunter2|10\.0\.0\.5|Error/);
  });

  it('appends nothing for bad input', async () => {
    const before = await headPosition();
    await api.http().post('/api-keys').set(asAdmin).send({ name: '', roles: ['wizard'] }).expect(400);
    await api.http().post('/api-keys').set(asAdmin).set('content-type', 'application/json').send('{').expect(400);
    await api.http().post('/api-keys').set(asAdmin).set('Idempotency-Key', 'k1').send({ name: 'ops', roles: ['hr'] }).expect(400);
    expect(await headPosition()).toBe(before);
  });
});
