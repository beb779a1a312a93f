import { Controller, Param, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { Ajv } from 'ajv';
import ajvFormats from 'ajv-formats';
import { Public } from '../../apps/api/src/auth/access.decorators.js';
import { CommandCtx } from '../../apps/api/src/platform/command-context.js';
import { CommandRunner, type RequestCommandContext } from '../../apps/api/src/platform/command-runner.service.js';
import { EntityCommand } from '../../apps/api/src/platform/entity-commands.js';
import type { EntityKind } from '../../apps/api/src/platform/entity-streams.js';
import { newId, type Decider, type DomainEvent } from '#kernel';
import { expectProblem, keyWith, type Auth } from '../support/care-cases.js';
import { collect } from '../support/collect.js';
import { asAdmin, startTestApp, type TestApp } from '../support/test-app.js';

type ProbeCommand = { readonly type: 'Probe'; readonly probeId: string; readonly event: DomainEvent; readonly at: string };

/** Appends whatever event it is told to, through the app's command bus. */
const probeDecider: Decider<ProbeCommand, DomainEvent, null> = {
  initialState: () => null,
  decide: (command) => [command.event],
  evolve: (state) => state,
};

const PROBES: EntityKind<ProbeCommand, DomainEvent, null> = { decider: probeDecider, category: 'careCase', idOf: (command) => command.probeId };

const PROBE_EVENTS: Record<string, DomainEvent> = {
  unregistered: { type: 'ProbeNoted', data: { note: 'no schema for this type' } },
  nonConforming: { type: 'CareCaseAssigned', data: { caseId: 'case-1', employeeId: 'emp-anna', assignedAt: 'yesterday' } },
};

@Controller('probe-events')
@Public()
class EventProbeController {
  constructor(
    private readonly bus: CommandBus,
    private readonly runner: CommandRunner,
  ) {}

  @Post(':kind')
  async append(@Param('kind') kind: string, @CommandCtx() context: RequestCommandContext): Promise<{ revision: number }> {
    const probe: ProbeCommand = { type: 'Probe', probeId: newId(), event: PROBE_EVENTS[kind]!, at: this.runner.businessTime(undefined) };
    const { revision } = await this.bus.execute(new EntityCommand(PROBES, probe, context));
    return { revision };
  }
}

describe('the event catalogue', () => {
  let api: TestApp;
  let service: Auth;
  let auditor: Auth;
  let agent: Auth;

  beforeAll(async () => {
    api = await startTestApp({ controllers: [EventProbeController] });
    [service, auditor, agent] = await Promise.all([keyWith(api, 'service'), keyWith(api, 'auditor'), keyWith(api, 'care-agent')]);
  });

  afterAll(async () => {
    await api.destroy();
  });

  const catalogue = async (auth: Auth = service) => (await api.http().get('/events/catalogue').set(auth).expect(200)).body;
  const asyncApi = async (auth: Auth = service) => (await api.http().get('/events/catalogue/asyncapi').set(auth).expect(200)).body;

  describe('access', () => {
    it('serves services, auditors and admins', async () => {
      for (const auth of [service, auditor, asAdmin]) {
        await api.http().get('/events/catalogue').set(auth).expect(200);
        await api.http().get('/events/catalogue/asyncapi').set(auth).expect(200);
      }
    });

    it('refuses a request without a key (401) and another role (403)', async () => {
      for (const path of ['/events/catalogue', '/events/catalogue/asyncapi']) {
        expectProblem(await api.http().get(path), 401);
        expectProblem(await api.http().get(path).set(agent), 403);
      }
    });

    it('is described in the OpenAPI document', async () => {
      const document = (await api.http().get('/docs-json').expect(200)).body;
      for (const path of ['/events/catalogue', '/events/catalogue/asyncapi']) {
        const operation = document.paths[path].get;
        expect(operation.tags).toEqual(['events']);
        expect(operation.description).toContain('Roles: service, auditor, admin.');
        expect(Object.keys(operation.responses)).toEqual(expect.arrayContaining(['200', '401', '403']));
      }
    });
  });

  describe('GET /events/catalogue', () => {
    it('lists every type with its category, versions, JSON Schema, description and an example that validates', async () => {
      const { types } = await catalogue();
      expect(types.map((entry: { name: string }) => entry.name)).toEqual(expect.arrayContaining(['ApiKeyIssued', 'CareCaseOpened', 'SurveyAnswered', 'WebinarRecorded']));
      const ajv = new Ajv({ strict: false });
      ajvFormats.default(ajv);
      for (const entry of types) {
        expect(entry).toMatchObject({ category: expect.stringMatching(/^[A-Za-z0-9]+$/), description: expect.any(String) });
        expect(entry.versions.map((version: { version: number }) => version.version)).toEqual(
          Array.from({ length: entry.currentVersion }, (_, index) => index + 1),
        );
        const current = entry.versions[entry.versions.length - 1].schema;
        expect(current).toMatchObject({ type: 'object', additionalProperties: false, title: `${entry.name} v${entry.currentVersion}` });
        expect(ajv.validate(current, entry.example)).toBe(true);
      }
    });

    it('shows both versions of CareCaseOpened: v2 requires the kind that v1 lacked', async () => {
      const { types } = await catalogue();
      const opened = types.find((entry: { name: string }) => entry.name === 'CareCaseOpened');
      expect(opened).toMatchObject({ category: 'careCase', currentVersion: 2 });
      const [v1, v2] = opened.versions;
      expect(v1.schema.required).not.toContain('kind');
      expect(v1.schema.properties.kind).toBeUndefined();
      expect(v2.schema.required).toContain('kind');
      expect(v2.change).toContain('kind');
      expect(opened.example.kind).toBe('refund-request');
    });

    it('shows no real key hash in an example', async () => {
      const { types } = await catalogue();
      const issued = types.find((entry: { name: string }) => entry.name === 'ApiKeyIssued');
      expect(issued.example.keyHash).toBe('0'.repeat(64));
    });
  });

  describe('GET /events/catalogue/asyncapi', () => {
    it('is an AsyncAPI 3.0 document with a channel per category of the feed and a message per type', async () => {
      const document = await asyncApi();
      expect(document.asyncapi).toBe('3.0.0');
      expect(document.info).toMatchObject({ title: expect.any(String), version: expect.any(String) });
      expect(document.channels.careCase).toMatchObject({
        address: '/feed?category=careCase',
        messages: { CareCaseOpened: { $ref: '#/components/messages/CareCaseOpened' } },
      });
      expect(document.operations['receive-careCase']).toMatchObject({ action: 'receive', channel: { $ref: '#/channels/careCase' } });
      expect(document.channels.careCase.description).toContain('Received by: service, auditor, admin.');
      for (const kept of ['apiKey', 'thanks', 'complaint', 'motivationLedger', 'knowledgeCheck', 'checkAttempt']) {
        expect({ kept, description: document.channels[kept]?.description }).toEqual({ kept, description: expect.stringContaining('Received by: auditor, admin.') });
      }
      const { types } = await catalogue();
      expect(Object.keys(document.components.messages).sort()).toEqual(types.map((entry: { name: string }) => entry.name).sort());
    });

    it('resolves every reference, and every example envelope validates against its payload', async () => {
      const document = await asyncApi();
      const resolve = (ref: string) => ref.slice(2).split('/').reduce((node, key) => node?.[key], document);
      for (const operation of Object.values<{ channel: { $ref: string }; messages: { $ref: string }[] }>(document.operations)) {
        expect(resolve(operation.channel.$ref)).toBeDefined();
        for (const message of operation.messages) expect(resolve(resolve(message.$ref).$ref)).toBeDefined();
      }
      const ajv = new Ajv({ strict: false });
      ajvFormats.default(ajv);
      for (const message of Object.values<{ payload: object; examples: { payload: unknown }[] }>(document.components.messages)) {
        expect(ajv.validate(message.payload, message.examples[0]!.payload)).toBe(true);
      }
    });

    it('describes the data of CareCaseOpened at version 2 in the envelope', async () => {
      const message = (await asyncApi()).components.messages.CareCaseOpened;
      expect(message.payload.properties.metadata.properties.schemaVersion.const).toBe(2);
      expect(message.payload.properties.data.required).toContain('kind');
    });
  });

  describe('validation on append', () => {
    it('refuses an event type without a schema as a defect (500) and appends nothing', async () => {
      const before = await api.stores.events.headPosition();
      expectProblem(await api.http().post('/probe-events/unregistered'), 500);
      expect(await api.stores.events.headPosition()).toBe(before);
    });

    it('refuses an event that breaks its schema as a defect (500) and appends nothing', async () => {
      const before = await api.stores.events.headPosition();
      expectProblem(await api.http().post('/probe-events/nonConforming'), 500);
      expect(await api.stores.events.headPosition()).toBe(before);
    });
  });

  describe('upcasting a stored CareCaseOpened v1', () => {
    const caseId = newId();
    const v1 = { caseId, clientId: 'client-4711', productId: 'course-sales', openedAt: '2025-01-10T08:00:00.000Z' };
    let position: string;

    beforeAll(async () => {
      const appended = await api.stores.events.append(`careCase-${caseId}`, [
        {
          eventId: newId(),
          type: 'CareCaseOpened',
          data: v1,
          metadata: {
            occurredAt: v1.openedAt,
            actor: { id: 'legacy-import', roles: ['care-agent'] },
            correlationId: 'legacy-1',
            causationId: null,
            schemaVersion: 1,
          },
        },
      ]);
      position = appended.position.toString();
    });

    it('reaches the projection as v2: the case reads as kind other', async () => {
      const response = await api.http().get(`/care-cases/${caseId}`).query({ minPosition: position }).set(agent).expect(200);
      expect(response.body).toMatchObject({ id: caseId, kind: 'other', clientId: 'client-4711' });
    });

    it('reaches the history readers as v2', async () => {
      const events = await api.http().get('/events').query({ type: 'CareCaseOpened', limit: 200 }).set(auditor).expect(200);
      const event = events.body.items.find((item: { data: { caseId: string } }) => item.data.caseId === caseId);
      expect(event).toMatchObject({ data: { ...v1, kind: 'other' }, metadata: { schemaVersion: 2 } });
      const stream = await api.http().get(`/streams/careCase-${caseId}`).set(auditor).expect(200);
      expect(stream.body.items[0]).toMatchObject({ data: { kind: 'other' }, metadata: { schemaVersion: 2 } });
    });

    it('reaches the log readers the feed follows as v2', async () => {
      const read = await collect(api.stores.events.readAll({ filter: { types: ['CareCaseOpened'] } }));
      expect(read.find((event) => event.streamId === `careCase-${caseId}`)).toMatchObject({ data: { kind: 'other' }, metadata: { schemaVersion: 2 } });
    });
  });
});

