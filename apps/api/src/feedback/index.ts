export * from './feedback-commands.service.js';
export * from './feedback.module.js';
