/** Ids of Goal resources: the GOAL row key (see common/id-scheme.ts). */
import { plainIds } from '../common/id-scheme.js';

/** `<GOAL_ID>`. */
export const GOAL_IDS = plainIds();
