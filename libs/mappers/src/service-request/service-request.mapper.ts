import type { LegacyLabOrder, LegacyReferral } from '#facade/legacy-db';
import type { MapperContext } from '../mapper-context.js';
import { lookupCode } from '../common/code-map.js';
import { present } from '../common/contact-builders.js';
import type { CodeableConcept, Coding, FhirResource } from '../common/fhir-types.js';
import { compact, text } from '../common/flags.js';
import { formatIcd10Cm } from '../common/icd10.js';
import { buildMeta } from '../common/meta.js';
import { ref } from '../common/references.js';
import { PROFILE, SYSTEM } from '../common/systems.js';
import { toInstant } from '../common/time.js';
import {
  ORDER_CATEGORY,
  ORDER_CATEGORY_SYSTEM,
  ORDER_ID_SYSTEM,
  ORDER_REQUEST_STATUS,
  REFERRAL_CATEGORY,
  REFERRAL_CATEGORY_SYSTEM,
  REFERRAL_ID_SYSTEM,
  REFERRAL_STATUS,
  REQUEST_PRIORITY,
  serviceRequestId,
  specimenId,
} from './order-codes.js';

/** A ServiceRequest resource. */
export type ServiceRequest = FhirResource & { resourceType: 'ServiceRequest' };

/** A LAB_ORDER without its narrative (a ServiceRequest does not carry the report). */
export type OrderHeader = Omit<LegacyLabOrder, 'REPORT_TEXT'>;

function category(table: Readonly<Record<string, { codings: Coding[]; text: string }>>, system: string, code: string, column: string, ctx: MapperContext): CodeableConcept[] {
  const local = code?.trim().toUpperCase();
  const known = lookupCode(table, local, column, ctx);
  if (!local) return [];
  return [{ coding: [...(known?.codings ?? []), { system, code: local }], text: known?.text ?? local }];
}

/**
 * LAB_ORDER -> US Core 6.1.0 ServiceRequest (`order-<ORDER_ID>`): every category (LAB, RAD, CARD, PATH), intent
 * order, status from STATUS (active until resulted final), code PANEL_LOINC / PANEL_CPT / PANEL_NAME, authoredOn
 * ORDERED_AT, requester, priority, occurrence = COLLECTED_AT, performer = the performing lab, and the order's
 * Specimen when it has one.
 * @see https://hl7.org/fhir/us/core/STU6.1/StructureDefinition-us-core-servicerequest.html
 */
export function toOrderServiceRequest(order: OrderHeader, ctx: MapperContext): ServiceRequest {
  const name = text(order.PANEL_NAME);
  const loinc = text(order.PANEL_LOINC);
  const cpt = text(order.PANEL_CPT);
  const lab = text(order.PERFORMING_LAB);
  const hasSpecimen = !!(text(order.SPECIMEN_TYPE) || text(order.SPECIMEN_ID));
  return compact<ServiceRequest>({
    resourceType: 'ServiceRequest',
    id: serviceRequestId.order(order.ORDER_ID),
    meta: buildMeta(order, PROFILE.serviceRequest, ctx),
    identifier: [{ system: ORDER_ID_SYSTEM, value: String(order.ORDER_ID) }],
    status: lookupCode(ORDER_REQUEST_STATUS, order.STATUS, 'LAB_ORDER.STATUS', ctx) ?? 'unknown',
    intent: 'order',
    category: category(ORDER_CATEGORY, ORDER_CATEGORY_SYSTEM, order.ORDER_CATEGORY || 'LAB', 'LAB_ORDER.ORDER_CATEGORY', ctx),
    priority: lookupCode(REQUEST_PRIORITY, order.PRIORITY, 'LAB_ORDER.PRIORITY', ctx),
    code: {
      coding: present<Coding>(
        loinc ? { system: SYSTEM.loinc, code: loinc, display: name } : undefined,
        cpt ? { system: SYSTEM.cpt, code: cpt, display: name } : undefined,
      ),
      text: name,
    },
    subject: ref.patient(order.PAT_ID),
    encounter: ref.encounter(order.VISIT_ID),
    occurrenceDateTime: toInstant(order.COLLECTED_AT, ctx),
    authoredOn: toInstant(order.ORDERED_AT, ctx),
    requester: ref.practitioner(order.ORDERING_PROV_ID),
    performer: lab ? [{ display: lab }] : undefined,
    specimen: hasSpecimen ? [{ reference: `Specimen/${specimenId(order.ORDER_ID)}` }] : undefined,
  });
}

/**
 * REFERRAL -> US Core 6.1.0 ServiceRequest (`referral-<REF_ID>`): intent order, status from STATUS, category from
 * REF_CATEGORY (SDOH referrals also carry the US Core `sdoh` category), code SNOMED_CODE / CPT_CODE / DESCRIPTION,
 * reasonCode from REASON_ICD10, authoredOn ORDERED_AT, requester, priority, performer = REFER_TO_NAME.
 */
export function toReferralServiceRequest(referral: LegacyReferral, ctx: MapperContext): ServiceRequest {
  const description = text(referral.DESCRIPTION);
  const sct = text(referral.SNOMED_CODE);
  const cpt = text(referral.CPT_CODE);
  const icdRaw = text(referral.REASON_ICD10);
  const icd = formatIcd10Cm(icdRaw);
  if (icdRaw && !icd) ctx.report({ column: 'REFERRAL.REASON_ICD10', code: icdRaw, message: 'Malformed ICD-10-CM code' });
  const to = text(referral.REFER_TO_NAME);
  return compact<ServiceRequest>({
    resourceType: 'ServiceRequest',
    id: serviceRequestId.referral(referral.REF_ID),
    meta: buildMeta(referral, PROFILE.serviceRequest, ctx),
    identifier: [{ system: REFERRAL_ID_SYSTEM, value: String(referral.REF_ID) }],
    status: lookupCode(REFERRAL_STATUS, referral.STATUS, 'REFERRAL.STATUS', ctx) ?? 'unknown',
    intent: 'order',
    category: category(REFERRAL_CATEGORY, REFERRAL_CATEGORY_SYSTEM, referral.REF_CATEGORY, 'REFERRAL.REF_CATEGORY', ctx),
    priority: lookupCode(REQUEST_PRIORITY, referral.PRIORITY, 'REFERRAL.PRIORITY', ctx),
    code: {
      coding: present<Coding>(
        sct ? { system: SYSTEM.snomed, code: sct, display: description } : undefined,
        cpt ? { system: SYSTEM.cpt, code: cpt, display: description } : undefined,
      ),
      text: description,
    },
    subject: ref.patient(referral.PAT_ID),
    encounter: ref.encounter(referral.VISIT_ID),
    authoredOn: toInstant(referral.ORDERED_AT, ctx),
    requester: ref.practitioner(referral.REFERRING_PROV_ID),
    performer: to ? [{ display: to }] : undefined,
    reasonCode: icd ? [{ coding: [{ system: SYSTEM.icd10cm, code: icd }] }] : undefined,
  });
}
