export * from './smart-scope.js';
export * from './access-decision.js';
