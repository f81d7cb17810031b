import { describe, expect, it } from '@jest/globals';
import { implantRow } from '../testing/care-fixtures.js';
import { expectValidUsCore } from '../testing/expect-valid.js';
import { usCoreErrors } from '../testing/us-core-validator.js';
import { testContext } from '../testing/test-context.js';
import { IMPLANTABLE_DEVICE_PROFILE, parseDeviceId, toDevice } from './device.mapper.js';

type Json = Record<string, any>;
const DAR = { url: 'http://hl7.org/fhir/StructureDefinition/data-absent-reason', valueCode: 'unknown' };

const cases: Array<{ name: string; row: Parameters<typeof implantRow>[0]; issues?: string[]; expect: (d: Json) => void }> = [
  {
    name: 'GS1 UDI parsed: DI (GS1 issuer, FDA jurisdiction), raw HRF, expiry, lot, serial; type, name, maker, model',
    row: {},
    expect: (d) => {
      expect(d.id).toBe('140');
      expect(d.meta.profile).toEqual([IMPLANTABLE_DEVICE_PROFILE]);
      expect(d.udiCarrier).toEqual([{
        deviceIdentifier: '00844588003288', issuer: 'http://hl7.org/fhir/NamingSystem/gs1-di',
        jurisdiction: 'http://hl7.org/fhir/NamingSystem/fda-udi', carrierHRF: '(01)00844588003288(17)141120(10)7654321D(21)10987654d321',
      }]);
      expect(d).toMatchObject({ status: 'active', expirationDate: '2014-11-20', lotNumber: '7654321D', serialNumber: '10987654d321' });
      expect(d.manufactureDate).toBeUndefined();
      expect(d.type).toEqual({ coding: [{ system: 'http://snomed.info/sct', code: '468063009', display: 'Coated femoral stem prosthesis, modular' }], text: 'Coated femoral stem prosthesis, modular' });
      expect(d.deviceName).toEqual([{ name: 'Coated femoral stem prosthesis, modular', type: 'user-friendly-name' }]);
      expect(d).toMatchObject({ manufacturer: 'Acme Orthopedics', modelNumber: 'FS-200', patient: { reference: 'Patient/12' } });
    },
  },
  {
    name: 'manufacture date from the UDI (AI 11)',
    row: { UDI_STRING: '(01)10884521062856(11)141231(17)150707(10)A213B1(21)1234', LOT_NUMBER: 'A213B1', SERIAL_NUMBER: '1234', MFG_DATE: '2014-12-31', EXP_DATE: '2015-07-07' },
    expect: (d) => expect(d).toMatchObject({ manufactureDate: '2014-12-31', expirationDate: '2015-07-07', udiCarrier: [{ deviceIdentifier: '10884521062856' }] }),
  },
  {
    name: 'UDI disagrees with the lot column: the scanned UDI wins, reported',
    row: { LOT_NUMBER: '7654321B' },
    issues: ['IMPLANT.LOT_NUMBER:UDI_MISMATCH'],
    expect: (d) => expect(d.lotNumber).toBe('7654321D'),
  },
  {
    name: 'HIBCC UDI (documented form, no report): kept raw with a data-absent DI; columns fill lot, serial, dates',
    row: { UDI_STRING: '+H123PARTNO1/$$420020216LOT123456789/SXYZ456789012345678/16D20130202C', LOT_NUMBER: 'LOT123456789', SERIAL_NUMBER: 'XYZ456789012345678', MFG_DATE: '2013-02-02', EXP_DATE: '2020-02-16' },
    expect: (d) => {
      expect(d.udiCarrier).toEqual([{ _deviceIdentifier: { extension: [DAR] }, carrierHRF: '+H123PARTNO1/$$420020216LOT123456789/SXYZ456789012345678/16D20130202C' }]);
      expect(d).toMatchObject({ lotNumber: 'LOT123456789', serialNumber: 'XYZ456789012345678', manufactureDate: '2013-02-02', expirationDate: '2020-02-16' });
    },
  },
  {
    name: 'GS1 label typed by hand with blanks: parsed, raw kept as typed',
    row: { UDI_STRING: '(01) 00844588003288 (17) 141120 (10) 7654321D (21) 10987654d321' },
    expect: (d) => expect(d.udiCarrier[0]).toMatchObject({ deviceIdentifier: '00844588003288', carrierHRF: '(01) 00844588003288 (17) 141120 (10) 7654321D (21) 10987654d321' }),
  },
  {
    name: 'GS1 UDI with a wrong check digit (US Core Device-udi-2): not parsed, still valid',
    row: { UDI_STRING: '(01)99863313444316(17)220101(10)M320(21)AC221', LOT_NUMBER: null, SERIAL_NUMBER: null, EXP_DATE: null },
    issues: ['IMPLANT.UDI_STRING:BAD_GTIN'],
    expect: (d) => {
      expect(d.udiCarrier[0].carrierHRF).toBe('(01)99863313444316(17)220101(10)M320(21)AC221');
      expect(d.udiCarrier[0].deviceIdentifier).toBeUndefined();
      expect(d.lotNumber).toBeUndefined();
    },
  },
  {
    name: 'no UDI scanned (historical implant): no udiCarrier, manufacturer and model kept',
    row: { UDI_STRING: null, SNOMED_TYPE: null },
    expect: (d) => {
      expect(d.udiCarrier).toBeUndefined();
      expect(d.type).toEqual({ text: 'Coated femoral stem prosthesis, modular' });
      expect(d).toMatchObject({ manufacturer: 'Acme Orthopedics', modelNumber: 'FS-200', lotNumber: '7654321D' });
    },
  },
  {
    name: 'removed and entered-in-error statuses',
    row: { STATUS: 'I', REMOVED_DATE: '2020-01-01' },
    expect: (d) => expect(d.status).toBe('inactive'),
  },
  {
    name: 'entered in error',
    row: { STATUS: 'E' },
    expect: (d) => expect(d.status).toBe('entered-in-error'),
  },
  {
    name: 'unknown status: reported, status left out (0..1)',
    row: { STATUS: 'Q' },
    issues: ['IMPLANT.STATUS:Q'],
    expect: (d) => expect(d.status).toBeUndefined(),
  },
  {
    name: 'sparse row (every nullable column NULL)',
    row: { PROC_ID: null, UDI_STRING: null, SNOMED_TYPE: null, MANUFACTURER: null, MODEL_NUMBER: null, LOT_NUMBER: null, SERIAL_NUMBER: null, MFG_DATE: null, EXP_DATE: null, IMPLANT_DATE: null, CREATED_BY: null, UPDATED_BY: null },
    expect: (d) => expect(Object.keys(d).sort()).toEqual(['deviceName', 'id', 'meta', 'patient', 'resourceType', 'status', 'type']),
  },
];

