export * from './org-chart.js';
export * from './organisation.projection.js';
