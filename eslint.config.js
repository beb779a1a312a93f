import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const drivers = ['better-sqlite3', 'mongodb', '@eventstore/*', '@nestjs/*', 'fastify', '@fastify/*'];

/** The layer rule: the kernel, the ledger's proofs, the domain and the projections depend on no framework and no driver. */
const layerRule = {
  'no-restricted-imports': [
    'error',
    {
      patterns: [
        {
          group: drivers,
          message: 'The kernel, the domain and projections/ stay free of NestJS and database drivers (see docs/ARCHITECTURE.md).',
        },
        {
          group: ['\\#stores/*', '\\#persistence', '**/store-*/**', '**/persistence/**', '**/apps/**'],
          message: 'The kernel, the domain and projections/ never reach into adapters or apps.',
        },
      ],
    },
  ],
};

/**
 * The console runs in a browser: it reaches the API over HTTP only, and may share the API's types but
 * no code of the server, which would pull Node built-ins and drivers into the bundle.
 */
const consoleRule = {
  '@typescript-eslint/no-restricted-imports': [
    'error',
    {
      patterns: [
        { group: ['node:*', ...drivers], message: 'The console runs in a browser (see docs/CONSOLE.md).' },
        {
          group: ['\\#*', '**/libs/**', '**/apps/api/**', '**/projections/**'],
          allowTypeImports: true,
          message: 'The console shares types with the server, never code (see docs/CONSOLE.md).',
        },
      ],
    },
  ],
};

const browserGlobals = Object.fromEntries(
  ['window', 'document', 'location', 'history', 'sessionStorage', 'fetch', 'URL', 'URLSearchParams', 'print',
    'addEventListener', 'removeEventListener', 'dispatchEvent', 'PopStateEvent', 'KeyboardEvent', 'SubmitEvent',
    'HTMLElement', 'HTMLFormElement', 'HTMLInputElement', 'Response'].map((name) => [name, 'readonly']),
);

export default tseslint.config(
  { ignores: ['dist/', 'node_modules/', 'data/', 'coverage/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: {
      globals: { console: 'readonly', process: 'readonly', setTimeout: 'readonly', clearTimeout: 'readonly' },
    },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-warning-comments': ['error', { terms: ['todo', 'fixme', 'xxx'], location: 'start' }],
    },
  },
  {
    files: ['libs/eventsourcing/**/*.ts', 'libs/ledger/**/*.ts', 'libs/domain/**/*.ts', 'projections/**/*.ts'],
    rules: layerRule,
  },
  {
    files: ['apps/api/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [
            {
              name: 'class-validator',
              importNames: ['IsOptional'],
              message: 'IsOptional lets null through as if the field were left out; use Omittable (apps/api/src/platform/omittable.ts).',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['apps/console/src/**/*.{ts,tsx}'],
    languageOptions: { globals: browserGlobals },
    rules: consoleRule,
  },
  {
    files: ['apps/console/vite.config.js'],
    languageOptions: { globals: { URL: 'readonly' } },
  },
);
