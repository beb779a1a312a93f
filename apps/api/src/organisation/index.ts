export * from './organisation-directory.service.js';
export * from './organisation.module.js';
