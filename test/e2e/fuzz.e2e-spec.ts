import type { OpenAPIObject } from '@nestjs/swagger';
import fc from 'fast-check';
import type { AddressInfo } from 'node:net';
import { Agent, request as httpRequest, type IncomingHttpHeaders } from 'node:http';
import { ROLES } from '#domain/access/index.js';
import { ProcessManagerHost, type Position } from '#kernel';
import { collectionOf, hostileRequestArbitrary, nullAtEveryPlace, validRequestArbitrary, type Sender, type WireRequest } from '../support/hostile-requests.js';
import { documentedOperations } from '../support/openapi-requests.js';
import { asAdmin, bearer, startTestApp, type TestApp } from '../support/test-app.js';

/** Fixed, so that a failure comes back with the same requests; `FUZZ_SEED` asks for others. */
const SEED = Number(process.env.FUZZ_SEED ?? 20_260_601);
/** CI sends twenty thousand; a run on a workstation fewer, unless `FUZZ_REQUESTS` says otherwise. */
const REQUESTS = Number(process.env.FUZZ_REQUESTS ?? (process.env.CI === 'true' ? 20_000 : 2_000));
/** One request in four as documented, the rest with something broken. */
const VALID_WEIGHT = 1;
const HOSTILE_WEIGHT = 3;
/** A guard against a request the server never answers, far above any answer's time. */
const ANSWER_TIMEOUT_MS = 10_000;
/**
 * The hang guard of the whole walk grows with the requests it sends: 20,000 take about 40 s on an idle
 * 2-core machine and over 100 s while the rest of the suite runs beside them, so Jest's guard for one
 * test would cut a healthy run short. Not a timing target.
 */
const WALK_HANG_GUARD_MS = 120_000 + REQUESTS * 25;
const PROBLEM_JSON = /^application\/problem\+json/;
const FINDINGS_SHOWN = 25;

interface Answer {
  readonly status: number;
  readonly headers: IncomingHttpHeaders;
  readonly body: string;
}

interface Finding {
  readonly what: string;
  readonly request: string;
  readonly answer: string;
}

describe('every operation of the OpenAPI document, sent valid and hostile requests', () => {
  let api: TestApp;
  let agent: Agent;
  let port: number;
  let document: OpenAPIObject;
  const created = new Map<string, Set<string>>();
  let sender: Sender;

  /** Over a socket, as clients send them, so that Node's own HTTP parser reads every request too. */
  const send = (request: Pick<WireRequest, 'method' | 'url' | 'headers' | 'body'>): Promise<Answer> =>
    new Promise((resolve, reject) => {
      const length = request.body === undefined ? {} : { 'content-length': String(Buffer.byteLength(request.body)) };
      const outgoing = httpRequest({ agent, host: '127.0.0.1', port, method: request.method, path: request.url, headers: { ...request.headers, ...length } }, (incoming) => {
        const answer = { status: incoming.statusCode!, headers: incoming.headers };
        // A feed never ends: its first line is answer enough.
        if (incoming.headers['content-type']?.startsWith('text/event-stream')) {
          incoming.destroy();
          resolve({ ...answer, body: '' });
          return;
        }
        const chunks: Buffer[] = [];
        incoming.on('data', (chunk: Buffer) => chunks.push(chunk));
        incoming.on('end', () => resolve({ ...answer, body: Buffer.concat(chunks).toString('utf8') }));
        incoming.on('error', reject);
      });
      outgoing.setTimeout(ANSWER_TIMEOUT_MS, () => outgoing.destroy(new Error(`no answer within ${ANSWER_TIMEOUT_MS} ms`)));
      outgoing.on('error', reject);
      outgoing.end(request.body);
    });

  const head = () => api.stores.events.headPosition();

  /** Waits until the process managers reacted to everything appended, so that nothing appends behind the next comparison. */
  const settle = async (): Promise<void> => {
    const managers = api.app.get(ProcessManagerHost);
    for (let target = (await head())!; ; ) {
      await Promise.all(managers.status().map(({ name }) => managers.runner(name)!.waitFor(target, ANSWER_TIMEOUT_MS)));
      const now = (await head())!;
      if (now === target) return;
      target = now;
    }
  };

  const remember = (request: WireRequest, answer: Answer): void => {
    const id = parsed(answer.body)?.id;
    if (typeof id !== 'string') return;
    const collection = collectionOf(request.operation);
    created.set(collection, (created.get(collection) ?? new Set()).add(id));
  };

  /** What is wrong with an answer, if anything: no 5xx, problem details on every 4xx, nothing appended by a refusal. */
  const judge = async (request: WireRequest, answer: Answer, headBefore: Position | undefined): Promise<string | undefined> => {
    if (answer.status >= 500) return `${answer.status} answered`;
    if (answer.status < 400) return undefined;
    const misshapen = isBareParserRefusal(answer) ? undefined : problemShapeError(request, answer);
    if (misshapen !== undefined) return misshapen;
    return (await head()) === headBefore ? undefined : `${answer.status}, yet the log grew`;
  };

  beforeAll(async () => {
    api = await startTestApp({ env: { RATE_LIMIT_PER_MINUTE: '100000000' } });
    await api.app.listen(0, '127.0.0.1');
    port = (api.app.getHttpServer().address() as AddressInfo).port;
    agent = new Agent({ keepAlive: true, maxSockets: 1 });
    document = (await api.http().get('/docs-json').expect(200)).body;
    const body = { name: 'fuzz: every role', roles: ROLES, employeeId: 'emp-fuzz-1' };
    const key = (await api.http().post('/api-keys').set(asAdmin).send(body).expect(201)).body.key as string;
    sender = { credentials: bearer(key), idsIn: (collection) => [...(created.get(collection) ?? [])] };
  });

  afterAll(async () => {
    agent.destroy();
    await api.destroy();
  });

  it(`answers ${REQUESTS} requests with no 5xx, problem details on every 4xx, and nothing appended by a refusal`, async () => {
    process.stdout.write(`fuzz: ${REQUESTS} requests, seed ${SEED} (FUZZ_REQUESTS and FUZZ_SEED change them)\n`);
    const operations = documentedOperations(document);
    const requests = fc.oneof(
      ...operations.map((operation) =>
        fc.oneof(
          { weight: VALID_WEIGHT, arbitrary: validRequestArbitrary(document, operation, sender) },
          { weight: HOSTILE_WEIGHT, arbitrary: hostileRequestArbitrary(document, operation, sender) },
        ),
      ),
    );
    const findings: Finding[] = [];
    const statuses = new Map<number, number>();
    const started = Date.now();

    await fc.assert(
      fc.asyncProperty(requests, async (request) => {
        const headBefore = await head();
        const answer = await send(request).catch((error: Error): Answer => ({ status: 0, headers: {}, body: error.message }));
        statuses.set(answer.status, (statuses.get(answer.status) ?? 0) + 1);
        const wrong = answer.status === 0 ? `no answer: ${answer.body}` : await judge(request, answer, headBefore);
        if (wrong !== undefined) findings.push({ what: `${request.operation.name}: ${wrong}`, request: describeRequest(request), answer: answer.body.slice(0, 300) });
        if (answer.status >= 200 && answer.status < 300) remember(request, answer);
        if ((await head()) !== headBefore) await settle();
      }),
      { seed: SEED, numRuns: REQUESTS },
    );

    process.stdout.write(`fuzz: ${REQUESTS} requests in ${Math.round((Date.now() - started) / 1000)} s; statuses ${JSON.stringify(Object.fromEntries(statuses))}\n`);
    expect({ count: findings.length, first: findings.slice(0, FINDINGS_SHOWN) }).toEqual({ count: 0, first: [] });
    expect((await send({ method: 'GET', url: '/health', headers: {} })).status).toBe(200);
  }, WALK_HANG_GUARD_MS);

  // After the walk, so that the paths name entities it created and a null reaches their commands' rules.
  it('refuses null in place of any field of a body that does not take null, optional fields at any depth included, naming the field', async () => {
    const findings: Finding[] = [];
    let sent = 0;
    for (const operation of documentedOperations(document)) {
      const [requests] = fc.sample(nullAtEveryPlace(document, operation, sender), { seed: SEED, numRuns: 1 });
      for (const request of requests!) {
        const headBefore = await head();
        const answer = await send(request);
        sent += 1;
        const wrong = answer.status === 400 ? nullRefusalError(request.field, answer) ?? (await judge(request, answer, headBefore)) : `${answer.status}, not 400`;
        if (wrong !== undefined) findings.push({ what: `${request.operation.name}: ${wrong}`, request: describeRequest(request), answer: answer.body.slice(0, 300) });
        if ((await head()) !== headBefore) await settle();
      }
    }
    process.stdout.write(`fuzz: null at every place of every body, ${sent} requests\n`);
    expect(sent).toBeGreaterThan(0);
    expect({ count: findings.length, first: findings.slice(0, FINDINGS_SHOWN) }).toEqual({ count: 0, first: [] });
  }, WALK_HANG_GUARD_MS);
});

