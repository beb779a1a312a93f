export * from './survey-metrics.report.js';
export * from './survey-responses.projection.js';
export * from './surveys.projection.js';
