export * from './survey-commands.service.js';
export * from './surveys.module.js';
