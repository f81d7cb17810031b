export * from './access-token-claims.js';
export * from './access-token-verifier.js';
export * from './smart-configuration.js';
export * from './smart-configuration-per-base.js';
