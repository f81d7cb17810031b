/** Ids of the order rows (see common/id-scheme.ts): ServiceRequest and Specimen. */
import { plainIds, prefixedIds } from '../common/id-scheme.js';

/** LAB_ORDER as ServiceRequest: `order-<ORDER_ID>`. */
export const ORDER_REQUEST_IDS = prefixedIds('order');
/** REFERRAL as ServiceRequest: `referral-<REF_ID>`. */
export const REFERRAL_IDS = prefixedIds('referral');
/** LAB_ORDER as Specimen (the order's specimen): `<ORDER_ID>`. */
export const SPECIMEN_IDS = plainIds();
