/** Ids of MedicationRequest resources: the MEDICATION row key (see common/id-scheme.ts). */
import { plainIds } from '../common/id-scheme.js';

/** `<key>`. */
export const MEDICATION_REQUEST_IDS = plainIds();
