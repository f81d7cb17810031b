/** Ids of Location resources: the FACILITY row key (see common/id-scheme.ts). */
import { plainIds } from '../common/id-scheme.js';

/** `<FACILITY_ID>`. */
export const LOCATION_IDS = plainIds();
