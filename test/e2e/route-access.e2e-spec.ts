import { newDataDir, startTestApp } from '../support/test-app.js';
import { UndeclaredAccessController } from '../support/probe.controllers.js';
import { rmSync } from 'node:fs';

describe('route access declarations', () => {
  it('refuses to start when a route declares neither @Roles nor @Public', async () => {
    const dataDir = newDataDir();
    try {
      await expect(startTestApp({ dataDir, controllers: [UndeclaredAccessController] })).rejects.toThrow(
        'routes without @Roles(...) or @Public(): UndeclaredAccessController.open',
      );
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
