import { rmSync } from 'node:fs';
import { FIRST_ADMIN_KEY_NOTICE } from '../../apps/api/src/auth/first-admin-key.service.js';
import { collect } from '../support/collect.js';
import { bearer, newDataDir, startTestApp, TEST_ADMIN_KEY } from '../support/test-app.js';

const WITHOUT_BOOTSTRAP_KEY = { BOOTSTRAP_ADMIN_KEY: '' };

function generatedKeyIn(printed: readonly string[]): string {
  const notices = printed.filter((line) => line.startsWith(FIRST_ADMIN_KEY_NOTICE));
  expect(notices).toHaveLength(1);
  return notices[0]!.slice(FIRST_ADMIN_KEY_NOTICE.length).trim();
}

describe('the first admin key', () => {
  it('BOOTSTRAP_ADMIN_KEY is an admin key, stored nowhere, and no key is generated', async () => {
    const api = await startTestApp();
    try {
      await api.http().get('/api-keys').set(bearer(TEST_ADMIN_KEY)).expect(200);
      await api.http().get('/api-keys').set(bearer(`${TEST_ADMIN_KEY}x`)).expect(401);
      expect(api.printed).toEqual([]);
      expect(await collect(api.stores.events.readAll())).toEqual([]);
    } finally {
      await api.destroy();
    }
  });

  it('on a first start without one, is generated through a command, printed once, and not again on restart', async () => {
    const dataDir = newDataDir();
    try {
      const first = await startTestApp({ dataDir, env: WITHOUT_BOOTSTRAP_KEY });
      const key = generatedKeyIn(first.printed);
      expect(key).toMatch(/^ql_[A-Za-z0-9_-]{43}$/);
      await first.http().get('/api-keys').set(bearer(key)).expect(200);
      const events = await collect(first.stores.events.readAll({ filter: { types: ['ApiKeyIssued'] } }));
      expect(events).toHaveLength(1);
      expect(events[0]!.data).toMatchObject({ roles: ['admin'] });
      expect(events[0]!.metadata.actor).toEqual({ id: 'system', roles: ['admin'] });
      await first.close();

      const restarted = await startTestApp({ dataDir, env: WITHOUT_BOOTSTRAP_KEY });
      expect(restarted.printed).toEqual([]);
      await restarted.http().get('/api-keys').set(bearer(key)).expect(200);
      await restarted.close();
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
