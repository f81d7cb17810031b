/**
 * Ids of Observation resources: three tables share the type, so each has its own form. VITALS and SOCIAL_HX rows
 * yield one Observation per measured sign / recorded facet (the item's position is the engine's paging sub-key).
 */
import { itemIds, prefixedIds } from '../common/id-scheme.js';

/** Slugs of the vital signs in one VITALS row; each is one Observation (`vitals-<VITAL_ID>-<slug>`). */
export const VITAL_SIGN_SLUGS = [
  'height',
  'weight',
  'bmi',
  'bp',
  'heart-rate',
  'respiratory-rate',
  'temperature',
  'pulse-oximetry',
  'head-circumference',
  'bmi-percentile',
  'weight-for-length-percentile',
  'head-circumference-percentile',
] as const;
export type VitalSignSlug = (typeof VITAL_SIGN_SLUGS)[number];

/** Facets of one SOCIAL_HX row; each is one Observation (`<facet>-<SOC_ID>`). */
export const SOCIAL_HISTORY_FACETS = ['smoking', 'sexual-orientation', 'pregnancy-status', 'pregnancy-intent', 'occupation'] as const;
export type SocialHistoryFacet = (typeof SOCIAL_HISTORY_FACETS)[number];

/** `vitals-<VITAL_ID>-<sign>`. */
export const VITAL_SIGN_IDS = itemIds(VITAL_SIGN_SLUGS, { prefix: 'vitals' });
/** `lab-<RESULT_ID>`. */
export const LAB_RESULT_IDS = prefixedIds('lab');
/** `<facet>-<SOC_ID>`. */
export const SOCIAL_HISTORY_IDS = itemIds(SOCIAL_HISTORY_FACETS);
