import { resolve } from 'node:path';
import { ConfigError, loadConfig, loggableUrl } from './config.js';

function problemsOf(env: NodeJS.ProcessEnv): readonly string[] {
  try {
    loadConfig(env);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as ConfigError).problems;
  }
  throw new Error('expected a ConfigError');
}

describe('loadConfig', () => {
  it('defaults to the embedded store in ./data with the projections on a worker thread, on port 3000', () => {
    expect(loadConfig({})).toEqual({
      port: 3000,
      dataDir: resolve('./data'),
      eventStore: 'sqlite',
      eventStoreUrl: undefined,
      eventStoreNamespace: undefined,
      readStore: 'sqlite',
      mongodbUrl: undefined,
      projections: 'worker',
      durable: true,
      logLevel: 'info',
      bootstrapAdminKey: undefined,
      metricsKey: undefined,
      metricsPort: undefined,
      bodyLimit: 1024 * 1024,
      readYourWritesTimeoutMs: 5000,
      projectionLeaseTtlMs: 15_000,
      logPollIntervalMs: 100,
      careObservationWindowDays: 30,
      supportTargets: {
        firstResponseSeconds: 120,
        resolutionSeconds: 14_400,
        excellentShare: 0.9,
        contactsPerDay: 100,
        repeatContactShare: 0.05,
        closedShare: 0.95,
        escalationShare: 0.02,
      },
      supportRepeatWindowDays: 7,
      feedHeartbeatMs: 15_000,
      feedMaxConnections: 200,
      feedMaxConnectionsPerKey: 10,
      idempotencyRetentionHours: 24,
      ledgerSigningKeyFile: undefined,
      ledgerOrigin: undefined,
      ledgerCheckpointIntervalMs: 1000,
      rateLimitPerMinute: 600,
      rateLimitAnonymousPerMinute: 30,
      rateLimitFailedAuthPerMinute: 20,
    });
  });

  it('reads every variable', () => {
    const config = loadConfig({
      PORT: '8080',
      DATA_DIR: '/tmp/ql',
      PROJECTIONS: 'off',
      DURABLE_COMMIT: 'false',
      LOG_LEVEL: 'debug',
      BOOTSTRAP_ADMIN_KEY: 'a-fixed-admin-key-of-enough-length',
      BODY_LIMIT: '2048',
      READ_YOUR_WRITES_TIMEOUT_MS: '250',
      PROJECTION_LEASE_TTL_MS: '3000',
      LOG_POLL_INTERVAL_MS: '20',
      CARE_OBSERVATION_WINDOW_DAYS: '45',
      SUPPORT_REPEAT_WINDOW_DAYS: '14',
      FEED_HEARTBEAT_MS: '500',
      IDEMPOTENCY_RETENTION_HOURS: '48',
      LEDGER_SIGNING_KEY_FILE: '/secrets/ledger.pem',
      LEDGER_ORIGIN: 'quality.example.com/ledger',
      LEDGER_CHECKPOINT_INTERVAL_MS: '5000',
      METRICS_KEY: 'a-fixed-metrics-key-of-enough-length',
      METRICS_PORT: '9100',
      FEED_MAX_CONNECTIONS: '50',
      FEED_MAX_CONNECTIONS_PER_KEY: '2',
    });
    expect(config).toMatchObject({
      port: 8080,
      dataDir: '/tmp/ql',
      projections: 'off',
      durable: false,
      logLevel: 'debug',
      bootstrapAdminKey: 'a-fixed-admin-key-of-enough-length',
      bodyLimit: 2048,
      readYourWritesTimeoutMs: 250,
      projectionLeaseTtlMs: 3000,
      logPollIntervalMs: 20,
      careObservationWindowDays: 45,
      supportRepeatWindowDays: 14,
      feedHeartbeatMs: 500,
      idempotencyRetentionHours: 48,
      ledgerSigningKeyFile: '/secrets/ledger.pem',
      ledgerOrigin: 'quality.example.com/ledger',
      ledgerCheckpointIntervalMs: 5000,
      metricsKey: 'a-fixed-metrics-key-of-enough-length',
      metricsPort: 9100,
      feedMaxConnections: 50,
      feedMaxConnectionsPerKey: 2,
    });
  });

  it('takes a metrics key as it takes the bootstrap admin key, and a metrics port other than PORT', () => {
    expect(problemsOf({ METRICS_KEY: 'too-short-secret' })).toEqual(['METRICS_KEY is too short: it needs at least 24 characters']);
    expect(problemsOf({ PORT: '8080', METRICS_PORT: '8080' })).toEqual(['METRICS_PORT=8080 is PORT too: metrics get a port of their own']);
    expect(problemsOf({ METRICS_PORT: 'ninety' })).toEqual(['METRICS_PORT=ninety is not a port number (0-65535)']);
  });

  it('takes a ledger origin as a checkpoint can carry it: no spaces, no plus', () => {
    expect(problemsOf({ LEDGER_ORIGIN: 'quality ledger' })).toEqual(['LEDGER_ORIGIN=quality ledger must be 1 to 200 printable ASCII characters without spaces or +']);
    expect(problemsOf({ LEDGER_ORIGIN: 'a+b' })).toHaveLength(1);
    expect(problemsOf({ LEDGER_CHECKPOINT_INTERVAL_MS: '10' })).toEqual(['LEDGER_CHECKPOINT_INTERVAL_MS=10 is not a duration in milliseconds (100-3600000)']);
  });

  it('keeps idempotent answers for a whole number of hours, from one hour to a year', () => {
    expect(problemsOf({ IDEMPOTENCY_RETENTION_HOURS: '0' })).toEqual(['IDEMPOTENCY_RETENTION_HOURS=0 is not a number of hours (1-8760)']);
    expect(problemsOf({ IDEMPOTENCY_RETENTION_HOURS: '1.5' })).toEqual([
      'IDEMPOTENCY_RETENTION_HOURS=1.5 is not a number of hours (1-8760)',
    ]);
    expect(problemsOf({ IDEMPOTENCY_RETENTION_HOURS: 'a day' })).toHaveLength(1);
  });

  it('takes only a positive whole number of days as the observation window', () => {
    expect(problemsOf({ CARE_OBSERVATION_WINDOW_DAYS: '0' })).toEqual([
      'CARE_OBSERVATION_WINDOW_DAYS=0 is not a number of days (1-3650)',
    ]);
    expect(problemsOf({ CARE_OBSERVATION_WINDOW_DAYS: '7.5' })).toEqual([
      'CARE_OBSERVATION_WINDOW_DAYS=7.5 is not a number of days (1-3650)',
    ]);
  });

  it('reads the support targets, shares in whole percent', () => {
    const config = loadConfig({
      SUPPORT_TARGET_FIRST_RESPONSE_SECONDS: '60',
      SUPPORT_TARGET_RESOLUTION_SECONDS: '7200',
      SUPPORT_TARGET_EXCELLENT_PERCENT: '80',
      SUPPORT_TARGET_CONTACTS_PER_DAY: '250',
      SUPPORT_TARGET_REPEAT_PERCENT: '3',
      SUPPORT_TARGET_CLOSED_PERCENT: '99',
      SUPPORT_TARGET_ESCALATION_PERCENT: '1',
    });
    expect(config.supportTargets).toEqual({
      firstResponseSeconds: 60,
      resolutionSeconds: 7200,
      excellentShare: 0.8,
      contactsPerDay: 250,
      repeatContactShare: 0.03,
      closedShare: 0.99,
      escalationShare: 0.01,
    });
    expect(problemsOf({ SUPPORT_TARGET_CLOSED_PERCENT: '101' })).toEqual(['SUPPORT_TARGET_CLOSED_PERCENT=101 is not a percentage (0-100)']);
    expect(problemsOf({ SUPPORT_TARGET_FIRST_RESPONSE_SECONDS: '0' })).toEqual([
      'SUPPORT_TARGET_FIRST_RESPONSE_SECONDS=0 is not a number of seconds (1-31536000)',
    ]);
  });

  it('takes a feed heartbeat between 100 ms and 10 minutes', () => {
    expect(problemsOf({ FEED_HEARTBEAT_MS: '50' })).toEqual(['FEED_HEARTBEAT_MS=50 is not a duration in milliseconds (100-600000)']);
    expect(problemsOf({ FEED_HEARTBEAT_MS: 'often' })).toHaveLength(1);
  });

  it('selects a production store by its URL alone, or explicitly', () => {
    expect(
      loadConfig({ EVENTSTORE_URL: 'esdb://localhost:2113?tls=false', MONGODB_URL: 'mongodb://localhost:27017/ql?replicaSet=rs0' }),
    ).toMatchObject({
      eventStore: 'esdb',
      eventStoreUrl: 'esdb://localhost:2113?tls=false',
      readStore: 'mongo',
      mongodbUrl: 'mongodb://localhost:27017/ql?replicaSet=rs0',
    });
    expect(loadConfig({ EVENTSTORE_URL: 'esdb://localhost:2113', EVENT_STORE: 'sqlite' }).eventStore).toBe('sqlite');
  });

  it('prefixes the EventStoreDB streams with a namespace of letters and digits, for EventStoreDB only', () => {
    expect(loadConfig({ EVENTSTORE_URL: 'esdb://localhost:2113?tls=false', EVENTSTORE_NAMESPACE: 'plantB2' }).eventStoreNamespace).toBe('plantB2');
    expect(problemsOf({ EVENTSTORE_URL: 'esdb://localhost:2113', EVENTSTORE_NAMESPACE: 'plant-b' })).toEqual([
      'EVENTSTORE_NAMESPACE=plant-b is not 1 to 64 letters and digits',
    ]);
    expect(problemsOf({ EVENTSTORE_URL: 'esdb://localhost:2113', EVENTSTORE_NAMESPACE: 'a'.repeat(65) })).toHaveLength(1);
    expect(problemsOf({ EVENTSTORE_NAMESPACE: 'plantB2' })).toEqual(['EVENTSTORE_NAMESPACE applies to EventStoreDB only: set EVENTSTORE_URL too']);
  });

  it('names a missing or malformed store URL without echoing it', () => {
    expect(problemsOf({ EVENT_STORE: 'esdb', READ_STORE: 'mongo' })).toEqual([
      'EVENT_STORE=esdb needs EVENTSTORE_URL (e.g. esdb://localhost:2113?tls=false)',
      'READ_STORE=mongo needs MONGODB_URL (e.g. mongodb://localhost:27017/quality-ledger?replicaSet=rs0)',
    ]);
    const malformed = problemsOf({ EVENTSTORE_URL: 'http://user:secret@es:2113', MONGODB_URL: 'localhost:27017' });
    expect(malformed).toEqual([
      'EVENTSTORE_URL is not an esdb:// or kurrentdb:// connection string',
      'MONGODB_URL is not a mongodb:// or mongodb+srv:// connection string',
    ]);
    expect(malformed.join()).not.toContain('secret');
  });

  it('reports every problem at once', () => {
    expect(problemsOf({ PORT: 'eighty', EVENT_STORE: 'postgres', PROJECTIONS: 'sometimes', BODY_LIMIT: '1.5' })).toEqual([
      'PORT=eighty is not a port number (0-65535)',
      'EVENT_STORE=postgres is not one of: sqlite, esdb',
      'PROJECTIONS=sometimes is not one of: worker, inline, off',
      'BODY_LIMIT=1.5 is not a size in bytes (1024-104857600)',
    ]);
  });

  it('rejects a short or blank-holding bootstrap admin key without repeating it', () => {
    const short = problemsOf({ BOOTSTRAP_ADMIN_KEY: 'too-short-secret' });
    expect(short).toEqual(['BOOTSTRAP_ADMIN_KEY is too short: it needs at least 24 characters']);
    const spaced = problemsOf({ BOOTSTRAP_ADMIN_KEY: 'a key with spaces in it, long enough' });
    expect(spaced).toEqual(['BOOTSTRAP_ADMIN_KEY may only hold printable ASCII characters without spaces']);
    expect([...short, ...spaced].join()).not.toContain('secret');
  });
});

describe('loggableUrl', () => {
  it.each([
    ['mongodb://user:secret@db.example:27017/ql?replicaSet=rs0&authSource=admin', 'mongodb://db.example:27017/ql'],
    ['mongodb+srv://user:p@ss@cluster.example/ql', 'mongodb+srv://cluster.example/ql'],
    ['mongodb://a:1,b:2/?replicaSet=rs0', 'mongodb://a:1,b:2/'],
    ['esdb+discover://admin:changeit@node1:2113,node2:2113?tls=true', 'esdb+discover://node1:2113,node2:2113'],
    ['mongodb://localhost:27017', 'mongodb://localhost:27017'],
  ])('shows %s as %s', (url, shown) => {
    expect(loggableUrl(url)).toBe(shown);
  });

  it('shows nothing of a string that is not a URL', () => {
    expect(loggableUrl('user:secret at db.example')).toBe('(a URL that is not well-formed)');
  });
});
