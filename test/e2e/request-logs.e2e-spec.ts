import { jest } from '@jest/globals';
import { asAdmin, startTestApp, TEST_ADMIN_KEY, type TestApp } from '../support/test-app.js';

/*
 * A file of its own: the request logger is built once per process, by the first app that starts, with
 * that app's log level and destination. Here that is the app below, which logs at `info` to a captured
 * stdout.
 */
describe('request logs', () => {
  const SURVEY_TOKEN = 'ql_survey-token-that-must-stay-secret';
  const COOKIE_SECRET = 'cookie-that-must-stay-secret';
  const written: string[] = [];
  let api: TestApp;
  let restoreStdout: () => void;

  beforeAll(async () => {
    // Replaced before the app starts, so that its logger writes through it rather than to the file descriptor.
    const stdout = jest.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
      written.push(chunk.toString());
      return true;
    });
    restoreStdout = () => stdout.mockRestore();
    api = await startTestApp({ env: { LOG_LEVEL: 'info' } });
  });

  afterAll(async () => {
    await api.destroy();
    restoreStdout();
  });

  interface RequestLine {
    readonly time: number;
    readonly req: { readonly url: string; readonly headers?: Record<string, string> } & Record<string, unknown>;
    readonly res?: Record<string, unknown>;
    readonly responseTime?: number;
  }

  /** The log line of the finished request to `url`. */
  function loggedRequest(url: string): RequestLine | undefined {
    const lines = written.flatMap((chunk) => chunk.split('\n')).filter((line) => line.startsWith('{'));
    return lines.map((line) => JSON.parse(line) as Partial<RequestLine>).find((line): line is RequestLine => line.req?.url === url && line.res !== undefined);
  }

  /** The headers of the request to `url`, as its request log line shows them. */
  function loggedHeaders(url: string): Record<string, string> | undefined {
    return loggedRequest(url)?.req.headers;
  }

  it('shows that a request carried an API key and cookies, never their values', async () => {
    await api.http().get('/api-keys').set(asAdmin).set('Cookie', `session=${COOKIE_SECRET}`).expect(200);
    expect(loggedHeaders('/api-keys')).toMatchObject({ authorization: '[redacted]', cookie: '[redacted]' });
    expect(written.join('')).not.toContain(TEST_ADMIN_KEY);
    expect(written.join('')).not.toContain(COOKIE_SECRET);
  });

  it('logs an anonymous answer without its token, address, headers or request id, and to the minute only', async () => {
    const url = '/surveys/no-such-survey/waves/1/anonymous-responses';
    await api
      .http()
      .post(url)
      .set('X-Survey-Token', SURVEY_TOKEN)
      .set('X-Request-Id', 'request-of-emp-dana')
      .set('User-Agent', 'dana-laptop')
      .send({ answers: [{ questionId: 'satisfaction', score: 5 }] })
      .expect(404);
    const line = loggedRequest(url);
    expect(line).toMatchObject({ req: { method: 'POST', url }, res: { statusCode: 404 } });
    expect(Object.keys(line!.req).sort()).toEqual(['method', 'url']);
    expect(Object.keys(line!.res!)).toEqual(['statusCode']);
    expect(line).not.toHaveProperty('responseTime');
    expect(line!.time % 60_000).toBe(0);
    expect(Math.abs(Date.now() - line!.time)).toBeLessThan(120_000);
    const everything = written.join('');
    for (const trace of [SURVEY_TOKEN, 'request-of-emp-dana', 'dana-laptop', '127.0.0.1']) {
      expect(written.filter((chunk) => chunk.includes(url)).join('')).not.toContain(trace);
    }
    expect(everything).not.toContain(SURVEY_TOKEN);
  });

  it('logs every other request with its address, headers and response time', async () => {
    await api.http().get('/api-keys').set(asAdmin).set('X-Request-Id', 'ordinary-request').expect(200);
    const line = written
      .flatMap((chunk) => chunk.split('\n'))
      .filter((text) => text.includes('ordinary-request') && text.includes('"res"'))
      .map((text) => JSON.parse(text) as RequestLine)[0];
    expect(line?.req).toMatchObject({ id: 'ordinary-request', method: 'GET', url: '/api-keys', remoteAddress: expect.any(String), headers: expect.any(Object) });
    expect(line?.responseTime).toEqual(expect.any(Number));
  });
});
