export * from './checklist-templates.projection.js';
export * from './inspection-metrics.report.js';
export * from './inspections.projection.js';
