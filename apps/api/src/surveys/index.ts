export * from './survey.commands.js';
export * from './surveys.module.js';
