export * from './council.projection.js';
export * from './metrics-pack.js';
export * from './agenda.js';
