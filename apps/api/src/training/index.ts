export * from './group-training-commands.service.js';
export * from './knowledge-base-commands.service.js';
export * from './training-plan-commands.service.js';
export * from './training.module.js';
