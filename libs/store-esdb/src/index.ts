export * from './esdb-event-store.js';
export { positionOf, toEsdbPosition } from './esdb-mapping.js';
