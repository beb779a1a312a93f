import type { Auth } from './care-cases.js';
import type { TestApp } from './test-app.js';

type Headers = Record<string, string>;
type Body = Record<string, unknown>;

/** The command routes of the training context, called with one key; each answers the raw response. */
export function trainingDesk(api: TestApp, auth: Auth) {
  const post = (path: string, body: Body, headers: Headers) => api.http().post(path).set(auth).set(headers).send(body);
  return {
    publish: (body: Body = {}, headers: Headers = {}) =>
      post('/knowledge-base', { format: 'text', title: 'Refund regulation', body: 'Refunds within 14 days.', ownerId: 'owner', reviewBy: '2026-12-01', ...body }, headers),
    revise: (id: string, body: Body = {}, headers: Headers = {}) =>
      post(`/knowledge-base/${id}/revisions`, { body: 'Refunds within 30 days.', reviewBy: '2026-12-01', ...body }, headers),
    review: (id: string, body: Body = {}, headers: Headers = {}) => post(`/knowledge-base/${id}/review`, { reviewBy: '2027-01-01', ...body }, headers),
    changeOwner: (id: string, ownerId: string, body: Body = {}, headers: Headers = {}) => post(`/knowledge-base/${id}/owner`, { ownerId, ...body }, headers),
    retire: (id: string, body: Body = {}, headers: Headers = {}) => post(`/knowledge-base/${id}/retirement`, body, headers),
    acknowledge: (id: string, version: number, body: Body = {}, headers: Headers = {}) =>
      post(`/knowledge-base/${id}/acknowledgements`, { version, ...body }, headers),
    revisePlan: (id: string, items: readonly Body[], body: Body = {}, headers: Headers = {}) =>
      post(`/training-plans/${id}/revision`, { items, ...body }, headers),
    approvePlan: (id: string, body: Body = {}, headers: Headers = {}) => post(`/training-plans/${id}/approval`, body, headers),
    completeItem: (id: string, itemId: string, body: Body = {}, headers: Headers = {}) =>
      post(`/training-plans/${id}/items/${itemId}/completion`, body, headers),
    cancelPlan: (id: string, body: Body = {}, headers: Headers = {}) => post(`/training-plans/${id}/cancellation`, { reason: 'No longer needed', ...body }, headers),
    schedule: (body: Body = {}, headers: Headers = {}) =>
      post('/training-sessions', { kind: 'internal', title: 'Quarterly training', startsAt: '2026-01-15T09:00:00Z', hours: 2, ...body }, headers),
    attendance: (id: string, attendance: readonly [employeeId: string, attended: boolean][], body: Body = {}, headers: Headers = {}) =>
      post(`/training-sessions/${id}/attendance`, { attendance: attendance.map(([employeeId, attended]) => ({ employeeId, attended })), ...body }, headers),
    cancelSession: (id: string, body: Body = {}, headers: Headers = {}) => post(`/training-sessions/${id}/cancellation`, body, headers),
    recordWebinar: (body: Body = {}, headers: Headers = {}) =>
      post('/webinars', { title: 'Spring sales', attendees: 100, buyers: 30, occurredAt: '2026-01-20T17:00:00Z', ...body }, headers),
    correctWebinar: (id: string, body: Body, headers: Headers = {}) => post(`/webinars/${id}/correction`, body, headers),
    read: (path: string, query: Record<string, string | number> = {}) => api.http().get(path).set(auth).query(query),
  };
}

export type TrainingDesk = ReturnType<typeof trainingDesk>;

/**
 * The plans of an employee once there are `count` of them: the process manager proposes them after
 * the assessment, so they appear a moment later. Bounded: a plan never proposed fails the test.
 */
export async function plansOnceProposed(desk: TrainingDesk, employeeId: string, count = 1): Promise<Body[]> {
  for (let attempt = 0; attempt < 500; attempt++) {
    const { body } = await desk.read('/training-plans', { employeeId }).expect(200);
    if (body.items.length >= count) return body.items;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  throw new Error(`no ${count} plan(s) were proposed for ${employeeId}`);
}
