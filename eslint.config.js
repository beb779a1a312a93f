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
);
