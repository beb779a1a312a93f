export * from './audit-trail.projection.js';
