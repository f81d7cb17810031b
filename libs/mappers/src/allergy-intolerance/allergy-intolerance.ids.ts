/** Ids of AllergyIntolerance resources: the ALLERGY row key (see common/id-scheme.ts). */
import { plainIds } from '../common/id-scheme.js';

/** `<ALLERGY_ID>`. */
export const ALLERGY_INTOLERANCE_IDS = plainIds();
