export * from './knowledge-base.projection.js';
export * from './training-metrics.projection.js';
export * from './training-metrics.report.js';
export * from './training-plan-proposer.js';
export * from './training-plans.projection.js';
export * from './training-sessions.projection.js';
export * from './webinars.projection.js';
export * from './plan-effectiveness.js';
