/** Ids of Procedure resources: the PROCEDURES row key (see common/id-scheme.ts). */
import { plainIds } from '../common/id-scheme.js';

/** `<key>`. */
export const PROCEDURE_IDS = plainIds();
