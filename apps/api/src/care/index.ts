export * from './care-case.commands.js';
export * from './care.module.js';
