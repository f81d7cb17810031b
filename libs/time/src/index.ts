/**
 * `libs/time`: the clinic's wall clock and absolute instants. A leaf: it imports nothing of ours, so the
 * database layer, the FHIR core, the mappers and the configuration can all use it without depending on each other.
 */
export * from './wall-clock.js';
