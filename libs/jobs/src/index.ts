export * from './job-queues.js';
