export * from './persistence.module.js';
export * from './projections.module.js';
export * from './stores.js';
export * from './ledger-key.js';
