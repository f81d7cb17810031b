import type { LegacyLabOrder, LegacyLabResult } from '#facade/legacy-db';
import type { MapperContext } from '../mapper-context.js';
import { lookupCode } from '../common/code-map.js';
import { LAB_ORDER_STATUS } from '../common/code-maps.js';
import { present } from '../common/contact-builders.js';
import { dataAbsentExtension } from '../common/data-absent-reason.js';
import type { Coding, DiagnosticReport } from '../common/fhir-types.js';
import { compact, text } from '../common/flags.js';
import { buildMeta } from '../common/meta.js';
import { ref } from '../common/references.js';
import { PROFILE, SYSTEM } from '../common/systems.js';
import { toInstant } from '../common/time.js';
import { fhirId } from '../ids.js';

/** Code system of local panel names/codes when LAB_ORDER.PANEL_LOINC is NULL. */
export const LOCAL_PANEL_CODE_SYSTEM = `${SYSTEM.localPrefix}lab-panel`;

/** What `toDiagnosticReport` needs: the LAB_ORDER row and its LAB_RESULT rows (by ORDER_ID, DELETED_YN = 'N'). */
export interface DiagnosticReportMapperInput {
  order: LegacyLabOrder;
  /** The order's LAB_RESULT rows, any order (sorted by SEQ here); deleted rows are skipped. */
  results: LegacyLabResult[];
}

/** Statuses for which US Core requires effective[x] and issued (us-core-8, us-core-9). */
const RESULTED_STATUSES = new Set(['partial', 'preliminary', 'final', 'amended', 'corrected', 'appended']);

const LAB_CATEGORY: Coding = { system: SYSTEM.diagnosticServiceSection, code: 'LAB', display: 'Laboratory' };

/**
 * LAB_ORDER (+ LAB_RESULT rows) -> US Core 6.1.0 DiagnosticReport for laboratory results (`<ORDER_ID>`):
 * category LAB, code PANEL_LOINC (else PANEL_CPT / the panel name as text), status from STATUS, subject,
 * encounter, effective = COLLECTED_AT, issued = RESULTED_AT, performer = the performing lab (display), result =
 * `Observation/lab-<RESULT_ID>` per result, REPORT_TEXT as a text/plain presentedForm.
 *
 * Only ORDER_CATEGORY = 'LAB' rows are laboratory reports; RAD / CARD / PATH orders are reported as an issue
 * and still mapped here with their category, pending us-core-diagnosticreport-note (report-and-note) in a
 * later issue: the engine should serve only LAB orders through this mapper until then.
 * @see https://hl7.org/fhir/us/core/STU6.1/StructureDefinition-us-core-diagnosticreport-lab.html
 */
/** The order's live results in report order (SEQ, then RESULT_ID): what a report's `result` lists. */
export function liveResultsOf(order: Pick<LegacyLabOrder, 'ORDER_ID'>, results: readonly LegacyLabResult[]): LegacyLabResult[] {
  return results.filter((r) => r.DELETED_YN !== 'Y' && r.ORDER_ID === order.ORDER_ID).sort((a, b) => a.SEQ - b.SEQ || a.RESULT_ID - b.RESULT_ID);
}

export function toDiagnosticReport(input: DiagnosticReportMapperInput, ctx: MapperContext): DiagnosticReport {
  const { order } = input;
  const category = order.ORDER_CATEGORY?.trim().toUpperCase() || 'LAB';
  if (category !== 'LAB') {
    ctx.report({ column: 'LAB_ORDER.ORDER_CATEGORY', code: category, message: 'Non-laboratory order mapped as a laboratory report' });
  }
  const status = lookupCode(LAB_ORDER_STATUS, order.STATUS, 'LAB_ORDER.STATUS', ctx) ?? 'unknown';
  const resulted = RESULTED_STATUSES.has(status);
  const panelLoinc = text(order.PANEL_LOINC);
  const panelCpt = text(order.PANEL_CPT);
  const name = text(order.PANEL_NAME);
  const effective = toInstant(order.COLLECTED_AT, ctx);
  const issued = toInstant(order.RESULTED_AT, ctx);
  const lab = text(order.PERFORMING_LAB);
  const report = text(order.REPORT_TEXT);
  const results = liveResultsOf(order, input.results);
  return compact<DiagnosticReport>({
    resourceType: 'DiagnosticReport',
    id: fhirId.diagnosticReport(order.ORDER_ID),
    meta: buildMeta(order, PROFILE.diagnosticReportLab, ctx),
    status,
    category: [{ coding: [LAB_CATEGORY], text: 'Laboratory' }],
    code: {
      coding: present<Coding>(
        panelLoinc ? { system: SYSTEM.loinc, code: panelLoinc, display: name } : undefined,
        panelCpt ? { system: SYSTEM.cpt, code: panelCpt, display: name } : undefined,
      ),
      text: name,
    },
    subject: ref.patient(order.PAT_ID),
    encounter: ref.encounter(order.VISIT_ID),
    // us-core-8 / us-core-9: a (partly) resulted report must state effective and issued; if the EHR lacks them
    // they are stated absent. A report not yet resulted simply has neither.
    ...(effective ? { effectiveDateTime: effective } : resulted ? { _effectiveDateTime: { extension: [dataAbsentExtension('unknown')] } } : {}),
    ...(issued ? { issued } : resulted ? { _issued: { extension: [dataAbsentExtension('unknown')] } } : {}),
    performer: lab ? [{ display: lab }] : undefined,
    result: results.map((r) => ({ reference: `Observation/${fhirId.labResult(r.RESULT_ID)}`, display: text(r.TEST_NAME) })),
    presentedForm: report
      ? [{ contentType: 'text/plain; charset=utf-8', data: Buffer.from(report, 'utf8').toString('base64'), title: name }]
      : undefined,
  });
}
