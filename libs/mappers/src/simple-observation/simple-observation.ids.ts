/** Ids of the simple Observations of SOCIAL_HX (see common/id-scheme.ts). */
import { prefixedIds } from '../common/id-scheme.js';

/** `pack-years-<SOC_ID>` (distinct from the social-history facets `<facet>-<SOC_ID>`). */
export const PACK_YEARS_IDS = prefixedIds('pack-years');
