export * from './care-case-commands.service.js';
export * from './care.module.js';
