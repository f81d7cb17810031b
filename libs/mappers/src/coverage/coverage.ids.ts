/** Ids of Coverage resources: the PAT_INSURANCE row key (see common/id-scheme.ts). */
import { plainIds } from '../common/id-scheme.js';

/** `<key>`. */
export const COVERAGE_IDS = plainIds();
