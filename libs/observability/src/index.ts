export * from './logger.js';
export * from './telemetry/http-labels.js';
export * from './telemetry/metrics-auth.js';
export * from './telemetry/telemetry-config.js';
export * from './telemetry/engine-observer.js';
export * from './telemetry/telemetry.js';
export * from './telemetry/audit-metrics.js';
export * from './telemetry/express-telemetry.js';
