import request from 'supertest';
import { MetricsServer } from '../../apps/api/src/platform/metrics-server.service.js';
import { bearer, startTestApp, type TestApp } from '../support/test-app.js';

const METRICS_KEY = 'ql_metrics-key-for-the-scraper-only';
const PROBLEM_JSON = /^application\/problem\+json/;

describe('/metrics behind METRICS_KEY', () => {
  let api: TestApp;

  beforeAll(async () => {
    api = await startTestApp({ env: { METRICS_KEY } });
  });

  afterAll(async () => {
    await api.destroy();
  });

  it('answers the metrics key only, and 401 without it, with another key or with an admin key', async () => {
    for (const headers of [{}, bearer('ql_not-the-metrics-key-at-all-000'), bearer(api.config.bootstrapAdminKey!)]) {
      const refused = await api.http().get('/metrics').set(headers);
      expect(refused.status).toBe(401);
      expect(refused.headers['content-type']).toMatch(PROBLEM_JSON);
      expect(refused.headers['www-authenticate']).toMatch(/^Bearer/);
      expect(refused.body).toMatchObject({ code: 'UNAUTHENTICATED', detail: expect.stringContaining('METRICS_KEY') });
    }
    const scraped = await api.http().get('/metrics').set(bearer(METRICS_KEY)).expect(200);
    expect(scraped.text).toContain('# TYPE http_requests_total ');
  });
});

describe('/metrics on METRICS_PORT', () => {
  let api: TestApp;
  let metrics: () => ReturnType<typeof request>;

  beforeAll(async () => {
    api = await startTestApp({ env: { METRICS_PORT: '0', METRICS_KEY } });
    metrics = () => request(`http://127.0.0.1:${api.app.get(MetricsServer).port()}`);
  });

  afterAll(async () => {
    await api.destroy();
  });

  it('is served on that port only: on the api port there is no such route', async () => {
    const absent = await api.http().get('/metrics').set(bearer(METRICS_KEY));
    expect(absent.status).toBe(404);
    expect(absent.body).toMatchObject({ code: 'ROUTE_NOT_FOUND' });

    const scraped = await metrics().get('/metrics').set(bearer(METRICS_KEY)).expect(200);
    expect(scraped.headers['content-type']).toMatch(/^text\/plain/);
    expect(scraped.text).toContain('# TYPE http_requests_total ');
  });

  it('asks for the metrics key there too, and serves nothing else', async () => {
    const refused = await metrics().get('/metrics');
    expect(refused.status).toBe(401);
    expect(refused.headers['content-type']).toMatch(PROBLEM_JSON);
    expect(refused.body).toMatchObject({ code: 'UNAUTHENTICATED' });

    for (const [method, path] of [['get', '/health'], ['post', '/metrics'], ['get', '/metrics/extra']] as const) {
      const elsewhere = await metrics()[method](path).set(bearer(METRICS_KEY));
      expect({ path, status: elsewhere.status, code: elsewhere.body.code }).toEqual({ path, status: 404, code: 'ROUTE_NOT_FOUND' });
    }
  });

  it('stops listening when the api stops', async () => {
    const port = api.app.get(MetricsServer).port()!;
    await api.close();
    await expect(request(`http://127.0.0.1:${port}`).get('/metrics')).rejects.toThrow(/ECONNREFUSED/);
  });
});
