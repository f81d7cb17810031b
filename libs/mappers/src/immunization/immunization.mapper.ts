import type { LegacyImmunization } from '#facade/legacy-db';
import type { MapperContext } from '../mapper-context.js';
import { lookupCode } from '../common/code-map.js';
import { present } from '../common/contact-builders.js';
import { dataAbsentExtension } from '../common/data-absent-reason.js';
import type { CodeableConcept, Coding, FhirResource } from '../common/fhir-types.js';
import { compact, isYes, text } from '../common/flags.js';
import { buildMeta } from '../common/meta.js';
import { ref } from '../common/references.js';
import { SYSTEM } from '../common/systems.js';
import { toDate, toInstant } from '../common/time.js';
import { NDC_SYSTEM } from '../medication/medication.mapper.js';
import { IMMUNIZATION_IDS } from './immunization.ids.js';

/** US Core 6.1.0 Immunization profile canonical. */
export const IMMUNIZATION_PROFILE = 'http://hl7.org/fhir/us/core/StructureDefinition/us-core-immunization|6.1.0';
export const CVX_SYSTEM = 'http://hl7.org/fhir/sid/cvx';
/** CDC manufacturer (MVX) codes, as an identifier of the manufacturer Organization. */
export const MVX_SYSTEM = 'http://hl7.org/fhir/NamingSystem/MVX';
export const IMMUNIZATION_STATUS_SYSTEM = 'http://hl7.org/fhir/event-status';

const V3_ACT_REASON = 'http://terminology.hl7.org/CodeSystem/v3-ActReason';
const V3_ROUTE = 'http://terminology.hl7.org/CodeSystem/v3-RouteOfAdministration';
const V3_ACT_SITE = 'http://terminology.hl7.org/CodeSystem/v3-ActSite';
const V2_PERFORMER_FUNCTION = 'http://terminology.hl7.org/CodeSystem/v2-0443';

export type Immunization = FhirResource & { resourceType: 'Immunization' };

/** Immunization ids are the IMMUNIZATION row's key (`<IMM_ID>`). */
export const immunizationId = (immId: number): string => IMMUNIZATION_IDS.format(immId);
/** The IMM_ID of an Immunization id; `undefined` for an id this facade never produces. */
export const parseImmunizationId = (id: string): number | undefined => IMMUNIZATION_IDS.parse(id)?.key;

/** IMMUNIZATION.STATUS -> Immunization.status: G given; R refused and N not given are `not-done`. */
export const IMMUNIZATION_STATUS: Record<string, 'completed' | 'not-done' | 'entered-in-error'> = {
  G: 'completed',
  R: 'not-done',
  N: 'not-done',
  E: 'entered-in-error',
};

/** IMMUNIZATION.NOT_GIVEN_REASON -> statusReason (v3 ActReason, the codes of the immunization-status-reason value set). */
export const NOT_GIVEN_REASON: Record<string, Coding> = {
  PATOBJ: { system: V3_ACT_REASON, code: 'PATOBJ', display: 'patient objection' },
  IMMUNE: { system: V3_ACT_REASON, code: 'IMMUNE', display: 'immunity' },
  MEDPREC: { system: V3_ACT_REASON, code: 'MEDPREC', display: 'medical precaution' },
  OOSTOCK: { system: V3_ACT_REASON, code: 'OSTOCK', display: 'product out of stock' },
  RELIG: { system: V3_ACT_REASON, code: 'RELIG', display: 'religious objection' },
};

/** IMMUNIZATION.ROUTE_CODE -> route (v3 RouteOfAdministration, the immunization-route value set). */
export const IMMUNIZATION_ROUTE: Record<string, Coding> = {
  IM: { system: V3_ROUTE, code: 'IM', display: 'Injection, intramuscular' },
  SC: { system: V3_ROUTE, code: 'SQ', display: 'Injection, subcutaneous' },
  ID: { system: V3_ROUTE, code: 'IDINJ', display: 'Injection, intradermal' },
  PO: { system: V3_ROUTE, code: 'PO', display: 'Swallow, oral' },
  IN: { system: V3_ROUTE, code: 'NASINHLC', display: 'Inhalation, nasal cannula' },
};

/** IMMUNIZATION.SITE_CODE -> site (v3 ActSite: the EHR's codes are that code system's). */
export const IMMUNIZATION_SITE: Record<string, Coding> = {
  LA: { system: V3_ACT_SITE, code: 'LA', display: 'left arm' },
  RA: { system: V3_ACT_SITE, code: 'RA', display: 'right arm' },
  LT: { system: V3_ACT_SITE, code: 'LT', display: 'left thigh' },
  RT: { system: V3_ACT_SITE, code: 'RT', display: 'right thigh' },
  LD: { system: V3_ACT_SITE, code: 'LD', display: 'left deltoid' },
  RD: { system: V3_ACT_SITE, code: 'RD', display: 'right deltoid' },
};

