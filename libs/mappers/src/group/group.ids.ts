/**
 * Ids of Group resources (patient panels): one Group per practice and one per provider's primary-care panel, so
 * each table has its prefix (see common/id-scheme.ts). Stable: the Bulk export's `Group/[id]/$export` uses them.
 */
import { prefixedIds } from '../common/id-scheme.js';

/** `practice-<PRACTICE_ID>`: the practice's patients. */
export const PRACTICE_GROUP_IDS = prefixedIds('practice');
/** `pcp-<PROV_ID>`: the patients whose primary care provider (PATIENT.PCP_PROV_ID) is that provider. */
export const PCP_GROUP_IDS = prefixedIds('pcp');
