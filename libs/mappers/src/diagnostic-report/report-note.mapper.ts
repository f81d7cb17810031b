import type { LegacyLabOrder, LegacyLabResult } from '#facade/legacy-db';
import type { MapperContext } from '../mapper-context.js';
import { lookupCode } from '../common/code-map.js';
import { LAB_ORDER_STATUS } from '../common/code-maps.js';
import { present } from '../common/contact-builders.js';
import { dataAbsentExtension } from '../common/data-absent-reason.js';
import type { CodeableConcept, Coding, DiagnosticReport } from '../common/fhir-types.js';
import { compact, isYes, text } from '../common/flags.js';
import { buildMeta } from '../common/meta.js';
import { ref } from '../common/references.js';
import { PROFILE, SYSTEM } from '../common/systems.js';
import { toInstant } from '../common/time.js';
import { documentId, NOTE_FORMAT, NOTE_TYPE } from '../document-reference/document-codes.js';
import type { NoteHeader } from '../document-reference/document-reference.mapper.js';
import { fhirId } from '../ids.js';
import { liveResultsOf } from './diagnostic-report.mapper.js';
import { resultObservationId } from '../observation/clinical-result.mapper.js';
import { serviceRequestId } from '../service-request/order-codes.js';

const loinc = (code: string, display: string): Coding => ({ system: SYSTEM.loinc, code, display });
const RADIOLOGY = loinc('LP29684-5', 'Radiology');
const CARDIOLOGY = loinc('LP29708-2', 'Cardiology');
const PATHOLOGY = loinc('LP7839-6', 'Pathology');
const LABORATORY: Coding = { system: SYSTEM.diagnosticServiceSection, code: 'LAB', display: 'Laboratory' };

/** LAB_ORDER.ORDER_CATEGORY of the report-and-note orders -> US Core DiagnosticReport category. */
export const REPORT_ORDER_CATEGORY: Readonly<Record<string, Coding>> = { RAD: RADIOLOGY, CARD: CARDIOLOGY, PATH: PATHOLOGY };

/** CLINICAL_NOTE.NOTE_TYPE of the narrative reports -> DiagnosticReport category (LAB: v2 0074, outside the slice). */
export const REPORT_NOTE_CATEGORY: Readonly<Record<string, Coding>> = { IMG: RADIOLOGY, LAB: LABORATORY, PATH: PATHOLOGY };

/** Statuses for which US Core requires effective[x] (us-core-10). */
const RESULTED = new Set(['partial', 'preliminary', 'final', 'amended', 'corrected', 'appended']);

const category = (c: Coding): CodeableConcept => ({ coding: [c], text: c.display });

/** What `toOrderReportNote` needs: a RAD / CARD / PATH LAB_ORDER row and its LAB_RESULT rows. */
export interface ReportOrderInput {
  order: LegacyLabOrder;
  results: LegacyLabResult[];
}

/**
 * LAB_ORDER of category RAD, CARD or PATH (+ LAB_RESULT rows) -> US Core 6.1.0 DiagnosticReport for Report and
 * Note Exchange (`<ORDER_ID>`, the id space of LAB_ORDER reports): category Radiology / Cardiology / Pathology,
 * code PANEL_LOINC / PANEL_CPT / PANEL_NAME, status from STATUS, effective = COLLECTED_AT (stated absent when a
 * resulted report lacks it, us-core-10), issued = RESULTED_AT, performer, result = the clinical-result
 * Observations, REPORT_TEXT as a text/plain presentedForm, basedOn = the order's ServiceRequest.
 * @see https://hl7.org/fhir/us/core/STU6.1/StructureDefinition-us-core-diagnosticreport-note.html
 */
