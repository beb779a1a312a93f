export * from './support-metrics.projection.js';
export * from './support-metrics.report.js';
export * from './support-targets.js';
