/**
 * US Core vital-sign Observation -> the VITALS columns of one measurement event (the inverse of
 * vital-signs.mapper.ts), pure. The LOINC code picks the sign and its column(s); values are converted to the
 * column's fixed unit (cm -> in, kg/g -> lb, Cel -> degF, in -> cm for head circumference) and must fit it (INT
 * columns take whole numbers, DECIMAL(5,2)/(6,2) at most 999.99/9999.99); status final -> F, amended -> A;
 * `effectiveDateTime` (with a time and an offset) -> TAKEN_AT in the clinic's zone.
 */
import { instantToWallClock } from '#facade/time';
import { inverse, localCode, patientKey, unstorableElements, type ReverseResult, type WriteIssue } from '../common/reverse.js';
import { VITALS_STATUS } from '../common/code-maps.js';
import { PROFILE, SYSTEM } from '../common/systems.js';
import type { VitalSignSlug } from '../ids.js';

/** The VITALS columns one vital-sign Observation sets. */
export interface VitalSignColumns {
  PAT_ID: number;
  TAKEN_AT: string;
  STATUS: string;
  /** The sign's columns with their values in the column units (only this sign's columns). */
  values: Record<string, number | null>;
  slug: VitalSignSlug;
}

type Unit = { factor: number; offset?: number };
interface Sign {
  slug: VitalSignSlug;
  column: string;
  profile: string;
  /** UCUM code -> conversion into the column's unit. */
  units: Record<string, Unit>;
  integer?: boolean;
  max: number;
}

const same = { factor: 1 };
const simple = (slug: VitalSignSlug, column: string, profile: string, units: Record<string, Unit>, max: number, integer = false): Sign => ({ slug, column, profile, units, max, integer });

/** LOINC code -> sign (the codes the forward mapper emits). */
const SIGNS: Record<string, Sign> = {
  '8302-2': simple('height', 'HEIGHT_IN', PROFILE.bodyHeight, { '[in_i]': same, cm: { factor: 1 / 2.54 } }, 999.99),
  '29463-7': simple('weight', 'WEIGHT_LB', PROFILE.bodyWeight, { '[lb_av]': same, kg: { factor: 2.2046226218 }, g: { factor: 0.0022046226218 } }, 9999.99),
  '39156-5': simple('bmi', 'BMI', PROFILE.bmi, { 'kg/m2': same }, 999.99),
  '8867-4': simple('heart-rate', 'PULSE', PROFILE.heartRate, { '/min': same }, 2_147_483_647, true),
  '9279-1': simple('respiratory-rate', 'RESP_RATE', PROFILE.respiratoryRate, { '/min': same }, 2_147_483_647, true),
  '8310-5': simple('temperature', 'TEMP_F', PROFILE.bodyTemperature, { '[degF]': same, Cel: { factor: 9 / 5, offset: 32 } }, 999.99),
  '9843-4': simple('head-circumference', 'HEAD_CIRC_CM', PROFILE.headCircumference, { cm: same, '[in_i]': { factor: 2.54 } }, 999.99),
  '59576-9': simple('bmi-percentile', 'BMI_PCTL', PROFILE.pediatricBmiForAge, { '%': same }, 100),
  '77606-2': simple('weight-for-length-percentile', 'WFL_PCTL', PROFILE.pediatricWeightForHeight, { '%': same }, 100),
  '8289-1': simple('head-circumference-percentile', 'HC_PCTL', PROFILE.headCircumferencePercentile, { '%': same }, 100),
  '85354-9': simple('bp', 'BP_SYSTOLIC', PROFILE.bloodPressure, {}, 0),
  '59408-5': simple('pulse-oximetry', 'SPO2', PROFILE.pulseOximetry, { '%': same }, 100, true),
};

/** The profile a vital sign is validated against. */
export const VITAL_SIGN_PROFILE: Readonly<Record<string, string>> = Object.fromEntries(Object.values(SIGNS).map((s) => [s.slug, s.profile]));

const O = 'Observation';
const STATUS = inverse({ F: VITALS_STATUS.F, A: VITALS_STATUS.A });
const concept = (p: string) => [`${p}.coding.system`, `${p}.coding.code`, `${p}.coding.display`, `${p}.text`];
const quantity = (p: string) => [`${p}.value`, `${p}.unit`, `${p}.system`, `${p}.code`];

/** Elements a VITALS row can hold (server-assigned `id` and `meta` are accepted and ignored). */
export const VITALS_STORABLE: ReadonlySet<string> = new Set([
  'id', 'meta.profile', 'meta.versionId', 'meta.lastUpdated', 'status', ...concept('category'), ...concept('code'),
  'subject.reference', 'subject.display', 'effectiveDateTime', ...quantity('valueQuantity'),
  ...concept('component.code'), ...quantity('component.valueQuantity'),
]);

type Quantity = { value?: number; system?: string; code?: string };
type Concept = { coding?: { system?: string; code?: string }[] };

/** A quantity in the column's unit, rounded to its scale; issues for another unit, a non-whole INT, overflow. */
function columnValue(q: Quantity | undefined, sign: Pick<Sign, 'units' | 'integer' | 'max'>, expression: string, issues: WriteIssue[]): number | undefined {
  if (!q || typeof q.value !== 'number') {
    issues.push({ code: 'required', expression, diagnostics: 'A value (valueQuantity.value) is required' });
    return undefined;
  }
  const unit = q.system === SYSTEM.ucum && q.code !== undefined ? sign.units[q.code] : undefined;
  if (!unit) {
    issues.push({ code: 'not-supported', expression: `${expression}.code`, diagnostics: `Units supported here (UCUM): ${Object.keys(sign.units).join(', ')}` });
    return undefined;
  }
  const v = q.value * unit.factor + (unit.offset ?? 0);
  if (sign.integer && !Number.isInteger(v)) {
    issues.push({ code: 'not-supported', expression: `${expression}.value`, diagnostics: 'Only whole numbers can be stored for this sign' });
    return undefined;
  }
  const stored = sign.integer ? v : Math.round(v * 100) / 100;
  if (stored < 0 || stored > sign.max) {
    issues.push({ code: 'not-supported', expression: `${expression}.value`, diagnostics: `The value must be between 0 and ${sign.max} ${Object.keys(sign.units)[0]}` });
    return undefined;
  }
  return stored;
}

