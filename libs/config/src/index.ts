export * from './config.js';
export * from './cursor-key.js';
export * from './http-server.js';
export * from './protection.js';
export * from './bulk-export.js';
export * from './env-int.js';
