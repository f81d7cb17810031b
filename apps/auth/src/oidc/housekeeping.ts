import type { FacadeStore } from '#facade/facade-store';
import type { JsonLogger } from '#facade/observability';
import { RETIRED_KEY_PUBLISH_MS } from './signing-keys.js';

/**
 * Periodically deletes expired oidc-provider records, replay records, revocations of expired tokens and retired
 * signing keys past their publication window,
 * expired portal sessions and sign-in counters idle for a day. Every instance may run it (deletes are idempotent).
 * Returns a function that stops it.
 */
export function startHousekeeping(store: FacadeStore, logger: JsonLogger, everyMs = 10 * 60_000): () => void {
  const run = async () => {
    try {
      const records = await store.oidc.purgeExpired();
      const revocations = await store.revocations.purgeExpired();
      const keys = await store.keys.purgeRetired(RETIRED_KEY_PUBLISH_MS);
      const sessions = await store.webSessions.purgeExpired(Date.now());
      const throttles = await store.signInThrottle.purge(Date.now() - 24 * 3600_000);
      if (records + revocations + keys + sessions + throttles > 0) logger.info('housekeeping', { records, revocations, keys, sessions, throttles });
    } catch (err) {
      logger.warn('housekeeping_failed', { error: err instanceof Error ? err.message : String(err) });
    }
  };
  const timer = setInterval(() => void run(), everyMs);
  timer.unref();
  return () => clearInterval(timer);
}
