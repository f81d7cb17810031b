/** Injection tokens of the protection providers (protect.providers.ts). */

/** The {@link StatementGate} in front of the legacy DataSource. */
export const LEGACY_STATEMENT_GATE = Symbol('LEGACY_STATEMENT_GATE');
/** The Redis connection of the request counters, or null (in-process counts). */
export const LIMITS_REDIS = Symbol('LIMITS_REDIS');
