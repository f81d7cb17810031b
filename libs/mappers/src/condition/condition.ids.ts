/** Ids of Condition resources: the PROBLEM row key (see common/id-scheme.ts). */
import { plainIds } from '../common/id-scheme.js';

/** `<PROB_ID>`. */
export const CONDITION_IDS = plainIds();
