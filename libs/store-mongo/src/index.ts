export * from './mongo-read-store.js';
