/**
 * `libs/security`: legacy password verification, SMART scopes and access decisions, access-token claims and
 * their verifier, the SMART configuration document. No database, no framework.
 */
export * from './passwords/index.js';
export * from './scopes/index.js';
export * from './tokens/index.js';
