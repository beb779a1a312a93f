export * from './motivation.projection.js';
