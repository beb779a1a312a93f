import { asAdmin, bearer, startTestApp, type TestApp } from '../support/test-app.js';

const API_POLICY = "default-src 'none';frame-ancestors 'none'";

describe('security headers', () => {
  let api: TestApp;

  beforeAll(async () => {
    api = await startTestApp();
  });

  afterAll(async () => {
    await api.destroy();
  });

  it('go with every answer, problems included, with a policy under which JSON loads nothing', async () => {
    for (const response of [
      await api.http().get('/health').expect(200),
      await api.http().get('/api-keys').set(asAdmin).expect(200),
      await api.http().get('/api-keys').expect(401),
      await api.http().get('/no-such-route').expect(404),
      // Refused by the router, before any hook runs.
      await api.http().delete(`/api-keys/${'a'.repeat(513)}`).set(asAdmin).expect(414),
      await api.http().delete('/api-keys/%E0%A4%A').set(asAdmin).expect(400),
    ]) {
      expect(response.headers).toMatchObject({
        'content-security-policy': API_POLICY,
        'x-content-type-options': 'nosniff',
        'x-frame-options': 'DENY',
        'strict-transport-security': expect.stringMatching(/^max-age=\d+/),
        'referrer-policy': 'no-referrer',
        'cross-origin-resource-policy': 'same-origin',
      });
    }
  });

  it('let the Swagger UI load its own scripts, styles and images, and nothing inline but styles', async () => {
    const page = await api.http().get('/docs').expect(200);
    const policy = page.headers['content-security-policy'];
    expect(policy).toContain("script-src 'self'");
    expect(policy).toContain("style-src 'self' 'unsafe-inline'");
    expect(policy).toContain("img-src 'self' data:");
    expect(policy).not.toContain('upgrade-insecure-requests');

    const scripts = [...page.text.matchAll(/<script([^>]*)>([\s\S]*?)<\/script>/g)];
    expect(scripts.length).toBeGreaterThan(0);
    for (const [, attributes, inline] of scripts) {
      expect(inline!.trim()).toBe('');
      const source = /src=["']\.?\/?([^"']+)["']/.exec(attributes!)![1]!;
      const script = await api.http().get(source.startsWith('docs/') ? `/${source}` : `/docs/${source}`);
      expect({ source, status: script.status }).toEqual({ source, status: 200 });
    }
  });

  it('let the console load its own scripts and styles and call the API on its origin, nothing inline', async () => {
    // Built or not (a problem then), the console's paths carry its policy.
    for (const path of ['/console', '/console/meetings/m-1']) {
      const policy = (await api.http().get(path)).headers['content-security-policy'];
      expect(policy).toContain("script-src 'self'");
      expect(policy).toContain("style-src 'self';");
      expect(policy).toContain("connect-src 'self'");
      expect(policy).toContain("frame-ancestors 'none'");
      expect(policy).not.toContain('unsafe-inline');
    }
    expect((await api.http().get('/council').set(asAdmin)).headers['content-security-policy']).toBe(API_POLICY);
  });

  it('keep every answer to a request with an API key or a survey token out of caches, and leave the others be', async () => {
    const responses = [
      await api.http().post('/surveys/no-such-survey/waves/1/anonymous-responses').set('x-survey-token', 'a'.repeat(43)).send({}),
      await api.http().get('/api-keys').set(asAdmin).expect(200),
      await api.http().get('/api-keys').set(bearer('ql_unknown-key')).expect(401),
      await api.http().get('/no-such-route').set(asAdmin).expect(404),
      await api.http().get('/health').set(asAdmin).expect(200),
      await api.http().delete('/api-keys/%E0%A4%A').set(asAdmin).expect(400),
    ];
    for (const response of responses) expect(response.headers['cache-control']).toBe('no-store');

    expect((await api.http().get('/health').expect(200)).headers['cache-control']).toBeUndefined();
  });
});
