export * from './mongo-read-store.js';
export * from './mongo-idempotency-store.js';
export * from './mongo-ledger-tables.js';
