import { describe, expect, it } from '@jest/globals';
import type { LegacyMedication } from '#facade/legacy-db';
import { expectValidUsCore } from '../testing/expect-valid.js';
import { medicationRow } from '../testing/medication-fixtures.js';
import { testContext } from '../testing/test-context.js';
import { toMedication } from '../medication/medication.mapper.js';
import { parseMedicationRequestId, toMedicationRequest } from './medication-request.mapper.js';

type Json = Record<string, any>;

const RXNORM = 'http://www.nlm.nih.gov/research/umls/rxnorm';
const DAR = { extension: [{ url: 'http://hl7.org/fhir/StructureDefinition/data-absent-reason', valueCode: 'unknown' }] };

const cases: Array<{ name: string; row: Partial<LegacyMedication>; issues?: string[]; expect: (m: Json) => void }> = [
  {
    name: 'prescription: intent order, prescriber, RxNorm code inline, structured dose, timing, dispense request',
    row: {},
    expect: (m) => {
      expect(m.id).toBe('110');
      expect(m.status).toBe('active');
      expect(m.intent).toBe('order');
      expect(m.reportedBoolean).toBe(false);
      expect(m.reportedReference).toBeUndefined();
      expect(m.category).toEqual([{ coding: [{ system: 'http://terminology.hl7.org/CodeSystem/medicationrequest-category', code: 'community', display: 'Community' }], text: 'Community' }]);
      expect(m.medicationCodeableConcept).toEqual({
        coding: [{ system: RXNORM, code: '860975', display: 'Metformin hydrochloride 500 MG Oral Tablet' }],
        text: 'Metformin hydrochloride 500 MG Oral Tablet',
      });
      expect(m.medicationReference).toBeUndefined();
      expect(m.subject).toEqual({ reference: 'Patient/12' });
      expect(m.encounter).toEqual({ reference: 'Encounter/40' });
      expect(m.requester).toEqual({ reference: 'Practitioner/5' });
      expect(m.authoredOn).toBe('2024-03-01T09:20:00-05:00');
      expect(m.reasonCode).toEqual([{ coding: [{ system: 'http://hl7.org/fhir/sid/icd-10-cm', code: 'E11.9' }] }]);
      expect(m.dosageInstruction).toEqual([{
        text: 'Take 1 tablet by mouth twice daily with meals',
        timing: {
          repeat: { frequency: 2, period: 1, periodUnit: 'd', boundsPeriod: { start: '2024-03-01' } },
          code: { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/v3-GTSAbbreviation', code: 'BID' }], text: 'BID' },
        },
        route: { coding: [{ system: 'http://snomed.info/sct', code: '26643006', display: 'Oral route' }], text: 'Oral route' },
        doseAndRate: [{ doseQuantity: { value: 500, unit: 'mg', system: 'http://unitsofmeasure.org', code: 'mg' } }],
      }]);
      expect(m.dispenseRequest).toEqual({
        numberOfRepeatsAllowed: 3,
        quantity: { value: 60, unit: 'TAB' },
        expectedSupplyDuration: { value: 30, unit: 'days', system: 'http://unitsofmeasure.org', code: 'd' },
      });
      expect(m.meta).toEqual({ versionId: '3', lastUpdated: '2024-03-02T16:40:00-05:00', profile: ['http://hl7.org/fhir/us/core/StructureDefinition/us-core-medicationrequest|6.1.0'] });
    },
  },
  {
    name: 'patient-reported medication: intent plan, reportedReference the patient, no requester, no dispense request',
    row: { RX_TYPE: 'R', PRESCRIBER_ID: null, VISIT_ID: null, ORDERED_AT: null, DISPENSE_QTY: null, DISPENSE_UNIT: null, REFILLS: null, DAYS_SUPPLY: null, SIG_TEXT: null },
    expect: (m) => {
      expect(m.intent).toBe('plan');
      expect(m.reportedReference).toEqual({ reference: 'Patient/12' });
      expect(m.reportedBoolean).toBeUndefined();
      expect(m.requester).toBeUndefined();
      expect(m.dispenseRequest).toBeUndefined();
      expect(m.encounter).toBeUndefined();
      expect(m.authoredOn).toBe('2024-03-01T09:15:00-05:00');
      expect(m.dosageInstruction[0].text).toBeUndefined();
      expect(m.dosageInstruction[0].timing.repeat.frequency).toBe(2);
    },
  },
  {
    name: 'NDC product: medicationReference to the Medication of the same row',
    row: { NDC_CODE: '00093104801' },
    expect: (m) => {
      expect(m.medicationCodeableConcept).toBeUndefined();
      expect(m.medicationReference).toEqual({ reference: 'Medication/110', display: 'Metformin hydrochloride 500 MG Oral Tablet' });
    },
  },
  {
    name: 'drug known only by name: text-only medication code',
    row: { RXNORM_CODE: null, DRUG_NAME: 'Fish oil capsule' },
    expect: (m) => expect(m.medicationCodeableConcept).toEqual({ text: 'Fish oil capsule' }),
  },
  {
    name: 'as needed, at bedtime, unitless dose, ended: asNeeded, when HS, bounds end',
    row: { FREQ_CODE: 'QHS', PRN_YN: 'Y', DOSE_QTY: 1, DOSE_UNIT: 'PUFF', END_DATE: '2024-04-01', STATUS: 'C', ROUTE_CODE: 'INH' },
    expect: (m) => {
      expect(m.status).toBe('completed');
      const d = m.dosageInstruction[0];
      expect(d.asNeededBoolean).toBe(true);
      expect(d.timing).toEqual({ repeat: { frequency: 1, period: 1, periodUnit: 'd', when: ['HS'], boundsPeriod: { start: '2024-03-01', end: '2024-04-01' } } });
      expect(d.doseAndRate).toEqual([{ doseQuantity: { value: 1, unit: 'PUFF' } }]);
      expect(d.route.coding[0].code).toBe('447694001');
    },
  },
  {
    name: 'PRN frequency: as needed without a schedule',
    row: { FREQ_CODE: 'PRN', PRN_YN: 'N' },
    expect: (m) => {
      expect(m.dosageInstruction[0].asNeededBoolean).toBe(true);
      expect(m.dosageInstruction[0].timing).toEqual({ repeat: { boundsPeriod: { start: '2024-03-01' } } });
    },
  },
  {
    name: 'every status code maps (stopped, on hold, cancelled, entered in error)',
    row: { STATUS: 'D' },
    expect: (m) => expect(m.status).toBe('stopped'),
  },
  {
    name: 'prescription without a prescriber: reported, requester data-absent (us-core-21)',
    row: { PRESCRIBER_ID: null },
    issues: ['MEDICATION.PRESCRIBER_ID:NULL'],
    expect: (m) => expect(m.requester).toEqual(DAR),
  },
  {
    name: 'unknown status, RX_TYPE, route and frequency, malformed reason: reported; status unknown, intent plan',
    row: { STATUS: 'Z', RX_TYPE: 'Q', ROUTE_CODE: 'XX', FREQ_CODE: 'Q3D', REASON_ICD10: '12' },
    issues: ['MEDICATION.STATUS:Z', 'MEDICATION.RX_TYPE:Q', 'MEDICATION.ROUTE_CODE:XX', 'MEDICATION.FREQ_CODE:Q3D', 'MEDICATION.REASON_ICD10:12'],
    expect: (m) => {
      expect(m.status).toBe('unknown');
      expect(m.intent).toBe('plan');
      expect(m.reportedBoolean).toBeUndefined();
      expect(m.reportedReference).toBeUndefined();
      expect(m.requester).toBeUndefined();
      expect(m.reasonCode).toBeUndefined();
      expect(m.dosageInstruction[0].route).toBeUndefined();
      expect(m.dosageInstruction[0].timing).toEqual({ repeat: { boundsPeriod: { start: '2024-03-01' } } });
    },
  },
  {
    name: 'no instruction at all: dosageInstruction left out',
    row: { SIG_TEXT: null, FREQ_CODE: null, ROUTE_CODE: null, DOSE_QTY: null, DOSE_UNIT: null, START_DATE: null, END_DATE: null },
    expect: (m) => expect(m.dosageInstruction).toBeUndefined(),
  },
];

describe('toMedicationRequest', () => {
  it.each(cases)('$name', (c) => {
    const ctx = testContext();
    const m = toMedicationRequest(medicationRow(c.row), ctx);
    c.expect(m as Json);
    expect(ctx.issues.map((i) => `${i.column}:${i.code}`).sort()).toEqual([...(c.issues ?? [])].sort());
    expectValidUsCore(m);
  });

  it.each(['A', 'H', 'C', 'D', 'X', 'E'])('status %s maps without an issue', (status) => {
    const ctx = testContext();
    expectValidUsCore(toMedicationRequest(medicationRow({ STATUS: status }), ctx));
    expect(ctx.issues).toEqual([]);
  });

  it('ids: the row key, canonical keys only', () => {
    expect(parseMedicationRequestId('110')).toBe(110);
    expect(parseMedicationRequestId('0110')).toBeUndefined();
    expect(parseMedicationRequestId('3000000000')).toBeUndefined();
  });
});

describe('toMedication', () => {
  it('NDC product row: RxNorm and NDC codings, DRUG_NAME text, valid US Core Medication', () => {
    const ctx = testContext();
    const m = toMedication(medicationRow({ NDC_CODE: '00093104801' }), ctx) as Json;
    expect(m).toEqual({
      resourceType: 'Medication',
      id: '110',
      meta: { versionId: '3', lastUpdated: '2024-03-02T16:40:00-05:00', profile: ['http://hl7.org/fhir/us/core/StructureDefinition/us-core-medication|6.1.0'] },
      code: {
        coding: [
          { system: RXNORM, code: '860975', display: 'Metformin hydrochloride 500 MG Oral Tablet' },
          { system: 'http://hl7.org/fhir/sid/ndc', code: '00093104801', display: 'Metformin hydrochloride 500 MG Oral Tablet' },
        ],
        text: 'Metformin hydrochloride 500 MG Oral Tablet',
      },
    });
    expectValidUsCore(m);
  });
});
