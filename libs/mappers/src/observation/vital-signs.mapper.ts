import type { LegacyVitals } from '#facade/legacy-db';
import type { MapperContext } from '../mapper-context.js';
import { lookupCode } from '../common/code-map.js';
import { VITALS_STATUS } from '../common/code-maps.js';
import { dataAbsentConcept } from '../common/data-absent-reason.js';
import type { Coding, Observation } from '../common/fhir-types.js';
import { compact } from '../common/flags.js';
import { buildMeta } from '../common/meta.js';
import { ref } from '../common/references.js';
import { PROFILE } from '../common/systems.js';
import { toInstant } from '../common/time.js';
import { fhirId, VITAL_SIGN_SLUGS, type VitalSignSlug } from '../ids.js';
import { loinc, numeric, observationCategory, ucumQuantity } from './observation-parts.js';

interface SimpleSign {
  column: keyof LegacyVitals;
  profile: string;
  codes: Coding[];
  text: string;
  ucum: string;
  unit: string;
}

/** One VITALS column -> one Observation (except blood pressure and pulse oximetry, built below). */
const SIMPLE: Partial<Record<VitalSignSlug, SimpleSign>> = {
  height: { column: 'HEIGHT_IN', profile: PROFILE.bodyHeight, codes: [loinc('8302-2', 'Body height')], text: 'Body height', ucum: '[in_i]', unit: 'in' },
  weight: { column: 'WEIGHT_LB', profile: PROFILE.bodyWeight, codes: [loinc('29463-7', 'Body weight')], text: 'Body weight', ucum: '[lb_av]', unit: 'lb' },
  bmi: { column: 'BMI', profile: PROFILE.bmi, codes: [loinc('39156-5', 'Body mass index (BMI) [Ratio]')], text: 'BMI', ucum: 'kg/m2', unit: 'kg/m2' },
  'heart-rate': { column: 'PULSE', profile: PROFILE.heartRate, codes: [loinc('8867-4', 'Heart rate')], text: 'Heart rate', ucum: '/min', unit: 'beats/minute' },
  'respiratory-rate': { column: 'RESP_RATE', profile: PROFILE.respiratoryRate, codes: [loinc('9279-1', 'Respiratory rate')], text: 'Respiratory rate', ucum: '/min', unit: 'breaths/minute' },
  temperature: { column: 'TEMP_F', profile: PROFILE.bodyTemperature, codes: [loinc('8310-5', 'Body temperature')], text: 'Body temperature', ucum: '[degF]', unit: 'degF' },
  'head-circumference': { column: 'HEAD_CIRC_CM', profile: PROFILE.headCircumference, codes: [loinc('9843-4', 'Head Occipital-frontal circumference')], text: 'Head circumference', ucum: 'cm', unit: 'cm' },
  'bmi-percentile': { column: 'BMI_PCTL', profile: PROFILE.pediatricBmiForAge, codes: [loinc('59576-9', 'Body mass index (BMI) [Percentile] Per age and sex')], text: 'BMI percentile for age', ucum: '%', unit: '%' },
  'weight-for-length-percentile': { column: 'WFL_PCTL', profile: PROFILE.pediatricWeightForHeight, codes: [loinc('77606-2', 'Weight-for-length Per age and sex')], text: 'Weight-for-length percentile', ucum: '%', unit: '%' },
  'head-circumference-percentile': { column: 'HC_PCTL', profile: PROFILE.headCircumferencePercentile, codes: [loinc('8289-1', 'Head Occipital-frontal circumference Percentile')], text: 'Head circumference percentile', ucum: '%', unit: '%' },
};

/** The vital signs present in a VITALS row (each a `vitals-<VITAL_ID>-<slug>` Observation), in a fixed order. */
export function vitalSignsPresent(row: LegacyVitals): VitalSignSlug[] {
  return VITAL_SIGN_SLUGS.filter((slug) => {
    if (slug === 'bp') return numeric(row.BP_SYSTOLIC) !== undefined || numeric(row.BP_DIASTOLIC) !== undefined;
    if (slug === 'pulse-oximetry') return numeric(row.SPO2) !== undefined || numeric(row.O2_FLOW_LPM) !== undefined;
    const sign = SIMPLE[slug];
    return sign !== undefined && numeric(row[sign.column] as number | null) !== undefined;
  });
}

