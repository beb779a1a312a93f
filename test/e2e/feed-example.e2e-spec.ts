import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { careDesk, keyWith } from '../support/care-cases.js';
import { collect } from '../support/collect.js';
import { eventually, listenLocally } from '../support/feed.js';
import { markdownBlock } from '../support/markdown.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

describe('the example consumer of docs/API.md', () => {
  let api: TestApp;
  let folder: string;

  beforeAll(async () => {
    api = await startTestApp();
    folder = mkdtempSync(join(tmpdir(), 'quality-ledger-consumer-'));
    writeFileSync(join(folder, 'follow.mjs'), markdownBlock('docs/API.md', 'Following the events', 'js'));
  });

  afterAll(async () => {
    await api.destroy();
    rmSync(folder, { recursive: true, force: true });
  });

  it('follows the feed and resumes after a restart, printing each event once', async () => {
    const base = await listenLocally(api);
    const key = (await keyWith(api, 'service')).Authorization.replace('Bearer ', '');
    const desk = careDesk(api, await keyWith(api, 'care-agent'));
    const openCases = async () => {
      let position = '';
      for (let index = 0; index < 3; index++) position = (await desk.open().expect(201)).body.position;
      return position;
    };
    const positionFile = join(folder, 'feed-position');
    const remembered = () => (existsSync(positionFile) ? readFileSync(positionFile, 'utf8') : undefined);
    const runUntilRemembered = async (position: string): Promise<string[]> => {
      const { NODE_OPTIONS: _jestOptions, ...env } = process.env;
      const consumer = spawn(process.execPath, ['follow.mjs'], { cwd: folder, env: { ...env, QL_URL: base, QL_KEY: key } });
      let printed = '';
      consumer.stdout.setEncoding('utf8').on('data', (chunk: string) => (printed += chunk));
      const exited = new Promise((resolve) => consumer.on('exit', resolve));
      await eventually(() => remembered() === position);
      consumer.kill();
      await exited;
      return printed.trim().split('\n');
    };

    const before = await runUntilRemembered(await openCases());
    const after = await runUntilRemembered(await openCases());

    const stored = await collect(api.stores.events.readAll({ filter: { categories: ['careCase'] } }));
    expect([...before, ...after]).toEqual(stored.map((event) => `${event.position} ${event.type}`));
    expect(after).toHaveLength(3);
  }, 30_000);
});
