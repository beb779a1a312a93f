export * from './hashing.js';
export * from './tree.js';
export * from './proofs.js';
export * from './leaf.js';
export * from './checkpoint.js';
