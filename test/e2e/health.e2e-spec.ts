import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { Test } from '@nestjs/testing';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { AppModule } from '../../apps/api/src/app.module.js';
import { loadConfig } from '#libs/config/src/index.js';
import { newId } from '#libs/eventsourcing/src/index.js';
import { APP_CONFIG, STORES, type Stores } from '#libs/persistence/src/index.js';

describe('GET /health', () => {
  let app: NestFastifyApplication;
  let dataDir: string;

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'quality-ledger-e2e-'));
    const moduleRef = await Test.createTestingModule({ imports: [AppModule] })
      .overrideProvider(APP_CONFIG)
      .useValue(loadConfig({ DATA_DIR: dataDir }))
      .compile();
    app = moduleRef.createNestApplication<NestFastifyApplication>(new FastifyAdapter());
    await app.init();
    await app.getHttpAdapter().getInstance().ready();
  });

  afterAll(async () => {
    await app.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('reports the store up and each projection caught up with the log', async () => {
    const stores = app.get<Stores>(STORES);
    const appended = await stores.events.append(`careCase-${newId()}`, [
      {
        eventId: newId(),
        type: 'CareCaseOpened',
        data: {},
        metadata: {
          occurredAt: new Date().toISOString(),
          actor: { id: 'e2e', roles: [] },
          correlationId: 'e2e',
          causationId: null,
          schemaVersion: 1,
        },
      },
    ]);

    let body: { status: string; eventStore: { headPosition: string }; projections: { name: string; checkpoint: string; lag: string }[] };
    do {
      await new Promise((resolve) => setTimeout(resolve, 20));
      const response = await request(app.getHttpServer()).get('/health').expect(200);
      body = response.body;
    } while (body.projections.some((p) => p.checkpoint !== appended.position.toString()));

    expect(body.status).toBe('ok');
    expect(body.eventStore.headPosition).toBe(appended.position.toString());
    expect(body.projections).toContainEqual(expect.objectContaining({ name: 'eventActivity', lag: '0' }));
  });

  it('answers 503 when the event store is unreachable', async () => {
    const stores = app.get<Stores>(STORES);
    await stores.events.close();
    const response = await request(app.getHttpServer()).get('/health').expect(503);
    expect(response.body.status).toBe('down');
  });
});
