/** Observation: laboratory results (LAB_RESULT), vital signs (VITALS), social history (SOCIAL_HX), clinical results (LAB_RESULT of RAD/CARD/PATH orders). */
import type { ResourceEntry, SourceEntry } from '../engine/registry/resource-entry.js';
import { labResultSource } from './observation-lab.source.js';
import { packYearsSource } from './observation-pack-years.source.js';
import { screeningSource } from './observation-screening.source.js';
import { socialHistorySource } from './observation-social.source.js';
import { vitalSignsSource } from './observation-vitals.source.js';
import { clinicalResultSource } from './observation-clinical-result.source.js';

/**
 * The Observation registry entry. A new Observation table (screenings, clinical results ...) is one more source in
 * its own `observation-<name>.source.ts`, added to the list below; its profiles and searches join the type's.
 */
export function observationResource(extraSources: readonly SourceEntry[] = []): ResourceEntry {
  return {
    type: 'Observation',
    inPatientCompartment: true,
    sources: [labResultSource, vitalSignsSource, socialHistorySource, clinicalResultSource, screeningSource, packYearsSource, ...extraSources],
    extraIncludes: ['Observation:patient'],
  };
}
