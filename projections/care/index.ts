export * from './care-cases.projection.js';
export * from './refund-retention.report.js';
