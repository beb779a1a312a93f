/** Jest in ESM mode: the project and NestJS 12 are ES modules. */
const swc = {
  jsc: {
    parser: { syntax: 'typescript', decorators: true },
    transform: { legacyDecorator: true, decoratorMetadata: true },
    target: 'es2023',
  },
  module: { type: 'es6' },
  sourceMaps: 'inline',
};

/**
 * `@fastify/static` (the Swagger UI's assets) is CommonJS and requires `content-disposition`, which is
 * ESM-only. Node >= 20.19 loads that through require(esm); Jest's module loader does not, so that one
 * package is compiled to CommonJS for the tests.
 */
const esmOnlyRequiredFromCommonJs = ['content-disposition'];

/**
 * A guard against a test that hangs, not a timing target: e2e tests boot an app and issue many commands
 * in their hooks, and on a busy 2-core machine Jest's default 5 s is reached by work that is correct.
 */
const HUNG_TEST_MS = 120_000;

/**
 * Each test file's ES modules stay in the memory of the process that ran it, about 20 MB a file. On 2
 * cores Jest runs all files in band, in its own process, which reached the 4 GB heap limit near the end
 * of the suite. With a limit, the files run in a worker that is replaced once it holds more.
 */
const WORKER_MEMORY_LIMIT = '1GB';

export default {
  testEnvironment: 'node',
  workerIdleMemoryLimit: WORKER_MEMORY_LIMIT,
  testTimeout: HUNG_TEST_MS,
  extensionsToTreatAsEsm: ['.ts'],
  transform: {
    '^.+\\.ts$': ['@swc/jest', swc],
    [`/node_modules/(${esmOnlyRequiredFromCommonJs.join('|')})/.+\\.js$`]: ['@swc/jest', { module: { type: 'commonjs' } }],
  },
  transformIgnorePatterns: [`/node_modules/(?!(${esmOnlyRequiredFromCommonJs.join('|')})/)`],
  moduleNameMapper: {
    '^#kernel$': '<rootDir>/libs/eventsourcing/src/index.ts',
    '^#kernel/(.*)\\.js$': '<rootDir>/libs/eventsourcing/src/$1.ts',
    '^#domain/(.*)\\.js$': '<rootDir>/libs/domain/$1.ts',
    '^#stores/(.*)$': '<rootDir>/libs/store-$1/src/index.ts',
    '^#(persistence|config|ledger)$': '<rootDir>/libs/$1/src/index.ts',
    '^#projections/(.*)\\.js$': '<rootDir>/projections/$1.ts',
    '^(\\.{1,2}/.*)\\.js$': '$1',
  },
  testMatch: ['**/?(*.)+(spec|int-spec|e2e-spec|browser-spec).ts'],
  testPathIgnorePatterns: ['/node_modules/', '/dist/'],
  reporters: ['default', '<rootDir>/test/support/summary-reporter.js'],
};
