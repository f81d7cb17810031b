/**
 * What the search engine reports to telemetry, without the OpenTelemetry SDK: the engine (and the export thread,
 * which runs it without telemetry) imports this module alone (`#facade/observability/src/telemetry/engine-observer.js`).
 */

/** What the engine reports: legacy statements and cache lookups (spans when the request is traced). */
export interface EngineObserver {
  /** Whether spans are made (callers read the clock for {@link cacheLookup} only then: a clock read is not free). */
  readonly traced: boolean;
  /** A legacy statement of `kind` (rows, versions, count, ...) ran from `startedMs` (`performance.now()`) until now. */
  statement(kind: string, startedMs: number): void;
  /** A cache lookup of one query found `hits` current entries and `misses` rows to load, from `startedMs` until now. */
  cacheLookup(hits: number, misses: number, startedMs: number): void;
}

/** An observer that records nothing (engines built without telemetry: tests, tools). */
export const NO_ENGINE_OBSERVER: EngineObserver = { traced: false, statement: () => undefined, cacheLookup: () => undefined };
