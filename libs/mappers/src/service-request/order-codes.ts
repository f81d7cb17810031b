/**
 * Local-code tables and ids of the order types (LAB_ORDER and REFERRAL -> ServiceRequest; LAB_ORDER -> Specimen).
 * Kept in this folder (not the shared code-maps) so the types stay one folder each.
 */
import type { Coding } from '../common/fhir-types.js';
import { SYSTEM } from '../common/systems.js';
import { ORDER_REQUEST_IDS, REFERRAL_IDS, SPECIMEN_IDS } from './service-request.ids.js';

const snomed = (code: string, display: string): Coding => ({ system: SYSTEM.snomed, code, display });

/** The US Core category (us-core-servicerequest-category) of each order kind; `null` = none fits. */
const LABORATORY = snomed('108252007', 'Laboratory procedure');
const IMAGING = snomed('363679005', 'Imaging');
const EVALUATION = snomed('386053000', 'Evaluation procedure');
const COUNSELING = snomed('409063005', 'Counseling');
const SOCIAL_SERVICE = snomed('410606002', 'Social service procedure');
const SDOH: Coding = { system: SYSTEM.usCoreCategory, code: 'sdoh', display: 'SDOH' };

/** LAB_ORDER.ORDER_CATEGORY -> US Core ServiceRequest category codings and their text. */
export const ORDER_CATEGORY: Readonly<Record<string, { codings: Coding[]; text: string }>> = {
  LAB: { codings: [LABORATORY], text: 'Laboratory' },
  RAD: { codings: [IMAGING], text: 'Imaging' },
  CARD: { codings: [EVALUATION], text: 'Cardiology' },
  PATH: { codings: [LABORATORY], text: 'Pathology' },
};

/** REFERRAL.REF_CATEGORY -> US Core ServiceRequest category codings (THERAPY: none of the value set fits). */
export const REFERRAL_CATEGORY: Readonly<Record<string, { codings: Coding[]; text: string }>> = {
  CONSULT: { codings: [EVALUATION], text: 'Specialist consultation' },
  IMAGING: { codings: [IMAGING], text: 'Imaging' },
  THERAPY: { codings: [], text: 'Therapy' },
  SDOH: { codings: [SDOH, SOCIAL_SERVICE], text: 'Social needs' },
  COUNSEL: { codings: [COUNSELING], text: 'Counseling' },
};

/** LAB_ORDER.STATUS -> request-status: the order stays active until it is resulted final. */
export const ORDER_REQUEST_STATUS: Readonly<Record<string, string>> = {
  O: 'active',
  I: 'active',
  P: 'active',
  F: 'completed',
  C: 'completed',
  X: 'revoked',
};

/** REFERRAL.STATUS -> request-status. */
export const REFERRAL_STATUS: Readonly<Record<string, string>> = {
  D: 'draft',
  A: 'active',
  H: 'on-hold',
  C: 'completed',
  X: 'revoked',
  E: 'entered-in-error',
};

/** PRIORITY (LAB_ORDER, REFERRAL) -> request-priority. */
export const REQUEST_PRIORITY: Readonly<Record<string, string>> = { R: 'routine', S: 'stat', A: 'asap' };

/** Local code systems of the EHR's order categories (kept beside the US Core category). */
export const ORDER_CATEGORY_SYSTEM = `${SYSTEM.localPrefix}order-category`;
export const REFERRAL_CATEGORY_SYSTEM = `${SYSTEM.localPrefix}referral-category`;
/** Placer identifiers of the EHR's orders. */
export const ORDER_ID_SYSTEM = `${SYSTEM.localPrefix}lab-order-id`;
export const REFERRAL_ID_SYSTEM = `${SYSTEM.localPrefix}referral-id`;

/** ServiceRequest ids: `order-<ORDER_ID>` (LAB_ORDER) and `referral-<REF_ID>` (REFERRAL). */
export const serviceRequestId = {
  order: (orderId: number) => ORDER_REQUEST_IDS.format(orderId),
  referral: (refId: number) => REFERRAL_IDS.format(refId),
};

/** Parses a ServiceRequest id; `undefined` for an id this facade never produces. */
export function parseServiceRequestId(id: string): { table: 'LAB_ORDER' | 'REFERRAL'; key: number } | undefined {
  const order = ORDER_REQUEST_IDS.parse(id);
  if (order) return { table: 'LAB_ORDER', key: order.key };
  const referral = REFERRAL_IDS.parse(id);
  return referral ? { table: 'REFERRAL', key: referral.key } : undefined;
}

/** Specimen ids: `<ORDER_ID>` (one specimen per order, LAB_ORDER.SPECIMEN_TYPE / SPECIMEN_ID). */
export const specimenId = (orderId: number): string => SPECIMEN_IDS.format(orderId);
