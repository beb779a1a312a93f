import { FailedAuthentications } from '../../apps/api/src/platform/rate-limits.js';
import { keyWith } from '../support/care-cases.js';
import { answerWithToken } from '../support/surveys.js';
import { asAdmin, bearer, startTestApp, type TestApp } from '../support/test-app.js';

function expectRateLimited(response: { status: number; headers: Record<string, string>; body: { code?: string } }) {
  expect(response.status).toBe(429);
  expect(response.headers['content-type']).toContain('application/problem+json');
  expect(response.body.code).toBe('RATE_LIMITED');
  expect(Number(response.headers['retry-after'])).toBeGreaterThan(0);
}

describe('limits on every door', () => {
  describe('requests per key and per address', () => {
    let api: TestApp;

    beforeAll(async () => {
      api = await startTestApp({ env: { RATE_LIMIT_PER_MINUTE: '5' } });
    });

    afterAll(() => api.destroy());

    it('answers 429 with Retry-After once a key has used its minute, and counts every key on its own', async () => {
      const first = await keyWith(api, 'auditor');
      const second = await keyWith(api, 'auditor');
      for (let n = 0; n < 5; n++) expect((await api.http().get('/events').set(first)).status).toBe(200);
      expectRateLimited(await api.http().get('/events').set(first));
      expect((await api.http().get('/events').set(second)).status).toBe(200);
    });

    it('counts requests without a key by address', async () => {
      for (let n = 0; n < 5; n++) expect((await api.http().get('/ledger/public-key')).status).toBe(200);
      expectRateLimited(await api.http().get('/ledger/public-key'));
    });
  });

  it('holds the anonymous answers to a stricter limit of their own', async () => {
    const api = await startTestApp({ env: { RATE_LIMIT_ANONYMOUS_PER_MINUTE: '2' } });
    try {
      for (let n = 0; n < 2; n++) expect((await answerWithToken(api, 'survey-x', 1, `token-${n}`, { answers: [] })).status).not.toBe(429);
      expectRateLimited(await answerWithToken(api, 'survey-x', 1, 'token-3', { answers: [] }));
      expect((await api.http().get('/events').set(asAdmin)).status).toBe(200);
    } finally {
      await api.destroy();
    }
  });

  it('makes an address that keeps failing to authenticate wait, whatever key it tries next', async () => {
    const api = await startTestApp({ env: { RATE_LIMIT_FAILED_AUTH_PER_MINUTE: '3' } });
    try {
      for (let n = 0; n < 3; n++) expect((await api.http().get('/events').set(bearer(`guess-${n}-of-a-key-long-enough`))).status).toBe(401);
      expectRateLimited(await api.http().get('/events').set(bearer('another-guess-of-a-key-long-enough')));
      expectRateLimited(await api.http().get('/events').set(asAdmin));
    } finally {
      await api.destroy();
    }
  });
});

describe('failed authentications per address', () => {
  const MINUTE = 60_000;

  it('lets an address try again once its minute is over, and counts addresses apart', () => {
    const failures = new FailedAuthentications(2);
    failures.record('10.0.0.1', 0);
    expect(failures.retryAfterSeconds('10.0.0.1', 1000)).toBeUndefined();
    failures.record('10.0.0.1', 1000);
    expect(failures.retryAfterSeconds('10.0.0.1', 30_000)).toBe(30);
    expect(failures.retryAfterSeconds('10.0.0.2', 30_000)).toBeUndefined();
    expect(failures.retryAfterSeconds('10.0.0.1', MINUTE)).toBeUndefined();
    failures.record('10.0.0.1', MINUTE);
    expect(failures.retryAfterSeconds('10.0.0.1', MINUTE + 1)).toBeUndefined();
  });
});
