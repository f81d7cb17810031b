/** Ids of Practitioner resources: the PROVIDER row key (see common/id-scheme.ts). */
import { plainIds } from '../common/id-scheme.js';

/** `<PROV_ID>`. */
export const PRACTITIONER_IDS = plainIds();
