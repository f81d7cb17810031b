/** Ids of Immunization resources: the IMMUNIZATION row key (see common/id-scheme.ts). */
import { plainIds } from '../common/id-scheme.js';

/** `<key>`. */
export const IMMUNIZATION_IDS = plainIds();