function loincOf(c: Concept | undefined): string[] {
  return (c?.coding ?? []).filter((x) => x.system === SYSTEM.loinc && x.code).map((x) => x.code!);
}

/** The components of blood pressure and pulse oximetry -> their columns. */
function components(resource: { component?: { code?: Concept; valueQuantity?: Quantity }[] }, slug: VitalSignSlug, values: Record<string, number | null>, issues: WriteIssue[]): void {
  const known: Record<string, { column: string; sign: Pick<Sign, 'units' | 'integer' | 'max'> }> =
    slug === 'bp'
      ? { '8480-6': { column: 'BP_SYSTOLIC', sign: { units: { 'mm[Hg]': same }, integer: true, max: 2_147_483_647 } }, '8462-4': { column: 'BP_DIASTOLIC', sign: { units: { 'mm[Hg]': same }, integer: true, max: 2_147_483_647 } } }
      : slug === 'pulse-oximetry'
        ? { '3151-8': { column: 'O2_FLOW_LPM', sign: { units: { 'L/min': same }, max: 999.99 } } }
        : {};
  (resource.component ?? []).forEach((c, i) => {
    const code = loincOf(c.code).find((x) => known[x]);
    const expression = `${O}.component[${i}]`;
    if (!code) {
      issues.push({ code: 'not-supported', expression: `${expression}.code`, diagnostics: 'This component cannot be stored' });
      return;
    }
    if (values[known[code].column] !== undefined) issues.push({ code: 'business-rule', expression, diagnostics: 'The component appears twice' });
    values[known[code].column] = columnValue(c.valueQuantity, known[code].sign, `${expression}.valueQuantity`, issues) ?? null;
  });
  if (slug === 'bp' && (values.BP_SYSTOLIC ?? null) === null && (values.BP_DIASTOLIC ?? null) === null) {
    issues.push({ code: 'required', expression: `${O}.component`, diagnostics: 'A systolic or diastolic value is required' });
  }
}

/**
 * A vital-sign Observation -> the VITALS columns it sets, in the clinic's `timeZone`.
 */
export function fromVitalSignObservation(resource: Record<string, unknown>, timeZone: string): ReverseResult<VitalSignColumns> {
  const issues: WriteIssue[] = unstorableElements(resource, VITALS_STORABLE).map((expression) => ({ code: 'not-supported' as const, expression, diagnostics: 'Element cannot be stored by this server' }));
  const r = resource as { status?: string; category?: Concept[]; code?: Concept; subject?: unknown; effectiveDateTime?: string; valueQuantity?: Quantity; component?: { code?: Concept; valueQuantity?: Quantity }[] };
  const vital = (r.category ?? []).some((c) => (c.coding ?? []).some((x) => x.system === SYSTEM.observationCategory && x.code === 'vital-signs'));
  if (!vital) issues.push({ code: 'not-supported', expression: `${O}.category`, diagnostics: 'Only vital signs (category vital-signs) can be created' });
  const sign = loincOf(r.code).map((c) => SIGNS[c]).find((s) => s);
  if (!sign) issues.push({ code: 'not-supported', expression: `${O}.code`, diagnostics: `Vital signs stored here (LOINC): ${Object.keys(SIGNS).join(', ')}` });
  const status = localCode(STATUS, r.status, `${O}.status`, issues);
  if (!r.status) issues.push({ code: 'required', expression: `${O}.status`, diagnostics: 'status is required' });
  const patId = patientKey(r.subject);
  if (patId === undefined) issues.push({ code: 'required', expression: `${O}.subject`, diagnostics: 'subject must reference Patient/<id> of this server' });
  let takenAt: string | undefined;
  if (typeof r.effectiveDateTime !== 'string' || !/T\d{2}:\d{2}/.test(r.effectiveDateTime)) {
    issues.push({ code: 'required', expression: `${O}.effectiveDateTime`, diagnostics: 'effectiveDateTime with a time and an offset is required (a VITALS row records when the signs were taken)' });
  } else {
    try {
      takenAt = instantToWallClock(r.effectiveDateTime, timeZone);
    } catch {
      issues.push({ code: 'value', expression: `${O}.effectiveDateTime`, diagnostics: 'effectiveDateTime needs a time zone offset' });
    }
  }
  const values: Record<string, number | null> = {};
  if (sign && (sign.slug === 'bp' || sign.slug === 'pulse-oximetry')) components(r, sign.slug, values, issues);
  else if (r.component) issues.push({ code: 'not-supported', expression: `${O}.component`, diagnostics: 'This sign has no components' });
  if (sign && sign.slug !== 'bp') values[sign.column] = columnValue(r.valueQuantity, sign, `${O}.valueQuantity`, issues) ?? null;
  else if (r.valueQuantity) issues.push({ code: 'not-supported', expression: `${O}.valueQuantity`, diagnostics: 'Blood pressure values go in its components' });
  if (issues.length || !sign || patId === undefined || !takenAt || !status) return { ok: false, issues };
  return { ok: true, row: { PAT_ID: patId, TAKEN_AT: takenAt, STATUS: status, values, slug: sign.slug } };
}
