export * from './checklist-template.commands.js';
export * from './inspection.commands.js';
export * from './quality.module.js';
