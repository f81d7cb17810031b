/** Ids of Medication resources: the MEDICATION row key of an NDC product (see common/id-scheme.ts). */
import { plainIds } from '../common/id-scheme.js';

/** `<key>`. */
export const MEDICATION_IDS = plainIds();
