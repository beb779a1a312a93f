export * from './support-import-commands.service.js';
export * from './support-import.js';
export * from './support-ticket-commands.service.js';
export * from './support.module.js';
