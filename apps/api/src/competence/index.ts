export * from './competence.module.js';
