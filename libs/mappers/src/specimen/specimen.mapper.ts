import type { LegacyLabOrder } from '#facade/legacy-db';
import type { MapperContext } from '../mapper-context.js';
import { lookupCode } from '../common/code-map.js';
import { dataAbsentConcept } from '../common/data-absent-reason.js';
import type { CodeableConcept, Coding, FhirResource } from '../common/fhir-types.js';
import { compact, text } from '../common/flags.js';
import { buildMeta } from '../common/meta.js';
import { ref } from '../common/references.js';
import { PROFILE, SYSTEM } from '../common/systems.js';
import { toInstant } from '../common/time.js';
import { SPECIMEN_ACCESSION_SYSTEM } from '../observation/lab-result.mapper.js';
import { serviceRequestId, specimenId } from '../service-request/order-codes.js';

/** A Specimen resource. */
export type Specimen = FhirResource & { resourceType: 'Specimen' };

const V2_SPECIMEN_TYPE = 'http://terminology.hl7.org/CodeSystem/v2-0487';
const sct = (code: string, display: string): Coding => ({ system: SYSTEM.snomed, code, display });
const v2 = (code: string, display: string): Coding => ({ system: V2_SPECIMEN_TYPE, code, display });

/** LAB_ORDER.SPECIMEN_TYPE -> SNOMED CT specimen (the US Core binding) and HL7 v2 table 0487 where it has the code. */
export const SPECIMEN_TYPE_CODES: Readonly<Record<string, { codings: Coding[]; text: string }>> = {
  BLD: { codings: [sct('119297000', 'Blood specimen'), v2('BLD', 'Whole blood')], text: 'Whole blood' },
  SER: { codings: [sct('119364003', 'Serum specimen'), v2('SER', 'Serum')], text: 'Serum' },
  PLAS: { codings: [sct('119361006', 'Plasma specimen'), v2('PLAS', 'Plasma')], text: 'Plasma' },
  UR: { codings: [sct('122575003', 'Urine specimen'), v2('UR', 'Urine')], text: 'Urine' },
  SAL: { codings: [sct('119342007', 'Saliva specimen'), v2('SAL', 'Saliva')], text: 'Saliva' },
  SWAB: { codings: [sct('257261003', 'Swab')], text: 'Swab' },
  CSF: { codings: [sct('258450006', 'Cerebrospinal fluid sample'), v2('CSF', 'Cerebral spinal fluid')], text: 'Cerebrospinal fluid' },
  TISS: { codings: [sct('119376003', 'Tissue specimen'), v2('TISS', 'Tissue')], text: 'Tissue' },
};

/** Whether a LAB_ORDER row has a specimen (a type or an accession number): only then is a Specimen served. */
export function orderHasSpecimen(order: Pick<LegacyLabOrder, 'SPECIMEN_TYPE' | 'SPECIMEN_ID'>): boolean {
  return !!(text(order.SPECIMEN_TYPE) || text(order.SPECIMEN_ID));
}

/**
 * LAB_ORDER -> US Core 6.1.0 Specimen (`<ORDER_ID>`): type from SPECIMEN_TYPE (SNOMED CT + v2 0487; unknown or
 * missing type reported / stated absent), accession identifier SPECIMEN_ID, subject, collected = COLLECTED_AT,
 * request = the order's ServiceRequest. Call only for orders with a specimen ({@link orderHasSpecimen}).
 * @see https://hl7.org/fhir/us/core/STU6.1/StructureDefinition-us-core-specimen.html
 */
export function toSpecimen(order: Omit<LegacyLabOrder, 'REPORT_TEXT'>, ctx: MapperContext): Specimen {
  const known = lookupCode(SPECIMEN_TYPE_CODES, order.SPECIMEN_TYPE, 'LAB_ORDER.SPECIMEN_TYPE', ctx);
  const type: CodeableConcept = known ? { coding: known.codings, text: known.text } : dataAbsentConcept('unknown');
  const accession = text(order.SPECIMEN_ID);
  const collected = toInstant(order.COLLECTED_AT, ctx);
  return compact<Specimen>({
    resourceType: 'Specimen',
    id: specimenId(order.ORDER_ID),
    meta: buildMeta(order, PROFILE.specimen, ctx),
    accessionIdentifier: accession ? { system: SPECIMEN_ACCESSION_SYSTEM, value: accession } : undefined,
    type,
    subject: ref.patient(order.PAT_ID),
    request: [{ reference: `ServiceRequest/${serviceRequestId.order(order.ORDER_ID)}` }],
    collection: collected ? { collectedDateTime: collected } : undefined,
  });
}