function base(row: LegacyVitals, slug: VitalSignSlug, profile: string, ctx: MapperContext): Observation {
  const status = lookupCode(VITALS_STATUS, row.STATUS, 'VITALS.STATUS', ctx) ?? 'unknown';
  return {
    resourceType: 'Observation',
    id: fhirId.vitalSign(row.VITAL_ID, slug),
    meta: buildMeta(row, profile, ctx),
    status,
    category: [observationCategory('vital-signs')],
    subject: ref.patient(row.PAT_ID),
    encounter: ref.encounter(row.VISIT_ID),
    effectiveDateTime: toInstant(row.TAKEN_AT, ctx),
  };
}

function bloodPressure(row: LegacyVitals, ctx: MapperContext): Observation {
  const component = (code: Coding, value: number | undefined) =>
    value !== undefined
      ? { code: { coding: [code], text: code.display }, valueQuantity: ucumQuantity(value, 'mm[Hg]', 'mmHg') }
      : { code: { coding: [code], text: code.display }, dataAbsentReason: dataAbsentConcept('unknown') };
  return {
    ...base(row, 'bp', PROFILE.bloodPressure, ctx),
    code: { coding: [loinc('85354-9', 'Blood pressure panel with all children optional')], text: 'Blood pressure' },
    component: [
      component(loinc('8480-6', 'Systolic blood pressure'), numeric(row.BP_SYSTOLIC)),
      component(loinc('8462-4', 'Diastolic blood pressure'), numeric(row.BP_DIASTOLIC)),
    ],
  };
}

function pulseOximetry(row: LegacyVitals, ctx: MapperContext): Observation {
  const spo2 = numeric(row.SPO2);
  const flow = numeric(row.O2_FLOW_LPM);
  return {
    ...base(row, 'pulse-oximetry', PROFILE.pulseOximetry, ctx),
    code: {
      coding: [
        loinc('59408-5', 'Oxygen saturation in Arterial blood by Pulse oximetry'),
        loinc('2708-6', 'Oxygen saturation in Arterial blood'),
      ],
      text: 'Pulse oximetry',
    },
    ...(spo2 !== undefined ? { valueQuantity: ucumQuantity(spo2, '%') } : { dataAbsentReason: dataAbsentConcept('unknown') }),
    ...(flow !== undefined
      ? {
          component: [
            { code: { coding: [loinc('3151-8', 'Inhaled oxygen flow rate')], text: 'Inhaled oxygen flow rate' }, valueQuantity: ucumQuantity(flow, 'L/min') },
          ],
        }
      : {}),
  };
}

/**
 * One vital sign of a VITALS row -> its US Core 6.1.0 vital-sign Observation, or `undefined` when that sign was
 * not measured (its column is NULL). Units are the columns' fixed units in UCUM ([in_i], [lb_av], kg/m2, mm[Hg],
 * /min, [degF], %, L/min, cm). STATUS F/A/E -> final/amended/entered-in-error.
 * @see https://hl7.org/fhir/us/core/STU6.1/StructureDefinition-us-core-vital-signs.html
 */
export function toVitalSignObservation(row: LegacyVitals, slug: VitalSignSlug, ctx: MapperContext): Observation | undefined {
  if (!vitalSignsPresent(row).includes(slug)) return undefined;
  if (slug === 'bp') return compact(bloodPressure(row, ctx));
  if (slug === 'pulse-oximetry') return compact(pulseOximetry(row, ctx));
  const sign = SIMPLE[slug];
  if (!sign) return undefined;
  return compact<Observation>({
    ...base(row, slug, sign.profile, ctx),
    code: { coding: sign.codes, text: sign.text },
    valueQuantity: ucumQuantity(row[sign.column] as number, sign.ucum, sign.unit),
  });
}

/** Every vital sign of a VITALS row -> its Observations (one per non-NULL sign; BP systolic+diastolic are one). */
export function toVitalSignObservations(row: LegacyVitals, ctx: MapperContext): Observation[] {
  return vitalSignsPresent(row)
    .map((slug) => toVitalSignObservation(row, slug, ctx))
    .filter((o): o is Observation => o !== undefined);
}
