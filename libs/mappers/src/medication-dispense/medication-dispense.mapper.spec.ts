import { describe, expect, it } from '@jest/globals';
import type { LegacyMedication, LegacyRxFill } from '#facade/legacy-db';
import { expectValidUsCore } from '../testing/expect-valid.js';
import { medicationRow, rxFillRow } from '../testing/medication-fixtures.js';
import { testContext } from '../testing/test-context.js';
import { parseMedicationDispenseId, toMedicationDispense } from './medication-dispense.mapper.js';

type Json = Record<string, any>;

const cases: Array<{ name: string; fill?: Partial<LegacyRxFill>; med?: Partial<LegacyMedication>; issues?: string[]; expect: (d: Json) => void }> = [
  {
    name: 'filled: completed, handed over, pharmacy, prescription, quantity in the prescription unit, days supply',
    expect: (d) => {
      expect(d.id).toBe('120');
      expect(d.status).toBe('completed');
      expect(d.medicationCodeableConcept.coding[0]).toMatchObject({ system: 'http://www.nlm.nih.gov/research/umls/rxnorm', code: '860975' });
      expect(d.subject).toEqual({ reference: 'Patient/12' });
      expect(d.performer).toEqual([{ actor: { display: 'Harbor Pharmacy' } }]);
      expect(d.authorizingPrescription).toEqual([{ reference: 'MedicationRequest/110' }]);
      expect(d.quantity).toEqual({ value: 60, unit: 'TAB' });
      expect(d.daysSupply).toEqual({ value: 30, unit: 'days', system: 'http://unitsofmeasure.org', code: 'd' });
      expect(d.whenHandedOver).toBe('2024-03-01T17:45:00-05:00');
      expect(d.whenPrepared).toBeUndefined();
      expect(d.type).toBeUndefined();
      expect(d.dosageInstruction[0].text).toBe('Take 1 tablet by mouth twice daily with meals');
      expect(d.meta.versionId).toBe('1');
    },
  },
  {
    name: 'partial fill: completed, type says partial',
    fill: { FILL_STATUS: 'P', QTY: 30 },
    expect: (d) => {
      expect(d.status).toBe('completed');
      expect(d.type).toEqual({ text: 'Partial fill' });
      expect(d.quantity.value).toBe(30);
    },
  },
  {
    name: 'not filled: declined, nothing handed over',
    fill: { FILL_STATUS: 'N', QTY: null, DAYS_SUPPLY: null },
    expect: (d) => {
      expect(d.status).toBe('declined');
      expect(d.whenHandedOver).toBeUndefined();
      expect(d.quantity).toBeUndefined();
      expect(d.daysSupply).toBeUndefined();
    },
  },
  {
    name: 'returned to stock: cancelled, prepared but never handed over',
    fill: { FILL_STATUS: 'R' },
    expect: (d) => {
      expect(d.status).toBe('cancelled');
      expect(d.whenPrepared).toBe('2024-03-01T17:45:00-05:00');
      expect(d.whenHandedOver).toBeUndefined();
    },
  },
  {
    name: 'NDC product: the same Medication reference as the prescription',
    med: { NDC_CODE: '00093104801' },
    expect: (d) => expect(d.medicationReference).toEqual({ reference: 'Medication/110', display: 'Metformin hydrochloride 500 MG Oral Tablet' }),
  },
  {
    name: 'fill of a reported medication: no authorizing prescription; unknown pharmacy: no performer',
    med: { RX_TYPE: 'R' },
    fill: { PHARMACY_NAME: null },
    expect: (d) => {
      expect(d.authorizingPrescription).toBeUndefined();
      expect(d.performer).toBeUndefined();
    },
  },
  {
    name: 'unknown fill status: reported, status unknown',
    fill: { FILL_STATUS: 'Z' },
    issues: ['RX_FILL.FILL_STATUS:Z'],
    expect: (d) => {
      expect(d.status).toBe('unknown');
      expect(d.whenHandedOver).toBeUndefined();
    },
  },
];

describe('toMedicationDispense', () => {
  it.each(cases)('$name', (c) => {
    const ctx = testContext();
    const d = toMedicationDispense({ fill: rxFillRow(c.fill), medication: medicationRow(c.med) }, ctx);
    c.expect(d as Json);
    expect(ctx.issues.map((x) => `${x.column}:${x.code}`).sort()).toEqual([...(c.issues ?? [])].sort());
    expectValidUsCore(d);
  });

  it('ids: the fill key', () => {
    expect(parseMedicationDispenseId('120')).toBe(120);
    expect(parseMedicationDispenseId('12a')).toBeUndefined();
  });
});
