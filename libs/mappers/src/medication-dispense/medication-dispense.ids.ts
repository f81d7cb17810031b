/** Ids of MedicationDispense resources: the RX_FILL row key (see common/id-scheme.ts). */
import { plainIds } from '../common/id-scheme.js';

/** `<key>`. */
export const MEDICATION_DISPENSE_IDS = plainIds();
