/** Ids of CarePlan resources: the CARE_PLAN row key (see common/id-scheme.ts). */
import { plainIds } from '../common/id-scheme.js';

/** `<CP_ID>`. */
export const CARE_PLAN_IDS = plainIds();
