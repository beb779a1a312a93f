export * from './support-metrics.module.js';
export * from './support-metrics.service.js';
