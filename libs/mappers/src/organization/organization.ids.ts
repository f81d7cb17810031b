/** Ids of Organization resources: practices and payers share the type, so each table has its prefix. */
import { prefixedIds } from '../common/id-scheme.js';

/** `practice-<PRACTICE_ID>`. */
export const PRACTICE_ORGANIZATION_IDS = prefixedIds('practice');
/** `payer-<PAYER_ID>`. */
export const PAYER_ORGANIZATION_IDS = prefixedIds('payer');
