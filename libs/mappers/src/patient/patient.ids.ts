/** Ids of Patient resources: the PATIENT row key (see common/id-scheme.ts). */
import { plainIds } from '../common/id-scheme.js';

/** `<PAT_ID>`. */
export const PATIENT_IDS = plainIds();
