export * from './feedback.projection.js';
export * from './feedback-metrics.report.js';