const ADMINISTERING = { coding: [{ system: V2_PERFORMER_FUNCTION, code: 'AP', display: 'Administering Provider' }] };

const concept = (coding: Coding | undefined): CodeableConcept | undefined => (coding ? { coding: [coding], text: coding.display } : undefined);

function statusReason(imm: LegacyImmunization, status: string | undefined, ctx: MapperContext): CodeableConcept | undefined {
  if (status !== 'not-done') return undefined;
  const reason = lookupCode(NOT_GIVEN_REASON, imm.NOT_GIVEN_REASON, 'IMMUNIZATION.NOT_GIVEN_REASON', ctx);
  // A refusal without a recorded reason is the patient's objection (the meaning of STATUS R).
  return concept(reason ?? (imm.STATUS.trim().toUpperCase() === 'R' ? NOT_GIVEN_REASON.PATOBJ : undefined));
}

/**
 * IMMUNIZATION -> US Core 6.1.0 Immunization (`<IMM_ID>`). vaccineCode = CVX plus the NDC where present;
 * status from STATUS (refused / not given -> `not-done` with statusReason from NOT_GIVEN_REASON, a refusal
 * without a reason is a patient objection); occurrence = ADMIN_DATE; primarySource = not HISTORICAL_YN; lot,
 * expiration, manufacturer (MVX identifier), route, site, dose (mL), the administering provider as performer,
 * location and encounter. An unknown STATUS is reported and `status` carries a data-absent-reason instead of a
 * value: neither "given" nor "not given" is claimed when the EHR did not say which.
 * @see https://hl7.org/fhir/us/core/STU6.1/StructureDefinition-us-core-immunization.html
 */
export function toImmunization(imm: LegacyImmunization, ctx: MapperContext): Immunization {
  const status = lookupCode(IMMUNIZATION_STATUS, imm.STATUS, 'IMMUNIZATION.STATUS', ctx);
  const name = text(imm.VACCINE_NAME);
  const cvx = text(imm.CVX_CODE);
  const ndc = text(imm.NDC_CODE);
  const mvx = text(imm.MVX_CODE);
  const given = status !== 'not-done';
  const route = given ? lookupCode(IMMUNIZATION_ROUTE, imm.ROUTE_CODE, 'IMMUNIZATION.ROUTE_CODE', ctx) : undefined;
  const site = given ? lookupCode(IMMUNIZATION_SITE, imm.SITE_CODE, 'IMMUNIZATION.SITE_CODE', ctx) : undefined;
  const performer = given ? ref.practitioner(imm.ADMIN_PROV_ID) : undefined;
  const dose = imm.DOSE_ML === null || imm.DOSE_ML === undefined ? undefined : Number(imm.DOSE_ML);
  return compact<Immunization>({
    resourceType: 'Immunization',
    id: immunizationId(imm.IMM_ID),
    meta: buildMeta(imm, IMMUNIZATION_PROFILE, ctx),
    status,
    _status: status ? undefined : { extension: [dataAbsentExtension('unknown')] },
    statusReason: statusReason(imm, status, ctx),
    vaccineCode: compact({
      coding: present<Coding>(
        cvx ? { system: CVX_SYSTEM, code: cvx, display: name } : undefined,
        ndc ? { system: NDC_SYSTEM, code: ndc, display: name } : undefined,
      ),
      text: name,
    }),
    patient: ref.patient(imm.PAT_ID),
    encounter: ref.encounter(imm.VISIT_ID),
    occurrenceDateTime: toInstant(imm.ADMIN_DATE, ctx),
    recorded: toInstant(imm.CREATED_AT, ctx),
    primarySource: !isYes(imm.HISTORICAL_YN),
    reportOrigin: isYes(imm.HISTORICAL_YN) ? { text: 'Recorded from another source' } : undefined,
    location: ref.location(imm.FACILITY_ID),
    manufacturer: mvx ? { identifier: { system: MVX_SYSTEM, value: mvx } } : undefined,
    lotNumber: text(imm.LOT_NUMBER),
    expirationDate: toDate(imm.EXPIRATION_DATE),
    site: concept(site),
    route: concept(route),
    doseQuantity: dose !== undefined && Number.isFinite(dose) ? { value: dose, unit: 'mL', system: SYSTEM.ucum, code: 'mL' } : undefined,
    performer: performer ? [{ function: ADMINISTERING, actor: performer }] : undefined,
  });
}
