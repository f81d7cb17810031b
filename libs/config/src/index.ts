export * from './config.js';
export * from './cursor-key.js';
