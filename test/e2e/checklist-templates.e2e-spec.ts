import type { Response } from 'supertest';
import { collect } from '../support/collect.js';
import { eventTypesOf, expectInvalid, expectProblem, keyWith, type Auth } from '../support/care-cases.js';
import { orgDesk, seedCatalogue } from '../support/organisation.js';
import { checklistDesk, landingChecklist, QUALITY_CATALOGUE } from '../support/quality.js';
import { asAdmin, startTestApp, type TestApp } from '../support/test-app.js';

const UUID_V7 = /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
const POSITION = /^\d+$/;

const revised = {
  ...landingChecklist,
  title: 'Landing page before launch, 2026',
  sections: [
    ...landingChecklist.sections,
    { title: 'Legal', criteria: [{ criterionId: 'terms', text: 'Links the offer terms', weight: 1, critical: true }] },
  ],
  passMark: 0.9,
};

describe('checklist templates over HTTP', () => {
  let api: TestApp;
  let inspector: Auth;
  let desk: ReturnType<typeof checklistDesk>;

  beforeAll(async () => {
    api = await startTestApp();
    await seedCatalogue(api, QUALITY_CATALOGUE, { sections: ['closed-unit'], products: { 'list-product': 'section-layout', 'old-product': 'section-layout' } });
    await orgDesk(api, asAdmin).closeSection('closed-unit').expect(200);
    await orgDesk(api, asAdmin).retireProduct('old-product').expect(200);
    inspector = await keyWith(api, 'quality-inspector');
    desk = checklistDesk(api, inspector);
  });

  afterAll(async () => {
    await api.destroy();
  });

  const head = () => api.stores.events.headPosition();

  describe('commands', () => {
    it('publishes a template as version 1 under a new UUIDv7, recording the caller as the actor', async () => {
      const response = await desk.publish().expect(201);
      expect(response.body).toEqual({ id: expect.stringMatching(UUID_V7), revision: 0, position: expect.stringMatching(POSITION) });

      const [event] = await collect(api.stores.events.readStream(`checklistTemplate-${response.body.id}`));
      expect(event).toMatchObject({
        type: 'ChecklistTemplateVersionPublished',
        data: { templateId: response.body.id, version: 1, owner: { kind: 'section', id: 'section-layout' }, ...landingChecklist },
        metadata: { actor: { id: expect.stringMatching(/^apiKey:/), roles: ['quality-inspector'] } },
      });
    });

    it('publishes under the id the client chose, once', async () => {
      expect((await desk.publish({ id: 'chosen-template' }).expect(201)).body.id).toBe('chosen-template');
      const again = await desk.publish({ id: 'chosen-template' });
      expectProblem(again, 409);
      expect(again.body.code).toBe('CHECKLIST_TEMPLATE_EXISTS');
    });

    it('publishes the next version with 201, keeping the earlier one as it was', async () => {
      const id = (await desk.publish().expect(201)).body.id;
      const second = await desk.publishVersion(id, revised).expect(201);
      expect(second.body).toEqual({ id, revision: 1, position: expect.stringMatching(POSITION) });

      const template = await desk.read(`/${id}`, { minPosition: second.body.position }).expect(200);
      expect(template.body).toMatchObject({
        id,
        status: 'active',
        currentVersion: 2,
        title: revised.title,
        passMark: 0.9,
        sections: revised.sections,
        versions: [
          { version: 1, title: landingChecklist.title, passMark: 0.8, criteria: 3, publishedBy: expect.stringMatching(/^apiKey:/) },
          { version: 2, title: revised.title, passMark: 0.9, criteria: 4 },
        ],
        position: second.body.position,
      });
      const first = await desk.read(`/${id}/versions/1`).expect(200);
      expect(first.body).toMatchObject({ templateId: id, version: 1, current: false, ...landingChecklist });
      expect((await desk.read(`/${id}/versions/2`).expect(200)).body).toMatchObject({ version: 2, current: true, sections: revised.sections });
    });

    it('names the current standards a version verifies, and refuses unknown or retired ones with 400, appending nothing', async () => {
      const standard = (id: string) =>
        api.http().post('/standards').set(inspector).send({ id, type: 'external', sectionId: 'section-layout', title: `Standard ${id}`, body: 'As written.' });
      await standard('claims').expect(201);
      const gone = await standard('gone').expect(201);
      await api.http().post('/standards/gone/retirement').set(inspector).send({ reason: 'Replaced' }).expect(200);

      const id = (await desk.publish({ standardIds: ['claims'] }).expect(201)).body.id;
      const second = await desk.publishVersion(id, { standardIds: [] }).expect(201);
      const template = await desk.read(`/${id}`, { minPosition: second.body.position }).expect(200);
      expect(template.body.versions.map((version: { standardIds: string[] }) => version.standardIds)).toEqual([['claims'], []]);
      expect((await desk.read(`/${id}/versions/1`).expect(200)).body.standardIds).toEqual(['claims']);

      const before = await head();
      expectProblem(await desk.publish({ standardIds: ['claims', 'no-such-standard'] }), 400, 'standardIds.1');
      expectProblem(await desk.publishVersion(id, { standardIds: ['gone'] }), 400, 'standardIds.0');
      expectProblem(await desk.publish({ standardIds: ['claims', 'claims'] }), 400, 'standardIds.1');
      expectProblem(await desk.publish({ standardIds: 'claims' }), 400, 'standardIds');
      expect(await head()).toBe(before);
      expect(gone.body.id).toBe('gone');
    });

    it('refuses a version that says what the current one says, appending nothing', async () => {
      const id = (await desk.publish().expect(201)).body.id;
      const before = await head();
      const same = await desk.publishVersion(id);
      expectProblem(same, 409);
      expect(same.body.code).toBe('CHECKLIST_TEMPLATE_UNCHANGED');
      expect(await head()).toBe(before);
    });

    it('retires a template with 200; then takes no new version and no second retirement', async () => {
      const id = (await desk.publish().expect(201)).body.id;
      const retired = await desk.retire(id, { reason: 'Replaced by the 2026 checklist' }).expect(200);
      expect(retired.body).toEqual({ id, revision: 1, position: expect.stringMatching(POSITION) });
      expect((await desk.publishVersion(id, revised)).body).toMatchObject({ status: 409, code: 'CHECKLIST_TEMPLATE_RETIRED' });
      expect((await desk.retire(id)).body).toMatchObject({ status: 409, code: 'CHECKLIST_TEMPLATE_RETIRED' });

      const view = await desk.read(`/${id}`, { minPosition: retired.body.position }).expect(200);
      expect(view.body).toMatchObject({ status: 'retired', retirementReason: 'Replaced by the 2026 checklist', retiredAt: expect.any(String) });
      expect(await eventTypesOf(api, `checklistTemplate-${id}`)).toEqual(['ChecklistTemplateVersionPublished', 'ChecklistTemplateRetired']);
    });

    it('publishes for a product too; refuses a closed section or a retired product as owner, appending nothing', async () => {
      await desk.publish({ owner: { kind: 'product', id: 'course-sales' } }).expect(201);
      const before = await head();
      for (const owner of [
        { kind: 'section', id: 'closed-unit' },
        { kind: 'product', id: 'old-product' },
      ]) {
        const refused = await desk.publish({ owner });
        expectProblem(refused, 409);
        expect(refused.body.code).toBe('CHECKLIST_TEMPLATE_OWNER_INACTIVE');
      }
      expect(await head()).toBe(before);
    });

    it.each([
      ['a section', { kind: 'section', id: 'no-such-section' }],
      ['a product', { kind: 'product', id: 'section-layout' }],
    ])('answers %s the organisation catalogue does not know as owner with a 400 naming owner.id, appending nothing', (_name, owner) =>
      expectInvalid(api, () => desk.publish({ owner }), 'owner.id'),
    );

    it('refuses a version dated before the current one', async () => {
      const id = (await desk.publish({ occurredAt: '2025-06-01T09:00:00Z' }).expect(201)).body.id;
      expect((await desk.publishVersion(id, { ...revised, occurredAt: '2025-05-01T09:00:00Z' })).body).toMatchObject({
        status: 409,
        code: 'DATED_BEFORE_PREVIOUS_DECISION',
      });
    });

    it('lets an admin publish and retire', async () => {
      const admin = checklistDesk(api, asAdmin);
      const id = (await admin.publish().expect(201)).body.id;
      await admin.publishVersion(id, revised).expect(201);
      await admin.retire(id).expect(200);
    });
  });

  describe('unknown templates', () => {
    it('answers 404 to reads and commands on a template that does not exist, appending nothing', async () => {
      const before = await head();
      for (const response of [
        await desk.read('/no-such-template'),
        await desk.read('/no-such-template/versions/1'),
        await desk.publishVersion('no-such-template', revised),
        await desk.retire('no-such-template'),
      ]) {
        expectProblem(response, 404);
        expect(response.body.code).toBe('NOT_FOUND');
      }
      expect(await head()).toBe(before);
    });

    it('answers 404 to a version that was not published', async () => {
      const published = await desk.publish().expect(201);
      expectProblem(await desk.read(`/${published.body.id}/versions/2`, { minPosition: published.body.position }), 404);
    });
  });

  describe('roles', () => {
    it('answers 401 without a key', async () => {
      for (const response of [
        await api.http().post('/checklist-templates').send({}),
        await api.http().get('/checklist-templates'),
        await api.http().get('/checklist-templates/x'),
      ]) {
        expectProblem(response, 401);
      }
    });

    it('lets the council and auditors read but not publish, and keeps other roles out', async () => {
      const id = (await desk.publish().expect(201)).body.id;
      for (const roles of [['council-member'], ['council-chair'], ['auditor']]) {
        const reader = checklistDesk(api, await keyWith(api, ...roles));
        await reader.read(`/${id}`).expect(200);
        await reader.read('').expect(200);
        expectProblem(await reader.publish(), 403);
      }
      const careAgent = checklistDesk(api, await keyWith(api, 'care-agent'));
      const before = await head();
      for (const response of [await careAgent.publish(), await careAgent.retire(id), await careAgent.read(`/${id}`), await careAgent.read('')]) {
        expectProblem(response, 403);
      }
      expect(await head()).toBe(before);
    });
  });

  describe('bad input', () => {
    let templateId: string;

    beforeAll(async () => {
      templateId = (await desk.publish().expect(201)).body.id;
    });

    const criterion = { criterionId: 'mobile', text: 'Renders on a phone', weight: 3, critical: true };
    const withCriterion = (change: object) => ({ sections: [{ title: 'Layout', criteria: [{ ...criterion, ...change }] }] });

    it.each<[string, (id: string) => Promise<Response>, string]>([
      ['an unknown field', () => desk.publish({ colour: 'red' }), 'colour'],
      ['an unknown field in a criterion', () => desk.publish(withCriterion({ points: 3 })), 'sections.0.criteria.0.points'],
      ['an unknown owner kind', () => desk.publish({ owner: { kind: 'team', id: 'x' } }), 'owner.kind'],
      ['an owner id that is no id', () => desk.publish({ owner: { kind: 'section', id: 'a b' } }), 'owner.id'],
      ['a missing owner', () => desk.publish({ owner: undefined }), 'owner'],
      ['a template id that is no id', () => desk.publish({ id: 'landing page' }), 'id'],
      ['a weight of 0', () => desk.publish(withCriterion({ weight: 0 })), 'sections.0.criteria.0.weight'],
      ['a negative weight', () => desk.publish(withCriterion({ weight: -2 })), 'sections.0.criteria.0.weight'],
      ['a weight as a string', () => desk.publish(withCriterion({ weight: '3' })), 'sections.0.criteria.0.weight'],
      ['a critical flag that is no boolean', () => desk.publish(withCriterion({ critical: 'no' })), 'sections.0.criteria.0.critical'],
      ['a criterion text over 1000 characters', () => desk.publish(withCriterion({ text: 'x'.repeat(1001) })), 'sections.0.criteria.0.text'],
      ['no criteria at all', () => desk.publish({ sections: [] }), 'sections'],
      ['a section without criteria', () => desk.publish({ sections: [{ title: 'Empty', criteria: [] }] }), 'sections.0.criteria'],
      [
        'a criterion id repeated across sections',
        () => desk.publish({ sections: [...landingChecklist.sections, { title: 'Again', criteria: [criterion] }] }),
        'sections.2.criteria.0.criterionId',
      ],
      ['a pass mark of 0', () => desk.publish({ passMark: 0 }), 'passMark'],
      ['a pass mark over 1', () => desk.publish({ passMark: 1.2 }), 'passMark'],
      ['a blank title', () => desk.publish({ title: '  ' }), 'title'],
      ['a future occurredAt', () => desk.publish({ occurredAt: new Date(Date.now() + 3_600_000).toISOString() }), 'occurredAt'],
      ['a bad pass mark in a new version', (id) => desk.publishVersion(id, { passMark: -1 }), 'passMark'],
      ['a reason that is no text', (id) => desk.retire(id, { reason: 42 }), 'reason'],
      ['a garbled If-Match', (id) => desk.retire(id, {}, { 'If-Match': 'W/"x"' }), 'If-Match'],
    ])('answers %s with a 400 naming the field, appending nothing', (_name, send, field) => expectInvalid(api, () => send(templateId), field));

    it.each<[string, string, Record<string, string>, string]>([
      ['a version that is no number', '/x/versions/two', {}, 'version'],
      ['a version of 0', '/x/versions/0', {}, 'version'],
      ['an unknown status', '', { status: 'draft' }, 'status'],
      ['an unknown owner kind', '', { ownerKind: 'team' }, 'ownerKind'],
      ['an unknown parameter', '', { owner: 'me' }, 'owner'],
      ['an asOf that is neither a position nor a time', '/x', { asOf: 'yesterday' }, 'asOf'],
    ])('answers a read with %s with a 400 naming it', async (_name, path, query, field) => {
      expectProblem(await desk.read(path, query), 400, field);
    });
  });

  describe('concurrency and idempotency', () => {
    it('with If-Match pinned to an old revision, answers 412 and appends nothing', async () => {
      const published = await desk.publish().expect(201);
      await desk.publishVersion(published.body.id, revised, { 'If-Match': '0' }).expect(201);
      const stale = await desk.retire(published.body.id, {}, { 'If-Match': '0' });
      expectProblem(stale, 412);
      expect(stale.body).toMatchObject({ code: 'REVISION_MISMATCH', currentRevision: 1 });
      expect(await eventTypesOf(api, `checklistTemplate-${published.body.id}`)).toEqual(['ChecklistTemplateVersionPublished', 'ChecklistTemplateVersionPublished']);
    });

    it('replays a publication retried with the same Idempotency-Key: the same template, nothing appended', async () => {
      const first = await desk.publish({}, { 'Idempotency-Key': 'publish-once' }).expect(201);
      const before = await head();
      const retry = await desk.publish({}, { 'Idempotency-Key': 'publish-once' }).expect(201);
      expect(retry.body).toEqual(first.body);
      expect(await head()).toBe(before);
    });
  });

  describe('reads', () => {
    let first: { id: string; position: string };
    let second: { position: string };

    beforeAll(async () => {
      const published = await desk.publish({ id: 'list-a', owner: { kind: 'product', id: 'list-product' }, occurredAt: '2025-03-01T09:00:00Z' });
      first = { id: published.body.id, position: published.body.position };
      await desk.publish({ id: 'list-b', owner: { kind: 'product', id: 'list-product' }, occurredAt: '2025-03-02T09:00:00Z' }).expect(201);
      await desk.publish({ id: 'list-c', owner: { kind: 'product', id: 'list-product' }, occurredAt: '2025-02-01T09:00:00Z' }).expect(201);
      await desk.retire('list-b', { occurredAt: '2025-04-01T09:00:00Z' }).expect(200);
      second = (await desk.publishVersion('list-a', { ...revised, occurredAt: '2025-05-01T09:00:00Z' }).expect(201)).body;
    });

    const ids = async (query: Record<string, string | number>) =>
      (await api.http().get('/checklist-templates').set(inspector).query({ minPosition: second.position, ownerId: 'list-product', ...query }).expect(200))
        .body.items.map((item: { id: string }) => item.id);

    it('pages through the templates by the publication of version 1, then id', async () => {
      const page1 = await api.http().get('/checklist-templates').set(inspector).query({ ownerId: 'list-product', limit: 2, minPosition: second.position }).expect(200);
      expect(page1.body.items.map((item: { id: string }) => item.id)).toEqual(['list-c', 'list-a']);
      expect(page1.body.items[0].versions).toBeUndefined();
      const page2 = await api.http().get('/checklist-templates').set(inspector).query({ ownerId: 'list-product', limit: 2, cursor: page1.body.nextCursor }).expect(200);
      expect(page2.body).toEqual({ items: [expect.objectContaining({ id: 'list-b', status: 'retired' })], nextCursor: null });
    });

    it('filters by status and owner', async () => {
      expect(await ids({ status: 'retired' })).toEqual(['list-b']);
      expect(await ids({ status: 'active' })).toEqual(['list-c', 'list-a']);
      expect(await ids({ ownerKind: 'section' })).toEqual([]);
      expect(await ids({ ownerKind: 'product' })).toEqual(['list-c', 'list-a', 'list-b']);
    });

    it('shows a template as it was known before its second version', async () => {
      const before = await desk.read(`/${first.id}`, { asOf: first.position }).expect(200);
      expect(before.body).toMatchObject({ currentVersion: 1, title: landingChecklist.title, versions: [{ version: 1 }], position: first.position });
      expectProblem(await desk.read(`/${first.id}/versions/2`, { asOf: first.position }), 404);
      expect((await desk.read(`/${first.id}/versions/1`, { asOf: first.position }).expect(200)).body.current).toBe(true);
      expectProblem(await desk.read(`/${first.id}`, { asOf: '2001-01-01T00:00:00Z' }), 404);
    });
  });

  it('documents every template route in /docs-json with bearer security and its roles', async () => {
    const { body: document } = await api.http().get('/docs-json').expect(200);
    const operations: [string, string, RegExp][] = [
      ['/checklist-templates', 'post', /^Roles: quality-inspector, admin\./],
      ['/checklist-templates/{id}/versions', 'post', /^Roles: quality-inspector, admin\./],
      ['/checklist-templates/{id}/retirement', 'post', /^Roles: quality-inspector, admin\./],
      ['/checklist-templates', 'get', /^Roles: quality-inspector, council-member, council-chair, auditor, admin\./],
      ['/checklist-templates/{id}', 'get', /^Roles: quality-inspector, council-member/],
      ['/checklist-templates/{id}/versions/{version}', 'get', /^Roles: quality-inspector, council-member/],
    ];
    for (const [path, method, roles] of operations) {
      expect(document.paths[path]?.[method]).toMatchObject({ security: [{ bearer: [] }], tags: ['checklist-templates'], description: expect.stringMatching(roles) });
    }
    expect(document.paths['/checklist-templates'].post.requestBody.content['application/json'].schema.$ref).toBe(
      '#/components/schemas/PublishChecklistTemplateRequest',
    );
    expect(document.paths['/checklist-templates/{id}/versions'].post.responses['409']).toBeDefined();
  });
});
