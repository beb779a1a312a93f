export * from './database.js';
export * from './sqlite-event-store.js';
export * from './sqlite-read-store.js';
export * from './sqlite-idempotency-store.js';
export * from './sqlite-ledger.js';
export * from './calendar.js';
