export * from './organisation-directory.js';
export * from './organisation.module.js';
