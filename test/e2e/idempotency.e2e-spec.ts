import { jest } from '@jest/globals';
import canonicalize from 'canonicalize';
import { createHash } from 'node:crypto';
import { ManualClock } from '#kernel';
import { IDEMPOTENCY_CLAIM_LEASE_MS } from '#persistence';
import { BOOTSTRAP_ADMIN } from '../../apps/api/src/auth/api-key-directory.service.js';
import { ORG_STRUCTURE_STREAM } from '../../apps/api/src/organisation/org-structure-commands.service.js';
import { collect } from '../support/collect.js';
import { expectProblem, expectRule, keyWith, type Auth } from '../support/care-cases.js';
import { orgDesk, type OrgDesk } from '../support/organisation.js';
import { asAdmin, startTestApp, type TestApp } from '../support/test-app.js';
import { until } from '../support/until.js';

const RETENTION_HOURS = 2;
const HOUR_MS = 3_600_000;
const REPLAYED = 'idempotent-replayed';

const sha256OfCanonical = (value: unknown) => createHash('sha256').update(canonicalize(value)!, 'utf8').digest('hex');

function openableGate(): { opened: Promise<void>; open(): void } {
  let open!: () => void;
  const opened = new Promise<void>((resolve) => (open = resolve));
  return { opened, open };
}

