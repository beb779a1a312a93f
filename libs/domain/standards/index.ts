export * from './standard.commands.js';
export * from './standard.decider.js';
export * from './standard.events.js';
