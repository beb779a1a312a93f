import { jest } from '@jest/globals';
import { rmSync } from 'node:fs';
import { FIRST_ADMIN_KEY_NOTICE } from '../../apps/api/src/auth/first-admin-key.service.js';
import { planDemo } from '../../apps/cli/src/demo/demo-plan.js';
import { fillDemoStore } from '../../apps/cli/src/demo/fill-demo-store.js';
import { MAX_API_KEY_LIFETIME_DAYS } from '#domain/access/index.js';
import { loadConfig } from '#config';
import { collect } from '../support/collect.js';
import { bearer, newDataDir, startTestApp } from '../support/test-app.js';

const DAY_MS = 86_400_000;

/**
 * A demo filled without BOOTSTRAP_ADMIN_KEY prints the first admin key, which must work on the store
 * today: issued as the history begins, a key would expire a year into a longer history.
 */
describe('the demo without a bootstrap key', () => {
  it('issues the first admin key at the end of the history, and prints it once', async () => {
    const dataDir = newDataDir();
    const printed = jest.spyOn(console, 'log').mockImplementation(() => undefined);
    try {
      const config = loadConfig({ DATA_DIR: dataDir, DURABLE_COMMIT: 'false', LOG_LEVEL: 'silent', BOOTSTRAP_ADMIN_KEY: '' });
      const end = new Date();
      const plan = planDemo({ seed: 3, months: 1, end, casesPerMonth: 10, observationWindowDays: 30, inspectionsPerWeek: 2, contactsPerDay: 1 });
      await fillDemoStore({ config, plan });
      const notices = printed.mock.calls.map(([line]) => String(line)).filter((line) => line.startsWith(FIRST_ADMIN_KEY_NOTICE));
      expect(notices).toHaveLength(1);
      const key = notices[0]!.slice(FIRST_ADMIN_KEY_NOTICE.length).trim();
      printed.mockRestore();

      const api = await startTestApp({ dataDir, env: { BOOTSTRAP_ADMIN_KEY: '' } });
      try {
        const { body } = await api.http().get('/api-keys').set(bearer(key)).expect(200);
        const [admin] = body.items as { roles: string[]; expiresAt: string }[];
        expect(admin!.roles).toEqual(['admin']);
        expect(Date.parse(admin!.expiresAt)).toBe(end.getTime() + MAX_API_KEY_LIFETIME_DAYS * DAY_MS);
        const issued = await collect(api.stores.events.readAll({ filter: { types: ['ApiKeyIssued'] } }));
        expect(issued).toHaveLength(1);
        expect(api.printed).toEqual([]);
      } finally {
        await api.close();
      }
    } finally {
      printed.mockRestore();
      rmSync(dataDir, { recursive: true, force: true });
    }
  }, 120_000);
});
