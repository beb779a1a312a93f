export * from './checklist-template-commands.service.js';
export * from './inspection-commands.service.js';
export * from './quality.module.js';