export function toOrderReportNote(input: ReportOrderInput, ctx: MapperContext): DiagnosticReport {
  const { order } = input;
  const cat = lookupCode(REPORT_ORDER_CATEGORY, order.ORDER_CATEGORY, 'LAB_ORDER.ORDER_CATEGORY', ctx);
  const status = lookupCode(LAB_ORDER_STATUS, order.STATUS, 'LAB_ORDER.STATUS', ctx) ?? 'unknown';
  const name = text(order.PANEL_NAME);
  const panelLoinc = text(order.PANEL_LOINC);
  const panelCpt = text(order.PANEL_CPT);
  const effective = toInstant(order.COLLECTED_AT, ctx);
  const lab = text(order.PERFORMING_LAB);
  const report = text(order.REPORT_TEXT);
  const results = liveResultsOf(order, input.results);
  return compact<DiagnosticReport>({
    resourceType: 'DiagnosticReport',
    id: fhirId.diagnosticReport(order.ORDER_ID),
    meta: buildMeta(order, PROFILE.diagnosticReportNote, ctx),
    basedOn: [{ reference: `ServiceRequest/${serviceRequestId.order(order.ORDER_ID)}` }],
    status,
    // An unknown category is reported; the report still states what it is by its code.
    category: [cat ? category(cat) : { text: text(order.ORDER_CATEGORY) ?? 'Report' }],
    code: {
      coding: present<Coding>(
        panelLoinc ? { system: SYSTEM.loinc, code: panelLoinc, display: name } : undefined,
        panelCpt ? { system: SYSTEM.cpt, code: panelCpt, display: name } : undefined,
      ),
      text: name,
    },
    subject: ref.patient(order.PAT_ID),
    encounter: ref.encounter(order.VISIT_ID),
    ...(effective ? { effectiveDateTime: effective } : RESULTED.has(status) ? { _effectiveDateTime: { extension: [dataAbsentExtension('unknown')] } } : {}),
    issued: toInstant(order.RESULTED_AT, ctx),
    performer: lab ? [{ display: lab }] : undefined,
    result: results.map((r) => ({ reference: `Observation/${resultObservationId(order.ORDER_CATEGORY, r.RESULT_ID)}`, display: text(r.TEST_NAME) })),
    presentedForm: report ? [{ contentType: 'text/plain; charset=utf-8', data: Buffer.from(report, 'utf8').toString('base64'), title: name }] : undefined,
  });
}

/** The NOTE_TYPEs that are diagnostic reports as well as clinical notes (imaging, laboratory, pathology narratives). */
export const REPORT_NOTE_TYPES: readonly string[] = Object.keys(REPORT_NOTE_CATEGORY);

/**
 * CLINICAL_NOTE of type IMG, LAB or PATH (without NOTE_TEXT) -> US Core 6.1.0 DiagnosticReport for Report and
 * Note Exchange (`note-<NOTE_ID>`, the id of its DocumentReference): category from the note type, code = the
 * note's LOINC type, status preliminary (unsigned) / amended / final, effective = CREATED_AT, issued = SIGNED_AT,
 * performer = author, and presentedForm pointing at the note's Binary (the text is never inlined).
 */
export function toNoteReport(note: NoteHeader, ctx: MapperContext): DiagnosticReport {
  const id = documentId.note(note.NOTE_ID);
  const cat = lookupCode(REPORT_NOTE_CATEGORY, note.NOTE_TYPE, 'CLINICAL_NOTE.NOTE_TYPE', ctx);
  const type = NOTE_TYPE[note.NOTE_TYPE?.trim().toUpperCase()];
  const title = text(note.NOTE_TITLE) ?? type?.display ?? 'Report';
  const signed = isYes(note.SIGNED_YN);
  const contentType = lookupCode(NOTE_FORMAT, note.NOTE_FORMAT, 'CLINICAL_NOTE.NOTE_FORMAT', ctx) ?? 'text/plain; charset=utf-8';
  return compact<DiagnosticReport>({
    resourceType: 'DiagnosticReport',
    id,
    meta: buildMeta(note, PROFILE.diagnosticReportNote, ctx),
    status: !signed ? 'preliminary' : isYes(note.AMENDED_YN) ? 'amended' : 'final',
    category: [cat ? category(cat) : { text: 'Report' }],
    code: { coding: type ? [type] : undefined, text: title },
    subject: ref.patient(note.PAT_ID),
    encounter: ref.encounter(note.VISIT_ID),
    effectiveDateTime: toInstant(note.CREATED_AT, ctx),
    issued: signed ? toInstant(note.SIGNED_AT, ctx) : undefined,
    performer: present(ref.practitioner(note.AUTHOR_PROV_ID)),
    presentedForm: [{ contentType, url: `${ctx.baseUrl}/Binary/${id}`, title }],
  });
}
