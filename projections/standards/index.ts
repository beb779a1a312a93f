export * from './standards.projection.js';
