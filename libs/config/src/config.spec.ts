import { resolve } from 'node:path';
import { ConfigError, loadConfig } from './config.js';

describe('loadConfig', () => {
  it('defaults to the embedded store in ./data with inline projections on port 3000', () => {
    expect(loadConfig({})).toEqual({
      port: 3000,
      dataDir: resolve('./data'),
      eventStore: 'sqlite',
      readStore: 'sqlite',
      projections: 'inline',
      durable: true,
      logLevel: 'info',
    });
  });

  it('reads every variable', () => {
    const config = loadConfig({
      PORT: '8080',
      DATA_DIR: '/tmp/ql',
      PROJECTIONS: 'off',
      DURABLE_COMMIT: 'false',
      LOG_LEVEL: 'debug',
    });
    expect(config).toMatchObject({ port: 8080, dataDir: '/tmp/ql', projections: 'off', durable: false, logLevel: 'debug' });
  });

  it('reports every problem at once', () => {
    try {
      loadConfig({ PORT: 'eighty', EVENT_STORE: 'postgres', PROJECTIONS: 'sometimes' });
      throw new Error('expected a ConfigError');
    } catch (error) {
      expect(error).toBeInstanceOf(ConfigError);
      expect((error as ConfigError).problems).toEqual([
        'PORT=eighty is not a port number (0-65535)',
        'EVENT_STORE=postgres is not one of: sqlite',
        'PROJECTIONS=sometimes is not one of: inline, off',
      ]);
    }
  });
});
