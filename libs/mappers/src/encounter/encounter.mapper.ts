import type { LegacyVisit } from '#facade/legacy-db';
import type { MapperContext } from '../mapper-context.js';
import { lookupCode } from '../common/code-map.js';
import { DISCHARGE_DISPOSITION, VISIT_STATUS, VISIT_TYPE } from '../common/code-maps.js';
import { dataAbsentExtension } from '../common/data-absent-reason.js';
import { present } from '../common/contact-builders.js';
import type { CodeableConcept, Coding, Encounter } from '../common/fhir-types.js';
import { compact, text } from '../common/flags.js';
import { formatIcd10Cm } from '../common/icd10.js';
import { buildMeta } from '../common/meta.js';
import { ref } from '../common/references.js';
import { PROFILE, SYSTEM } from '../common/systems.js';
import { toInstant } from '../common/time.js';
import { fhirId } from '../ids.js';

/** Identifier system of visit numbers (VISIT_ID) in Encounter.identifier. */
export const VISIT_ID_SYSTEM = 'urn:ehr-facade:visit-id';

function encounterType(v: LegacyVisit, typeText: string | undefined): CodeableConcept {
  const cpt = text(v.CPT_CODE);
  const local: Coding = { system: `${SYSTEM.localPrefix}visit-type`, code: v.VISIT_TYPE.trim().toUpperCase(), display: typeText };
  return compact({ coding: present<Coding>(cpt ? { system: SYSTEM.cpt, code: cpt } : undefined, local), text: typeText ?? v.VISIT_TYPE });
}

function reasonCode(v: LegacyVisit, ctx: MapperContext): CodeableConcept | undefined {
  const icdRaw = text(v.REASON_ICD10);
  const icd = formatIcd10Cm(icdRaw);
  if (icdRaw && !icd) ctx.report({ column: 'VISIT.REASON_ICD10', code: icdRaw, message: 'Malformed ICD-10-CM code' });
  const sct = text(v.REASON_SNOMED);
  const reason = text(v.REASON_TEXT);
  const coding = present<Coding>(icd ? { system: SYSTEM.icd10cm, code: icd } : undefined, sct ? { system: SYSTEM.snomed, code: sct } : undefined);
  if (coding.length === 0 && !reason) return undefined;
  return compact({ coding, text: reason });
}

/**
 * VISIT -> US Core 6.1.0 Encounter: status (VISIT_STATUS), class (v3 ActCode from VISIT_TYPE), type (CPT E/M
 * code and the local visit type), subject, participant (PROV_ID), period (START_DT/END_DT), reasonCode
 * (ICD-10-CM / SNOMED / text), hospitalization.dischargeDisposition, location (FACILITY_ID), serviceProvider
 * (the patient's practice: pass `practiceId`, the PATIENT.PRACTICE_ID of VISIT.PAT_ID).
 * @see https://hl7.org/fhir/us/core/STU6.1/StructureDefinition-us-core-encounter.html
 */
export function toEncounter(visit: LegacyVisit, ctx: MapperContext, practiceId?: number): Encounter {
  const type = lookupCode(VISIT_TYPE, visit.VISIT_TYPE, 'VISIT.VISIT_TYPE', ctx);
  const status = lookupCode(VISIT_STATUS, visit.VISIT_STATUS, 'VISIT.VISIT_STATUS', ctx) ?? 'unknown';
  const disposition = lookupCode(DISCHARGE_DISPOSITION, visit.DISCH_DISPOSITION, 'VISIT.DISCH_DISPOSITION', ctx);
  const provider = ref.practitioner(visit.PROV_ID);
  const location = ref.location(visit.FACILITY_ID);
  return compact<Encounter>({
    resourceType: 'Encounter',
    id: fhirId.encounter(visit.VISIT_ID),
    meta: buildMeta(visit, PROFILE.encounter, ctx),
    identifier: [{ use: 'usual', system: VISIT_ID_SYSTEM, value: String(visit.VISIT_ID) }],
    status,
    // class is 1..1: an unknown visit type is stated absent rather than guessed.
    class: type ? type.class : { _code: { extension: [dataAbsentExtension('unknown')] } },
    type: [encounterType(visit, type?.text)],
    subject: ref.patient(visit.PAT_ID),
    participant: provider
      ? [{ type: [{ coding: [{ system: 'http://terminology.hl7.org/CodeSystem/v3-ParticipationType', code: 'ATND', display: 'attender' }] }], individual: provider }]
      : undefined,
    period: { start: toInstant(visit.START_DT, ctx), end: toInstant(visit.END_DT, ctx) },
    reasonCode: present(reasonCode(visit, ctx)),
    hospitalization: disposition ? { dischargeDisposition: { coding: [disposition], text: disposition.display } } : undefined,
    location: location ? [{ location }] : undefined,
    serviceProvider: ref.practice(practiceId),
  });
}