describe('toDevice', () => {
  it.each(cases)('$name', (c) => {
    const ctx = testContext();
    const device = toDevice(implantRow(c.row), ctx);
    c.expect(device as Json);
    expect(ctx.issues.map((i) => `${i.column}:${i.code}`).sort()).toEqual([...(c.issues ?? [])].sort());
    expectValidUsCore(device);
  });

  it('the data-absent extension is what keeps an unparsed UDI valid (deviceIdentifier is 1..1 in udiCarrier)', () => {
    const device = toDevice(implantRow({ UDI_STRING: 'garbled' }), testContext()) as Json;
    delete device.udiCarrier[0]._deviceIdentifier;
    expect(usCoreErrors(device as never).length).toBeGreaterThan(0);
  });

  it('issues never carry the UDI itself', () => {
    const ctx = testContext();
    toDevice(implantRow({ UDI_STRING: '(01)99863313444316(21)SECRET' }), ctx);
    expect(JSON.stringify(ctx.issues)).not.toContain('SECRET');
  });

  it('ids round-trip and reject what no row can have', () => {
    expect(parseDeviceId('140')).toBe(140);
    for (const bad of ['0', '014', '-1', '2147483648', 'x1']) expect(parseDeviceId(bad)).toBeUndefined();
  });
});
