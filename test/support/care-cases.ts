import type { Response } from 'supertest';
import { isPersonRole, type Role } from '#domain/access/index.js';
import { collect } from './collect.js';
import { asAdmin, bearer, type TestApp } from './test-app.js';

export type Auth = { Authorization: string };
type Headers = Record<string, string>;

let keyHolders = 0;

/**
 * An API key with these roles, as the Authorization header to send. A key with a role of a person
 * belongs to an employee of its own, made up for it (`key-holder-<n>`), in no catalogue.
 */
export async function keyWith(api: TestApp, ...roles: string[]): Promise<Auth> {
  const employeeId = roles.some((role) => isPersonRole(role as Role)) ? `key-holder-${++keyHolders}` : undefined;
  const response = await api.http().post('/api-keys').set(asAdmin).send({ name: roles.join(' and '), roles, employeeId }).expect(201);
  return bearer(response.body.key);
}

/** An API key that belongs to this employee, with the `employee` role and any others. */
export async function employeeKey(api: TestApp, employeeId: string, ...roles: string[]): Promise<Auth> {
  const body = { name: `employee ${employeeId}`, roles: ['employee', ...roles], employeeId };
  const response = await api.http().post('/api-keys').set(asAdmin).send(body).expect(201);
  return bearer(response.body.key);
}

export function rub(minor: number) {
  return { minor, currency: 'RUB' };
}

/** The command routes of client care, called with one key; each answers the raw response. */
export function careDesk(api: TestApp, auth: Auth) {
  const post = (path: string, body: unknown, headers: Headers) => api.http().post(path).set(auth).set(headers).send(body as object);
  return {
    open: (body: object = {}, headers: Headers = {}) =>
      post('/care-cases', { clientId: 'client-4711', productId: 'course-sales', kind: 'refund-request', ...body }, headers),
    assign: (id: string, employeeId: string, body: object = {}, headers: Headers = {}) =>
      post(`/care-cases/${id}/assignment`, { employeeId, ...body }, headers),
    refund: (id: string, body: object = {}, headers: Headers = {}) =>
      post(`/care-cases/${id}/refund`, { amount: rub(1_500_000), full: true, reason: 'The course did not help', ...body }, headers),
    retain: (id: string, body: object = {}, headers: Headers = {}) =>
      post(`/care-cases/${id}/retention`, { method: 'exchange', retained: rub(1_500_000), ...body }, headers),
    resolve: (id: string, body: object = {}, headers: Headers = {}) =>
      post(`/care-cases/${id}/resolution`, { outcome: 'resolved-without-money', ...body }, headers),
  };
}

/** Asserts an RFC 9457 problem with this status, naming `field` when given. */
export function expectProblem(response: Response, status: number, field?: string): void {
  expect({ status: response.status, type: response.headers['content-type'] }).toEqual({
    status,
    type: expect.stringMatching(/^application\/problem\+json/),
  });
  expect(response.body.status).toBe(status);
  if (field !== undefined) expect(response.body.errors).toEqual(expect.arrayContaining([expect.objectContaining({ field })]));
}

/** Asserts a 409 problem for the domain rule `code`. */
export function expectRule(response: Response, code: string): void {
  expectProblem(response, 409);
  expect(response.body.code).toBe(code);
}

/** Asserts that a request is refused as invalid input naming `field`, and that it appended nothing. */
export async function expectInvalid(api: TestApp, send: () => Promise<Response>, field: string): Promise<Response> {
  const before = await api.stores.events.headPosition();
  const response = await send();
  expectProblem(response, 400, field);
  expect(response.body.code).toBe('VALIDATION_FAILED');
  expect(await api.stores.events.headPosition()).toBe(before);
  return response;
}

/** The types of the events in a stream, in order. */
export async function eventTypesOf(api: TestApp, streamId: string): Promise<string[]> {
  return (await collect(api.stores.events.readStream(streamId))).map((event) => event.type);
}
