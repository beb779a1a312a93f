import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { ProjectionHost } from '#kernel';
import { careDesk, keyWith } from '../support/care-cases.js';
import { asAdmin, newDataDir, startTestApp, type TestApp } from '../support/test-app.js';
import { until } from '../support/until.js';

/** The worker as `npm run build` compiles it (`npm test` builds first): threads run compiled code, not the sources. */
const COMPILED_WORKER = pathToFileURL(join(process.cwd(), 'dist/libs/persistence/src/projection.worker.js'));

const describeCompiled = existsSync(COMPILED_WORKER) ? describe : describe.skip;
if (!existsSync(COMPILED_WORKER)) process.stdout.write('the api with a projection worker skipped: run npm run build first (npm test does)\n');

type Progress = { name: string; state: string; lag: string };

async function health(api: TestApp): Promise<{ projections: Progress[]; processManagers: Progress[] }> {
  return (await api.http().get('/health').set(asAdmin).expect(200)).body;
}

/** The states of this thread's own runners: what they say when the worker runs the projections in their place. */
function mainThreadStates(api: TestApp): string[] {
  const host = api.app.get(ProjectionHost);
  return [...new Set(['careCases', 'apiKeys'].map((name) => host.runner(name)!.status().state))];
}

describeCompiled('the api with PROJECTIONS=worker', () => {
  let api: TestApp | undefined;

  afterEach(async () => {
    await api?.destroy();
    api = undefined;
  });

  it('projects on the worker: a read with minPosition waits for it, /health reports its runners, and the main thread runs none', async () => {
    api = await startTestApp({ env: { PROJECTIONS: 'worker' }, projectionWorker: COMPILED_WORKER });
    const desk = careDesk(api, await keyWith(api, 'care-agent'));

    for (let n = 0; n < 5; n++) {
      const opened = await desk.open({ clientId: `client-${n}` }).expect(201);
      const read = await api.http().get(`/care-cases/${opened.body.id}`).set(asAdmin).query({ minPosition: opened.body.position }).expect(200);
      expect(read.body).toMatchObject({ id: opened.body.id, clientId: `client-${n}` });
    }

    let body = await health(api);
    await until('every projection and process manager has caught up', async () => {
      body = await health(api!);
      return [...body.projections, ...body.processManagers].every((p) => p.lag === '0');
    });
    const { projections, processManagers } = body;
    expect(projections).toContainEqual(expect.objectContaining({ name: 'careCases', state: 'live', lag: '0' }));
    expect(processManagers).toContainEqual(expect.objectContaining({ name: 'trainingPlanProposer', state: 'live' }));
    expect(mainThreadStates(api)).toEqual(['idle']);
  });

  it('hands the projections to the main thread when the worker ends, and reads go on', async () => {
    const dataDir = newDataDir();
    // A worker that says it started, holds no lease, and ends: whatever it was to run is left to the main thread.
    const failing = join(dataDir, 'failing-projection.worker.mjs');
    writeFileSync(failing, "import { parentPort } from 'node:worker_threads';\nparentPort.postMessage({ started: true });\nsetTimeout(() => process.exit(3), 50);\n");
    api = await startTestApp({ dataDir, env: { PROJECTIONS: 'worker' }, projectionWorker: pathToFileURL(failing) });

    await until('the main thread runs the projections', () => !mainThreadStates(api!).includes('idle'));
    const desk = careDesk(api, await keyWith(api, 'care-agent'));
    const opened = await desk.open().expect(201);
    await api.http().get(`/care-cases/${opened.body.id}`).set(asAdmin).query({ minPosition: opened.body.position }).expect(200);
    expect((await health(api)).projections).toContainEqual(expect.objectContaining({ name: 'careCases', state: 'live' }));
  });
});
