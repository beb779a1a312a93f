import { collect } from '../support/collect.js';
import { asAdmin, startTestApp, type TestApp } from '../support/test-app.js';

describe('request ids, metrics and the OpenAPI document', () => {
  let api: TestApp;

  beforeAll(async () => {
    api = await startTestApp();
  });

  afterAll(async () => {
    await api.destroy();
  });

  describe('request id', () => {
    it('echoes a sane X-Request-Id and makes it the correlation id of the events', async () => {
      const response = await api
        .http()
        .post('/api-keys')
        .set(asAdmin)
        .set('X-Request-Id', 'checkout-7f3a:step.2')
        .send({ name: 'traced', roles: ['service'] })
        .expect(201);
      expect(response.headers['x-request-id']).toBe('checkout-7f3a:step.2');

      const [event] = await collect(api.stores.events.readStream(`apiKey-${response.body.id}`));
      expect(event!.metadata.correlationId).toBe('checkout-7f3a:step.2');
    });

    it('replaces a missing or insane request id with a fresh UUID, on errors too', async () => {
      const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
      const missing = await api.http().get('/api-keys').set(asAdmin).expect(200);
      expect(missing.headers['x-request-id']).toMatch(uuid);

      const insane = await api.http().get('/nowhere').set('X-Request-Id', `${'x'.repeat(200)} <script>`).expect(404);
      expect(insane.headers['x-request-id']).toMatch(uuid);
      expect(insane.body.requestId).toBe(insane.headers['x-request-id']);
    });
  });

  it('serves Prometheus metrics publicly', async () => {
    await api.http().get('/api-keys').set(asAdmin).expect(200);
    const response = await api.http().get('/metrics').expect(200);
    expect(response.headers['content-type']).toMatch(/^text\/plain/);
    for (const name of [
      'http_requests_total',
      'http_request_duration_seconds',
      'command_duration_seconds',
      'event_append_duration_seconds',
      'projection_lag_positions',
      'process_cpu_user_seconds_total',
    ]) {
      expect(response.text).toContain(`# TYPE ${name} `);
    }
    expect(response.text).toMatch(/http_requests_total\{method="GET",route="\/api-keys",status="200"\} \d+/);
    expect(response.text).toMatch(/command_duration_seconds_count\{command="IssueApiKey",outcome="accepted"\} \d+/);
    expect(response.text).toMatch(/projection_lag_positions\{projection="apiKeys"\} \d+/);
  });

  it('describes every route in /docs-json, with bearer security on all but the public ones', async () => {
    const { body: document } = await api.http().get('/docs-json').expect(200);
    expect(document.components.securitySchemes.bearer).toMatchObject({ type: 'http', scheme: 'bearer' });

    const security = (path: string, method: string) => document.paths[path]?.[method]?.security;
    expect(security('/api-keys', 'post')).toEqual([{ bearer: [] }]);
    expect(security('/api-keys', 'get')).toEqual([{ bearer: [] }]);
    expect(security('/api-keys/{id}', 'delete')).toEqual([{ bearer: [] }]);
    expect(document.paths['/health'].get).toBeDefined();
    expect(security('/health', 'get')).toBeUndefined();
    expect(security('/metrics', 'get')).toBeUndefined();

    const issue = document.paths['/api-keys'].post;
    expect(issue.requestBody.content['application/json'].schema.$ref).toBe('#/components/schemas/IssueApiKeyRequest');
    expect(document.components.schemas.IssueApiKeyRequest.required).toEqual(['name', 'roles']);
  });

  it('serves the Swagger UI at /docs', async () => {
    const response = await api.http().get('/docs').expect(200);
    expect(response.headers['content-type']).toMatch(/^text\/html/);
    expect(response.text).toContain('swagger');
  });
});
