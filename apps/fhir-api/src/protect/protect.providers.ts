/**
 * The providers of the FHIR API's protection of the EHR database (issue 12): the global statement gate (also
 * used by fhir.providers.ts to guard the legacy DataSource), the per-app / per-practice request limiter (Redis
 * when REDIS_URL is set, in-process otherwise) and its admission guard (FhirRoutes), and their shutdown.
 */
import { Inject, Injectable, type OnApplicationShutdown, type Provider } from '@nestjs/common';
import { Redis } from 'ioredis';
import type { AppConfig } from '#facade/config';
import type { FacadeStore } from '#facade/facade-store';
import { JsonLogger } from '#facade/observability';
import { FACADE_STORE, FHIR_APP_OPTIONS, FHIR_CONFIG } from '../fhir-api.tokens.js';
import type { FhirAppOptions } from '../fhir-app.options.js';
import { AppLimitCache } from './app-limit-cache.js';
import { GracefulDrain } from './graceful-drain.js';
import { LEGACY_STATEMENT_GATE, LIMITS_REDIS } from './protect.tokens.js';
import { RequestLimiter } from './request-limiter.js';
import { StatementGate } from './statement-gate.js';
import { ThrottleGuard } from './throttle.guard.js';
import { FHIR_ADMISSION_GUARDS } from '../http/fhir-routes.js';

/** Redis for shared counters: commands fail at once while it is down (the limiter's in-memory insurance counts). */
function limitsRedis(config: AppConfig, logger: JsonLogger): Redis | null {
  if (!config.redisUrl || !config.protection.rateLimits.enabled) return null;
  const redis = new Redis(config.redisUrl, { enableOfflineQueue: false, maxRetriesPerRequest: 0, commandTimeout: 250, connectTimeout: 2000, lazyConnect: false });
  let warned = 0;
  redis.on('error', (e: Error & { code?: string }) => {
    // At most one line a minute: counts continue in memory while Redis is away.
    if (Date.now() - warned < 60_000) return;
    warned = Date.now();
    logger.warn('rate_limit_redis_unavailable', { error: e.code ?? e.name });
  });
  return redis;
}

export function protectProviders(): Provider[] {
  return [
    {
      provide: LEGACY_STATEMENT_GATE,
      useFactory: (c: AppConfig) => new StatementGate({ maxStatements: c.protection.legacyDb.maxStatements, queueTimeoutMs: c.protection.legacyDb.queueTimeoutMs }),
      inject: [FHIR_CONFIG],
    },
    { provide: LIMITS_REDIS, useFactory: limitsRedis, inject: [FHIR_CONFIG, JsonLogger] },
    {
      provide: RequestLimiter,
      useFactory: (c: AppConfig, o: FhirAppOptions, redis: Redis | null, store: FacadeStore | null) =>
        new RequestLimiter({
          defaults: c.protection.rateLimits,
          redis,
          keyPrefix: o.rateLimitKeyPrefix,
          appLimits: o.appLimits ?? (store ? new AppLimitCache(store.appLimits) : undefined),
        }),
      inject: [FHIR_CONFIG, FHIR_APP_OPTIONS, LIMITS_REDIS, FACADE_STORE],
    },
    ThrottleGuard,
    // Run by FhirRoutes after each FHIR route's own guards (format, bearer token).
    { provide: FHIR_ADMISSION_GUARDS, useFactory: (t: ThrottleGuard) => [t], inject: [ThrottleGuard] },
    ProtectShutdown,
    GracefulDrain,
  ];
}

/** Closes the counters' Redis connection when the app shuts down. */
@Injectable()
export class ProtectShutdown implements OnApplicationShutdown {
  constructor(@Inject(LIMITS_REDIS) private readonly redis: Redis | null) {}

  async onApplicationShutdown(): Promise<void> {
    if (!this.redis) return;
    await this.redis.quit().catch(() => this.redis?.disconnect());
  }
}
