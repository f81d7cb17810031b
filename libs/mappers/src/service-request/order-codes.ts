/**
 * Local-code tables and ids of the order types (LAB_ORDER and REFERRAL -> ServiceRequest; LAB_ORDER -> Specimen).
 * Kept in this folder (not the shared code-maps) so the types stay one folder each.
 */
import type { Coding } from '../common/fhir-types.js';
import { SYSTEM } from '../common/systems.js';

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

const MAX_INT = 2_147_483_647;
const ID_RE = /^(order|referral)-([1-9][0-9]{0,9})$/;

function keyText(key: number): string {
  if (!Number.isSafeInteger(key) || key < 1 || key > MAX_INT) throw new RangeError(`Not a legacy row key: ${key}`);
  return String(key);
}

/** ServiceRequest ids: `order-<ORDER_ID>` (LAB_ORDER) and `referral-<REF_ID>` (REFERRAL). */
export const serviceRequestId = {
  order: (orderId: number) => `order-${keyText(orderId)}`,
  referral: (refId: number) => `referral-${keyText(refId)}`,
};

/** Parses a ServiceRequest id; `undefined` for an id this facade never produces. */
export function parseServiceRequestId(id: string): { table: 'LAB_ORDER' | 'REFERRAL'; key: number } | undefined {
  const m = ID_RE.exec(id);
  if (!m || Number(m[2]) > MAX_INT) return undefined;
  return { table: m[1] === 'order' ? 'LAB_ORDER' : 'REFERRAL', key: Number(m[2]) };
}

/** Specimen ids: `<ORDER_ID>` (one specimen per order, LAB_ORDER.SPECIMEN_TYPE / SPECIMEN_ID). */
export const specimenId = (orderId: number): string => keyText(orderId);

/** Parses a Specimen id (a canonical ORDER_ID). */
export function parseSpecimenId(id: string): number | undefined {
  return /^[1-9][0-9]{0,9}$/.test(id) && Number(id) <= MAX_INT ? Number(id) : undefined;
}
