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

  /** The headers of the request to `url`, as its request log line shows them. */
  function loggedHeaders(url: string): Record<string, string> | undefined {
    const lines = written.flatMap((chunk) => chunk.split('\n')).filter((line) => line.startsWith('{'));
    const requests = lines.map((line) => (JSON.parse(line) as { req?: { url: string; headers: Record<string, string> } }).req);
    return requests.find((request) => request?.url === url)?.headers;
  }

  it('shows that a request carried an API key and cookies, never their values', async () => {
    await api.http().get('/api-keys').set(asAdmin).set('Cookie', `session=${COOKIE_SECRET}`).expect(200);
    expect(loggedHeaders('/api-keys')).toMatchObject({ authorization: '[redacted]', cookie: '[redacted]' });
    expect(written.join('')).not.toContain(TEST_ADMIN_KEY);
    expect(written.join('')).not.toContain(COOKIE_SECRET);
  });

  it('never shows the survey token of an anonymous answer', async () => {
    const url = '/surveys/no-such-survey/waves/1/anonymous-responses';
    await api.http().post(url).set('X-Survey-Token', SURVEY_TOKEN).send({ answers: [{ questionId: 'satisfaction', score: 5 }] });
    expect(loggedHeaders(url)).toMatchObject({ 'x-survey-token': '[redacted]' });
    expect(written.join('')).not.toContain(SURVEY_TOKEN);
  });
});