describe('Idempotency-Key', () => {
  let api: TestApp;
  let clock: ManualClock;
  let admin: OrgDesk;
  let hrKey: Auth;

  const head = () => api.stores.events.headPosition();
  const key = (name: string) => ({ 'Idempotency-Key': name });

  beforeAll(async () => {
    clock = new ManualClock(new Date());
    api = await startTestApp({ clock, env: { IDEMPOTENCY_RETENTION_HOURS: String(RETENTION_HOURS) } });
    admin = orgDesk(api, asAdmin);
    hrKey = await keyWith(api, 'hr');
  });

  afterAll(() => api.destroy());

  it('is the caller\'s own, per route: an hr position after an admin section with the same key is created, not a ghost', async () => {
    const section = await admin.createSection({}, key('dup-1')).expect(201);
    const position = await orgDesk(api, hrKey).createPosition({ title: 'Ghost' }, key('dup-1')).expect(201);

    expect(position.headers[REPLAYED]).toBeUndefined();
    expect(position.body.id).not.toBe(section.body.id);
    expect(position.body.position).not.toBe(section.body.position);
    const read = await api.http().get(`/positions/${position.body.id}`).query({ minPosition: position.body.position }).set(asAdmin);
    expect(read.status).toBe(200);
    expect(read.body).toMatchObject({ id: position.body.id, title: 'Ghost' });
  });

  it('replays a verdict the command reached as the very problem first sent, appending nothing', async () => {
    const first = await admin.renameSection('no-such-section', {}, key('rename-missing'));
    expectProblem(first, 404);
    const before = await head();

    const again = await admin.renameSection('no-such-section', {}, key('rename-missing'));

    expectProblem(again, 404);
    expect(again.headers['content-type']).toBe('application/problem+json; charset=utf-8');
    expect(again.headers[REPLAYED]).toBe('true');
    expect(again.body).toEqual(first.body);
    expect(again.headers['x-request-id']).not.toBe(first.body.requestId);
    expect(await head()).toBe(before);
  });

  it('keeps a refusal of the body as the first answer, so the key cannot be reused with a corrected body', async () => {
    const invalid = await admin.createSection({ colour: 'blue' }, key('invalid-once'));
    expectProblem(invalid, 400, 'colour');
    const again = await admin.createSection({ colour: 'blue' }, key('invalid-once'));
    expect([again.status, again.headers[REPLAYED], again.body]).toEqual([400, 'true', invalid.body]);

    const corrected = await admin.createSection({}, key('invalid-once'));
    expectProblem(corrected, 422);
    expect(corrected.body.code).toBe('IDEMPOTENCY_KEY_REUSED');
  });

  it('refuses with 400, claiming nothing, a key that is no key and a body that has no canonical form', async () => {
    const before = await head();
    expectProblem(await admin.createSection({}, key('has spaces')), 400, 'Idempotency-Key');
    const loneSurrogate = '{"name":"\\ud800","valuableFinalProduct":"Text that is not Unicode"}';
    const unhashable = await api.http().post('/sections').set(asAdmin).set(key('unhashable')).type('json').send(loneSurrogate);
    expectProblem(unhashable, 400, 'body');
    expect(await head()).toBe(before);

    await admin.createSection({ name: 'Hashable' }, key('unhashable')).expect(201);
  });

  it('answers 409 with Retry-After while a first attempt runs, and lets a retry take over a claim whose lease ran out', async () => {
    const body = { name: 'Interrupted', valuableFinalProduct: 'Work finished after a crash' };
    const scopeId = sha256OfCanonical([BOOTSTRAP_ADMIN.subject, 'POST', '/sections', 'crashed-once']);
    const requestHash = sha256OfCanonical({ params: {}, query: {}, body, ifMatch: null });
    expect((await api.stores.idempotency.claim(scopeId, requestHash)).outcome).toBe('claimed');
    const before = await head();

    const running = await admin.createSection(body, key('crashed-once'));
    expectRule(running, 'IDEMPOTENCY_KEY_IN_USE');
    expect(running.headers['retry-after']).toBe('1');
    expect(await head()).toBe(before);

    clock.advance(IDEMPOTENCY_CLAIM_LEASE_MS);
    const takeover = await admin.createSection(body, key('crashed-once')).expect(201);
    expect(takeover.headers[REPLAYED]).toBeUndefined();
    const replay = await admin.createSection(body, key('crashed-once')).expect(201);
    expect([replay.headers[REPLAYED], replay.body]).toEqual(['true', takeover.body]);
  });

  it('runs one of several identical requests sent at once; while it runs the others are told so, then get its answer', async () => {
    const gate = openableGate();
    const keep = api.stores.idempotency.complete.bind(api.stores.idempotency);
    const complete = jest.spyOn(api.stores.idempotency, 'complete').mockImplementation(async (...args) => {
      await gate.opened;
      return keep(...args);
    });
    try {
      let answered = 0;
      const send = () => admin.createSection({ name: 'Raced' }, key('raced-once'));
      const sends = Array.from({ length: 6 }, () => send().then((answer) => ((answered += 1), answer)));
      // The first attempt has run its command and waits to keep its answer: the others come back meanwhile.
      await until('all but the first attempt answered', () => complete.mock.calls.length === 1 && answered === sends.length - 1);
      gate.open();
      const answers = await Promise.all(sends);

      const created = answers.filter((answer) => answer.status === 201);
      expect(created).toHaveLength(1);
      for (const answer of answers.filter((each) => each.status !== 201)) {
        expectRule(answer, 'IDEMPOTENCY_KEY_IN_USE');
        expect(answer.headers['retry-after']).toBe('1');
      }
      const retry = await send().expect(201);
      expect([retry.headers[REPLAYED], retry.body]).toEqual(['true', created[0]!.body]);
      const appended = (await collect(api.stores.events.readStream(ORG_STRUCTURE_STREAM))).filter(
        (event) => event.type === 'SectionCreated' && (event.data as { sectionId: string }).sectionId === created[0]!.body.id,
      );
      expect(appended).toHaveLength(1);
    } finally {
      complete.mockRestore();
    }
  });

  it('forgets an answer after the retention: the request runs again, and the event ids of its scope append nothing', async () => {
    const first = await admin.createSection({ name: 'Kept for a while' }, key('retained')).expect(201);
    const before = await head();

    clock.advance(RETENTION_HOURS * HOUR_MS - 1);
    expect((await admin.createSection({ name: 'Kept for a while' }, key('retained')).expect(201)).headers[REPLAYED]).toBe('true');

    clock.advance(1);
    const after = await admin.createSection({ name: 'Kept for a while' }, key('retained')).expect(201);
    expect(after.headers[REPLAYED]).toBeUndefined();
    expect(after.body).toEqual(first.body);
    expect(await head()).toBe(before);
  });
});
