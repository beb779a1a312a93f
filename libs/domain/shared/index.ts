export * from './days.js';
export * from './money.js';
export * from './objects.js';
export * from './validation.js';
