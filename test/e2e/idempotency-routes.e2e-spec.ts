import type { OpenAPIObject } from '@nestjs/swagger';
import type { Response } from 'supertest';
import { ROLES } from '#domain/access/index.js';
import { ProcessManagerHost, type Position } from '#kernel';
import { expectProblem, type Auth } from '../support/care-cases.js';
import {
  commandOperations,
  documentsHeader,
  isPublic,
  sampleRequest,
  type DocumentedOperation,
  type SampleRequest,
} from '../support/openapi-requests.js';
import { asAdmin, bearer, startTestApp, type TestApp } from '../support/test-app.js';

/** Commands whose answer a replay could not give back (a secret shown once): they refuse an `Idempotency-Key`. */
const NOT_REPLAYABLE = ['POST /api-keys', 'POST /api-keys/{id}/rotation', 'POST /surveys/{id}/waves/{wave}/tokens'];
/** Writes that are no commands: they append nothing to the log, so a retry has no first answer to find. */
const NOT_COMMANDS = ['POST /ledger/verifications'];
const KEY_HEADER = 'Idempotency-Key';
const REPLAYED = 'idempotent-replayed';

type CommandMethod = 'post' | 'put' | 'patch' | 'delete';

/** Compares with the operation's name beside the values, so that a failure says which route broke the rule. */
function expectOf(operation: DocumentedOperation, actual: Record<string, unknown>) {
  const named = (values: Record<string, unknown>) => ({ operation: operation.name, ...values });
  return { toEqual: (expected: Record<string, unknown>) => expect(named(actual)).toEqual(named(expected)) };
}

/** The same request, but for one thing: a field more in its body, or, without a body, another `If-Match`. */
function anotherRequest(request: SampleRequest): { request: SampleRequest; headers: Record<string, string> } {
  if (request.body === undefined) return { request, headers: { 'If-Match': '0' } };
  return { request: { ...request, body: { ...request.body, anotherField: true } }, headers: {} };
}

describe('Idempotency-Key on every command route of the OpenAPI document', () => {
  let api: TestApp;
  let document: OpenAPIObject;
  let caller: Auth;
  let otherCaller: Auth;

  /** A key holding every role, for an employee, so that role checks let the commands through to their own rules. */
  const everyRoleKey = async (employeeId: string): Promise<Auth> => {
    const body = { name: `every role, ${employeeId}`, roles: ROLES, employeeId };
    return bearer((await api.http().post('/api-keys').set(asAdmin).send(body).expect(201)).body.key);
  };

  const send = (request: SampleRequest, auth: Auth, key: string, headers: Record<string, string> = {}) => {
    const test = api.http()[request.method as CommandMethod](request.url).set(auth).set(KEY_HEADER, key).set(headers);
    return request.body === undefined ? test : test.send(request.body);
  };

  /** The head of the log once the process managers reacted to all of it, so that nothing appends behind a comparison. */
  const settledHead = async (): Promise<Position> => {
    const managers = api.app.get(ProcessManagerHost);
    for (let attempt = 0; attempt < 10; attempt++) {
      const head = (await api.stores.events.headPosition())!;
      const reached = await Promise.all(managers.status().map(({ name }) => managers.runner(name)!.waitFor(head, 10_000)));
      expect(reached.every(Boolean)).toBe(true);
      if ((await api.stores.events.headPosition()) === head) return head;
    }
    throw new Error('the process managers kept appending');
  };

  /** Not a replay: no replay header, and whatever a success appended lies past the head before it. */
  const expectNewCommand = (operation: DocumentedOperation, response: Response, headBefore: Position) => {
    const appended = response.status < 300 && typeof response.body?.position === 'string';
    expectOf(operation, {
      replayed: response.headers[REPLAYED],
      serverError: response.status >= 500,
      appendedPastHead: appended ? BigInt(response.body.position) > headBefore : 'nothing appended',
    }).toEqual({ replayed: undefined, serverError: false, appendedPastHead: appended ? true : 'nothing appended' });
  };

  const idempotentOperations = () => commandOperations(document).filter((operation) => documentsHeader(operation, KEY_HEADER));

  beforeAll(async () => {
    api = await startTestApp();
    document = (await api.http().get('/docs-json').expect(200)).body;
    caller = await everyRoleKey('emp-idempotency-1');
    otherCaller = await everyRoleKey('emp-idempotency-2');
  });

  afterAll(() => api.destroy());

  it('is taken by every authenticated command route but those that cannot replay their answer, which refuse it', async () => {
    const authenticated = commandOperations(document).filter((operation) => !isPublic(operation) && !NOT_COMMANDS.includes(operation.name));
    const refusing = authenticated.filter((operation) => !documentsHeader(operation, KEY_HEADER));

    expect(refusing.map((operation) => operation.name).sort()).toEqual([...NOT_REPLAYABLE].sort());
    for (const operation of refusing) expectProblem(await send(sampleRequest(document, operation), caller, 'refused'), 400, KEY_HEADER);
    for (const operation of idempotentOperations()) {
      expectOf(operation, { documented: Object.keys(operation.operation.responses) }).toEqual({
        documented: expect.arrayContaining(['409', '422']),
      });
    }
  });

  it('replays the same request, refuses another, and keeps the key to its caller and route, on every route that takes it', async () => {
    const operations = idempotentOperations();
    expect(operations.length).toBeGreaterThan(0);

    for (const [index, operation] of operations.entries()) {
      const key = `rules-${index}`;
      const request = sampleRequest(document, operation);
      const first = await send(request, caller, key);
      expectOf(operation, { serverError: first.status >= 500 }).toEqual({ serverError: false });

      const head = await settledHead();
      const again = await send(request, caller, key);
      expectOf(operation, { status: again.status, body: again.body, replayed: again.headers[REPLAYED] }).toEqual({
        status: first.status,
        body: first.body,
        replayed: 'true',
      });

      const other = anotherRequest(request);
      const refused = await send(other.request, caller, key, other.headers);
      expectOf(operation, { status: refused.status, code: refused.body.code }).toEqual({ status: 422, code: 'IDEMPOTENCY_KEY_REUSED' });
      expectOf(operation, { head: await api.stores.events.headPosition() }).toEqual({ head });

      expectNewCommand(operation, await send(request, otherCaller, key), head);

      const nextOperation = operations[(index + 1) % operations.length]!;
      const headBeforeNext = await settledHead();
      expectNewCommand(nextOperation, await send(sampleRequest(document, nextOperation), caller, key), headBeforeNext);
    }
  });
});
