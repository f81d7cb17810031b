/** Ids of Encounter resources: the VISIT row key (see common/id-scheme.ts). */
import { plainIds } from '../common/id-scheme.js';

/** `<VISIT_ID>`. */
export const ENCOUNTER_IDS = plainIds();
