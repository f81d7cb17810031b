import type { LegacyPatContact, LegacyPatient, LegacyPatientRace } from '#facade/legacy-db';
import type { MapperContext } from '../mapper-context.js';
import { lookupCode } from '../common/code-map.js';
import {
  ADMINISTRATIVE_GENDER,
  BIRTH_SEX,
  CONTACT_RELATION,
  GENDER_IDENTITY,
  MARITAL_STATUS,
} from '../common/code-maps.js';
import { address, email, humanName, phone, present } from '../common/contact-builders.js';
import type { CodeableConcept, Coding, Extension, Identifier, Patient } from '../common/fhir-types.js';
import { compact, isYes, text } from '../common/flags.js';
import { buildMeta } from '../common/meta.js';
import { ref } from '../common/references.js';
import { EXTENSION, PROFILE, SYSTEM } from '../common/systems.js';
import { toDate, toInstant } from '../common/time.js';
import { fhirId } from '../ids.js';
import { ethnicityExtension, raceExtension } from './race-ethnicity.js';

/** What `toPatient` needs: the PATIENT row and its PATIENT_RACE and PAT_CONTACT rows (pre-fetched by PAT_ID). */
export interface PatientMapperInput {
  patient: LegacyPatient;
  /** PATIENT_RACE rows of this patient, any order (sorted by SEQ here). */
  races: LegacyPatientRace[];
  /** PAT_CONTACT rows of this patient, any order; rows with ACTIVE_YN = 'N' are left out here. */
  contacts: LegacyPatContact[];
}

const identifierType = (code: string, display: string): CodeableConcept => ({
  coding: [{ system: SYSTEM.v2IdentifierType, code, display }],
  text: display,
});

function identifiers(p: LegacyPatient, ctx: MapperContext): Identifier[] {
  const ssn = text(p.SSN);
  return present<Identifier>(
    { use: 'usual', type: identifierType('MR', 'Medical record number'), system: ctx.identifierSystems.mrn, value: p.MRN.trim() },
    ssn ? { type: identifierType('SS', 'Social Security number'), system: ctx.identifierSystems.ssn, value: ssn } : undefined,
  );
}

function names(p: LegacyPatient) {
  const official = humanName({
    use: 'official',
    family: p.LAST_NAME,
    given: [p.FIRST_NAME, p.MIDDLE_NAME],
    prefix: p.NAME_PREFIX,
    suffix: p.NAME_SUFFIX,
  });
  const preferred = text(p.PREFERRED_NAME) ? humanName({ use: 'usual', family: p.LAST_NAME, given: [p.PREFERRED_NAME] }) : undefined;
  const previous = text(p.PREV_LAST_NAME) ? humanName({ use: 'old', family: p.PREV_LAST_NAME, given: [p.FIRST_NAME] }) : undefined;
  return present(official, preferred, previous);
}

function extensions(input: PatientMapperInput, ctx: MapperContext): Extension[] {
  const p = input.patient;
  const races = [...input.races].sort((a, b) => a.SEQ - b.SEQ).map((r) => r.RACE_CODE);
  const birthSex = lookupCode(BIRTH_SEX, p.BIRTH_SEX, 'PATIENT.BIRTH_SEX', ctx);
  const gender = lookupCode(GENDER_IDENTITY, p.GENDER_IDENTITY, 'PATIENT.GENDER_IDENTITY', ctx);
  return present<Extension>(
    raceExtension(races, ctx),
    ethnicityExtension(p.ETHNICITY_CODE, ctx),
    birthSex ? { url: EXTENSION.birthsex, valueCode: birthSex } : undefined,
    gender ? { url: EXTENSION.genderIdentity, valueCodeableConcept: { coding: [gender], text: gender.display } } : undefined,
  );
}

/** The element id of a served contact (`Patient.contact.id`): the PAT_CONTACT key, as in `RelatedPerson/contact-<id>`. */
export const contactElementId = (contactId: number): string => `contact-${contactId}`;

/**
 * The version of a Patient covers its contacts: PATIENT.ROW_VER plus the ROW_VER of every PAT_CONTACT row of the
 * chart (inactive ones too). Every UPDATE of either table adds 1 and every new contact adds its ROW_VER, so the
 * number grows with every change of what the resource shows (an ETag the write path checks, `W/"n"`);
 * lastUpdated is the latest UPDATED_AT of them.
 */
