export * from './competence-catalogue.projection.js';
export * from './gap-coverage.report.js';
export * from './skill-gaps.projection.js';
export * from './skill-gaps.views.js';
export * from './check-campaigns.projection.js';
export * from './check-campaigns.views.js';
