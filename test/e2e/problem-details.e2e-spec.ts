import { connect, type AddressInfo } from 'node:net';
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
    const issued = await api.http().post('/api-keys').set(asAdmin).send({ name: 'temp', roles: ['trainer'], employeeId: 'emp-temp' }).expect(201);
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

  describe('limits on the form of a request', () => {
    const nested = (depth: number) => '['.repeat(depth) + ']'.repeat(depth);

    it('refuses JSON nested deeper than 32 levels with 400 JSON_TOO_DEEP, before any parser recurses into it', async () => {
      const before = await headPosition();
      for (const depth of [32, 1_000]) {
        const response = await api.http().post('/api-keys').set(asAdmin).set('content-type', 'application/json').send(`{"name":${nested(depth)},"roles":["hr"]}`);
        expect(response.status).toBe(400);
        expect(response.headers['content-type']).toMatch(PROBLEM_JSON);
        expect(response.body).toMatchObject({ code: 'JSON_TOO_DEEP', type: 'tag:quality-ledger,2026:problem:json-too-deep' });
        expect(response.body.detail).toContain('32');
      }
      expect(await headPosition()).toBe(before);
    });

    it('reads JSON 32 levels deep (an object around 31 arrays), and brackets inside strings at any number', async () => {
      const deepest = await api.http().post('/api-keys').set(asAdmin).set('content-type', 'application/json').send(`{"name":${nested(31)},"roles":["hr"]}`);
      expect(deepest.body).toMatchObject({ code: 'VALIDATION_FAILED', errors: [{ field: 'name' }] });
      const bracketed = await api.http().post('/api-keys').set(asAdmin).send({ name: `[{${'['.repeat(60)}"\\`, roles: ['auditor'] });
      expect(bracketed.status).toBe(201);
    });

    it('answers a path parameter over 512 characters with 414 URI_TOO_LONG, and one not valid percent-encoding with 400', async () => {
      const long = await api.http().delete(`/api-keys/${'a'.repeat(513)}`).set(asAdmin);
      expect(long.status).toBe(414);
      expect(long.headers['content-type']).toMatch(PROBLEM_JSON);
      expect(long.body).toMatchObject({ status: 414, code: 'URI_TOO_LONG', type: 'tag:quality-ledger,2026:problem:uri-too-long' });

      const undecodable = await api.http().delete('/api-keys/%E0%A4%A').set(asAdmin);
      expect(undecodable.status).toBe(400);
      expect(undecodable.headers['content-type']).toMatch(PROBLEM_JSON);
      expect(undecodable.body).toMatchObject({ status: 400, code: 'MALFORMED_REQUEST', requestId: expect.any(String) });
    });

    it('answers a query parameter over 1024 characters with 414 URI_TOO_LONG', async () => {
      const response = await api.http().get(`/api-keys?minPosition=${'1'.repeat(1025)}`).set(asAdmin);
      expect(response.status).toBe(414);
      expect(response.headers['content-type']).toMatch(PROBLEM_JSON);
      expect(response.body).toMatchObject({ code: 'URI_TOO_LONG' });
      expect(response.body.detail).toContain('1024');
    });

    describe("what Node's HTTP parser cannot read", () => {
      let port: number;

      beforeAll(async () => {
        await api.app.listen(0, '127.0.0.1');
        port = (api.app.getHttpServer().address() as AddressInfo).port;
      });

      it('answers headers over 16 KiB with 431 HEADERS_TOO_LARGE, and bytes that are not HTTP with 400 MALFORMED_REQUEST', async () => {
        const tooLarge = parseRawAnswer(await exchange(port, `GET /health HTTP/1.1\r\nHost: x\r\nX-Padding: ${'x'.repeat(17_000)}\r\n\r\n`));
        expect(tooLarge.statusLine).toBe('HTTP/1.1 431 Request Header Fields Too Large');
        expect(tooLarge.headers['content-type']).toMatch(PROBLEM_JSON);
        expect(JSON.parse(tooLarge.body)).toMatchObject({ status: 431, code: 'HEADERS_TOO_LARGE', type: 'tag:quality-ledger,2026:problem:headers-too-large' });

        const malformed = parseRawAnswer(await exchange(port, 'GET /health HTTP/1.1\r\nHost: x\r\nNo colon here\r\n\r\n'));
        expect(malformed.statusLine).toBe('HTTP/1.1 400 Bad Request');
        expect(JSON.parse(malformed.body)).toMatchObject({ status: 400, code: 'MALFORMED_REQUEST' });
      });

      it('answers HEAD with the headers alone, as an answer to HEAD has no body', async () => {
        const answer = parseRawAnswer(await exchange(port, `HEAD /health HTTP/1.1\r\nHost: x\r\nX-Padding: ${'x'.repeat(17_000)}\r\n\r\n`));
        expect(answer.statusLine).toBe('HTTP/1.1 431 Request Header Fields Too Large');
        expect(answer.headers['content-type']).toMatch(PROBLEM_JSON);
        expect(answer.body).toBe('');
      });
    });
  });
});

/** Sends bytes as they are, which no HTTP client would, and reads all that comes back until the server closes. */
function exchange(port: number, bytes: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    const socket = connect(port, '127.0.0.1', () => socket.write(bytes));
    socket.on('data', (chunk) => chunks.push(chunk));
    socket.on('close', () => resolve(Buffer.concat(chunks).toString('utf8')));
    socket.on('error', reject);
  });
}

function parseRawAnswer(answer: string): { statusLine: string; headers: Record<string, string>; body: string } {
  const [head = '', body = ''] = answer.split('\r\n\r\n');
  const [statusLine = '', ...lines] = head.split('\r\n');
  const headers = Object.fromEntries(lines.map((line) => [line.slice(0, line.indexOf(':')).toLowerCase(), line.slice(line.indexOf(':') + 1).trim()]));
  return { statusLine, headers, body };
}