export function patientVersion(p: LegacyPatient, contacts: readonly LegacyPatContact[]): { ROW_VER: number; UPDATED_AT: string } {
  let ROW_VER = p.ROW_VER;
  let UPDATED_AT = p.UPDATED_AT;
  for (const c of contacts) {
    ROW_VER += c.ROW_VER;
    if (c.UPDATED_AT > UPDATED_AT) UPDATED_AT = c.UPDATED_AT;
  }
  return { ROW_VER, UPDATED_AT };
}

/** One active PAT_CONTACT row -> Patient.contact (its element id names the row). */
export function toPatientContact(c: LegacyPatContact, ctx: MapperContext) {
  const relation = lookupCode(CONTACT_RELATION, c.RELATION_CODE, 'PAT_CONTACT.RELATION_CODE', ctx);
  const codings: Coding[] = present(relation);
  if (isYes(c.IS_EMERGENCY_YN) && !codings.some((x) => x.code === 'C')) {
    codings.push({ system: SYSTEM.v2ContactRole, code: 'C', display: 'Emergency Contact' });
  }
  if (isYes(c.IS_GUARDIAN_YN) && !codings.some((x) => x.code === 'GUARD')) {
    codings.push({ system: SYSTEM.v3RoleCode, code: 'GUARD', display: 'guardian' });
  }
  return compact({
    id: contactElementId(c.CONTACT_ID),
    relationship: codings.map((coding) => ({ coding: [coding] })),
    name: humanName({ family: c.LAST_NAME, given: [c.FIRST_NAME] }),
    telecom: present(phone(c.PHONE), email(c.EMAIL)),
    address: address(c),
  });
}

function deceased(p: LegacyPatient, ctx: MapperContext): Partial<Patient> {
  if (!isYes(p.DECEASED_YN)) return p.DECEASED_DATE ? { deceasedDateTime: toInstant(p.DECEASED_DATE, ctx) } : {};
  // The EHR may know only the fact of death: then a boolean, never an invented date.
  return p.DECEASED_DATE ? { deceasedDateTime: toInstant(p.DECEASED_DATE, ctx) } : { deceasedBoolean: true };
}

/**
 * PATIENT (+ PATIENT_RACE, PAT_CONTACT) -> US Core 6.1.0 Patient.
 * A merged chart (MERGED_INTO_PAT_ID set) is inactive and links `replaced-by` the surviving chart.
 * @see https://hl7.org/fhir/us/core/STU6.1/StructureDefinition-us-core-patient.html
 */
export function toPatient(input: PatientMapperInput, ctx: MapperContext): Patient {
  const p = input.patient;
  const merged = p.MERGED_INTO_PAT_ID ?? undefined;
  const gender = lookupCode(ADMINISTRATIVE_GENDER, p.SEX, 'PATIENT.SEX', ctx) ?? 'unknown';
  const marital = lookupCode(MARITAL_STATUS, p.MARITAL_STATUS, 'PATIENT.MARITAL_STATUS', ctx);
  const language = text(p.LANGUAGE_CODE);
  return compact<Patient>({
    resourceType: 'Patient',
    id: fhirId.patient(p.PAT_ID),
    meta: buildMeta(patientVersion(p, input.contacts), PROFILE.patient, ctx),
    extension: extensions(input, ctx),
    identifier: identifiers(p, ctx),
    active: !isYes(p.INACTIVE_YN) && !merged,
    name: names(p),
    telecom: present(phone(p.HOME_PHONE, 'home'), phone(p.CELL_PHONE, 'mobile'), phone(p.WORK_PHONE, 'work'), email(p.EMAIL, 'home')),
    gender,
    birthDate: toDate(p.DOB),
    ...deceased(p, ctx),
    address: present(address(p, 'home')),
    maritalStatus: marital ? { coding: [marital], text: marital.display } : undefined,
    contact: input.contacts.filter((c) => c.ACTIVE_YN !== 'N').sort((a, b) => a.CONTACT_ID - b.CONTACT_ID).map((c) => toPatientContact(c, ctx)),
    communication: language
      ? [{ language: { coding: [{ system: SYSTEM.languageBcp47, code: language }], text: language }, preferred: true }]
      : undefined,
    generalPractitioner: present(ref.practitioner(p.PCP_PROV_ID)),
    managingOrganization: ref.practice(p.PRACTICE_ID),
    link: merged ? [{ other: ref.patient(merged), type: 'replaced-by' }] : undefined,
  });
}
