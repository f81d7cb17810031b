export * from './legacy-password.js';
