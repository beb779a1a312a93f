export * from './persistence.module.js';
export * from './projections.module.js';
export * from './stores.js';
export * from './log.js';
export * from './connect.js';
export * from './ledger-key.js';
export * from './parallel-leaf-check.js';
export * from './projection-worker.js';
