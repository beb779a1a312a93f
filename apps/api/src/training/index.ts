export * from './group-training.commands.js';
export * from './knowledge-base.commands.js';
export * from './training-plan.commands.js';
export * from './training.module.js';
