import type { LegacyProcedures } from '#facade/legacy-db';
import type { MapperContext } from '../mapper-context.js';
import { lookupCode } from '../common/code-map.js';
import { present } from '../common/contact-builders.js';
import { dataAbsentExtension } from '../common/data-absent-reason.js';
import type { CodeableConcept, Coding, FhirResource } from '../common/fhir-types.js';
import { compact, text } from '../common/flags.js';
import { formatIcd10Cm } from '../common/icd10.js';
import { buildMeta } from '../common/meta.js';
import { ref } from '../common/references.js';
import { SYSTEM } from '../common/systems.js';
import { toInstant } from '../common/time.js';
import { PROCEDURE_IDS } from './procedure.ids.js';

/** US Core 6.1.0 Procedure profile canonical. */
export const PROCEDURE_PROFILE = 'http://hl7.org/fhir/us/core/StructureDefinition/us-core-procedure|6.1.0';
/** HCPCS Level II (the system URL of the US Core procedure code value set). */
export const HCPCS_SYSTEM = 'https://www.cms.gov/Medicare/Coding/HCPCSReleaseCodeSets';
export const ICD10_PCS_SYSTEM = 'http://www.cms.gov/Medicare/Coding/ICD10';
export const EVENT_STATUS_SYSTEM = 'http://hl7.org/fhir/event-status';

export type Procedure = FhirResource & { resourceType: 'Procedure' };

/** Procedure ids are the PROCEDURES row's key (`<PROC_ID>`). */
export const procedureId = (procId: number): string => PROCEDURE_IDS.format(procId);
/** The PROC_ID of a Procedure id; `undefined` for an id this facade never produces. */
export const parseProcedureId = (id: string): number | undefined => PROCEDURE_IDS.parse(id)?.key;

/** PROCEDURES.STATUS -> Procedure.status (event-status). S scheduled: `preparation` (not yet done). */
export const PROCEDURE_STATUS: Record<string, string> = {
  C: 'completed',
  I: 'in-progress',
  N: 'not-done',
  E: 'entered-in-error',
  S: 'preparation',
};

/** The PROCEDURES columns holding codes, in the order the codings are listed, with their code systems. */
export const PROCEDURE_CODE_COLUMNS = [
  { column: 'CPT_CODE', system: SYSTEM.cpt },
  { column: 'HCPCS_CODE', system: HCPCS_SYSTEM },
  { column: 'SNOMED_CODE', system: SYSTEM.snomed },
  { column: 'ICD10PCS_CODE', system: ICD10_PCS_SYSTEM },
] as const;

function code(p: LegacyProcedures): CodeableConcept {
  const description = text(p.DESCRIPTION);
  const coding = PROCEDURE_CODE_COLUMNS.map(({ column, system }) => {
    const value = text(p[column]);
    return value ? { system, code: system === SYSTEM.snomed ? value : value.toUpperCase(), display: description } : undefined;
  });
  return compact({ coding: present<Coding>(...coding), text: description });
}

/** performed[x]: an instant when only the start is known (or start = end), a period otherwise. */
function performed(p: LegacyProcedures, status: string | undefined, ctx: MapperContext): Record<string, unknown> {
  // Not yet done or not done at all: the EHR's times are a plan, not a performance.
  if (status === 'preparation' || status === 'not-done') return {};
  const start = toInstant(p.PERFORMED_START, ctx);
  const end = toInstant(p.PERFORMED_END, ctx);
  if (start && end && end !== start) return { performedPeriod: { start, end } };
  if (start ?? end) return { performedDateTime: start ?? end };
  if (status === 'completed' || status === 'in-progress') {
    // us-core-7: a completed or in-progress procedure states when; the EHR did not record it.
    ctx.report({ column: 'PROCEDURES.PERFORMED_START', code: 'NULL', message: 'Performed procedure without a time: data-absent' });
    return { _performedDateTime: { extension: [dataAbsentExtension('unknown')] } };
  }
  return {};
}

function reasonCode(p: LegacyProcedures, ctx: MapperContext) {
  const raw = text(p.REASON_ICD10);
  if (!raw) return undefined;
  const icd = formatIcd10Cm(raw);
  if (!icd) {
    ctx.report({ column: 'PROCEDURES.REASON_ICD10', code: raw, message: 'Malformed ICD-10-CM code' });
    return undefined;
  }
  return [{ coding: [{ system: SYSTEM.icd10cm, code: icd }] }];
}

/**
 * PROCEDURES -> US Core 6.1.0 Procedure (`<PROC_ID>`). code = every present code of CPT, HCPCS, SNOMED CT and
 * ICD-10-PCS with DESCRIPTION as text; status from STATUS (unknown -> `unknown`, reported); performed as
 * dateTime (start only, or start = end) or Period; scheduled and not-done procedures carry no performed time;
 * a completed or in-progress one without a time gets a data-absent performedDateTime (us-core-7, reported).
 * Performer, location, encounter, reason (ICD-10-CM) and body site (SNOMED CT).
 * @see https://hl7.org/fhir/us/core/STU6.1/StructureDefinition-us-core-procedure.html
 */
export function toProcedure(p: LegacyProcedures, ctx: MapperContext): Procedure {
  const status = lookupCode(PROCEDURE_STATUS, p.STATUS, 'PROCEDURES.STATUS', ctx);
  const site = text(p.BODY_SITE_SNOMED);
  const performer = ref.practitioner(p.PROV_ID);
  return compact<Procedure>({
    resourceType: 'Procedure',
    id: procedureId(p.PROC_ID),
    meta: buildMeta(p, PROCEDURE_PROFILE, ctx),
    status: status ?? 'unknown',
    code: code(p),
    subject: ref.patient(p.PAT_ID),
    encounter: ref.encounter(p.VISIT_ID),
    ...performed(p, status, ctx),
    performer: performer ? [{ actor: performer }] : undefined,
    location: ref.location(p.FACILITY_ID),
    reasonCode: reasonCode(p, ctx),
    bodySite: site ? [{ coding: [{ system: SYSTEM.snomed, code: site }] }] : undefined,
  });
}
