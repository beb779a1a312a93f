import { collect } from '../support/collect.js';
import { employeeKey, expectInvalid, expectProblem, expectRule, keyWith, rub } from '../support/care-cases.js';
import { seedOrganisation } from '../support/competence.js';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { trainingDesk, type TrainingDesk } from '../support/training.js';

const POSITION = /^\d+$/;
const AFTER = '2026-01-15T12:00:00Z';

describe('group training and webinars over HTTP', () => {
  let api: TestApp;
  let desk: TrainingDesk;
  let reader: TrainingDesk;
  let employee: TrainingDesk;

  beforeAll(async () => {
    api = await startTestApp();
    await seedOrganisation(
      api,
      { sections: { support: ['line-1'], sales: ['rep'], training: ['trainer'] }, employees: { ann: 'line-1', bob: 'rep', tom: 'trainer' } },
      '2026-01-02T09:00:00Z',
    );
    desk = trainingDesk(api, await keyWith(api, 'trainer'));
    reader = trainingDesk(api, await keyWith(api, 'auditor'));
    employee = trainingDesk(api, await employeeKey(api, 'ann'));
  });

  afterAll(async () => {
    await api.destroy();
  });

  const head = async () => String(await api.stores.events.headPosition());

  describe('sessions', () => {
    it('schedules an internal session run by an employee, and a bought course with its provider and cost', async () => {
      const internal = await desk.schedule({ id: 'q1', trainerId: 'tom', competencyIds: ['refunds'], occurredAt: '2026-01-05T09:00:00Z' }).expect(201);
      expect(internal.body).toEqual({ id: 'q1', revision: 0, position: expect.stringMatching(POSITION) });
      await desk.schedule({ id: 'course', kind: 'bought-course', title: 'Negotiation', provider: 'School', cost: rub(4_500_000), occurredAt: '2026-01-05T09:00:00Z' }).expect(201);

      const view = await reader.read('/training-sessions/course', { minPosition: await head() }).expect(200);
      expect(view.body).toMatchObject({
        id: 'course',
        kind: 'bought-course',
        provider: 'School',
        trainerId: null,
        startsAt: '2026-01-15T09:00:00.000Z',
        hours: 2,
        cost: rub(4_500_000),
        status: 'scheduled',
        attendance: [],
        attendees: 0,
      });
      const listed = await reader.read('/training-sessions', { kind: 'internal' }).expect(200);
      expect(listed.body.items.map((session: { id: string }) => session.id)).toEqual(['q1']);
    });

    it('records attendance per employee with their section once the session started, and corrects it', async () => {
      await desk.schedule({ id: 'q2', trainerId: 'tom', occurredAt: '2026-01-05T09:00:00Z' }).expect(201);
      expectRule(await desk.attendance('q2', [['ann', true]], { occurredAt: '2026-01-15T08:59:00Z' }), 'SESSION_NOT_STARTED');
      await desk.attendance('q2', [['ann', true], ['bob', false]], { occurredAt: AFTER }).expect(200);
      expect((await desk.attendance('q2', [['ann', true]], { occurredAt: AFTER }).expect(200)).body.position).toBeNull();
      const corrected = await desk.attendance('q2', [['bob', true]], { occurredAt: AFTER }).expect(200);

      const view = await reader.read('/training-sessions/q2', { minPosition: corrected.body.position }).expect(200);
      expect(view.body).toMatchObject({
        attendance: [
          { employeeId: 'ann', sectionId: 'support', attended: true },
          { employeeId: 'bob', sectionId: 'sales', attended: true },
        ],
        attendees: 2,
      });
      const events = await collect(api.stores.events.readStream('trainingSession-q2'));
      expect(events.at(-1)).toMatchObject({ type: 'TrainingAttendanceRecorded', data: { changes: [{ employeeId: 'bob', attended: true, wasAttending: false }] } });
    });

    it('cancels a session nobody attended, but not one that took place, and takes nothing after', async () => {
      await desk.schedule({ id: 'q3', trainerId: 'tom', occurredAt: '2026-01-05T09:00:00Z' }).expect(201);
      await desk.attendance('q3', [['ann', true]], { occurredAt: AFTER }).expect(200);
      expectRule(await desk.cancelSession('q3', { occurredAt: AFTER }), 'SESSION_HELD');

      await desk.schedule({ id: 'q4', trainerId: 'tom', occurredAt: '2026-01-05T09:00:00Z' }).expect(201);
      await desk.cancelSession('q4', { reason: 'Trainer ill', occurredAt: '2026-01-10T09:00:00Z' }).expect(200);
      expectRule(await desk.cancelSession('q4'), 'SESSION_CANCELLED');
      expectRule(await desk.attendance('q4', [['ann', true]], { occurredAt: AFTER }), 'SESSION_CANCELLED');
      expectRule(await desk.schedule({ id: 'q4' }), 'SESSION_EXISTS');
      expect((await reader.read('/training-sessions/q4', { minPosition: await head() }).expect(200)).body).toMatchObject({
        status: 'cancelled',
        cancellationReason: 'Trainer ill',
      });
    });

    it('refuses bad input with 400 naming the field, appending nothing', async () => {
      await expectInvalid(api, () => desk.schedule({ cost: rub(100) }), 'cost');
      await expectInvalid(api, () => desk.schedule({ kind: 'external-trainer' }), 'provider');
      await expectInvalid(api, () => desk.schedule({ trainerId: 'nobody' }), 'trainerId');
      await expectInvalid(api, () => desk.schedule({ hours: 0 }), 'hours');
      await expectInvalid(api, () => desk.schedule({ room: 'B' }), 'room');
      await expectInvalid(api, () => desk.attendance('q1', [['ann', true], ['nobody', true]], { occurredAt: AFTER }), 'attendance.1.employeeId');
    });
  });

  describe('webinars', () => {
    it('records a webinar with its conversion against the 30 % target, and corrects its counts', async () => {
      const recorded = await desk.recordWebinar({ id: 'w1', trainerId: 'tom', attendees: 100, buyers: 30 }).expect(201);
      expect((await reader.read('/webinars/w1', { minPosition: recorded.body.position }).expect(200)).body).toMatchObject({
        trainerId: 'tom',
        heldAt: '2026-01-20T17:00:00.000Z',
        conversion: 0.3,
        meetsTarget: true,
        corrections: [],
      });
      expectRule(await desk.correctWebinar('w1', { attendees: 100, buyers: 20, occurredAt: '2026-01-20T16:00:00Z' }), 'DATED_BEFORE_WEBINAR');
      expect((await desk.correctWebinar('w1', { attendees: 100, buyers: 30 }).expect(200)).body.position).toBeNull();
      const corrected = await desk.correctWebinar('w1', { attendees: 100, buyers: 20, reason: 'Refunds of late buyers' }).expect(200);
      expect((await reader.read('/webinars/w1', { minPosition: corrected.body.position }).expect(200)).body).toMatchObject({
        buyers: 20,
        conversion: 0.2,
        meetsTarget: false,
        corrections: [{ attendees: 100, buyers: 20, previous: { attendees: 100, buyers: 30 }, reason: 'Refunds of late buyers' }],
      });
      expect((await reader.read('/webinars', { trainerId: 'tom' }).expect(200)).body.items.map((webinar: { id: string }) => webinar.id)).toEqual(['w1']);
    });

    it('refuses more buyers than attendees, an unknown trainer, a taken id and an unknown webinar', async () => {
      await expectInvalid(api, () => desk.recordWebinar({ trainerId: 'tom', attendees: 10, buyers: 11 }), 'buyers');
      await expectInvalid(api, () => desk.recordWebinar({ trainerId: 'nobody' }), 'trainerId');
      await desk.recordWebinar({ id: 'w2', trainerId: 'tom' }).expect(201);
      expectRule(await desk.recordWebinar({ id: 'w2', trainerId: 'tom' }), 'WEBINAR_EXISTS');
      expectProblem(await desk.correctWebinar('no-such-webinar', { attendees: 1, buyers: 0 }), 404);
      expectProblem(await desk.correctWebinar('w2', { attendees: 1, buyers: 0 }, { 'If-Match': '5' }), 412);
    });
  });

  it('answers 401 without a key and 403 to an employee, who neither runs nor reads group training', async () => {
    expectProblem(await api.http().get('/training-sessions'), 401);
    expectProblem(await employee.schedule({ trainerId: 'tom' }), 403);
    expectProblem(await employee.read('/training-sessions'), 403);
    expectProblem(await employee.recordWebinar({ trainerId: 'tom' }), 403);
    expectProblem(await reader.read('/training-sessions/no-such-session'), 404);
    expectProblem(await reader.read('/webinars/no-such-webinar'), 404);
  });

  it('documents every group-training route in /docs-json with bearer security and its roles', async () => {
    const { body: document } = await api.http().get('/docs-json').expect(200);
    const readers = 'trainer, hr, council-member, council-chair, auditor, admin';
    const operations: [string, string, string, string][] = [
      ['/training-sessions', 'post', 'trainer', 'training-sessions'],
      ['/training-sessions', 'get', readers, 'training-sessions'],
      ['/training-sessions/{id}', 'get', readers, 'training-sessions'],
      ['/training-sessions/{id}/attendance', 'post', 'trainer', 'training-sessions'],
      ['/training-sessions/{id}/cancellation', 'post', 'trainer', 'training-sessions'],
      ['/webinars', 'post', 'trainer', 'webinars'],
      ['/webinars', 'get', readers, 'webinars'],
      ['/webinars/{id}', 'get', readers, 'webinars'],
      ['/webinars/{id}/correction', 'post', 'trainer', 'webinars'],
    ];
    for (const [path, method, roles, tag] of operations) {
      const operation = document.paths[path]?.[method];
      expect(operation).toMatchObject({ security: [{ bearer: [] }], tags: [tag], summary: expect.any(String), description: expect.stringContaining(`Roles: ${roles}.`) });
      expect(Object.keys(operation.responses)).toEqual(expect.arrayContaining(['400', '401', '403']));
    }
  });
});