/**
 * What Node's HTTP parser refuses is answered on the socket, which then closes. When the parser failed
 * past the first packet of a request (headers sent in pieces), the method is unknown and might be
 * HEAD, which must get no body: such an answer is the status line alone.
 */
function isBareParserRefusal(answer: Answer): boolean {
  const parserStatuses = [400, 408, 431];
  return parserStatuses.includes(answer.status) && answer.headers.connection === 'close' && answer.headers['content-type'] === undefined && answer.body === '';
}

/** How a 4xx fails to be a problem document, if it does. An answer to HEAD has the headers of one, but no body. */
function problemShapeError(request: WireRequest, answer: Answer): string | undefined {
  if (!PROBLEM_JSON.test(answer.headers['content-type'] ?? '')) return `${answer.status} as ${answer.headers['content-type']}, not problem+json`;
  if (request.method === 'HEAD') return undefined;
  const problem = parsed(answer.body);
  return problem?.status === answer.status && typeof problem.code === 'string' ? undefined : `${answer.status} with a malformed problem`;
}

/** How a 400 fails to name the field that held null, if it does: the field itself, or the list it is an entry of. */
function nullRefusalError(field: string, answer: Answer): string | undefined {
  const errors = parsed(answer.body)?.errors;
  const names = (named: unknown) => typeof named === 'string' && (named === field || new RegExp(`^${named.replaceAll('.', '\\.')}\\.\\d+$`).test(field));
  return Array.isArray(errors) && errors.some((error: { field?: unknown }) => names(error.field)) ? undefined : `400 not naming ${field}`;
}

function parsed(body: string): Record<string, unknown> | undefined {
  try {
    const value: unknown = JSON.parse(body);
    return typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

function describeRequest(request: WireRequest): string {
  const body = request.body === undefined ? '' : ` ${request.body.slice(0, 200)}${request.body.length > 200 ? `… (${request.body.length})` : ''}`;
  return `${request.method} ${request.url.slice(0, 200)} [${request.breakages.join('; ')}] ${JSON.stringify(request.headers).slice(0, 300)}${body}`;
}
