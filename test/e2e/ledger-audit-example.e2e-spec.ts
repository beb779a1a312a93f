import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { employeeKey, keyWith } from '../support/care-cases.js';
import { councilDesk } from '../support/council.js';
import { markdownBlock } from '../support/markdown.js';
import { until } from '../support/until.js';
import { asAdmin, startTestApp, type TestApp } from '../support/test-app.js';

/** The compiled CLI, as `npm run cli` runs it once built (`npm test` builds first). */
const CLI = join(process.cwd(), 'dist/apps/cli/src/main.js');

const describeBuilt = existsSync(CLI) ? describe : describe.skip;
if (!existsSync(CLI)) process.stdout.write('the auditor example of docs/LEDGER.md skipped: run npm run build first (npm test does)\n');

describeBuilt("the auditor example of docs/LEDGER.md", () => {
  let api: TestApp;
  let folder: string;

  beforeAll(async () => {
    api = await startTestApp({ env: { LEDGER_CHECKPOINT_INTERVAL_MS: '100' } });
    folder = mkdtempSync(join(tmpdir(), 'quality-ledger-auditor-'));
  });

  afterAll(async () => {
    await api.destroy();
    rmSync(folder, { recursive: true, force: true });
  });

  it('proves a council decision with the public key and a saved checkpoint, and fails once the decision is rewritten', async () => {
    const admin = councilDesk(api, asAdmin);
    const chair = councilDesk(api, await employeeKey(api, 'm1', 'council-chair'));
    for (const id of ['m1']) await admin.appoint(id).expect(200);
    await admin.appointChair('m1').expect(200);
    await admin.setQuorum({ kind: 'count', count: 1 }).expect(200);
    await chair.schedule({ id: 'meeting-audited', day: '2026-03-04' }).expect(201);
    await chair.open('meeting-audited', ['m1']).expect(200);
    const proposalId = (await chair.propose('meeting-audited').expect(201)).body.id;
    await chair.vote('meeting-audited', proposalId, 'for').expect(200);
    await chair.decide('meeting-audited', proposalId).expect(200);
    await chair.close('meeting-audited').expect(200);
    const signed = await chair.sign('meeting-audited').expect(200);
    await until('a checkpoint covers the minutes', async () => ((await api.stores.ledger.latestCheckpoint())?.treeSize ?? 0) >= Number(signed.body.position));
    await until('the audit trail shows the decision', async () => (await api.http().get('/audit').query({ type: 'DecisionAdopted' }).set(asAdmin)).body.items?.length > 0);

    await api.app.listen(0, '127.0.0.1');
    const port = new URL(await api.app.getUrl()).port;
    const auditorKey = (await keyWith(api, 'auditor')).Authorization.replace('Bearer ', '');
    const script = markdownBlock('docs/LEDGER.md', 'Auditing with the public key and a saved checkpoint', 'sh').replaceAll('localhost:3000', `127.0.0.1:${port}`).replaceAll('npm run cli --', `node ${CLI}`);
    const { NODE_OPTIONS: _jestOptions, ...env } = process.env;
    // Asynchronously: the example calls the api, which answers from this very process.
    const run = () =>
      new Promise<{ status: number | null; stdout: string; stderr: string }>((resolve, reject) => {
        // No stdin: a top-level `bash -c` whose stdin is a socket reads the system's bashrc, as if run by sshd.
        const child = spawn('bash', ['-euo', 'pipefail', '-c', script], { cwd: folder, env: { ...env, AUDITOR_KEY: auditorKey }, stdio: ['ignore', 'pipe', 'pipe'] });
        let [stdout, stderr] = ['', ''];
        child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
        child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
        child.on('error', reject).on('close', (status) => resolve({ status, stdout, stderr }));
      });

    const holds = await run();
    expect({ status: holds.status, stderr: holds.stderr }).toEqual({ status: 0, stderr: '' });
    expect(holds.stdout.match(/^HOLDS: /gm)).toHaveLength(3);
    expect(holds.stdout).not.toMatch(/^FAILS/m);

    const { position } = (await api.http().get(`/audit/decisions/${proposalId}`).set(asAdmin).expect(200)).body.ledger;
    const db = new (await import('better-sqlite3')).default(join(api.dataDir, 'quality-ledger.sqlite'));
    db.prepare(`UPDATE events SET data = replace(data, '"for":1', '"for":2') WHERE position = ?`).run(Number(position));
    db.close();
    const fails = await run();
    expect(fails.status).toBe(1);
    expect(fails.stdout).toMatch(new RegExp(`^FAILS: decision ${proposalId} is the event at position ${position}`, 'm'));
  });
});
